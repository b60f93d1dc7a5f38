import { describe, expect, it } from 'vitest';
import { type PriceTable, priceTableSchema } from '../shared/prices';
import { formatCost, priceOf, runCost, stepCost } from './cost';
import { finishedRun } from './export-test-runs';

const table: PriceTable = {
  currency: 'USD',
  models: { 'openai:gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 } },
};

describe('cost', () => {
  it('prices a step from its tokens and the table, per million', () => {
    const run = finishedRun();
    const step = run.steps[0];
    if (!step) throw new Error('fixture');
    // 812 in × 0.4 + 96 out × 1.6, per million
    expect(stepCost(run, step, table)?.amount).toBeCloseTo((812 * 0.4 + 96 * 1.6) / 1e6, 12);
  });

  it('adds up the steps for the run, and marks a sum missing a step as a floor', () => {
    const run = finishedRun();
    const sum = run.steps.reduce(
      (total, step) => total + (stepCost(run, step, table)?.amount ?? 0),
      0,
    );
    const cost = runCost(run, table);
    expect(cost?.amount).toBeCloseTo(sum, 12);
    const withFailedStep = {
      ...run,
      steps: [...run.steps, { id: 'step-x', index: 9, requestAt: 3000, callIds: [] }],
    };
    expect(runCost(withFailedStep, table)?.partial).toBe(true);
    expect(formatCost({ amount: 0.001234, currency: 'USD', estimated: false, partial: true })).toBe(
      '≥ $0.00123',
    );
  });

  it('shows nothing for a model the table does not price, or with no table', () => {
    const run = { ...finishedRun(), modelId: 'compatible:llama3.2' };
    expect(runCost(run, table)).toBeUndefined();
    expect(runCost(finishedRun(), null)).toBeUndefined();
    expect(priceOf(table, 'constructor')).toBeUndefined();
  });

  it('carries the estimate flag of the offline planner’s counts', () => {
    const run = finishedRun();
    const estimated = {
      ...run,
      steps: run.steps.map((step) => ({
        ...step,
        usage: { inputTokens: 10, outputTokens: 10, estimated: true },
      })),
    };
    expect(runCost(estimated, table)?.estimated).toBe(true);
  });

  it('refuses a table with a negative price or a wrong currency, naming the field', () => {
    const bad = priceTableSchema.safeParse({
      currency: 'dollars',
      models: { x: { inputPerMillion: -1, outputPerMillion: 1 } },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'currency',
      'models.x.inputPerMillion',
    ]);
  });

  it('accepts the shipped config/prices.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const shipped = JSON.parse(await readFile('config/prices.json', 'utf8'));
    expect(priceTableSchema.safeParse(shipped).success).toBe(true);
  });
});

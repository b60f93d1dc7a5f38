import { describe, expect, it } from 'vitest';
import { parallelOpportunity, runningInterval } from '../metrics';
import type { RunTrace } from '../trace-types';
import genaiShop from './fixtures/ai-sdk-genai-shop.json' with { type: 'json' };
import genaiWeather from './fixtures/ai-sdk-genai-weather.json' with { type: 'json' };
import legacyShop from './fixtures/ai-sdk-shop.json' with { type: 'json' };
import legacyWeather from './fixtures/ai-sdk-weather.json' with { type: 'json' };
import { importTraceFile } from './index';

/**
 * Spans the AI SDK itself recorded (`scripts/record-ai-sdk-spans.ts`): its own `ai.*`
 * telemetry and its GenAI-convention integration, for an agent that called get_weather three
 * times one step at a time, and one whose stock check used the lookup's SKU.
 */

function runOf(file: unknown): { run: RunTrace; format: string } {
  const result = importTraceFile(JSON.stringify(file));
  if (!result.ok) throw new Error(result.error);
  const [choice] = result.choices;
  const run = choice?.runs[0];
  if (!choice || !run) throw new Error('no run');
  return { run, format: choice.format };
}

describe.each([
  { name: 'ai.* telemetry', weather: legacyWeather, shop: legacyShop, format: 'ai-sdk' },
  { name: 'GenAI integration', weather: genaiWeather, shop: genaiShop, format: 'genai' },
])('AI SDK spans recorded from streamText ($name)', ({ weather, shop, format }) => {
  it('become one step per model call with its tool call', () => {
    const { run, format: read } = runOf(weather);
    expect(read).toBe(format);
    expect(run.spanOrder.map((id) => run.spans[id]?.toolName)).toEqual([
      'get_weather',
      'get_weather',
      'get_weather',
    ]);
    expect(run.spanOrder.map((id) => run.spans[id]?.input)).toEqual([
      { city: 'Paris' },
      { city: 'London' },
      { city: 'Tokyo' },
    ]);
    expect(run.steps).toHaveLength(4);
    expect(run.steps.slice(0, 3).map((step) => step.callIds.length)).toEqual([1, 1, 1]);
    expect(run.steps[0]?.usage?.inputTokens).toBe(120);
  });

  it('show the three independent calls as a parallel opportunity of Σ − the longest', () => {
    const { run } = runOf(weather);
    const lengths = run.spanOrder.map((id) => {
      const span = run.spans[id];
      const interval = span ? runningInterval(span, 0) : undefined;
      return interval ? interval.end - interval.start : 0;
    });
    const expected = lengths.reduce((sum, value) => sum + value, 0) - Math.max(...lengths);
    const opportunity = parallelOpportunity(run);
    expect(opportunity.savedMs).toBeGreaterThan(0);
    expect(opportunity.savedMs).toBeCloseTo(expected, 3);
    expect(opportunity.callIds).toHaveLength(3);
  });

  it('show none when the stock check used the lookup’s result', () => {
    const { run } = runOf(shop);
    expect(run.spanOrder.map((id) => run.spans[id]?.toolName)).toEqual([
      'lookup_product',
      'check_inventory',
    ]);
    expect(parallelOpportunity(run).savedMs).toBe(0);
  });
});

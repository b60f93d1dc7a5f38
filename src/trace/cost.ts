import type { ModelPrice, PriceTable } from '../shared/prices';
import type { RunTrace, StepTrace, TokenUsage } from './trace-types';

/**
 * What a run cost, from the operator's price table (shared/prices.ts). Cost belongs to model
 * steps: a provider bills each model request for the tokens it read and wrote. A tool call
 * bills nothing by itself; its input is part of a step's output tokens and its output part of
 * the next request's input tokens, mixed with the conversation, so a per-call share would be
 * a guess. Fanout shows cost per model step and per run, never per call. Pure.
 */
export type Cost = {
  amount: number;
  currency: string;
  /** The token counts were estimated (the offline planner counts words). */
  estimated: boolean;
  /** Some step of the run had no token counts (it failed or was stopped): the sum is a floor. */
  partial: boolean;
};

/** The price of a model, if the table has one. */
export function priceOf(table: PriceTable | null | undefined, modelId: string | undefined) {
  if (!table || !modelId) return undefined;
  return Object.hasOwn(table.models, modelId) ? table.models[modelId] : undefined;
}

/** One request's cost: tokens × price per million; undefined without both token counts. */
export function usageCost(usage: TokenUsage | undefined, price: ModelPrice): number | undefined {
  if (usage?.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  return (
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) /
    1_000_000
  );
}

/** A model step's cost, when its model is priced and its tokens were counted. */
export function stepCost(
  run: RunTrace,
  step: StepTrace,
  table: PriceTable | null | undefined,
): Cost | undefined {
  const price = priceOf(table, run.modelId);
  if (!price || !table) return undefined;
  const amount = usageCost(step.usage, price);
  if (amount === undefined) return undefined;
  return {
    amount,
    currency: table.currency,
    estimated: step.usage?.estimated === true,
    partial: false,
  };
}

/** The run's cost: every counted step added up; undefined when no step could be priced. */
export function runCost(run: RunTrace, table: PriceTable | null | undefined): Cost | undefined {
  let total: Cost | undefined;
  let uncounted = false;
  for (const step of run.steps) {
    const cost = stepCost(run, step, table);
    if (!cost) {
      uncounted = true;
      continue;
    }
    total = {
      amount: (total?.amount ?? 0) + cost.amount,
      currency: cost.currency,
      estimated: (total?.estimated ?? false) || cost.estimated,
      partial: false,
    };
  }
  return total ? { ...total, partial: uncounted } : undefined;
}

/** "$0.00123": three significant figures, since a step costs fractions of a cent. */
export function formatCost(cost: Cost, locale?: string): string {
  const money = new Intl.NumberFormat(locale ?? 'en-US', {
    style: 'currency',
    currency: cost.currency,
    minimumSignificantDigits: 1,
    maximumSignificantDigits: 3,
  }).format(cost.amount);
  return `${cost.partial ? '≥ ' : ''}${money}`;
}

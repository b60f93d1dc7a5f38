import { canonicalJson } from '../runtime/canonical-json';
import { type RunMetrics, runMetrics } from './metrics';
import type { RunTrace, SpanStatus, ToolSpan } from './trace-types';

/**
 * Two runs, side by side: the headline figures with their differences, and the calls matched
 * up by tool and input, so "what changed" reads as calls added, removed or with another status.
 * Pure, for the compare view and its tests.
 */

export type FigureKey =
  | 'durationMs'
  | 'wallMs'
  | 'sumMs'
  | 'speedup'
  | 'savedMs'
  | 'maxConcurrency'
  | 'calls'
  | 'steps'
  | 'ttftMs'
  | 'inputTokens'
  | 'outputTokens';

export type FigureDiff = {
  key: FigureKey;
  label: string;
  unit: 'ms' | 'ratio' | 'count';
  a?: number;
  b?: number;
  /** b − a, when both are known. */
  delta?: number;
  /** b ÷ a, for times, when both are known and a is not 0. */
  ratio?: number;
};

export type CallDiff = {
  /** Tool name and canonical input: what makes two calls "the same call". */
  key: string;
  toolName: string;
  input: unknown;
  change: 'same' | 'status' | 'added' | 'removed';
  aStatus?: SpanStatus;
  bStatus?: SpanStatus;
  /** Running time in each run, when it ran. */
  aMs?: number;
  bMs?: number;
};

export type RunComparison = {
  figures: FigureDiff[];
  calls: CallDiff[];
  counts: { same: number; status: number; added: number; removed: number };
};

function callKey(span: ToolSpan): string {
  let input: string;
  try {
    input = canonicalJson(span.input);
  } catch {
    input = String(span.input);
  }
  return `${span.toolName} ${input}`;
}

function runningMs(span: ToolSpan): number | undefined {
  return span.startedAt !== undefined && span.settledAt !== undefined
    ? span.settledAt - span.startedAt
    : undefined;
}

function figure(
  key: FigureKey,
  label: string,
  unit: FigureDiff['unit'],
  a: number | undefined,
  b: number | undefined,
): FigureDiff {
  const diff: FigureDiff = { key, label, unit, a, b };
  if (a !== undefined && b !== undefined) {
    diff.delta = b - a;
    // A ratio reads well for durations; for "saved" (which can be 0 or negative) it misleads.
    if (unit === 'ms' && key !== 'savedMs' && a > 0) diff.ratio = b / a;
  }
  return diff;
}

/** The figures compared, from each run's metrics. */
export function compareFigures(
  a: RunTrace,
  b: RunTrace,
  ma: RunMetrics = runMetrics(a),
  mb: RunMetrics = runMetrics(b),
): FigureDiff[] {
  return [
    figure('durationMs', 'Whole turn', 'ms', ma.durationMs, mb.durationMs),
    figure('wallMs', 'Tool wall time', 'ms', ma.wallMs, mb.wallMs),
    figure('sumMs', 'Σ tool time', 'ms', ma.sumMs, mb.sumMs),
    figure('speedup', 'Speedup', 'ratio', ma.speedup, mb.speedup),
    figure('savedMs', 'Saved by parallelism', 'ms', ma.savedMs, mb.savedMs),
    figure('maxConcurrency', 'Max concurrency', 'count', ma.maxConcurrency, mb.maxConcurrency),
    figure('calls', 'Tool calls', 'count', a.spanOrder.length, b.spanOrder.length),
    figure('steps', 'Model steps', 'count', a.steps.length, b.steps.length),
    figure('ttftMs', 'Time to first token', 'ms', ma.ttftMs, mb.ttftMs),
    figure('inputTokens', 'Tokens in (run)', 'count', ma.tokens.inputTokens, mb.tokens.inputTokens),
    figure(
      'outputTokens',
      'Tokens out (run)',
      'count',
      ma.tokens.outputTokens,
      mb.tokens.outputTokens,
    ),
  ];
}

/**
 * The calls of both runs matched by tool and input (in order, so a call made twice matches
 * twice): in both with the same status, in both with another status, only in B (added) or
 * only in A (removed). A's order first, then what B added.
 */
export function compareCalls(a: RunTrace, b: RunTrace): CallDiff[] {
  const spansOf = (run: RunTrace) =>
    run.spanOrder.flatMap((id) => (run.spans[id] ? [run.spans[id]] : []));
  const unmatched = new Map<string, ToolSpan[]>();
  for (const span of spansOf(b)) {
    const key = callKey(span);
    unmatched.set(key, [...(unmatched.get(key) ?? []), span]);
  }
  const diffs: CallDiff[] = [];
  for (const span of spansOf(a)) {
    const key = callKey(span);
    const twin = unmatched.get(key)?.shift();
    const base = { key, toolName: span.toolName, input: span.input };
    if (!twin) {
      diffs.push({ ...base, change: 'removed', aStatus: span.status, aMs: runningMs(span) });
      continue;
    }
    diffs.push({
      ...base,
      change: span.status === twin.status ? 'same' : 'status',
      aStatus: span.status,
      bStatus: twin.status,
      aMs: runningMs(span),
      bMs: runningMs(twin),
    });
  }
  for (const span of spansOf(b)) {
    const key = callKey(span);
    const left = unmatched.get(key);
    if (!left?.includes(span)) continue;
    diffs.push({
      key,
      toolName: span.toolName,
      input: span.input,
      change: 'added',
      bStatus: span.status,
      bMs: runningMs(span),
    });
  }
  return diffs;
}

/** Everything the compare view shows about two runs. */
export function compareRuns(a: RunTrace, b: RunTrace): RunComparison {
  const calls = compareCalls(a, b);
  const counts = { same: 0, status: 0, added: 0, removed: 0 };
  for (const call of calls) counts[call.change]++;
  return { figures: compareFigures(a, b), calls, counts };
}

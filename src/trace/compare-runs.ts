import { diffLines } from 'diff';
import { canonicalJson } from '../shared/canonical-json';
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
  /** Same status and output; another status; same status, another output; only in B; only in A. */
  change: CallChange;
  aStatus?: SpanStatus;
  bStatus?: SpanStatus;
  /** When the call started running in each run, ms from its run's start. */
  aStartMs?: number;
  bStartMs?: number;
  /** Running time in each run, when it ran. */
  aMs?: number;
  bMs?: number;
  /** How B's output differs from A's, when both have one and they differ. */
  outputDiff?: OutputDiff;
};

export const callChanges = ['same', 'status', 'output', 'added', 'removed'] as const;
export type CallChange = (typeof callChanges)[number];

/** One line of an output diff: in both, only in A (removed) or only in B (added). */
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

export type OutputDiff = {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** The outputs were too long to diff line by line: only "they differ" is known. */
  tooLong?: boolean;
};

/**
 * Whether the two runs started from the same conversation: the model's first request carried
 * the earlier messages too, so different context (more tokens in, more earlier messages) makes
 * their timings and answers not like for like.
 */
export type ContextDifference = {
  aTokensIn?: number;
  bTokensIn?: number;
  aPriorMessages?: number;
  bPriorMessages?: number;
};

export type RunComparison = {
  figures: FigureDiff[];
  calls: CallDiff[];
  counts: Record<CallChange, number>;
  /** Set when the runs' contexts differ (or undefined when they match or cannot be told). */
  context?: ContextDifference;
};

/** Longest output (in lines, each side) diffed line by line. */
const MAX_DIFF_LINES = 2000;

/** An output as lines a reader can compare: text as is, anything else as indented JSON. */
function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  try {
    return JSON.stringify(output, null, 2) ?? String(output);
  } catch {
    return String(output);
  }
}

/** How `b` differs from `a`, line by line; undefined when they are the same. */
export function diffOutputs(a: unknown, b: unknown): OutputDiff | undefined {
  const left = outputText(a);
  const right = outputText(b);
  if (left === right) return undefined;
  if (left.split('\n').length > MAX_DIFF_LINES || right.split('\n').length > MAX_DIFF_LINES) {
    return { lines: [], added: 0, removed: 0, tooLong: true };
  }
  const lines: DiffLine[] = [];
  for (const change of diffLines(left, right)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const texts = change.value.replace(/\n$/, '').split('\n');
    for (const text of texts) lines.push({ kind, text });
  }
  return {
    lines,
    added: lines.filter((line) => line.kind === 'added').length,
    removed: lines.filter((line) => line.kind === 'removed').length,
  };
}

/** The runs' context when it differs (first request's tokens in, or earlier messages). */
export function contextDifference(a: RunTrace, b: RunTrace): ContextDifference | undefined {
  const aTokensIn = a.steps[0]?.usage?.inputTokens;
  const bTokensIn = b.steps[0]?.usage?.inputTokens;
  const tokensDiffer =
    aTokensIn !== undefined && bTokensIn !== undefined && aTokensIn !== bTokensIn;
  const messagesDiffer =
    a.priorMessages !== undefined &&
    b.priorMessages !== undefined &&
    a.priorMessages !== b.priorMessages;
  if (!tokensDiffer && !messagesDiffer) return undefined;
  return {
    aTokensIn,
    bTokensIn,
    aPriorMessages: a.priorMessages,
    bPriorMessages: b.priorMessages,
  };
}

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
      diffs.push({
        ...base,
        change: 'removed',
        aStatus: span.status,
        aStartMs: span.startedAt,
        aMs: runningMs(span),
      });
      continue;
    }
    const outputDiff =
      span.output !== undefined && twin.output !== undefined
        ? diffOutputs(span.output, twin.output)
        : undefined;
    diffs.push({
      ...base,
      change: span.status !== twin.status ? 'status' : outputDiff ? 'output' : 'same',
      aStatus: span.status,
      bStatus: twin.status,
      aStartMs: span.startedAt,
      bStartMs: twin.startedAt,
      aMs: runningMs(span),
      bMs: runningMs(twin),
      ...(outputDiff ? { outputDiff } : {}),
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
      bStartMs: span.startedAt,
      bMs: runningMs(span),
    });
  }
  return diffs;
}

/** Everything the compare view shows about two runs. */
export function compareRuns(a: RunTrace, b: RunTrace): RunComparison {
  const calls = compareCalls(a, b);
  const counts: Record<CallChange, number> = {
    same: 0,
    status: 0,
    output: 0,
    added: 0,
    removed: 0,
  };
  for (const call of calls) counts[call.change]++;
  const context = contextDifference(a, b);
  return { figures: compareFigures(a, b), calls, counts, ...(context ? { context } : {}) };
}

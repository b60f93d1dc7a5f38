import { dispatchLatencyOf, phaseMs, phasesOf, runningSpan } from './call-vocabulary';
import { type DependencyLink, dependencyLinks } from './dependencies';
import type { RunTrace, StepTrace, TokenUsage, ToolSpan } from './trace-types';

/**
 * What parallelism did for a run, computed from its trace alone (DESIGN §5). Every function is
 * pure: a span still in flight is measured up to `now` (ms from the run's start), so the same
 * figures work for a live run redrawn every frame and for a finished or imported one.
 */

/** A closed time range in ms from the run's start. */
export type Interval = { start: number; end: number };

/** Summary of a set of durations; every figure is `undefined` when there are none. */
export type DurationStats = {
  count: number;
  min?: number;
  max?: number;
  mean?: number;
  median?: number;
  p95?: number;
  total: number;
};

/** The figures that describe how a set of tool calls overlapped. */
export type ToolFigures = {
  /** Calls that ran a handler (browser) or were run by the proxy (server). */
  ranCount: number;
  /**
   * The time at least one call was running (ms): the length of the union of the calls' running
   * intervals, so a wait with nothing running (a person deciding on an approval) is not in it;
   * 0 when nothing ran.
   */
  wallMs: number;
  /** Σ running time of every call that ran (ms). */
  sumMs: number;
  /** sum / wall: how many calls' worth of work went on at once, on average. */
  speedup?: number;
  /** sum / max(duration): the speedup if every call had started at the same instant. */
  idealSpeedup?: number;
  /** sum − wall: the time parallelism saved over running the same calls one after another. */
  savedMs: number;
  /** The most calls running at one instant. */
  maxConcurrency: number;
  /** Input available → handler start (a wait for approval left out), for browser calls that started. */
  dispatchLatency: DurationStats;
  /** Time calls spent waiting for a person's approval: human time, in no other figure. */
  approvalWait: DurationStats;
  /** Queued → start (or → settle/now for calls that never left the queue). */
  queue: DurationStats;
};

export type StepMetrics = ToolFigures & {
  stepId: string;
  index: number;
  /** Latest start − earliest start among the step's calls; ≈ 0 under the batch policy. */
  startSkewMs?: number;
  /** Request sent → first content (text, reasoning or a tool call) arrived. */
  ttftMs?: number;
  /** Request sent → first byte of the response. */
  ttfbMs?: number;
  /** Request sent → finish (or → now while streaming). */
  modelMs?: number;
  tokens: TokenUsage;
};

/** Where a gap on the critical path falls: nothing the run measured was going on. */
export type GapKind = 'dispatch' | 'delivery' | 'page-to-request' | 'finish';

/** The words for each gap, and what it is. */
export const gapKinds = {
  dispatch: {
    label: 'dispatch',
    meaning: 'The model released the call (or a person approved it) → the call started.',
  },
  delivery: {
    label: 'reaching the page',
    meaning: 'A server tool finished on the proxy → its result reached the page.',
  },
  'page-to-request': {
    label: 'page → next request',
    meaning: 'The step’s last output was back → the page sent the next model request.',
  },
  finish: {
    label: 'finishing',
    meaning: 'The last thing the path waited on → the turn ended.',
  },
} as const satisfies Record<GapKind, { label: string; meaning: string }>;

/**
 * One link of the critical path: a model phase, a person's approval, a tool call, or a named
 * gap between them. Together the segments cover the turn from its start to its end.
 */
export type CriticalSegment =
  | { kind: 'model'; stepId: string; start: number; end: number }
  | { kind: 'approval'; stepId: string; callId: string; start: number; end: number }
  | { kind: 'tool'; stepId: string; callId: string; start: number; end: number }
  | { kind: 'gap'; gap: GapKind; start: number; end: number };

export type CriticalPath = {
  /** In time order, earliest first; consecutive, from 0 to `totalMs`. */
  segments: CriticalSegment[];
  callIds: string[];
  /** Run start → run end: the whole turn. */
  totalMs: number;
  modelMs: number;
  toolMs: number;
  /** Time on the path spent waiting for a person (approvals). */
  humanMs: number;
  /** Time on the path that is none of the above: the named gaps (dispatch, page → request, …). */
  overheadMs: number;
};

export type RunMetrics = ToolFigures & {
  runId: string;
  /** Run start → end (or → now while running). */
  durationMs: number;
  /** Time to first token of the first step. */
  ttftMs?: number;
  tokens: TokenUsage;
  steps: StepMetrics[];
  criticalPath: CriticalPath;
};

/** lastKnownTime per run object: runs are immutable, and one render asks several times. */
const lastKnownCache = new WeakMap<RunTrace, number>();

/** The latest time the trace knows of; the stand-in for `now` once a run is over. */
export function lastKnownTime(run: RunTrace): number {
  const cached = lastKnownCache.get(run);
  if (cached !== undefined) return cached;
  let latest = run.endedAt ?? 0;
  const see = (value: number | undefined) => {
    if (value !== undefined && value > latest) latest = value;
  };
  for (const step of run.steps) {
    see(step.requestAt);
    see(step.firstByteAt);
    see(step.firstContentAt);
    see(step.textStartAt);
    see(step.finishedAt);
    see(step.outputsReturnedAt);
  }
  for (const id in run.spans) {
    const span = run.spans[id];
    if (!span) continue;
    see(span.inputStartedAt);
    see(span.inputAvailableAt);
    see(span.queuedAt);
    see(span.startedAt);
    see(span.settledAt);
  }
  lastKnownCache.set(run, latest);
  return latest;
}

/**
 * Where open intervals end: `now` while the run is live, else where the run ended, since a
 * span that never settled stopped being watched then.
 */
export function openEnd(run: RunTrace, now: number | undefined): number {
  if (run.status === 'running' && now !== undefined) return Math.max(now, lastKnownTime(run));
  return run.endedAt ?? lastKnownTime(run);
}

/** A call's running interval (handler start → settle, or → `end` while running); none if it never ran. */
export function runningInterval(span: ToolSpan, end: number): Interval | undefined {
  return phaseInterval(span, 'running', end);
}

/**
 * What "slow" means for a call, everywhere (the waterfall's filter, the bench): its handler ran
 * for at least a second. An absolute line, so a run of uniformly slow calls flags every one.
 */
export const SLOW_CALL_MS = 1000;

export function slowCall(runningMs: number | undefined): boolean {
  return runningMs !== undefined && runningMs >= SLOW_CALL_MS;
}

/** A call's queued interval (first queued → start, settle or `end`); none if it never queued. */
export function queuedInterval(span: ToolSpan, end: number): Interval | undefined {
  return phaseInterval(span, 'queued', end);
}

/** A call's wait for approval (asked → decided, or → `end`); none if it never asked. */
export function approvalInterval(span: ToolSpan, end: number): Interval | undefined {
  return phaseInterval(span, 'awaiting-approval', end);
}

function phaseInterval(
  span: ToolSpan,
  phase: 'running' | 'queued' | 'awaiting-approval',
  end: number,
): Interval | undefined {
  for (const interval of phasesOf(span)) {
    if (interval.phase === phase) {
      return { start: interval.start, end: Math.max(interval.start, interval.end ?? end) };
    }
  }
  return undefined;
}

/** Length of an interval in ms. */
export function lengthOf(interval: Interval): number {
  return interval.end - interval.start;
}

/**
 * The most intervals covering one instant (a sweep line). Touching intervals do not overlap
 * (one ends as the next starts, as in a sequential run), but a zero-length interval still
 * counts at its instant, so a sub-millisecond call is never invisible.
 */
export function maxConcurrency(intervals: readonly Interval[]): number {
  // Three sorted streams of numbers instead of one sorted list of event objects (no comparator
  // calls, no allocation per event). At equal times: ends of real intervals, then starts, then
  // ends of zero-length ones.
  const starts = new Float64Array(intervals.length);
  let realEndCount = 0;
  for (const { start, end } of intervals) if (end > start) realEndCount++;
  const realEnds = new Float64Array(realEndCount);
  const instantEnds = new Float64Array(intervals.length - realEndCount);
  let real = 0;
  let instant = 0;
  intervals.forEach(({ start, end }, index) => {
    starts[index] = start;
    if (end > start) realEnds[real++] = end;
    else instantEnds[instant++] = end;
  });
  starts.sort();
  realEnds.sort();
  instantEnds.sort();
  const next = (list: Float64Array, index: number) =>
    index < list.length ? (list[index] as number) : Number.POSITIVE_INFINITY;
  let s = 0;
  let r = 0;
  let z = 0;
  let current = 0;
  let most = 0;
  for (;;) {
    const start = next(starts, s);
    const realEnd = next(realEnds, r);
    const instantEnd = next(instantEnds, z);
    if (r < realEnds.length && realEnd <= start && realEnd <= instantEnd) {
      current--;
      r++;
    } else if (s < starts.length && start <= instantEnd) {
      current++;
      s++;
      if (current > most) most = current;
    } else if (z < instantEnds.length) {
      current--;
      z++;
    } else {
      break;
    }
  }
  return most;
}

/** Count, min, max, mean, median, p95 and total of a list of durations. */
export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, total: 0 };
  // A typed array sorts numerically without a comparator call per step.
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  for (const value of sorted) total += value;
  // Nearest-rank percentiles: the reported value is one that was actually measured.
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    count: sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: total / sorted.length,
    median: rank(0.5),
    p95: rank(0.95),
    total,
  };
}

/** sum / wall, or undefined when nothing took measurable time (a 0/0 speedup means nothing). */
export function ratio(numerator: number, denominator: number): number | undefined {
  return denominator > 0 ? numerator / denominator : undefined;
}

/** Wall, sum, speedup, ideal, saved, concurrency, dispatch and queue figures for some calls. */
export function toolFigures(spans: readonly ToolSpan[], end: number): ToolFigures {
  return figuresOf(spans, end).figures;
}

/** toolFigures, plus the longest running interval (runMetrics sums it over steps). */
function figuresOf(
  spans: readonly ToolSpan[],
  end: number,
): { figures: ToolFigures; longestMs: number } {
  const intervals: Interval[] = [];
  const dispatch: number[] = [];
  const queue: number[] = [];
  const approval: number[] = [];
  let sum = 0;
  let longest = 0;
  for (const span of spans) {
    const running = runningInterval(span, end);
    if (running) {
      intervals.push(running);
      const length = lengthOf(running);
      sum += length;
      if (length > longest) longest = length;
    }
    // Server calls "start" when the proxy has their input, so only browser calls have one.
    const latency = dispatchLatencyOf(span);
    if (latency !== undefined) dispatch.push(latency);
    const queued = queuedInterval(span, end);
    if (queued) queue.push(lengthOf(queued));
    const waited = phaseMs(span, 'awaiting-approval', end);
    if (waited !== undefined) approval.push(waited);
  }
  const wall = unionLength(intervals);
  return {
    figures: {
      ranCount: intervals.length,
      wallMs: wall,
      sumMs: sum,
      speedup: ratio(sum, wall),
      idealSpeedup: ratio(sum, longest),
      savedMs: sum - wall,
      maxConcurrency: maxConcurrency(intervals),
      dispatchLatency: durationStats(dispatch),
      queue: durationStats(queue),
      approvalWait: durationStats(approval),
    },
    longestMs: longest,
  };
}

/**
 * The length of the union of some intervals: the time at least one of them was going on;
 * 0 when there are none.
 */
export function unionLength(intervals: readonly Interval[]): number {
  if (intervals.length === 0) return 0;
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const interval of sorted) {
    if (interval.start > end) {
      if (end > start) total += end - start;
      start = interval.start;
      end = interval.end;
    } else if (interval.end > end) {
      end = interval.end;
    }
  }
  if (end > start) total += end - start;
  return total;
}

/** The spans of one step, in the order the model emitted them. */
export function spansOfStep(run: RunTrace, step: StepTrace): ToolSpan[] {
  const spans: ToolSpan[] = [];
  for (const callId of step.callIds) {
    const span = run.spans[callId];
    if (span) spans.push(span);
  }
  return spans;
}

/** Latest start − earliest start among the calls that started; undefined under two calls. */
export function startSkew(spans: readonly ToolSpan[]): number | undefined {
  let count = 0;
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    if (span.startedAt === undefined) continue;
    count++;
    earliest = Math.min(earliest, span.startedAt);
    latest = Math.max(latest, span.startedAt);
  }
  return count < 2 ? undefined : latest - earliest;
}

/** Request sent → first content; undefined until content arrived. */
export function ttftOf(step: StepTrace): number | undefined {
  return step.firstContentAt === undefined ? undefined : step.firstContentAt - step.requestAt;
}

function addTokens(total: TokenUsage, usage: TokenUsage | undefined): TokenUsage {
  if (!usage) return total;
  const add = (a: number | undefined, b: number | undefined) =>
    a === undefined ? b : b === undefined ? a : a + b;
  const sum: TokenUsage = {
    inputTokens: add(total.inputTokens, usage.inputTokens),
    outputTokens: add(total.outputTokens, usage.outputTokens),
    totalTokens: add(total.totalTokens, usage.totalTokens),
  };
  // A total with one estimated part is an estimate.
  if (total.estimated || usage.estimated) sum.estimated = true;
  return sum;
}

/** Every figure for one step; open spans and an open model phase are measured to `end`. */
export function stepMetrics(run: RunTrace, step: StepTrace, end: number): StepMetrics {
  return stepFigures(run, step, end).metrics;
}

function stepFigures(
  run: RunTrace,
  step: StepTrace,
  end: number,
): { metrics: StepMetrics; longestMs: number } {
  const spans = spansOfStep(run, step);
  const { figures, longestMs } = figuresOf(spans, end);
  const metrics: StepMetrics = {
    ...figures,
    stepId: step.id,
    index: step.index,
    startSkewMs: startSkew(spans),
    ttftMs: ttftOf(step),
    ttfbMs: step.firstByteAt === undefined ? undefined : step.firstByteAt - step.requestAt,
    modelMs: Math.max(0, (step.finishedAt ?? end) - step.requestAt),
    tokens: addTokens({}, step.usage),
  };
  return { metrics, longestMs };
}

/** Where a call's end is: its settle time, or `end` while it is open. */
function endOf(span: ToolSpan, end: number): number {
  return span.settledAt ?? end;
}

/** Half a millisecond: below this two readings of `performance.now()` count as the same instant. */
const SAME_INSTANT_MS = 0.5;

/**
 * Walks back from a step's last-settling call to the moment the model released the chain:
 * a queued call was gated by the call whose settle freed its slot (sequential, caps) or by the
 * step closing (batch); a shared call by the call it shared; otherwise by its own input.
 * Returns the chain earliest first.
 */
export function toolChain(
  run: RunTrace,
  step: StepTrace,
  end: number,
): { chain: ToolSpan[]; releasedAt: number } | undefined {
  const spans = spansOfStep(run, step);
  // The follow-up waited for the last call to settle; on ties the longer call is the cause.
  let last: ToolSpan | undefined;
  for (const span of spans) {
    if (!last) {
      last = span;
      continue;
    }
    const delta = endOf(span, end) - endOf(last, end);
    if (delta > 0 || (delta === 0 && startOf(span, end) < startOf(last, end))) last = span;
  }
  if (!last) return undefined;
  // Sorted only if some link of the chain was queued (parallel runs rarely need it).
  let bySettle: ToolSpan[] | undefined;
  const chain: ToolSpan[] = [last];
  const seen = new Set([last.callId]);
  let current = last;
  for (;;) {
    if (current.startedAt === undefined && current.sharedWith) {
      // A duplicate settles when the call it shares does: that call is the real cause.
      const source = run.spans[current.sharedWith];
      if (source && !seen.has(source.callId)) {
        chain[0] = source;
        seen.add(source.callId);
        current = source;
        continue;
      }
    }
    const queuedAt = current.queuedAt;
    const startedAt = current.startedAt ?? end;
    if (queuedAt !== undefined && startedAt - queuedAt > SAME_INSTANT_MS) {
      if (current.queueReason === 'step-open') {
        return { chain, releasedAt: step.finishedAt ?? startedAt };
      }
      bySettle ??= settleOrder(spans);
      const freed = latestSettled(
        bySettle,
        queuedAt - SAME_INSTANT_MS,
        startedAt + SAME_INSTANT_MS,
        seen,
      );
      if (freed) {
        chain.unshift(freed);
        seen.add(freed.callId);
        current = freed;
        continue;
      }
    }
    const releasedAt =
      current.inputAvailableAt ?? current.inputStartedAt ?? current.startedAt ?? step.requestAt;
    return { chain, releasedAt };
  }
}

/**
 * The settled calls by settle time, and among equal times in the model's order: with a binary
 * search over it, finding what freed each queued call of a long sequential chain is O(log n),
 * not a scan of every call per link.
 */
function settleOrder(spans: readonly ToolSpan[]): ToolSpan[] {
  const settled: Array<{ span: ToolSpan; index: number }> = [];
  spans.forEach((span, index) => {
    if (span.settledAt !== undefined) settled.push({ span, index });
  });
  settled.sort(
    (a, b) => (a.span.settledAt as number) - (b.span.settledAt as number) || a.index - b.index,
  );
  return settled.map((entry) => entry.span);
}

/**
 * The call not yet in `seen` that settled last within [from, to]; on equal times the one the
 * model emitted first. `bySettle` comes from settleOrder.
 */
export function latestSettled(
  bySettle: readonly ToolSpan[],
  from: number,
  to: number,
  seen: ReadonlySet<string>,
): ToolSpan | undefined {
  // The first index whose settle time is past `to`.
  let low = 0;
  let high = bySettle.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((bySettle[middle]?.settledAt ?? 0) > to) high = middle;
    else low = middle + 1;
  }
  let found: ToolSpan | undefined;
  for (let index = low - 1; index >= 0; index--) {
    const span = bySettle[index];
    if (!span || span.settledAt === undefined || span.settledAt < from) break;
    // Walking down, equal times run from the model's last call to its first: keep the first.
    if (found && span.settledAt < (found.settledAt ?? 0)) break;
    if (!seen.has(span.callId)) found = span;
  }
  return found;
}

/** Where a call's work began: handler start, else when its input was complete. */
function startOf(span: ToolSpan, end: number): number {
  return span.startedAt ?? span.inputAvailableAt ?? span.queuedAt ?? span.settledAt ?? end;
}

/**
 * The run's critical path: the chain of model phases and tool calls that its end time waited
 * on. The last step's model phase ended the run; its request waited for the previous step's
 * last call to settle; that call waited for whatever held it (the call before it, a cap, the
 * step closing) or for the model to emit its input; and that model phase counts only up to
 * the moment it released the chain. Shortening anything off the path would not have made the
 * run end sooner. A run still waiting on (or cut off during) its last step's calls ends with them.
 */
export function criticalPath(run: RunTrace, now?: number): CriticalPath {
  const end = openEnd(run, now);
  const segments: CriticalSegment[] = [];
  let cursor = 0;
  // Each link starts where the previous one ended; time between them is a named gap.
  const add = (segment: CriticalSegment, gap: GapKind) => {
    const hasGap = segment.start - cursor > SAME_INSTANT_MS;
    if (hasGap) segments.push({ kind: 'gap', gap, start: cursor, end: segment.start });
    const start = hasGap ? segment.start : cursor;
    const stop = Math.max(start, segment.end);
    segments.push({ ...segment, start, end: stop });
    cursor = stop;
  };
  for (const [index, step] of run.steps.entries()) {
    const finish = Math.max(step.requestAt, step.finishedAt ?? end);
    const isLast = index === run.steps.length - 1;
    let found = toolChain(run, step, end);
    // The last step's calls matter only if the run's end waited on them.
    if (found && isLast) {
      const tail = found.chain.at(-1);
      if (!tail || endOf(tail, end) < finish) found = undefined;
    }
    const modelStart = Math.max(step.requestAt, cursor);
    const modelEnd = found
      ? Math.min(finish, Math.max(modelStart, found.releasedAt))
      : Math.max(modelStart, finish);
    add(
      { kind: 'model', stepId: step.id, start: step.requestAt, end: modelEnd },
      'page-to-request',
    );
    for (const span of found?.chain ?? []) {
      const approval = approvalInterval(span, end);
      if (approval) {
        add({ kind: 'approval', stepId: step.id, callId: span.callId, ...approval }, 'dispatch');
      }
      // A call that never ran after its approval (denied, stopped) has no tool time.
      if (approval && span.startedAt === undefined) continue;
      const ran = runningSpan(span);
      if (span.serverRan && ran.start !== undefined && ran.end !== undefined) {
        // Timed where it ran: the proxy's run, then its result's way to the page.
        add(
          { kind: 'tool', stepId: step.id, callId: span.callId, start: ran.start, end: ran.end },
          'dispatch',
        );
        add({ kind: 'gap', gap: 'delivery', start: ran.end, end: endOf(span, end) }, 'delivery');
        continue;
      }
      const start = span.startedAt ?? startOf(span, end);
      add(
        { kind: 'tool', stepId: step.id, callId: span.callId, start, end: endOf(span, end) },
        'dispatch',
      );
    }
  }
  const totalMs = Math.max(0, end, cursor);
  if (segments.length > 0 && totalMs - cursor > SAME_INSTANT_MS) {
    segments.push({ kind: 'gap', gap: 'finish', start: cursor, end: totalMs });
  }
  let modelMs = 0;
  let toolMs = 0;
  let humanMs = 0;
  let gapMs = 0;
  for (const segment of segments) {
    const length = segment.end - segment.start;
    switch (segment.kind) {
      case 'model':
        modelMs += length;
        break;
      case 'tool':
        toolMs += length;
        break;
      case 'approval':
        humanMs += length;
        break;
      case 'gap':
        gapMs += length;
        break;
      default:
        segment satisfies never;
    }
  }
  const callIds: string[] = [];
  for (const segment of segments) {
    if (segment.kind === 'tool' || segment.kind === 'approval') {
      if (callIds.at(-1) !== segment.callId) callIds.push(segment.callId);
    }
  }
  return {
    segments,
    callIds,
    totalMs,
    modelMs,
    toolMs,
    humanMs,
    overheadMs: gapMs,
  };
}

/**
 * Every figure for a run. The run's wall is the sum of its steps' walls, not first start →
 * last settle across steps: between steps the model is answering, and that time is neither
 * tool time nor something parallel calls could have saved. The ideal likewise sums each
 * step's longest call, because a later step's calls cannot start before the earlier step's.
 */
export function runMetrics(run: RunTrace, now?: number): RunMetrics {
  const end = openEnd(run, now);
  const spans = run.spanOrder.flatMap((id) => {
    const span = run.spans[id];
    return span ? [span] : [];
  });
  // Each step's figures once: its wall and longest call feed the run's, and `steps` lists them.
  const steps = run.steps.map((step) => stepFigures(run, step, end));
  let wall = 0;
  let longestPerGroup = 0;
  for (const { metrics, longestMs } of steps) {
    wall += metrics.wallMs;
    longestPerGroup += longestMs;
  }
  // Calls the trace could not tie to a step still count, as a group of their own.
  const stepped = new Set<string>();
  for (const step of run.steps) for (const id of step.callIds) stepped.add(id);
  const loose = spans.filter((span) => !stepped.has(span.callId));
  if (loose.length > 0) {
    const { figures, longestMs } = figuresOf(loose, end);
    wall += figures.wallMs;
    longestPerGroup += longestMs;
  }
  const all = toolFigures(spans, end);
  const first = run.steps[0];
  return {
    ...all,
    wallMs: wall,
    speedup: ratio(all.sumMs, wall),
    idealSpeedup: ratio(all.sumMs, longestPerGroup),
    savedMs: all.sumMs - wall,
    runId: run.id,
    durationMs: Math.max(0, end),
    ttftMs: first ? ttftOf(first) : undefined,
    tokens: run.steps.reduce<TokenUsage>((total, step) => addTokens(total, step.usage), {}),
    steps: steps.map((step) => step.metrics),
    criticalPath: criticalPath(run, now),
  };
}

/** Calls that ran one after another although none used another's output, and what it cost. */
export type ParallelOpportunity = {
  /**
   * Tool wall time that running them together would have saved: the run's tool wall (per step,
   * the time at least one of its calls was running, summed) minus the wall of the same calls
   * in as few steps as their dependencies allow (each step as long as its longest call). 0 when
   * no calls that could have shared a step ran one after another.
   */
  savedMs: number;
  /** The calls involved, in the run's order: each ran before or after one it could have run with. */
  callIds: string[];
};

/**
 * Parallel opportunities, for native and imported runs alike. Dependencies are the ones the
 * timeline draws (`dependencyLinks`, from values in inputs and outputs). A call that used an
 * output can run no earlier than the step after that output's (the model must read it first),
 * so each call gets a level: 0 without dependencies, else one more than its deepest source.
 * Calls of one level could have run together; those that ran one after another are the
 * opportunity, and the ideal wall is the sum over levels of each level's longest call. Pure.
 */
export function parallelOpportunity(
  run: RunTrace,
  links: readonly DependencyLink[] = dependencyLinks(run),
): ParallelOpportunity {
  const end = openEnd(run, undefined);
  const calls: Array<{ id: string; stepId: string; interval: Interval }> = [];
  for (const id of run.spanOrder) {
    const span = run.spans[id];
    const interval = span && span.state === 'settled' ? runningInterval(span, end) : undefined;
    if (span && interval) calls.push({ id, stepId: span.stepId, interval });
  }
  if (calls.length < 2) return { savedMs: 0, callIds: [] };
  const sources = new Map<string, string[]>();
  for (const link of links) {
    const list = sources.get(link.toCallId);
    if (list) list.push(link.fromCallId);
    else sources.set(link.toCallId, [link.fromCallId]);
  }
  // Links always run from an earlier step to a later one, so this recursion ends.
  const levels = new Map<string, number>();
  const levelOf = (id: string): number => {
    const known = levels.get(id);
    if (known !== undefined) return known;
    let level = 0;
    for (const source of sources.get(id) ?? []) level = Math.max(level, levelOf(source) + 1);
    levels.set(id, level);
    return level;
  };
  // Per level, the two earliest ends and the two latest starts: a call ran one after another
  // with some other call of its level when another's end is at or before its start, or
  // another's start at or after its end. Linear, for runs of a thousand calls.
  type Extremes = { ends: [number, number]; starts: [number, number] };
  const extremes = new Map<number, Extremes>();
  for (const call of calls) {
    const level = levelOf(call.id);
    const known = extremes.get(level) ?? {
      ends: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
      starts: [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
    };
    const { start, end: stop } = call.interval;
    if (stop < known.ends[0]) known.ends = [stop, known.ends[0]];
    else if (stop < known.ends[1]) known.ends[1] = stop;
    if (start > known.starts[0]) known.starts = [start, known.starts[0]];
    else if (start > known.starts[1]) known.starts[1] = start;
    extremes.set(level, known);
  }
  const flagged = new Set<string>();
  for (const call of calls) {
    const known = extremes.get(levelOf(call.id));
    if (!known) continue;
    const { start, end: stop } = call.interval;
    // The earliest end and latest start among the others (this call's own may be the extreme).
    const otherEnd = stop === known.ends[0] ? known.ends[1] : known.ends[0];
    const otherStart = start === known.starts[0] ? known.starts[1] : known.starts[0];
    if (otherEnd <= start || otherStart >= stop) flagged.add(call.id);
  }
  if (flagged.size === 0) return { savedMs: 0, callIds: [] };
  const byStep = new Map<string, Interval[]>();
  const longestByLevel = new Map<number, number>();
  for (const call of calls) {
    const list = byStep.get(call.stepId);
    if (list) list.push(call.interval);
    else byStep.set(call.stepId, [call.interval]);
    const level = levelOf(call.id);
    longestByLevel.set(level, Math.max(longestByLevel.get(level) ?? 0, lengthOf(call.interval)));
  }
  let actual = 0;
  for (const intervals of byStep.values()) actual += unionLength(intervals);
  let ideal = 0;
  for (const longest of longestByLevel.values()) ideal += longest;
  return {
    savedMs: Math.max(0, actual - ideal),
    callIds: calls.filter((call) => flagged.has(call.id)).map((call) => call.id),
  };
}

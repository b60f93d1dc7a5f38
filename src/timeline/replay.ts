import { phaseAt } from '../trace/call-vocabulary';
import { lastKnownTime } from '../trace/metrics';
import type { ProxyTimes, RunTrace, StepTrace, ToolSpan } from '../trace/trace-types';

/**
 * Replay is pure time-slicing: a recorded run, cut at a virtual `t` (ms from the run's start),
 * is the run as the trace store held it at that moment — every reading after `t` forgotten.
 * The waterfall then draws the slice exactly as it drew the live run, so a replay needs no
 * model, no network and no drawing code of its own.
 */

/** The speeds a replay offers: slower than real time for a presenter talking over it. */
export const replaySpeeds = [0.25, 0.5, 1, 2, 4] as const;
export type ReplaySpeed = (typeof replaySpeeds)[number];

/** The keys (`event.key`) that step a focused replay from event to event. */
export const replayStepKeys = {
  previous: [',', 'ArrowLeft'],
  next: ['.', 'ArrowRight'],
} as const;

/** "0.25×", "2×": a speed as the replay's buttons name it. */
export function speedLabel(speed: ReplaySpeed): string {
  return `${speed}×`;
}

/** How long a replay of `run` lasts at 1×: its end, else its last reading. */
export function replayDuration(run: RunTrace): number {
  return Math.max(run.endedAt ?? 0, lastKnownTime(run));
}

const known = (value: number | undefined, t: number) =>
  value !== undefined && value <= t ? value : undefined;

/** The first moment a call shows on the timeline. */
function firstSeen(span: ToolSpan): number | undefined {
  const times = [
    span.inputStartedAt,
    span.inputAvailableAt,
    span.queuedAt,
    span.startedAt,
    span.settledAt,
  ].filter((value): value is number => value !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

/** A call as it stood at `t`: later readings dropped, its phase and result only once reached. */
export function spanAt(span: ToolSpan, t: number): ToolSpan {
  if (span.settledAt !== undefined && span.settledAt <= t) return span;
  const inputAvailableAt = known(span.inputAvailableAt, t);
  const approvalRequestedAt = known(span.approvalRequestedAt, t);
  const approvalResolvedAt = known(span.approvalResolvedAt, t);
  const queuedAt = known(span.queuedAt, t);
  const startedAt = known(span.startedAt, t);
  const sliced: ToolSpan = {
    callId: span.callId,
    toolName: span.toolName,
    stepId: span.stepId,
    runsOn: span.runsOn,
    state: 'input-streaming',
    inputStartedAt: known(span.inputStartedAt, t),
    inputAvailableAt,
    approvalRequestedAt,
    approvalResolvedAt,
    queuedAt,
    startedAt,
  };
  // The slice is in whatever phase the vocabulary says the call was in at t. (A server
  // tool's proxy readings arrive with its output, after t here: the slice has none.)
  const phase = phaseAt(sliced, t) ?? 'input-streaming';
  sliced.state =
    (phase === 'running' || phase === 'delivery') && span.runsOn === 'server'
      ? 'remote'
      : phase === 'delivery'
        ? 'running'
        : phase;
  if (approvalResolvedAt !== undefined && span.approval) sliced.approval = span.approval;
  if (inputAvailableAt !== undefined) sliced.input = span.input;
  if (queuedAt !== undefined && span.queueReason) sliced.queueReason = span.queueReason;
  if (startedAt !== undefined && span.deadlineMs !== undefined) sliced.deadlineMs = span.deadlineMs;
  if (span.sharedWith !== undefined && inputAvailableAt !== undefined) {
    sliced.sharedWith = span.sharedWith;
    if (startedAt === undefined) sliced.state = 'sharing';
  }
  return sliced;
}

function proxyAt(run: RunTrace, proxy: ProxyTimes | undefined, t: number): ProxyTimes | undefined {
  if (!proxy) return undefined;
  // The proxy's readings are epoch ms; they count as reached by their offset from the run's start.
  const entries = Object.entries(proxy).filter(
    ([, epoch]) => typeof epoch === 'number' && epoch - run.startedAtEpochMs <= t,
  );
  return entries.length ? (Object.fromEntries(entries) as ProxyTimes) : undefined;
}

function stepAt(run: RunTrace, step: StepTrace, t: number, visible: Set<string>): StepTrace {
  const finishedAt = known(step.finishedAt, t);
  const sliced: StepTrace = {
    id: step.id,
    index: step.index,
    requestAt: step.requestAt,
    firstByteAt: known(step.firstByteAt, t),
    firstContentAt: known(step.firstContentAt, t),
    textStartAt: known(step.textStartAt, t),
    finishedAt,
    outputsReturnedAt: known(step.outputsReturnedAt, t),
    callIds: step.callIds.filter((id) => visible.has(id)),
  };
  const proxy = proxyAt(run, step.proxy, t);
  if (proxy) sliced.proxy = proxy;
  // What the response said at its end (reason, usage, error) is known only once it ended.
  if (finishedAt !== undefined) {
    if (step.finishReason !== undefined) sliced.finishReason = step.finishReason;
    if (step.usage) sliced.usage = step.usage;
    if (step.errorText !== undefined) sliced.errorText = step.errorText;
  }
  return sliced;
}

/**
 * The run as it stood `t` ms after its start: steps not yet requested and calls not yet seen
 * are absent, open phases have no end, results appear when their call settles, and the run is
 * `running` until `t` reaches its end — from then on the recorded run itself (same object), so
 * a finished replay draws exactly what the original drew.
 */
export function runAt(run: RunTrace, t: number): RunTrace {
  if (!(t < replayDuration(run))) return run;
  const at = Math.max(0, t);
  const visible = new Set<string>();
  const spans: Record<string, ToolSpan> = {};
  for (const id of run.spanOrder) {
    const span = run.spans[id];
    const seen = span ? firstSeen(span) : undefined;
    if (!span || seen === undefined || seen > at) continue;
    visible.add(id);
    spans[id] = spanAt(span, at);
  }
  return {
    ...run,
    status: 'running',
    endedAt: undefined,
    steps: run.steps
      .filter((step) => step.requestAt <= at)
      .map((step) => stepAt(run, step, at, visible)),
    spanOrder: run.spanOrder.filter((id) => visible.has(id)),
    spans,
  };
}

/** Where a replay clock stands after `elapsedMs` of real time at `speed`, from `fromMs`. */
export function advance(fromMs: number, elapsedMs: number, speed: number, endMs: number): number {
  return Math.min(endMs, Math.max(0, fromMs + Math.max(0, elapsedMs) * speed));
}

/**
 * Every moment something changes in the run (a step's request, first byte, end; a call's input,
 * queue, start, settle), sorted and distinct, from 0 to the run's end: the stops of "step to
 * the next event".
 */
export function replayEventTimes(run: RunTrace): number[] {
  const times = new Set<number>([0, replayDuration(run)]);
  const add = (value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) times.add(value);
  };
  for (const step of run.steps) {
    add(step.requestAt);
    add(step.firstByteAt);
    add(step.firstContentAt);
    add(step.textStartAt);
    add(step.finishedAt);
    add(step.outputsReturnedAt);
  }
  for (const span of Object.values(run.spans)) {
    add(span.inputStartedAt);
    add(span.inputAvailableAt);
    add(span.approvalRequestedAt);
    add(span.approvalResolvedAt);
    add(span.queuedAt);
    add(span.startedAt);
    add(span.settledAt);
  }
  return [...times].filter((time) => time >= 0).sort((a, b) => a - b);
}

/** The event after (direction 1) or before (-1) `t`, or `t` itself at either end. */
export function stepEvent(times: readonly number[], t: number, direction: 1 | -1): number {
  if (direction === 1) return times.find((time) => time > t) ?? t;
  for (let index = times.length - 1; index >= 0; index -= 1) {
    const time = times[index];
    if (time !== undefined && time < t) return time;
  }
  return t;
}

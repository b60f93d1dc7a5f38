import type { RunStatus, SpanStatus, ToolSpan } from './trace-types';

/**
 * The one vocabulary of a tool call's life: every phase a call passes through and every status
 * it can show, with its words, glyph, colour token and meaning. The chat row, the waterfall,
 * the inspector, replay, compare, the metrics and both exports read it from here; a phase or
 * status added to these tables fails to compile until every table has its entry, and every
 * `switch` over them that misses it fails too (they end in `satisfies never`).
 */

/** The phases of a call that has not settled, in the order a call passes through them. */
export type OpenPhase = 'input-streaming' | 'awaiting-approval' | 'queued' | 'sharing' | 'running';

/**
 * Every phase a call's bar can show: the open ones, and `delivery`, a server tool's result on
 * its way from the proxy to the page (the page only learns of it when it ends, so no call is
 * ever shown "in" it).
 */
export type CallPhaseName = OpenPhase | 'delivery';

/** What a call shows: a settled call's status, or the phase an open call is in. */
export type CallStatusName = SpanStatus | OpenPhase;

/** Who a phase's time belongs to: the model, the page's machinery, a person, or the tool. */
export type PhaseOwner = 'model' | 'page' | 'human' | 'tool';

export type PhaseInfo = {
  label: string;
  owner: PhaseOwner;
  /** What the phase means, for tooltips and the docs. */
  meaning: string;
};

export const callPhases = {
  'input-streaming': {
    label: 'receiving input',
    owner: 'model',
    meaning: 'The model is still writing the call’s input.',
  },
  'awaiting-approval': {
    label: 'awaiting approval',
    owner: 'human',
    meaning:
      'The call changes something and waits for a person to approve it: human time, never tool time, dispatch latency or wall.',
  },
  queued: {
    label: 'queued',
    owner: 'page',
    meaning:
      'Input complete, waiting for its turn: the step to close (batch), the call before it (sequential) or a free slot under a concurrency cap.',
  },
  sharing: {
    label: 'waiting for its twin',
    owner: 'page',
    meaning: 'An identical call of the same turn is already running; this one takes its result.',
  },
  running: {
    label: 'running',
    owner: 'tool',
    meaning:
      'The handler is running: in the page, timed by the page; or on the proxy for server tools, timed by the proxy’s own clock.',
  },
  delivery: {
    label: 'reaching the page',
    owner: 'page',
    meaning: 'A server tool finished on the proxy; its result is on its way to the page.',
  },
} as const satisfies Record<CallPhaseName, PhaseInfo>;

export type StatusInfo = {
  label: string;
  /** A glyph, so colour is never the only signal. */
  icon: string;
  /** The status's colour token in the stylesheets: `var(--status-<token>)`. */
  token: string;
  /** Still going: its bar grows and its row pulses. */
  open: boolean;
  /** Ran to a result the model can use. */
  succeeded: boolean;
};

export const callStatuses = {
  ok: { label: 'ok', icon: '✓', token: 'ok', open: false, succeeded: true },
  error: { label: 'error', icon: '✕', token: 'error', open: false, succeeded: false },
  timeout: { label: 'timed out', icon: '⏱', token: 'timeout', open: false, succeeded: false },
  'invalid-input': {
    label: 'invalid input',
    icon: '!',
    token: 'invalid-input',
    open: false,
    succeeded: false,
  },
  cancelled: { label: 'cancelled', icon: '⊘', token: 'cancelled', open: false, succeeded: false },
  deduplicated: {
    label: 'shared result',
    icon: '⇄',
    token: 'deduplicated',
    open: false,
    succeeded: true,
  },
  denied: { label: 'denied, not run', icon: '⊘', token: 'denied', open: false, succeeded: false },
  interrupted: {
    label: 'interrupted',
    icon: '↯',
    token: 'interrupted',
    open: false,
    succeeded: false,
  },
  // An open call shows the phase it is in, in that phase's words.
  running: {
    label: callPhases.running.label,
    icon: '●',
    token: 'running',
    open: true,
    succeeded: false,
  },
  queued: {
    label: callPhases.queued.label,
    icon: '…',
    token: 'queued',
    open: true,
    succeeded: false,
  },
  'input-streaming': {
    label: callPhases['input-streaming'].label,
    icon: '…',
    token: 'input-streaming',
    open: true,
    succeeded: false,
  },
  sharing: {
    label: callPhases.sharing.label,
    icon: '⇄',
    token: 'deduplicated',
    open: true,
    succeeded: false,
  },
  'awaiting-approval': {
    label: callPhases['awaiting-approval'].label,
    icon: '?',
    token: 'awaiting-approval',
    open: true,
    succeeded: false,
  },
} as const satisfies Record<CallStatusName, StatusInfo>;

/** The words for a status, used in text, tooltips and spoken names. */
export function statusLabel(status: CallStatusName): string {
  return callStatuses[status].label;
}

export function statusIcon(status: CallStatusName): string {
  return callStatuses[status].icon;
}

/** True for statuses that mean the call is still going. */
export function isOpenStatus(status: CallStatusName): boolean {
  return callStatuses[status].open;
}

/**
 * What a call shows now. A call still open in a run that is over never finished: it shows as
 * interrupted (a reload or an export cut it off; Stop settles its calls as cancelled).
 */
export function statusOfSpan(span: ToolSpan, runStatus: RunStatus): CallStatusName {
  if (span.status) return span.status;
  if (runStatus !== 'running') return 'interrupted';
  switch (span.state) {
    case 'input-streaming':
    case 'queued':
    case 'sharing':
    case 'awaiting-approval':
    case 'running':
      return span.state;
    case 'remote':
      // Waiting on the proxy for a slot, as it said live; otherwise running there.
      return span.serverLive && span.serverLive.startedAt === undefined ? 'queued' : 'running';
    case 'settled':
      return 'interrupted';
    default:
      return span.state satisfies never;
  }
}

/** One phase of a call: from `start` to `end` (ms from the run's start); no `end` while open. */
export type PhaseInterval = { phase: CallPhaseName; start: number; end?: number };

/** True when a call waited for an identical call's result instead of running itself. */
export function isShared(span: ToolSpan): boolean {
  return (
    span.startedAt === undefined &&
    (span.state === 'sharing' || span.status === 'deduplicated' || span.sharedWith !== undefined)
  );
}

/**
 * The phases a call went through, in order, read from its timestamps: the one place that
 * says which timestamps bound which phase. A phase that has begun but not ended has no `end`;
 * a call that settled closes whatever was open.
 */
export function phasesOf(span: ToolSpan): PhaseInterval[] {
  const phases: PhaseInterval[] = [];
  const settled = span.settledAt;
  const push = (phase: CallPhaseName, start: number | undefined, end: number | undefined) => {
    if (start === undefined) return;
    const stop = end ?? settled;
    phases.push(stop === undefined ? { phase, start } : { phase, start, end: stop });
  };
  push('input-streaming', span.inputStartedAt, span.inputAvailableAt);
  push('awaiting-approval', span.approvalRequestedAt, span.approvalResolvedAt);
  push('queued', span.queuedAt, span.startedAt);
  if (isShared(span)) push('sharing', span.inputAvailableAt ?? span.inputStartedAt, undefined);
  const server = span.serverRan;
  if (server) {
    // Timed where it ran: waiting for its MCP server's slot, the proxy's readings, then the
    // way to the page.
    push('queued', server.queuedAt, server.startedAt);
    push('running', server.startedAt, server.settledAt);
    push('delivery', server.settledAt, undefined);
  } else if (span.serverLive) {
    // Still on the proxy, which said it waited for a slot: queued, then running when it said so.
    push('queued', span.serverLive.queuedAt, span.serverLive.startedAt);
    push('running', span.serverLive.startedAt, undefined);
  } else {
    push('running', span.startedAt, undefined);
  }
  return phases;
}

/** The phase a call was in at time `t`, or undefined before it began and after it settled. */
export function phaseAt(span: ToolSpan, t: number): CallPhaseName | undefined {
  if (span.settledAt !== undefined && span.settledAt <= t) return undefined;
  let current: CallPhaseName | undefined;
  for (const interval of phasesOf(span)) {
    if (interval.start <= t && (interval.end === undefined || t < interval.end)) {
      current = interval.phase;
    }
  }
  return current;
}

/** A phase's length in ms; an open phase is measured to `end`. Undefined if the call never had it. */
export function phaseMs(span: ToolSpan, phase: CallPhaseName, end: number): number | undefined {
  let total: number | undefined;
  for (const interval of phasesOf(span)) {
    if (interval.phase !== phase) continue;
    total = (total ?? 0) + Math.max(0, (interval.end ?? end) - interval.start);
  }
  return total;
}

/** When the call's handler ran: the page's readings, or the proxy's for a server tool. */
export function runningSpan(span: ToolSpan): { start?: number; end?: number } {
  if (span.serverRan) return { start: span.serverRan.startedAt, end: span.serverRan.settledAt };
  // Live on the proxy: not running yet while it waits for a slot.
  if (span.serverLive) return { start: span.serverLive.startedAt, end: span.settledAt };
  return { start: span.startedAt, end: span.settledAt };
}

/**
 * Dispatch latency (DESIGN §5): input available → handler start, for a browser call that
 * started, with any wait for a person's approval left out: the clock starts again when the
 * user decides. (Queue time, when there was any, is inside it and also its own phase.)
 */
export function dispatchLatencyOf(span: ToolSpan): number | undefined {
  if (span.runsOn !== 'browser' || span.startedAt === undefined) return undefined;
  const ready = span.approvalResolvedAt ?? span.inputAvailableAt;
  return ready === undefined ? undefined : Math.max(0, span.startedAt - ready);
}

import { create, type StateCreator, type StoreApi } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { applyTraceEvents, createRun, runIdOf } from './apply-trace-event';
import type { TraceEvent } from './trace-events';
import type { RunTrace } from './trace-types';

export type TraceState = {
  runs: Record<string, RunTrace>;
  runOrder: string[];
  /** Applies a batch of events in one update, so subscribers render once per batch. */
  applyEvents: (events: TraceEvent[]) => void;
  /** Replaces or adds whole runs (imports, history). */
  putRuns: (runs: RunTrace[]) => void;
  removeRun: (runId: string) => void;
  clear: () => void;
};

/** Folds events into the runs they belong to; runs not yet started are created on `run-started`. */
export function reduceRuns(
  runs: Record<string, RunTrace>,
  events: readonly TraceEvent[],
): Record<string, RunTrace> {
  let next = runs;
  let index = 0;
  while (index < events.length) {
    const event = events[index] as TraceEvent;
    const runId = runIdOf(event);
    if (event.type === 'run-started') {
      next = { ...next, [runId]: createRun(event) };
      index++;
      continue;
    }
    // Consecutive events of one run (a frame's batch is nearly always one run's) are folded in
    // together, so the run's spans are copied once per batch, not once per event.
    let stop = index + 1;
    while (stop < events.length) {
      const later = events[stop] as TraceEvent;
      if (later.type === 'run-started' || runIdOf(later) !== runId) break;
      stop++;
    }
    const current = next[runId];
    if (current) {
      const updated = applyTraceEvents(current, events.slice(index, stop));
      if (updated !== current) next = { ...next, [runId]: updated };
    }
    index = stop;
  }
  return next;
}

const traceState: StateCreator<TraceState> = (set) => ({
  runs: {},
  runOrder: [],
  applyEvents: (events) =>
    set((state) => {
      const runs = reduceRuns(state.runs, events);
      if (runs === state.runs) return state;
      const added = events
        .filter((event) => event.type === 'run-started')
        .map(runIdOf)
        .filter((id) => !state.runOrder.includes(id));
      return { runs, runOrder: added.length ? [...state.runOrder, ...added] : state.runOrder };
    }),
  putRuns: (incoming) =>
    set((state) => {
      const runs = { ...state.runs };
      const order = [...state.runOrder];
      for (const run of incoming) {
        if (!runs[run.id]) order.push(run.id);
        runs[run.id] = run;
      }
      return { runs, runOrder: order };
    }),
  removeRun: (runId) =>
    set((state) => {
      const { [runId]: _removed, ...runs } = state.runs;
      return { runs, runOrder: state.runOrder.filter((id) => id !== runId) };
    }),
  clear: () => set({ runs: {}, runOrder: [] }),
});

/** The page's trace store: the chat's runs, history and imports. */
export const useTraceStore = create<TraceState>()(traceState);

/** A store of its own, shaped like the page's (a race lane's runs stay out of the chat's). */
export function createTraceStore(): StoreApi<TraceState> {
  return createStore<TraceState>()(traceState);
}

type Scheduler = (flush: () => void) => void;

const nextFrame: Scheduler = (flush) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => flush());
  else setTimeout(flush, 16);
};

/**
 * A frame whose new events touch more calls than this starts a burst: a step of many calls
 * starting at once (fifty inputs read in one go). Calls that land one by one never reach it:
 * fifty calls starting 60 ms apart and settling over 700 ms touch one or two a frame, and 11
 * to 13 in the slowest frames of a machine loaded twenty-fold (the rendering figure's run,
 * counted in the page).
 */
export const BURST_CALLS = 20;
/**
 * A call that settles while more than BURST_CALLS calls that started within this long of it
 * are still open starts a burst too: calls started together with the same latency come due
 * together, and the rest of them follow within moments. Calls started apart (a step whose
 * calls stream in one by one) never do, whatever their latencies.
 */
export const BURST_START_WINDOW_MS = 30;
/** A burst is drawn once this long has passed without another frame of it… */
export const BURST_QUIET_MS = 50;
/** …and never later than this after it began. */
export const BURST_MAX_MS = 200;

/** Sinks holding a burst right now (see traceBurstHeld). */
let heldBursts = 0;

/**
 * True while some trace sink holds a burst back from the screen: the live waterfall's clock
 * skips its ticks meanwhile (a tick redraws every open bar, as costly as the burst itself).
 */
export function traceBurstHeld(): boolean {
  return heldBursts > 0;
}

/** How many distinct calls the events from `from` on are about. */
function callsTouched(events: readonly TraceEvent[], from: number): number {
  const calls = new Set<string>();
  for (let index = from; index < events.length; index++) {
    const event = events[index] as TraceEvent;
    if (event.type === 'executor' && 'callId' in event.event) calls.add(event.event.callId);
  }
  return calls.size;
}

/** Calls started and not yet settled, by id: when each started (executor clock). */
function createOpenCalls() {
  const startedAt = new Map<string, number>();
  return {
    /** Follows one event; true when it is a settle with a crowd of open calls started with it. */
    follow(event: TraceEvent): boolean {
      if (event.type === 'run-ended') startedAt.clear();
      if (event.type !== 'executor') return false;
      const call = event.event;
      if (call.type === 'started') startedAt.set(call.callId, call.at);
      if (call.type !== 'settled') return false;
      const start = startedAt.get(call.callId);
      startedAt.delete(call.callId);
      if (start === undefined) return false;
      let together = 0;
      for (const other of startedAt.values())
        if (Math.abs(other - start) <= BURST_START_WINDOW_MS) together++;
      return together > BURST_CALLS;
    },
  };
}

/**
 * Buffers trace events and applies them at most once per animation frame: timestamps are
 * taken when events happen, so batching delays only the drawing, never the measurement.
 *
 * A burst (many calls starting at once, or settling while many started with them are about
 * to) is held back and drawn in one go once it has passed. Drawn frame by frame, fifty
 * settles made every frame of the burst restyle, lay out and repaint the page (15–25 ms each
 * with software rendering), and the calls still due waited behind those frames: their
 * handlers' timers fired tens of ms late, which the step's wall then measured (`node
 * bench/profile.ts 50 1000`). Calls that land one by one are still drawn by the next frame.
 */
export function createTraceSink(
  apply: (events: TraceEvent[]) => void = (events) => useTraceStore.getState().applyEvents(events),
  schedule: Scheduler = nextFrame,
  now: () => number = () => performance.now(),
) {
  let buffer: TraceEvent[] = [];
  /** Where the events that arrived since the last frame begin in the buffer. */
  let unseen = 0;
  let scheduled = false;
  const open = createOpenCalls();
  /** A settle since the last frame started a burst. */
  let crowdSettled = false;
  let burst: { since: number; last: number } | undefined;
  const endBurst = () => {
    if (burst) heldBursts--;
    burst = undefined;
  };
  const flush = () => {
    endBurst();
    const events = buffer;
    buffer = [];
    unseen = 0;
    if (events.length) apply(events);
  };
  const frame = () => {
    scheduled = false;
    const at = now();
    if (crowdSettled || callsTouched(buffer, unseen) > BURST_CALLS) {
      if (!burst) heldBursts++;
      burst = { since: burst?.since ?? at, last: at };
    }
    crowdSettled = false;
    unseen = buffer.length;
    if (burst && at - burst.last < BURST_QUIET_MS && at - burst.since < BURST_MAX_MS) {
      scheduled = true;
      schedule(frame);
      return;
    }
    flush();
  };
  return {
    push(event: TraceEvent) {
      buffer.push(event);
      if (open.follow(event)) crowdSettled = true;
      if (!scheduled) {
        scheduled = true;
        schedule(frame);
      }
    },
    /** Applies everything buffered now (before a snapshot or an export). */
    flush,
  };
}
export type TraceSink = ReturnType<typeof createTraceSink>;

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
 * Buffers trace events and applies them at most once per animation frame: timestamps are
 * taken when events happen, so batching delays only the drawing, never the measurement.
 */
export function createTraceSink(
  apply: (events: TraceEvent[]) => void = (events) => useTraceStore.getState().applyEvents(events),
  schedule: Scheduler = nextFrame,
) {
  let buffer: TraceEvent[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const events = buffer;
    buffer = [];
    if (events.length) apply(events);
  };
  return {
    push(event: TraceEvent) {
      buffer.push(event);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    /** Applies everything buffered now (before a snapshot or an export). */
    flush,
  };
}
export type TraceSink = ReturnType<typeof createTraceSink>;

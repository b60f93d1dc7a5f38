import type { ExecutorEvent, ExecutorEventOf, ExecutorEventType } from './types';

/** An in-memory sink for executor events, with the queries tests and benchmarks need. */
export type EventRecorder = {
  readonly events: ExecutorEvent[];
  /** Pass as the executor's `onEvent`. */
  onEvent: (event: ExecutorEvent) => void;
  /** Events of one type, in order. */
  ofType<T extends ExecutorEventType>(type: T): ExecutorEventOf<T>[];
  /** Event types of one call, in order: the call's lifecycle at a glance. */
  lifecycle(callId: string): ExecutorEventType[];
  /** The first event of a type for a call. */
  find<T extends ExecutorEventType>(type: T, callId: string): ExecutorEventOf<T> | undefined;
  /** Input available → handler started, in clock ms; undefined if the call never started. */
  dispatchLatency(callId: string): number | undefined;
  clear(): void;
};

function hasCallId(event: ExecutorEvent): event is Extract<ExecutorEvent, { callId: string }> {
  return 'callId' in event;
}

/** Creates an EventRecorder. */
export function createEventRecorder(): EventRecorder {
  const events: ExecutorEvent[] = [];
  const ofType = <T extends ExecutorEventType>(type: T) =>
    events.filter((event): event is ExecutorEventOf<T> => event.type === type);
  const find = <T extends ExecutorEventType>(type: T, callId: string) =>
    ofType(type).find((event) => hasCallId(event) && event.callId === callId);
  return {
    events,
    onEvent: (event) => {
      events.push(event);
    },
    ofType,
    find,
    lifecycle: (callId) =>
      events.filter((event) => hasCallId(event) && event.callId === callId).map((e) => e.type),
    dispatchLatency: (callId) => {
      const available = find('input-available', callId);
      const started = find('started', callId);
      return available && started ? started.at - available.at : undefined;
    },
    clear: () => {
      events.length = 0;
    },
  };
}

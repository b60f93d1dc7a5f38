import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTraceEvent, applyTraceEvents, createRun } from './apply-trace-event';
import type { TraceEvent } from './trace-events';
import { reduceRuns } from './trace-store';
import type { RunTrace } from './trace-types';

const started = {
  type: 'run-started',
  runId: 'run-1',
  prompt: 'Weather in Paris and Oslo',
  policy: 'parallel',
  parallelToolCalls: true,
  at: 1000,
  epochMs: 0,
} as const satisfies TraceEvent;

/** Freezes a run and everything in it: any change in place then throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function call(
  type: 'input-started' | 'input-available' | 'queued' | 'started' | 'settled',
  callId: string,
  stepId: string,
  at: number,
): TraceEvent {
  const base = { turnId: 'run-1', stepId, callId, toolName: 'get_weather', at };
  switch (type) {
    case 'input-available':
      return {
        type: 'executor',
        event: { ...base, type, input: { city: callId }, runsOn: 'browser' },
      };
    case 'queued':
      return { type: 'executor', event: { ...base, type, reason: 'global-cap' } };
    case 'started':
      return { type: 'executor', event: { ...base, type, deadlineMs: 30_000 } };
    case 'settled':
      return {
        type: 'executor',
        event: {
          ...base,
          type,
          status: 'ok',
          settlement: { runsOn: 'browser', fullOutput: { tempC: 12 } },
        } as Extract<TraceEvent, { type: 'executor' }>['event'],
      };
    default:
      return { type: 'executor', event: { ...base, type } };
  }
}

/** Any mix of step and call events over two steps and four calls, at increasing times. */
const eventList = fc
  .array(
    fc.record({
      kind: fc.constantFrom(
        'step-requested',
        'step-first-byte',
        'step-content',
        'step-finished',
        'step-settled',
        'input-started',
        'input-available',
        'queued',
        'started',
        'settled',
        'run-ended',
      ),
      step: fc.constantFrom('s1', 's2'),
      call: fc.constantFrom('a', 'b', 'c', 'd'),
    }),
    { maxLength: 40 },
  )
  .map((picks) =>
    picks.map(({ kind, step, call: callId }, index): TraceEvent => {
      const at = 1001 + index * 7;
      switch (kind) {
        case 'step-requested':
        case 'step-first-byte':
          return { type: kind, runId: 'run-1', stepId: step, at };
        case 'step-content':
          return { type: kind, runId: 'run-1', stepId: step, at, text: index % 2 === 0 };
        case 'step-finished':
          return { type: kind, runId: 'run-1', stepId: step, at, finishReason: 'tool-calls' };
        case 'step-settled':
          return {
            type: 'executor',
            event: { type: kind, turnId: 'run-1', stepId: step, at, needsFollowUp: true },
          };
        case 'run-ended':
          return { type: kind, runId: 'run-1', status: 'complete', at };
        default:
          return call(kind, callId, step, at);
      }
    }),
  );

describe('applyTraceEvents', () => {
  it('folds a batch exactly as one event at a time, changing nothing it was given', () => {
    fc.assert(
      fc.property(eventList, fc.integer({ min: 1, max: 8 }), (events, size) => {
        // Some steps exist before the batches, so calls can join them.
        const start = deepFreeze(
          applyTraceEvents(createRun(started), [
            { type: 'step-requested', runId: 'run-1', stepId: 's1', at: 1000 },
          ]),
        );
        let oneByOne: RunTrace = start;
        for (const event of events) oneByOne = deepFreeze(applyTraceEvent(oneByOne, event));
        let batched: RunTrace = start;
        for (let index = 0; index < events.length; index += size)
          batched = deepFreeze(applyTraceEvents(batched, events.slice(index, index + size)));
        expect(batched).toEqual(oneByOne);
      }),
      { numRuns: 300 },
    );
  });

  it('returns the same run when nothing changed', () => {
    const run = createRun(started);
    expect(applyTraceEvents(run, [])).toBe(run);
    // Outputs returned for a step without calls, and a step that does not exist: nothing to do.
    const withStep = applyTraceEvent(run, {
      type: 'step-requested',
      runId: 'run-1',
      stepId: 's1',
      at: 1001,
    });
    const settled = {
      type: 'executor',
      event: {
        type: 'step-settled',
        turnId: 'run-1',
        stepId: 's1',
        at: 1002,
        needsFollowUp: false,
      },
    } as const satisfies TraceEvent;
    expect(applyTraceEvent(withStep, settled)).toBe(withStep);
    expect(
      applyTraceEvent(withStep, { ...settled, event: { ...settled.event, stepId: 'nope' } }),
    ).toBe(withStep);
  });

  it('records a call once in its step, in the order calls first appeared', () => {
    const run = applyTraceEvents(createRun(started), [
      { type: 'step-requested', runId: 'run-1', stepId: 's1', at: 1001 },
      call('input-started', 'b', 's1', 1002),
      call('input-started', 'a', 's1', 1003),
      call('input-available', 'b', 's1', 1004),
      call('started', 'b', 's1', 1004),
      call('settled', 'b', 's1', 1050),
    ]);
    expect(run.spanOrder).toEqual(['b', 'a']);
    expect(run.steps[0]?.callIds).toEqual(['b', 'a']);
    expect(run.spans.b).toMatchObject({ state: 'settled', startedAt: 4, settledAt: 50 });
  });
});

describe('a server call the proxy shared', () => {
  it('keeps no running time: it waited (sharing) and never ran', () => {
    const base = { turnId: 'run-1', stepId: 's1', callId: 'dup', toolName: 'mcp_sum' };
    const run = applyTraceEvents(createRun(started), [
      {
        type: 'executor',
        event: { ...base, type: 'input-available', at: 1010, input: {}, runsOn: 'server' },
      },
      {
        type: 'executor',
        event: {
          ...base,
          type: 'settled',
          at: 1300,
          status: 'deduplicated',
          settlement: { runsOn: 'server', sharedWith: 'first', fullOutput: 42 },
        } as Extract<TraceEvent, { type: 'executor' }>['event'],
      },
    ]);
    const span = run.spans.dup;
    expect(span?.startedAt).toBeUndefined();
    expect(span).toMatchObject({ status: 'deduplicated', sharedWith: 'first', settledAt: 300 });
  });
});

describe('reduceRuns', () => {
  it('starts runs and folds each run’s events, interleaved or not', () => {
    const second = { ...started, runId: 'run-2', at: 2000 };
    const runs = reduceRuns({}, [
      started,
      { type: 'step-requested', runId: 'run-1', stepId: 's1', at: 1001 },
      second,
      { type: 'step-requested', runId: 'run-2', stepId: 's1', at: 2005 },
      { type: 'run-ended', runId: 'run-1', status: 'complete', at: 1100 },
      // Events of a run never started are dropped.
      { type: 'run-ended', runId: 'run-3', status: 'complete', at: 1100 },
    ]);
    expect(Object.keys(runs)).toEqual(['run-1', 'run-2']);
    expect(runs['run-1']).toMatchObject({ status: 'complete', endedAt: 100 });
    expect(runs['run-2']?.steps[0]?.requestAt).toBe(5);
    const same = reduceRuns(runs, [
      { type: 'run-ended', runId: 'run-3', status: 'complete', at: 1100 },
    ]);
    expect(same).toBe(runs);
  });
});

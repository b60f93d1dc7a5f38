import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTool, setup } from './executor-test-kit';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('global concurrency cap', () => {
  it('defaults to 6: the seventh call queues until a slot frees', async () => {
    const tool = fakeTool('work', { latencyMs: 1000 });
    const { executor, recorder } = setup([tool]);
    const turn = executor.startTurn('t1');
    for (let i = 0; i < 7; i++)
      turn.inputAvailable({
        stepId: 's1',
        callId: `c${i}`,
        toolName: 'work',
        input: { q: `${i}` },
      });
    expect(tool.runs).toHaveLength(6);
    expect(executor.runningCount).toBe(6);
    expect(recorder.ofType('queued').map((event) => [event.callId, event.reason])).toEqual([
      ['c6', 'global-cap'],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(recorder.find('started', 'c6')?.at).toBe(1000);
  });

  it('queues FIFO over the cap, and queued time is its own phase', async () => {
    const tool = fakeTool('work', { latencyMs: 1000 });
    const { executor, recorder, steps } = setup([tool], { maxConcurrency: 2 });
    const turn = executor.startTurn('t1');
    for (let i = 0; i < 5; i++)
      turn.inputAvailable({
        stepId: 's1',
        callId: `c${i}`,
        toolName: 'work',
        input: { q: `${i}` },
      });
    turn.closeStep('s1');

    expect(recorder.lifecycle('c2')).toEqual(['input-available', 'queued']);
    expect(turn.snapshot().map((call) => call.phase)).toEqual([
      'running',
      'running',
      'queued',
      'queued',
      'queued',
    ]);
    await vi.advanceTimersByTimeAsync(3000);
    const started = recorder.ofType('started');
    expect(started.map((event) => [event.callId, event.at])).toEqual([
      ['c0', 0],
      ['c1', 0],
      ['c2', 1000],
      ['c3', 1000],
      ['c4', 2000],
    ]);
    const c4 = steps[0]?.settlements.find((s) => s.callId === 'c4');
    expect(c4?.timing).toMatchObject({ inputAvailableAt: 0, queuedAt: 0, startedAt: 2000 });
    // Never more than the cap at once, replaying the events in order.
    let runningNow = 0;
    let peak = 0;
    for (const event of recorder.events) {
      if (event.type === 'started') peak = Math.max(peak, ++runningNow);
      if (event.type === 'settled') runningNow--;
    }
    expect(peak).toBe(2);
  });

  it('takes a per-turn cap, so the demo controls need no new executor', () => {
    const tool = fakeTool('work', { latencyMs: 1000 });
    const { executor, recorder } = setup([tool]);
    const narrow = executor.startTurn('t1', { maxConcurrency: 1 });
    narrow.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'work', input: { q: '1' } });
    narrow.inputAvailable({ stepId: 's1', callId: 'b', toolName: 'work', input: { q: '2' } });
    expect(tool.runs).toHaveLength(1);
    narrow.stop();
    const wide = executor.startTurn('t2');
    for (const id of ['c', 'd', 'e'])
      wide.inputAvailable({ stepId: 's1', callId: id, toolName: 'work', input: { q: id } });
    expect(tool.runs).toHaveLength(4);
    expect(recorder.ofType('turn-started').map((e) => e.maxConcurrency)).toEqual([1, 6]);
    expect(() => executor.startTurn('t3', { maxConcurrency: 0 })).toThrow(RangeError);
  });
});

describe('per-tool concurrency cap', () => {
  it('queues over the tool cap without holding back other tools behind it', async () => {
    const capped = fakeTool('capped', { latencyMs: 1000, concurrency: 1 });
    const free = fakeTool('free', { latencyMs: 1000 });
    const { executor, recorder } = setup([capped, free]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'a1', toolName: 'capped', input: { q: '1' } });
    turn.inputAvailable({ stepId: 's1', callId: 'a2', toolName: 'capped', input: { q: '2' } });
    turn.inputAvailable({ stepId: 's1', callId: 'b1', toolName: 'free', input: { q: '1' } });

    expect(recorder.find('queued', 'a2')?.reason).toBe('tool-cap');
    expect(recorder.find('started', 'b1')?.at).toBe(0);
    expect(recorder.find('started', 'a2')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(recorder.find('started', 'a2')?.at).toBe(1000);
  });

  it('reports a second queued reason when a batch call then waits for a cap', () => {
    const capped = fakeTool('capped', { concurrency: 1 });
    const { executor, recorder } = setup([capped]);
    const turn = executor.startTurn('t1', { policy: 'batch' });
    turn.inputAvailable({ stepId: 's1', callId: 'a1', toolName: 'capped', input: { q: '1' } });
    turn.inputAvailable({ stepId: 's1', callId: 'a2', toolName: 'capped', input: { q: '2' } });
    turn.closeStep('s1');
    expect(
      recorder.ofType('queued').map((event) => [event.callId, event.reason, event.at]),
    ).toEqual([
      ['a1', 'step-open', 0],
      ['a2', 'step-open', 0],
      ['a2', 'tool-cap', 0],
    ]);
  });
});

describe('deadlines', () => {
  it('times out a handler that never settles, aborting its signal', async () => {
    const hung = fakeTool('hung', { hang: true, timeoutMs: 1500 });
    const { executor, recorder, delivered, steps } = setup([hung]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'c1', toolName: 'hung', input: { q: 'x' } });
    turn.closeStep('s1');

    await vi.advanceTimersByTimeAsync(1499);
    expect(delivered).toHaveLength(0);
    expect(hung.runs[0]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(hung.runs[0]?.signal.aborted).toBe(true);
    expect(hung.runs[0]?.signal.reason).toBeInstanceOf(DOMException);
    expect(delivered).toEqual([
      expect.objectContaining({
        callId: 'c1',
        status: 'timeout',
        outputState: 'output-error',
        errorText: 'timed out after 1500 ms',
      }),
    ]);
    expect(recorder.find('settled', 'c1')).toMatchObject({ at: 1500, status: 'timeout' });
    expect(steps).toHaveLength(1);
    // The slot is free even though the handler never returned.
    expect(executor.runningCount).toBe(0);
  });

  it('measures the deadline from the start of running, not from queueing', async () => {
    const tool = fakeTool('work', { latencyMs: 1000, timeoutMs: 1500 });
    const { executor, recorder } = setup([tool], { maxConcurrency: 1 });
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'c1', toolName: 'work', input: { q: '1' } });
    turn.inputAvailable({ stepId: 's1', callId: 'c2', toolName: 'work', input: { q: '2' } });
    await vi.advanceTimersByTimeAsync(2000);
    // c2 queued for 1000 ms then ran for 1000 ms: 2000 ms after its input, within its deadline.
    expect(
      recorder.ofType('settled').map((event) => [event.callId, event.status, event.at]),
    ).toEqual([
      ['c1', 'ok', 1000],
      ['c2', 'ok', 2000],
    ]);
  });

  it('ignores a result that arrives after the deadline', async () => {
    const late = fakeTool('late', { latencyMs: 2000, timeoutMs: 1000 });
    // This handler ignores its signal, so its result really does arrive late.
    const run = late.run;
    late.run = (input, ctx) => run?.(input, { ...ctx, signal: new AbortController().signal });
    const { executor, recorder, delivered } = setup([late]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'c1', toolName: 'late', input: { q: 'x' } });
    await vi.advanceTimersByTimeAsync(3000);
    expect(delivered.map((s) => s.status)).toEqual(['timeout']);
    expect(recorder.ofType('settled')).toHaveLength(1);
  });

  it('a timeout never blocks its siblings', async () => {
    const hung = fakeTool('hung', { hang: true, timeoutMs: 500 });
    const fast = fakeTool('fast', { latencyMs: 100 });
    const { executor, steps } = setup([hung, fast]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'h', toolName: 'hung', input: { q: 'x' } });
    turn.inputAvailable({ stepId: 's1', callId: 'f', toolName: 'fast', input: { q: 'x' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(500);
    expect(steps[0]?.settlements.map((s) => [s.callId, s.status])).toEqual([
      ['h', 'timeout'],
      ['f', 'ok'],
    ]);
  });
});

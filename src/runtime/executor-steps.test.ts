import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTool, setup } from './executor-test-kit';
import type { ExecutorEvent } from './types';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the single follow-up per step', () => {
  it('fires once, only after closeStep and only when every call has settled', async () => {
    const fast = fakeTool('fast', { latencyMs: 100 });
    const slow = fakeTool('slow', { latencyMs: 900 });
    const { executor, steps } = setup([fast, slow]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'f', toolName: 'fast', input: { q: '1' } });
    await vi.advanceTimersByTimeAsync(100);
    // Everything known so far settled, but the model may still emit calls: no follow-up yet.
    expect(steps).toHaveLength(0);
    turn.inputAvailable({ stepId: 's1', callId: 's', toolName: 'slow', input: { q: '1' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(500);
    // Closed, but a call is still running.
    expect(steps).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ turnId: 't1', stepId: 's1', needsFollowUp: true });
    expect(steps[0]?.settlements.map((s) => s.callId)).toEqual(['f', 's']);

    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(steps).toHaveLength(1);
  });

  it('does not fire again when a server result for a settled step arrives late', () => {
    const secret = fakeTool('server_lookup', { runsOn: 'server', noHandler: true });
    const { executor, steps } = setup([secret]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({
      stepId: 's1',
      callId: 'srv',
      toolName: 'server_lookup',
      input: { q: 'x' },
    });
    turn.closeStep('s1');
    expect(steps).toHaveLength(1);
    turn.serverSettled({ stepId: 's1', callId: 'srv', toolName: 'server_lookup', output: 1 });
    expect(steps).toHaveLength(1);
  });

  it('fires at closeStep when every call had already settled', async () => {
    const fast = fakeTool('fast', { latencyMs: 100 });
    const { executor, steps } = setup([fast]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'f', toolName: 'fast', input: { q: '1' } });
    await vi.advanceTimersByTimeAsync(100);
    turn.closeStep('s1');
    expect(steps).toHaveLength(1);
  });

  it('waits for a call whose input is still streaming when the step closes', () => {
    const { executor, steps } = setup([fakeTool('fast')]);
    const turn = executor.startTurn('t1');
    turn.inputStarted({ stepId: 's1', callId: 'late', toolName: 'nope' });
    turn.closeStep('s1');
    expect(steps).toHaveLength(0);
    turn.inputAvailable({ stepId: 's1', callId: 'late', toolName: 'nope', input: {} });
    expect(steps).toHaveLength(1);
  });

  it('reports a step without tool calls as owing no follow-up', () => {
    const { executor, steps } = setup([]);
    executor.startTurn('t1').closeStep('final');
    expect(steps).toEqual([
      { turnId: 't1', stepId: 'final', settlements: [], needsFollowUp: false },
    ]);
  });

  it('settles each step of a chained turn separately', async () => {
    const tool = fakeTool('work', { latencyMs: 100 });
    const { executor, steps } = setup([tool]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'work', input: { q: '1' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(100);
    turn.inputAvailable({ stepId: 's2', callId: 'b', toolName: 'work', input: { q: '2' } });
    turn.closeStep('s2');
    await vi.advanceTimersByTimeAsync(100);
    expect(steps.map((s) => [s.stepId, s.settlements.map((x) => x.callId)])).toEqual([
      ['s1', ['a']],
      ['s2', ['b']],
    ]);
  });

  it('waits for deliver promises, so the follow-up carries every output', async () => {
    const tool = fakeTool('work', { latencyMs: 100 });
    const resolvers: Array<() => void> = [];
    const { executor, steps } = setup([tool], {
      deliver: () =>
        new Promise<void>((resolve) => {
          resolvers.push(resolve);
        }),
    });
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'work', input: { q: '1' } });
    turn.inputAvailable({ stepId: 's1', callId: 'b', toolName: 'work', input: { q: '2' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(100);
    expect(resolvers).toHaveLength(2);
    expect(steps).toHaveLength(0);
    resolvers[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(steps).toHaveLength(0);
    resolvers[1]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(steps).toHaveLength(1);
  });

  it('never fires for a step stopped while deliveries were pending', async () => {
    const tool = fakeTool('work', { latencyMs: 100 });
    const resolvers: Array<() => void> = [];
    const { executor, steps } = setup([tool], {
      deliver: () =>
        new Promise<void>((resolve) => {
          resolvers.push(resolve);
        }),
    });
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'work', input: { q: '1' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(100);
    turn.stop();
    resolvers[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(steps).toHaveLength(0);
  });
});

describe('trace events', () => {
  it('carry turn, step, call, tool and the injected clock, in lifecycle order', async () => {
    const tool = fakeTool('work', { latencyMs: 300, timeoutMs: 5000 });
    let clock = 1000;
    const { executor, recorder } = setup([tool], { now: () => clock, maxConcurrency: 1 });
    const turn = executor.startTurn('t1', { policy: 'parallel' });
    turn.inputStarted({ stepId: 's1', callId: 'a', toolName: 'work' });
    clock = 1010;
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'work', input: { q: '1' } });
    clock = 1020;
    turn.inputAvailable({ stepId: 's1', callId: 'b', toolName: 'work', input: { q: '2' } });
    clock = 1030;
    turn.closeStep('s1');
    clock = 1310;
    await vi.advanceTimersByTimeAsync(300);
    clock = 1610;
    await vi.advanceTimersByTimeAsync(300);

    const ids = { turnId: 't1', stepId: 's1', toolName: 'work' };
    const expected: ExecutorEvent[] = [
      { type: 'turn-started', turnId: 't1', at: 1000, policy: 'parallel', maxConcurrency: 1 },
      { type: 'input-started', ...ids, callId: 'a', at: 1000 },
      {
        type: 'input-available',
        ...ids,
        callId: 'a',
        at: 1010,
        input: { q: '1' },
        runsOn: 'browser',
      },
      { type: 'started', ...ids, callId: 'a', at: 1010, deadlineMs: 5000 },
      {
        type: 'input-available',
        ...ids,
        callId: 'b',
        at: 1020,
        input: { q: '2' },
        runsOn: 'browser',
      },
      { type: 'queued', ...ids, callId: 'b', at: 1020, reason: 'global-cap' },
      { type: 'step-closed', turnId: 't1', stepId: 's1', at: 1030 },
    ];
    expect(recorder.events.slice(0, expected.length)).toEqual(expected);
    const rest = recorder.events
      .slice(expected.length)
      .map((e) => [e.type, 'callId' in e ? e.callId : '', e.at]);
    expect(rest).toEqual([
      ['settled', 'a', 1310],
      ['started', 'b', 1310],
      ['settled', 'b', 1610],
      ['step-settled', '', 1610],
    ]);
    expect(recorder.dispatchLatency('a')).toBe(0);
    expect(recorder.dispatchLatency('b')).toBe(290);
    expect(recorder.find('settled', 'b')?.settlement.timing).toEqual({
      inputAvailableAt: 1020,
      queuedAt: 1020,
      startedAt: 1310,
      settledAt: 1610,
      deadlineMs: 5000,
    });
  });

  it('keeps working when a callback throws', async () => {
    const errors: unknown[] = [];
    const tool = fakeTool('work', { latencyMs: 100 });
    const { executor, steps } = setup([tool], {
      onEvent: () => {
        throw new Error('listener bug');
      },
      onCallbackError: (error) => errors.push(error),
    });
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'work', input: { q: '1' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(100);
    expect(steps).toHaveLength(1);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('ignores a call reported twice (stream tap and onToolCall)', () => {
    const tool = fakeTool('work');
    const { executor, recorder } = setup([tool]);
    const turn = executor.startTurn('t1');
    const call = { stepId: 's1', callId: 'a', toolName: 'work', input: { q: '1' } };
    turn.inputStarted(call);
    turn.inputAvailable(call);
    turn.inputStarted(call);
    turn.inputAvailable(call);
    expect(tool.runs).toHaveLength(1);
    expect(recorder.lifecycle('a')).toEqual(['input-started', 'input-available', 'started']);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fakeTool, setup } from './executor-test-kit';
import type { Settlement, Turn } from './types';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('deduplication', () => {
  it('an identical call in flight shares the first result, whatever the key order', async () => {
    // Several keys, so key order would matter to a naive serialiser.
    const convert = fakeTool('convert', {
      latencyMs: 500,
      input: z.object({ amount: z.number(), from: z.string(), to: z.string() }),
      result: () => ({ rate: 0.92 }),
    });

    const { executor, delivered, recorder, steps } = setup([convert]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({
      stepId: 's1',
      callId: 'first',
      toolName: 'convert',
      input: { amount: 100, from: 'USD', to: 'EUR' },
    });
    await vi.advanceTimersByTimeAsync(100);
    turn.inputAvailable({
      stepId: 's1',
      callId: 'dup',
      toolName: 'convert',
      input: { to: 'EUR', from: 'USD', amount: 100 },
    });
    turn.closeStep('s1');
    expect(convert.runs).toHaveLength(1);
    expect(recorder.lifecycle('dup')).toEqual(['input-available']);
    expect(turn.snapshot()[1]?.phase).toBe('sharing');

    await vi.advanceTimersByTimeAsync(400);
    expect(delivered.map((s) => [s.callId, s.status, s.sharedWith, s.modelOutput])).toEqual([
      ['first', 'ok', undefined, { rate: 0.92 }],
      ['dup', 'deduplicated', 'first', { rate: 0.92 }],
    ]);
    expect(delivered[1]?.sharedStatus).toBe('ok');
    expect(delivered[1]?.outputState).toBe('output-available');
    expect(steps).toHaveLength(1);
  });

  it('shares an error too, delivered as an error', async () => {
    const flaky = fakeTool('flaky', { latencyMs: 100, failWith: 'rate limited' });
    const { executor, delivered } = setup([flaky]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'flaky', input: { q: 'x' } });
    turn.inputAvailable({ stepId: 's1', callId: 'b', toolName: 'flaky', input: { q: 'x' } });
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered[1]).toMatchObject({
      callId: 'b',
      status: 'deduplicated',
      sharedStatus: 'error',
      outputState: 'output-error',
      errorText: 'rate limited',
    });
  });

  it('does not share across tools, different inputs, settled calls, or turns', async () => {
    const a = fakeTool('a', { latencyMs: 100 });
    const b = fakeTool('b', { latencyMs: 100 });
    const { executor } = setup([a, b]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: '1', toolName: 'a', input: { q: 'x' } });
    turn.inputAvailable({ stepId: 's1', callId: '2', toolName: 'b', input: { q: 'x' } });
    turn.inputAvailable({ stepId: 's1', callId: '3', toolName: 'a', input: { q: 'y' } });
    await vi.advanceTimersByTimeAsync(100);
    // The first call has settled: the same call again is new work, not in flight.
    turn.inputAvailable({ stepId: 's2', callId: '4', toolName: 'a', input: { q: 'x' } });
    expect(a.runs).toHaveLength(3);
    expect(b.runs).toHaveLength(1);
    const next = executor.startTurn('t2');
    next.inputAvailable({ stepId: 's1', callId: '5', toolName: 'a', input: { q: 'x' } });
    expect(a.runs).toHaveLength(4);
  });
});

describe('stop', () => {
  it('aborts every in-flight handler, cancels every unsettled call and delivers nothing after', async () => {
    const tool = fakeTool('work', { latencyMs: 1000 });
    const hung = fakeTool('hung', { hang: true });
    const { executor, delivered, recorder, steps } = setup([tool, hung], { maxConcurrency: 2 });
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'run1', toolName: 'work', input: { q: '1' } });
    turn.inputAvailable({ stepId: 's1', callId: 'run2', toolName: 'hung', input: { q: '2' } });
    turn.inputAvailable({ stepId: 's1', callId: 'queued', toolName: 'work', input: { q: '3' } });
    turn.inputAvailable({ stepId: 's1', callId: 'dup', toolName: 'work', input: { q: '1' } });
    turn.inputStarted({ stepId: 's1', callId: 'streaming', toolName: 'work' });
    await vi.advanceTimersByTimeAsync(500);

    turn.stop();
    expect(tool.runs[0]?.signal.aborted).toBe(true);
    expect(hung.runs[0]?.signal.aborted).toBe(true);
    expect(turn.stopped).toBe(true);
    expect(recorder.ofType('settled').map((e) => [e.callId, e.status, e.errorText])).toEqual([
      ['run1', 'cancelled', 'stopped by the user'],
      ['dup', 'cancelled', 'stopped by the user'],
      ['run2', 'cancelled', 'stopped by the user'],
      ['queued', 'cancelled', 'stopped by the user'],
      ['streaming', 'cancelled', 'stopped by the user'],
    ]);
    expect(recorder.ofType('turn-stopped')).toHaveLength(1);
    // The queued call never started, even though Stop freed the slots one by one.
    expect(tool.runs).toHaveLength(1);
    expect(executor.runningCount).toBe(0);

    // Late input, a late close, and late results are all ignored.
    turn.inputAvailable({ stepId: 's1', callId: 'streaming', toolName: 'work', input: { q: '4' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(delivered).toHaveLength(0);
    expect(steps).toHaveLength(0);
    expect(recorder.ofType('settled')).toHaveLength(5);
  });

  it('drops a result already settled but not yet handed over when Stop comes from a callback', () => {
    const delivered: Settlement[] = [];
    let turn: Turn | undefined;
    const { executor } = setup([], {
      onEvent: (event) => {
        if (event.type === 'settled') turn?.stop();
      },
      deliver: (settlement) => {
        delivered.push(settlement);
      },
    });
    turn = executor.startTurn('t1');
    // An unknown tool settles (and would deliver) synchronously; Stop lands in between.
    turn.inputAvailable({ stepId: 's1', callId: 'c', toolName: 'nope', input: {} });
    expect(turn.stopped).toBe(true);
    expect(delivered).toHaveLength(0);
  });

  it('a new turn after Stop works normally, with the slots a hung handler held', async () => {
    const hung = fakeTool('hung', { hang: true });
    const tool = fakeTool('work', { latencyMs: 100 });
    const { executor, delivered, steps } = setup([hung, tool], { maxConcurrency: 1 });
    const first = executor.startTurn('t1');
    first.inputAvailable({ stepId: 's1', callId: 'h', toolName: 'hung', input: { q: '1' } });
    first.stop();

    const second = executor.startTurn('t2');
    second.inputAvailable({ stepId: 's1', callId: 'w', toolName: 'work', input: { q: '1' } });
    expect(tool.runs).toHaveLength(1);
    second.closeStep('s1');
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered.map((s) => [s.turnId, s.callId, s.status])).toEqual([['t2', 'w', 'ok']]);
    expect(steps.map((s) => [s.turnId, s.stepId])).toEqual([['t2', 's1']]);
  });

  it('starting a new turn supersedes a live one', async () => {
    const tool = fakeTool('work', { latencyMs: 100 });
    const { executor, delivered, recorder } = setup([tool]);
    const first = executor.startTurn('t1');
    first.inputAvailable({ stepId: 's1', callId: 'old', toolName: 'work', input: { q: '1' } });
    executor.startTurn('t2');
    expect(first.stopped).toBe(true);
    expect(recorder.ofType('turn-stopped')[0]?.reason).toBe('superseded by turn t2');
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered).toHaveLength(0);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTool, setup } from './executor-test-kit';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const CITIES = ['Paris', 'Tokyo', 'New York'];

describe('parallel policy', () => {
  it('starts each call the moment its input is available, while the step is still open', async () => {
    const weather = fakeTool('get_weather', { latencyMs: 1000 });
    const { executor, recorder, steps } = setup([weather]);
    const turn = executor.startTurn('t1', { policy: 'parallel' });

    turn.inputAvailable({
      stepId: 's1',
      callId: 'c1',
      toolName: 'get_weather',
      input: { q: 'Paris' },
    });
    // Started synchronously, inside inputAvailable, before the model emitted the next call.
    expect(weather.runs).toHaveLength(1);
    expect(recorder.lifecycle('c1')).toEqual(['input-available', 'started']);
    expect(recorder.dispatchLatency('c1')).toBe(0);

    await vi.advanceTimersByTimeAsync(200);
    turn.inputAvailable({
      stepId: 's1',
      callId: 'c2',
      toolName: 'get_weather',
      input: { q: 'Tokyo' },
    });
    await vi.advanceTimersByTimeAsync(200);
    turn.inputAvailable({
      stepId: 's1',
      callId: 'c3',
      toolName: 'get_weather',
      input: { q: 'New York' },
    });
    expect(weather.runs.map((run) => run.at)).toEqual([0, 200, 400]);
    expect(recorder.ofType('queued')).toHaveLength(0);

    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(1400);
    expect(steps).toHaveLength(1);
    // The calls overlap: each starts before any other ends.
    const ends = recorder.ofType('settled').map((event) => event.at);
    expect(Math.max(...weather.runs.map((run) => run.at))).toBeLessThan(Math.min(...ends));
    expect(recorder.ofType('step-settled')[0]?.at).toBe(1400);
  });

  it('returns from inputAvailable synchronously even when the handler never settles', () => {
    const slow = fakeTool('slow', { hang: true, timeoutMs: 60_000 });
    const { executor, delivered } = setup([slow]);
    const turn = executor.startTurn('t1');
    const result = turn.inputAvailable({
      stepId: 's1',
      callId: 'c1',
      toolName: 'slow',
      input: { q: 'x' },
    });
    expect(result).toBeUndefined();
    expect(slow.runs).toHaveLength(1);
    expect(delivered).toHaveLength(0);
    expect(turn.snapshot()[0]?.phase).toBe('running');
  });
});

describe('batch policy', () => {
  it('holds calls until the step closes, then starts them all in one synchronous pass', async () => {
    const weather = fakeTool('get_weather', { latencyMs: 1000 });
    const { executor, recorder, steps } = setup([weather]);
    const turn = executor.startTurn('t1', { policy: 'batch' });

    CITIES.forEach((city, index) => {
      turn.inputAvailable({
        stepId: 's1',
        callId: `c${index}`,
        toolName: 'get_weather',
        input: { q: city },
      });
    });
    await vi.advanceTimersByTimeAsync(300);
    expect(weather.runs).toHaveLength(0);
    expect(recorder.ofType('queued').map((event) => event.reason)).toEqual([
      'step-open',
      'step-open',
      'step-open',
    ]);

    turn.closeStep('s1');
    // All three are running by the time closeStep returns, at the same clock reading.
    expect(weather.runs).toHaveLength(3);
    expect(new Set(recorder.ofType('started').map((event) => event.at))).toEqual(new Set([300]));
    expect(recorder.dispatchLatency('c0')).toBe(300);

    await vi.advanceTimersByTimeAsync(1000);
    expect(steps).toHaveLength(1);
    expect(steps[0]?.settlements.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('starts a call whose input completes after the step closed at once', () => {
    const weather = fakeTool('get_weather');
    const { executor } = setup([weather]);
    const turn = executor.startTurn('t1', { policy: 'batch' });
    turn.inputStarted({ stepId: 's1', callId: 'c1', toolName: 'get_weather' });
    turn.closeStep('s1');
    expect(weather.runs).toHaveLength(0);
    turn.inputAvailable({
      stepId: 's1',
      callId: 'c1',
      toolName: 'get_weather',
      input: { q: 'Paris' },
    });
    expect(weather.runs).toHaveLength(1);
  });
});

describe('sequential policy', () => {
  it('runs one call at a time, in the order the model emitted them', async () => {
    const weather = fakeTool('get_weather', { latencyMs: 1000 });
    const { executor, recorder, steps } = setup([weather]);
    const turn = executor.startTurn('t1', { policy: 'sequential' });

    // Emitted c0, c1, c2 but c2's input completes before c1's: order of emission wins.
    for (const id of ['c0', 'c1', 'c2'])
      turn.inputStarted({ stepId: 's1', callId: id, toolName: 'get_weather' });
    turn.inputAvailable({
      stepId: 's1',
      callId: 'c0',
      toolName: 'get_weather',
      input: { q: 'Paris' },
    });
    turn.inputAvailable({
      stepId: 's1',
      callId: 'c2',
      toolName: 'get_weather',
      input: { q: 'New York' },
    });
    turn.inputAvailable({
      stepId: 's1',
      callId: 'c1',
      toolName: 'get_weather',
      input: { q: 'Tokyo' },
    });
    turn.closeStep('s1');

    expect(weather.runs).toHaveLength(1);
    expect(recorder.find('queued', 'c2')?.reason).toBe('sequential');
    await vi.advanceTimersByTimeAsync(3000);

    const started = recorder.ofType('started');
    expect(started.map((event) => event.callId)).toEqual(['c0', 'c1', 'c2']);
    expect(started.map((event) => event.at)).toEqual([0, 1000, 2000]);
    // No overlap: each call starts only when the previous one settled.
    const settled = recorder.ofType('settled');
    expect(settled.map((event) => event.at)).toEqual([1000, 2000, 3000]);
    expect(steps).toHaveLength(1);
  });

  it('moves on past a failed call', async () => {
    const ok = fakeTool('ok_tool', { latencyMs: 100 });
    const bad = fakeTool('bad_tool', { latencyMs: 100, failWith: 'boom' });
    const { executor, recorder } = setup([ok, bad]);
    const turn = executor.startTurn('t1', { policy: 'sequential' });
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'bad_tool', input: { q: '1' } });
    turn.inputAvailable({ stepId: 's1', callId: 'b', toolName: 'ok_tool', input: { q: '2' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(200);
    expect(recorder.ofType('settled').map((event) => [event.callId, event.status])).toEqual([
      ['a', 'error'],
      ['b', 'ok'],
    ]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  abortableDelay,
  raceAbort,
  simulatedDelayMs,
  withSimulatedLatency,
} from './simulated-latency';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('simulatedDelayMs', () => {
  it('adds uniform jitter to the base', () => {
    const latency = { baseMs: 400, jitterMs: 100 };
    expect(simulatedDelayMs(latency, () => 0)).toBe(400);
    expect(simulatedDelayMs(latency, () => 0.5)).toBe(450);
    expect(simulatedDelayMs(latency, () => 0.999)).toBe(500);
  });

  it('never goes negative', () => {
    expect(simulatedDelayMs({ baseMs: -5, jitterMs: -5 }, () => 1)).toBe(0);
  });
});

describe('withSimulatedLatency', () => {
  it('waits the drawn delay and reports it', async () => {
    vi.useFakeTimers();
    let settled = false;
    const wait = withSimulatedLatency({ baseMs: 1000, jitterMs: 0 }).then((ms) => {
      settled = true;
      return ms;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(wait).resolves.toBe(1000);
  });

  it('rejects as soon as the signal aborts, with its reason', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const wait = withSimulatedLatency({ baseMs: 5000, jitterMs: 0 }, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('timed out after 10 ms'));
    await expect(wait).rejects.toThrow('timed out after 10 ms');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once on an already aborted signal', async () => {
    await expect(abortableDelay(10_000, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('abortableDelay', () => {
  it('ends every delay already due when one timer fires, and none before its time', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const timers = new Map<number, () => void>();
    let nextId = 1;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void) => {
      const id = nextId++;
      timers.set(id, callback);
      return id;
    }) as unknown as typeof setTimeout);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((id: number) => {
      timers.delete(id);
    }) as unknown as typeof clearTimeout);
    const ended: string[] = [];
    const first = abortableDelay(10).then(() => ended.push('first'));
    const second = abortableDelay(12).then(() => ended.push('second'));
    void abortableDelay(50).then(() => ended.push('third'));
    // The browser runs the first timer late, when the second is due too but its timer waits.
    now = 13;
    timers.get(1)?.();
    await Promise.all([first, second]);
    expect(ended).toEqual(['first', 'second']);
    // The second's own timer is cancelled; the third (due at 50) still waits for its own.
    expect([...timers.keys()]).toEqual([3]);
    vi.restoreAllMocks();
    now = 60;
    timers.get(3)?.();
    await Promise.resolve();
    await Promise.resolve();
    expect(ended).toEqual(['first', 'second', 'third']);
  });
});

describe('raceAbort', () => {
  it('passes results through and stops waiting on abort', async () => {
    await expect(raceAbort(Promise.resolve(3))).resolves.toBe(3);
    const controller = new AbortController();
    const never = new Promise<number>(() => {});
    const raced = raceAbort(never, controller.signal);
    controller.abort();
    await expect(raced).rejects.toMatchObject({ name: 'AbortError' });
  });
});

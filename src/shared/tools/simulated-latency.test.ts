import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  abortableDelay,
  raceAbort,
  simulatedDelayMs,
  withSimulatedLatency,
} from './simulated-latency';

afterEach(() => {
  vi.useRealTimers();
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

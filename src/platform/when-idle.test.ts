import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './when-idle';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenIdle', () => {
  it('runs the work in an idle callback bounded by the timeout, and can be cancelled', () => {
    const requested: Array<{ callback: () => void; timeout: number | undefined }> = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options?: { timeout?: number }) => {
      requested.push({ callback, timeout: options?.timeout });
      return requested.length;
    });
    vi.stubGlobal('cancelIdleCallback', (handle: number) => cancelled.push(handle));
    const work = vi.fn();
    const cancel = whenIdle(work, 500);
    expect(work).not.toHaveBeenCalled();
    expect(requested[0]?.timeout).toBe(500);
    requested[0]?.callback();
    expect(work).toHaveBeenCalledTimes(1);
    whenIdle(work, 500)();
    cancel();
    expect(cancelled).toEqual([2, 1]);
  });

  it('falls back to a timer where the browser has no idle callbacks', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const work = vi.fn();
    whenIdle(work, 500);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
    const cancelledWork = vi.fn();
    whenIdle(cancelledWork, 500)();
    vi.advanceTimersByTime(10);
    expect(cancelledWork).not.toHaveBeenCalled();
  });
});

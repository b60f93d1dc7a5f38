import { describe, expect, it } from 'vitest';
import {
  LARGE_RUN_INTERVAL_MS,
  LARGE_RUN_OPEN_CALLS,
  liveTickInterval,
  SMALL_RUN_INTERVAL_MS,
} from './use-live-now';

describe('liveTickInterval', () => {
  it('ticks at a bounded rate for small runs and calmer for large ones', () => {
    expect(liveTickInterval(0)).toBe(SMALL_RUN_INTERVAL_MS);
    expect(liveTickInterval(LARGE_RUN_OPEN_CALLS)).toBe(SMALL_RUN_INTERVAL_MS);
    expect(SMALL_RUN_INTERVAL_MS).toBeLessThan(LARGE_RUN_INTERVAL_MS);
    expect(liveTickInterval(LARGE_RUN_OPEN_CALLS + 1)).toBe(LARGE_RUN_INTERVAL_MS);
  });
});

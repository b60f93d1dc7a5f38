import { describe, expect, it } from 'vitest';
import { LARGE_RUN_INTERVAL_MS, LARGE_RUN_OPEN_CALLS, liveTickInterval } from './use-live-now';

describe('liveTickInterval', () => {
  it('ticks every frame for small runs and calmer for large ones', () => {
    expect(liveTickInterval(0)).toBe(0);
    expect(liveTickInterval(LARGE_RUN_OPEN_CALLS)).toBe(0);
    expect(liveTickInterval(LARGE_RUN_OPEN_CALLS + 1)).toBe(LARGE_RUN_INTERVAL_MS);
  });
});

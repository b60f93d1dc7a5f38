import { describe, expect, it } from 'vitest';
import { createThrottledWarning } from './throttled-warning';

describe('createThrottledWarning', () => {
  it('writes the first line, holds the rest for a minute, then says how many it held', () => {
    let now = 1_000;
    const lines: string[] = [];
    const warn = createThrottledWarning(
      60_000,
      (line) => lines.push(line),
      () => now,
    );
    warn('export failed');
    now += 1_000;
    warn('export failed');
    now += 30_000;
    warn('export failed');
    expect(lines).toEqual(['export failed']);
    now += 30_000;
    warn('export failed');
    expect(lines).toEqual(['export failed', 'export failed (2 more like it in the last minute)']);
  });
});

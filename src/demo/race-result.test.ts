import { describe, expect, it } from 'vitest';
import { threeCityRun } from '../timeline/trace-fixtures';
import { runMetrics } from '../trace/metrics';
import { raceResult } from './race-result';

describe('raceResult', () => {
  it('divides the sequential tool wall by the parallel one and reports the time saved', () => {
    const result = raceResult(threeCityRun('parallel'), threeCityRun('sequential'));
    expect(result?.parallelWallMs).toBeCloseTo(1110, 5);
    // One at a time, the wall is the calls' running time added up (the gaps between them are not).
    const sequentialSum = runMetrics(threeCityRun('sequential')).sumMs;
    expect(result?.sequentialWallMs).toBeCloseTo(sequentialSum, 5);
    expect(result?.speedup).toBeCloseTo(sequentialSum / 1110, 5);
    expect(result?.savedMs).toBeCloseTo(sequentialSum - 1110, 5);
    expect(result?.turnSpeedup).toBeCloseTo(3900 / 1900, 5);
  });

  it('has no verdict while a lane is still running', () => {
    const running = { ...threeCityRun('sequential'), status: 'running' as const };
    expect(raceResult(threeCityRun('parallel'), running)).toBeUndefined();
  });
});

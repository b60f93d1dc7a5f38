import { describe, expect, it } from 'vitest';
import { threeCityRun } from '../timeline/trace-fixtures';
import { runMetrics } from '../trace/metrics';
import type { RunTrace } from '../trace/trace-types';
import { raceResult } from './race-result';

const lane = (run: RunTrace) => ({ status: run.status, metrics: runMetrics(run) });

describe('raceResult', () => {
  it('divides the sequential tool wall by the parallel one and reports the time saved', () => {
    const result = raceResult(lane(threeCityRun('parallel')), lane(threeCityRun('sequential')));
    expect(result?.outcome).toBe('raced');
    if (result?.outcome !== 'raced') return;
    expect(result.parallelWallMs).toBeCloseTo(1110, 5);
    // One at a time, the wall is the calls' running time added up (the gaps between them are not).
    const sequentialSum = runMetrics(threeCityRun('sequential')).sumMs;
    expect(result.sequentialWallMs).toBeCloseTo(sequentialSum, 5);
    expect(result.speedup).toBeCloseTo(sequentialSum / 1110, 5);
    expect(result.savedMs).toBeCloseTo(sequentialSum - 1110, 5);
    expect(result.turnSpeedup).toBeCloseTo(3900 / 1900, 5);
  });

  it('uses the figures it is given, not a second computation of its own', () => {
    const parallel = lane(threeCityRun('parallel'));
    const shown = { ...parallel, metrics: { ...parallel.metrics, wallMs: 555 } };
    const result = raceResult(shown, lane(threeCityRun('sequential')));
    expect(result?.outcome === 'raced' && result.parallelWallMs).toBe(555);
  });

  it('has no verdict while a lane is still running', () => {
    const running = { ...lane(threeCityRun('sequential')), status: 'running' as const };
    expect(raceResult(lane(threeCityRun('parallel')), running)).toBeUndefined();
  });

  it('claims no speedup when a lane stopped or failed', () => {
    const stopped = { ...lane(threeCityRun('parallel')), status: 'stopped' as const };
    expect(raceResult(stopped, lane(threeCityRun('sequential')))).toEqual({
      outcome: 'unfinished',
      parallel: 'stopped',
      sequential: 'complete',
    });
  });
});

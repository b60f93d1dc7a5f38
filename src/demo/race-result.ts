import { runMetrics } from '../trace/metrics';
import type { RunTrace } from '../trace/trace-types';

/** What a finished race measured: the same prompt under `parallel` and under `sequential`. */
export type RaceResult = {
  parallelWallMs: number;
  sequentialWallMs: number;
  /** Sequential tool wall ÷ parallel tool wall; undefined when the parallel lane ran no tool. */
  speedup?: number;
  /** Sequential tool wall − parallel tool wall. */
  savedMs: number;
  /** Whole turns (request to answer), for the honest end-to-end view. */
  parallelTurnMs: number;
  sequentialTurnMs: number;
  turnSpeedup?: number;
};

/**
 * The race's verdict, from the two measured traces alone. "Wall" is DESIGN's tool wall time
 * (first tool start → last tool settle), the part the policy changes; the whole turns are
 * reported beside it, since the model's own time is the same in both lanes.
 */
export function raceResult(parallel: RunTrace, sequential: RunTrace): RaceResult | undefined {
  if (parallel.status === 'running' || sequential.status === 'running') return undefined;
  const p = runMetrics(parallel);
  const s = runMetrics(sequential);
  return {
    parallelWallMs: p.wallMs,
    sequentialWallMs: s.wallMs,
    speedup: p.wallMs > 0 ? s.wallMs / p.wallMs : undefined,
    savedMs: s.wallMs - p.wallMs,
    parallelTurnMs: p.durationMs,
    sequentialTurnMs: s.durationMs,
    turnSpeedup: p.durationMs > 0 ? s.durationMs / p.durationMs : undefined,
  };
}

import type { RunMetrics } from '../trace/metrics';
import type { RunStatus } from '../trace/trace-types';

/** What a lane shows: its run's status and figures (computed once, by the lane). */
export type LaneFigures = { status: RunStatus; metrics: RunMetrics };

/** What a finished race measured: the same prompt under `parallel` and under `sequential`. */
export type RaceResult =
  | {
      outcome: 'raced';
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
    }
  /** A lane stopped or failed: its figures describe work that never finished, so no speedup. */
  | { outcome: 'unfinished'; parallel: RunStatus; sequential: RunStatus };

/**
 * The race's verdict, from the very figures each lane shows. "Wall" is DESIGN's tool wall time
 * (first tool start → last tool settle), the part the policy changes; the whole turns are
 * reported beside it, since the model's own time is the same in both lanes.
 */
export function raceResult(parallel: LaneFigures, sequential: LaneFigures): RaceResult | undefined {
  if (parallel.status === 'running' || sequential.status === 'running') return undefined;
  if (parallel.status !== 'complete' || sequential.status !== 'complete') {
    return { outcome: 'unfinished', parallel: parallel.status, sequential: sequential.status };
  }
  const p = parallel.metrics;
  const s = sequential.metrics;
  return {
    outcome: 'raced',
    parallelWallMs: p.wallMs,
    sequentialWallMs: s.wallMs,
    speedup: p.wallMs > 0 ? s.wallMs / p.wallMs : undefined,
    savedMs: s.wallMs - p.wallMs,
    parallelTurnMs: p.durationMs,
    sequentialTurnMs: s.durationMs,
    turnSpeedup: p.durationMs > 0 ? s.durationMs / p.durationMs : undefined,
  };
}

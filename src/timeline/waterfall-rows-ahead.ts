import { metricsOf, nextTask } from '../trace/run-figures';
import type { RunTrace } from '../trace/trace-types';
import { prepareWaterfallRows } from './geometry';
import { VIRTUAL_ROWS } from './waterfall';

/**
 * Builds a big finished run's waterfall rows ahead, a slice per task, for a timeline drawn at
 * `trackWidthPx` with the options `RunTimelineView` lays it out with (its clock, its axis end,
 * the run's critical path): the draw that follows finds every row built, so neither an import
 * nor a new track width makes building 1,000 rows one long task. Small and live runs are drawn
 * as they come.
 */
export async function prepareTimelineRows(
  run: RunTrace,
  options: { trackWidthPx: number; now?: number; scaleMaxMs?: number },
): Promise<void> {
  if (run.status === 'running' || run.spanOrder.length <= VIRTUAL_ROWS) return;
  await prepareWaterfallRows(
    run,
    {
      now: options.now,
      trackWidthPx: options.trackWidthPx,
      scaleMaxMs: options.scaleMaxMs,
      criticalPath: metricsOf(run, options.now).criticalPath,
    },
    nextTask,
  );
}

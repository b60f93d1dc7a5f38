import { type DependencyLink, dependencyLinks } from './dependencies';
import {
  type ParallelOpportunity,
  parallelOpportunity,
  type RunMetrics,
  runMetrics,
} from './metrics';
import type { RunTrace } from './trace-types';

/**
 * A run's derived figures (metrics, dependency links, parallel opportunity), computed once per
 * run object and clock value and shared by whoever asks: the timeline, and an import that works
 * them out ahead in tasks of their own (`prepareRunFigures`), so drawing a 1,000-call run is not
 * one long task of every figure at once. A run object never changes (the trace store replaces
 * it), so a WeakMap entry per run is exact.
 */
const metricsCache = new WeakMap<RunTrace, { now: number | undefined; metrics: RunMetrics }>();
const linksCache = new WeakMap<RunTrace, readonly DependencyLink[]>();
const opportunityCache = new WeakMap<
  RunTrace,
  { links: readonly DependencyLink[]; opportunity: ParallelOpportunity }
>();

/** `runMetrics(run, now)`, remembered for the last `now` asked of this run. */
export function metricsOf(run: RunTrace, now: number | undefined): RunMetrics {
  const cached = metricsCache.get(run);
  if (cached && cached.now === now) return cached.metrics;
  const metrics = runMetrics(run, now);
  metricsCache.set(run, { now, metrics });
  return metrics;
}

/** `dependencyLinks(run)`, once per run. */
export function linksOf(run: RunTrace): readonly DependencyLink[] {
  let links = linksCache.get(run);
  if (!links) {
    links = dependencyLinks(run);
    linksCache.set(run, links);
  }
  return links;
}

/** `parallelOpportunity(run, links)`, once per run and links. */
export function opportunityOf(
  run: RunTrace,
  links: readonly DependencyLink[] = linksOf(run),
): ParallelOpportunity {
  const cached = opportunityCache.get(run);
  if (cached && cached.links === links) return cached.opportunity;
  const opportunity = parallelOpportunity(run, links);
  opportunityCache.set(run, { links, opportunity });
  return opportunity;
}

/** The next task: other work (input, a frame) may go first. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Works out the figures of runs about to be shown (an import), one figure per task, so each
 * stays short and the timeline finds them ready. Runs still going are left to the timeline
 * (their figures move with the clock).
 */
export async function prepareRunFigures(runs: readonly RunTrace[]): Promise<void> {
  for (const run of runs) {
    if (run.status === 'running') continue;
    await nextTask();
    metricsOf(run, undefined);
    await nextTask();
    const links = linksOf(run);
    await nextTask();
    opportunityOf(run, links);
  }
  // The caller draws the runs next: in a task of its own, not after the last figure.
  await nextTask();
}

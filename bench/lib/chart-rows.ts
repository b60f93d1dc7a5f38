/**
 * The bench's results → the rows its charts draw (`bench/charts.ts`). Pure, so it is tested
 * without a renderer; every value is read from the results, none is made up: a figure the run
 * lacks (or that failed) gives no rows, and the chart says so.
 */
import { z } from 'zod';
import { EAGER_FIRST_OUTPUT_TARGET_MS, stepTarget } from '../report.ts';

const summary = z.object({ n: z.number(), median: z.number(), min: z.number(), max: z.number() });
const failed = z.object({ error: z.string() });

/** The part of a results file the charts read (bench/results.json or bench/out/results.json). */
export const chartInputSchema = z.object({
  generatedAt: z.string().optional(),
  quick: z.boolean().optional(),
  /** `--only`: the figures this run measured. */
  only: z.array(z.string()).optional(),
  machine: z
    .object({ cpu: z.string(), cores: z.number(), node: z.string(), chromium: z.string() })
    .partial()
    .optional(),
  steps: z
    .union([
      failed,
      z.object({
        figures: z.array(
          z.object({
            n: z.number(),
            latencyMs: z.number(),
            wallOverLimit: summary,
            runMs: z.object({ parallel: summary, sequential: summary, baseline: summary }),
          }),
        ),
      }),
    ])
    .optional(),
  eager: z
    .union([
      failed,
      z.array(
        z.object({
          label: z.string(),
          gainFirstOutputMs: z.number(),
          parallel: z.object({ firstOutputMs: summary }),
          batch: z.object({ firstOutputMs: summary }),
        }),
      ),
    ])
    .optional(),
});
export type ChartInput = z.infer<typeof chartInputSchema>;

const present = <T extends object>(value: T | { error: string } | undefined): T | undefined =>
  value && !('error' in value) ? value : undefined;

/** How each series of the speed-up chart is named in its legend (one home for the names). */
export const SPEEDUP_SERIES = {
  ideal: 'ideal: N× (the calls overlap fully)',
  parallel: 'Fanout parallel',
  baseline: "AI SDK's documented pattern",
  sequential: 'Fanout sequential',
} as const;
export type SpeedupSeries = (typeof SPEEDUP_SERIES)[keyof typeof SPEEDUP_SERIES];

export type SpeedupRow = { latency: string; n: number; series: SpeedupSeries; speedup: number };

export const latencyLabel = (latencyMs: number) =>
  latencyMs >= 1000 ? `calls of ${latencyMs / 1000} s` : `calls of ${latencyMs} ms`;

/**
 * Whole turn (request → final answer) speed-up over Fanout's `sequential`, medians of runs measured
 * side by side: sequential ÷ variant. Sequential is 1 by definition; the ideal is N.
 */
export function speedupRows(results: ChartInput): SpeedupRow[] {
  const steps = present(results.steps);
  if (!steps) return [];
  return steps.figures.flatMap((figure) => {
    const latency = latencyLabel(figure.latencyMs);
    const sequential = figure.runMs.sequential.median;
    const row = (series: SpeedupSeries, speedup: number): SpeedupRow => ({
      latency,
      n: figure.n,
      series,
      speedup,
    });
    return [
      row(SPEEDUP_SERIES.ideal, figure.n),
      row(SPEEDUP_SERIES.parallel, sequential / figure.runMs.parallel.median),
      row(SPEEDUP_SERIES.baseline, sequential / figure.runMs.baseline.median),
      row(SPEEDUP_SERIES.sequential, 1),
    ];
  });
}

export type WallRow = {
  latency: string;
  n: number;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** The target (issues #6 and 15) as a wall ÷ limit ratio, where this N and latency has one. */
  target: number | undefined;
};

/** Step wall (first start → last settle) ÷ the latency, per N and latency, `parallel` runs. */
export function wallRows(results: ChartInput): WallRow[] {
  const steps = present(results.steps);
  if (!steps) return [];
  return steps.figures.map((figure) => ({
    latency: latencyLabel(figure.latencyMs),
    n: figure.n,
    median: figure.wallOverLimit.median,
    min: figure.wallOverLimit.min,
    max: figure.wallOverLimit.max,
    runs: figure.wallOverLimit.n,
    target: stepTarget(figure)?.wallOverLimit,
  }));
}

export type EagerRow = {
  wireFormat: string;
  gainMs: number;
  parallelFirstMs: number;
  batchFirstMs: number;
  verdict: 'met' | 'missed';
};

/** First output under `batch` − under `parallel` (medians), per wire format, against the target. */
export function eagerRows(results: ChartInput): EagerRow[] {
  return (present(results.eager) ?? []).map((figure) => ({
    wireFormat: figure.label,
    gainMs: figure.gainFirstOutputMs,
    parallelFirstMs: figure.parallel.firstOutputMs.median,
    batchFirstMs: figure.batch.firstOutputMs.median,
    verdict: figure.gainFirstOutputMs >= EAGER_FIRST_OUTPUT_TARGET_MS ? 'met' : 'missed',
  }));
}

/** Which run a chart shows: its date, repetitions and machine, as a subtitle. */
export function runCaption(results: ChartInput): string {
  const at = results.generatedAt
    ? `${results.generatedAt.slice(0, 10)} ${results.generatedAt.slice(11, 16)} UTC`
    : 'undated run';
  const reps = [
    results.only ? `only ${results.only.join(', ')}` : undefined,
    results.quick ? 'quick (fewer repetitions)' : 'full repetitions',
  ]
    .filter(Boolean)
    .join(', ');
  const machine = results.machine;
  const where = machine
    ? [
        machine.cores !== undefined ? `${machine.cores} cores` : undefined,
        machine.cpu,
        machine.node && `Node ${machine.node}`,
        machine.chromium?.split(' built')[0],
      ]
        .filter(Boolean)
        .join(', ')
    : 'machine not recorded';
  return `npm run bench, ${at}, ${reps}; ${where}`;
}

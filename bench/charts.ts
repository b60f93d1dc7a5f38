/**
 * The bench's charts: SVG files drawn with Vega-Lite from a results object, for BENCHMARKS.md.
 * `bench/run.ts` calls `drawCharts` after every run; alone, it redraws them from a results file
 * without measuring anything:
 *
 *   node bench/charts.ts                        bench/results.json → bench/charts/*.svg
 *   node bench/charts.ts bench/out/results.json  → bench/out/charts/*.svg (beside the file)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  type ChartInput,
  chartInputSchema,
  eagerRows,
  runCaption,
  SPEEDUP_SERIES,
  speedupRows,
  wallRows,
} from './lib/chart-rows.ts';
import { EAGER_FIRST_OUTPUT_TARGET_MS } from './report.ts';

/**
 * Vega sizes labels, legends and the SVG itself from text widths; without a canvas in Node it
 * guesses 0.8 em a character, which truncates labels and leaves wide blank margins. Widths of
 * Helvetica / Arial (the charts' font), in em, by character, are close enough for layout.
 */
const NARROW = new Set("iljt.,:;'|!() ");
const WIDE = new Set('mwMW@%');
function emWidth(character: string): number {
  if (NARROW.has(character)) return 0.28;
  if ('fr-'.includes(character)) return 0.33;
  if (WIDE.has(character)) return 0.85;
  if (/[A-Z]/.test(character)) return 0.68;
  return 0.56;
}
type TextItem = { text?: unknown; fontSize?: number; fontWeight?: string | number };
const textMetrics = (
  vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }
).textMetrics;
textMetrics.width = (item, text) => {
  const value = String(text ?? item.text ?? '');
  const size = item.fontSize ?? 11;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? 1.07 : 1;
  let em = 0;
  for (const character of value) em += emWidth(character);
  return em * size * bold;
};

/** A small palette: one colour per series, the same in every chart. */
const COLOURS = {
  parallel: '#2563eb',
  baseline: '#d97706',
  sequential: '#6b7280',
  ideal: '#111827',
  target: '#dc2626',
  missed: '#dc2626',
} as const;

const config = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  padding: 12,
  title: {
    fontSize: 15,
    subtitleFontSize: 11,
    subtitleColor: '#4b5563',
    anchor: 'start',
    offset: 18,
  },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e5e7eb' },
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    orient: 'bottom',
    direction: 'vertical',
    labelLimit: 400,
  },
  axisY: { labelLimit: 240 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: '#d1d5db' },
} as const;

const title = (text: string, results: ChartInput) => ({ text, subtitle: runCaption(results) });

/** A chart that says there is nothing to draw (the figure was not measured or failed). */
function missing(text: string, results: ChartInput, what: string): TopLevelSpec {
  return {
    title: title(text, results),
    config,
    width: 480,
    height: 60,
    data: { values: [{ note: `No ${what} in this results file.` }] },
    mark: { type: 'text', align: 'left', fontSize: 13 },
    encoding: { text: { field: 'note' }, x: { value: 12 }, y: { value: 30 } },
  };
}

export function speedupSpec(results: ChartInput): TopLevelSpec {
  const text = 'Whole-turn speed-up over sequential, against the number of calls N';
  const rows = speedupRows(results);
  if (!rows.length) return missing(text, results, 'step figures');
  const series = [
    SPEEDUP_SERIES.ideal,
    SPEEDUP_SERIES.parallel,
    SPEEDUP_SERIES.baseline,
    SPEEDUP_SERIES.sequential,
  ];
  const ns = [...new Set(rows.map((row) => row.n))].sort((a, b) => a - b);
  return {
    title: title(text, results),
    config,
    data: { values: rows },
    facet: { column: { field: 'latency', type: 'nominal', title: null, sort: 'descending' } },
    spec: {
      width: 300,
      height: 260,
      mark: { type: 'line', point: { size: 50, filled: true }, strokeWidth: 2 },
      encoding: {
        x: {
          field: 'n',
          type: 'quantitative',
          title: 'N: independent calls in one step (log scale)',
          scale: { type: 'log', padding: 16 },
          axis: { values: ns, format: 'd', grid: false },
        },
        y: {
          field: 'speedup',
          type: 'quantitative',
          title: 'speed-up: sequential turn ÷ this turn (×, log scale)',
          scale: { type: 'log', nice: false, padding: 10 },
          axis: { values: [0.5, 1, 2, 3, 5, 10, 20, 50, 100], format: 'd' },
        },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          sort: series,
          legend: { symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300 },
          scale: {
            domain: series,
            range: [COLOURS.ideal, COLOURS.parallel, COLOURS.baseline, COLOURS.sequential],
          },
        },
        strokeDash: {
          field: 'series',
          type: 'nominal',
          sort: series,
          title: null,
          scale: {
            domain: series,
            range: [
              [6, 4],
              [1, 0],
              [1, 0],
              [1, 0],
            ],
          },
        },
        tooltip: [{ field: 'series' }, { field: 'n' }, { field: 'speedup', format: '.2f' }],
      },
    },
  };
}

export function wallSpec(results: ChartInput): TopLevelSpec {
  const text = 'Step wall ÷ the limit (the slowest call), per N';
  const rows = wallRows(results);
  if (!rows.length) return missing(text, results, 'step figures');
  const x = {
    field: 'n',
    type: 'ordinal',
    title: 'N: independent calls in one step',
    sort: 'ascending',
    axis: { labelAngle: 0 },
  } as const;
  return {
    title: title(text, results),
    config,
    data: { values: rows },
    facet: { column: { field: 'latency', type: 'nominal', title: null, sort: 'descending' } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 260,
      height: 240,
      layer: [
        {
          mark: { type: 'rule', strokeDash: [2, 2], color: COLOURS.ideal },
          encoding: { y: { datum: 1 } },
        },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            x,
            y: {
              field: 'min',
              type: 'quantitative',
              title: 'wall ÷ limit (1 = the limit; min–max of the runs)',
              scale: { zero: false },
            },
            y2: { field: 'max' },
            color: { datum: 'median, min–max of the runs' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70, opacity: 1 },
          encoding: {
            x,
            y: { field: 'median', type: 'quantitative' },
            color: {
              datum: 'median, min–max of the runs',
              type: 'nominal',
              title: null,
              scale: {
                domain: ['median, min–max of the runs', 'target (issues #6, 15)'],
                range: [COLOURS.parallel, COLOURS.target],
              },
            },
            tooltip: [
              { field: 'n' },
              { field: 'median', format: '.3f' },
              { field: 'min', format: '.3f' },
              { field: 'max', format: '.3f' },
              { field: 'runs' },
            ],
          },
        },
        {
          transform: [{ filter: 'isValid(datum.target)' }],
          mark: { type: 'tick', thickness: 2, size: 40, opacity: 1 },
          encoding: {
            x,
            y: { field: 'target', type: 'quantitative' },
            color: { datum: 'target (issues #6, 15)' },
          },
        },
      ],
    },
  };
}

export function eagerSpec(results: ChartInput): TopLevelSpec {
  const text = 'Eager gain: first output under parallel, this much before batch';
  const rows = eagerRows(results);
  if (!rows.length) return missing(text, results, 'eager figure');
  const target = `target: ≥ ${EAGER_FIRST_OUTPUT_TARGET_MS} ms`;
  const y = { field: 'wireFormat', type: 'nominal', title: 'wire format', sort: null } as const;
  return {
    title: title(text, results),
    config,
    width: 480,
    height: { step: 44 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: {
          y,
          x: {
            field: 'gainMs',
            type: 'quantitative',
            title: 'first output: batch − parallel (ms, medians; more is better)',
            axis: { format: 'd', tickCount: 6 },
          },
          color: {
            field: 'verdict',
            type: 'nominal',
            title: 'against the target',
            scale: { domain: ['met', 'missed'], range: [COLOURS.parallel, COLOURS.missed] },
          },
          tooltip: [
            { field: 'wireFormat' },
            { field: 'gainMs', format: '.0f' },
            { field: 'parallelFirstMs', format: '.0f' },
            { field: 'batchFirstMs', format: '.0f' },
          ],
        },
      },
      // The value beside its bar: right of a gain's end; right of zero for a loss (its left
      // would run into the axis labels).
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: {
          y,
          x: { field: 'labelAt', type: 'quantitative' },
          text: { field: 'gainMs', format: '.0f' },
        },
        transform: [{ calculate: 'max(datum.gainMs, 0)', as: 'labelAt' }],
      },
      {
        mark: { type: 'rule', color: COLOURS.target, strokeDash: [4, 2], strokeWidth: 2 },
        encoding: { x: { datum: EAGER_FIRST_OUTPUT_TARGET_MS } },
      },
      {
        mark: { type: 'text', color: COLOURS.target, align: 'center', baseline: 'bottom', dy: -4 },
        encoding: {
          x: { datum: EAGER_FIRST_OUTPUT_TARGET_MS },
          y: { value: 0 },
          text: { value: target },
        },
      },
      {
        mark: { type: 'rule', color: COLOURS.ideal },
        encoding: { x: { datum: 0 } },
      },
    ],
  };
}

/** Every chart: its file name (in bench/charts/) and spec. */
export const CHARTS = {
  'speedup.svg': speedupSpec,
  'wall-over-limit.svg': wallSpec,
  'eager-gain.svg': eagerSpec,
} satisfies Record<string, (results: ChartInput) => TopLevelSpec>;

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Writes every chart of `results` into `directory`; returns the files written. */
export async function drawCharts(results: unknown, directory: string): Promise<string[]> {
  const input = chartInputSchema.parse(results);
  mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  for (const [file, spec] of Object.entries(CHARTS)) {
    const path = join(directory, file);
    writeFileSync(path, `${await renderSvg(spec(input))}\n`);
    written.push(path);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const committed = fileURLToPath(new URL('results.json', import.meta.url));
  const path = resolve(process.argv[2] ?? committed);
  const directory =
    path === committed
      ? fileURLToPath(new URL('charts', import.meta.url))
      : join(dirname(path), 'charts');
  for (const file of await drawCharts(JSON.parse(readFileSync(path, 'utf8')), directory))
    console.log(`wrote ${file}`);
}

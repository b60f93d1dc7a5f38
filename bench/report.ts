/** The printed table: every figure, its target, and whether it met it. */

import { countOf } from '../src/shared/words.ts';
import type { BigRunResult, Interaction } from './figures/big-run.ts';
import type { BundleResult } from './figures/bundle.ts';
import type { EagerResult } from './figures/eager.ts';
import type { McpResult } from './figures/mcp.ts';
import type { OtlpResult } from './figures/otlp.ts';
import { PROXY_ADDED_TARGET_MS, type ProxyResult } from './figures/proxy.ts';
import type { RenderingResult } from './figures/rendering.ts';
import type { ScaleResult } from './figures/scale.ts';
import type { StepFigure, StepsResult } from './figures/steps.ts';
import { formatSummary } from './lib/stats.ts';

export type Results = {
  bundle?: BundleResult | { error: string };
  proxy?: ProxyResult | { error: string };
  steps?: StepsResult | { error: string };
  eager?: EagerResult[] | { error: string };
  rendering?: RenderingResult | { error: string };
  scale?: ScaleResult | { error: string };
  mcp?: McpResult | { error: string };
  otlp?: OtlpResult | { error: string };
  bigrun?: BigRunResult | { error: string };
};

type Row = [figure: string, value: string, target: string, verdict: string];

/** Resolution of the page's clock (performance.now() and rAF timestamps) in headless Chromium. */
const FRAME_CLOCK_RESOLUTION_MS = 0.1;

/** Issue 15: with five calls streamed ~200 ms apart, eager dispatch shows the first output this much sooner. */
export const EAGER_FIRST_OUTPUT_TARGET_MS = 400;

/** Issue #6: at 1 s and more, step wall ÷ max latency. */
const WALL_OVER_LIMIT_TARGET = 1.02;
/**
 * Issue 15: below 1 s, every N ends at most this much after the limit (issue #6 had asked
 * +5 ms of fifty calls only).
 */
const OVER_LIMIT_TARGET_MS = 20;

/**
 * Figure 1's target for one N and latency, if it has one: its label, the same target as a wall ÷
 * limit ratio (for the chart), and whether a measured figure met it.
 */
export function stepTarget(figure: { n: number; latencyMs: number }):
  | {
      label: string;
      wallOverLimit: number;
      met: (measured: Pick<StepFigure, 'wallOverLimit' | 'overLimitMs'>) => boolean;
    }
  | undefined {
  if (figure.latencyMs >= 1000)
    return {
      label: `≤ ${WALL_OVER_LIMIT_TARGET}`,
      wallOverLimit: WALL_OVER_LIMIT_TARGET,
      met: (measured) => measured.wallOverLimit.median <= WALL_OVER_LIMIT_TARGET,
    };
  return {
    label: `≤ +${OVER_LIMIT_TARGET_MS} ms over the limit`,
    wallOverLimit: 1 + OVER_LIMIT_TARGET_MS / figure.latencyMs,
    met: (measured) => measured.overLimitMs.median <= OVER_LIMIT_TARGET_MS,
  };
}

const verdict = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : 'MISSED');

type Failed = { error: string };
const ok = <T>(value: T | Failed | undefined): T | undefined =>
  value && typeof value === 'object' && 'error' in value ? undefined : (value as T | undefined);

export function rows(results: Results): Row[] {
  const out: Row[] = [];
  const steps = ok(results.steps);
  const proxy = ok(results.proxy);
  const eager = ok(results.eager);
  const rendering = ok(results.rendering);
  const scale = ok(results.scale);
  const bundle = ok(results.bundle);
  const mcp = ok(results.mcp);
  const otlp = ok(results.otlp);
  const bigrun = ok(results.bigrun);
  for (const [name, value] of Object.entries(results)) {
    if (value && typeof value === 'object' && 'error' in value) {
      out.push([name, `FAILED: ${String((value as Failed).error).split('\n')[0]}`, '', 'MISSED']);
    }
  }
  if (steps) {
    for (const figure of steps.figures) {
      const label = `1 N=${figure.n} L=${figure.latencyMs} ms`;
      const target = stepTarget(figure);
      out.push([
        `${label}: wall ÷ max latency`,
        `${formatSummary(figure.wallOverLimit, 3)}; +${figure.overLimitMs.median.toFixed(1)} ms; ÷ slowest handler ${figure.wallOverHandlers.median.toFixed(3)}`,
        target?.label ?? '',
        verdict(target?.met(figure)),
      ]);
      const turns = figure.runMs;
      out.push([
        `${label}: speedup vs sequential / vs AI SDK baseline`,
        `${figure.speedupVsSequential.toFixed(2)}× / ${figure.speedupVsBaseline.toFixed(2)}× (turns, send → answer painted: ${turns.parallel.median.toFixed(0)} / ${turns.sequential.median.toFixed(0)} / ${turns.baseline.median.toFixed(0)} ms)`,
        '',
        '',
      ]);
      // Older results files have no ratios: worked out from the medians they do have.
      const overBaseline =
        figure.parallelOverBaseline ?? turns.parallel.median / turns.baseline.median;
      const overSequential =
        figure.parallelOverSequential ?? turns.parallel.median / turns.sequential.median;
      out.push([
        `${label}: turn, parallel ÷ AI SDK pattern`,
        `${overBaseline.toFixed(3)} (${turns.parallel.median.toFixed(0)} / ${turns.baseline.median.toFixed(0)} ms, n=${turns.parallel.n} / ${turns.baseline.n})`,
        '≤ 1',
        verdict(overBaseline <= 1),
      ]);
      out.push([
        `${label}: turn, parallel ÷ sequential`,
        `${overSequential.toFixed(3)} (${turns.parallel.median.toFixed(0)} / ${turns.sequential.median.toFixed(0)} ms, n=${turns.parallel.n} / ${turns.sequential.n})`,
        '≤ 1',
        verdict(overSequential <= 1),
      ]);
    }
    out.push([
      '2 dispatch latency p50 / p99',
      `${steps.dispatch.median.toFixed(3)} / ${steps.dispatch.p99.toFixed(3)} ms (n=${steps.dispatch.n})`,
      '≤ 1 / ≤ 5 ms',
      verdict(steps.dispatch.median <= 1 && steps.dispatch.p99 <= 5),
    ]);
    out.push([
      '2 start skew, batch, 10 calls',
      formatSummary(steps.batchSkew, 3, ' ms'),
      '≤ 2 ms',
      verdict(steps.batchSkew.median <= 2),
    ]);
    out.push([
      '8 timing fidelity |error| p95',
      `${steps.fidelity.absErrorMs.p95.toFixed(3)} ms (n=${steps.fidelity.absErrorMs.n}); timer overshoot p50 ${steps.fidelity.sleepOvershootMs.median.toFixed(2)} ms`,
      '≤ 2 ms',
      verdict(steps.fidelity.absErrorMs.p95 <= 2),
    ]);
  }
  for (const figure of eager ?? []) {
    out.push([
      `3 eager gain (${figure.label}): first output before batch`,
      `${figure.gainFirstOutputMs.toFixed(0)} ms (first output parallel / batch ${figure.parallel.firstOutputMs.median.toFixed(0)} / ${figure.batch.firstOutputMs.median.toFixed(0)} ms; mean gain ${figure.gainMeanOutputMs.toFixed(0)} ms, last ${figure.gainLastOutputMs.toFixed(0)} ms; inputs ${figure.callSpacingMs.median.toFixed(0)} ms apart)`,
      `≥ ${EAGER_FIRST_OUTPUT_TARGET_MS} ms`,
      verdict(figure.gainFirstOutputMs >= EAGER_FIRST_OUTPUT_TARGET_MS),
    ]);
  }
  if (proxy) {
    for (const pairs of [proxy, ...(proxy.paced ? [proxy.paced] : [])]) {
      out.push([
        `4 proxy added TTFB / TTLB p50 (${pairs.upstreamPacingMs ? `upstream paced ${pairs.upstreamPacingMs} ms/delta` : 'unpaced upstream'})`,
        `${pairs.addedTtfbMs.median.toFixed(2)} / ${pairs.addedTtlbMs.median.toFixed(2)} ms (p95 ${pairs.addedTtfbMs.p95.toFixed(2)} / ${pairs.addedTtlbMs.p95.toFixed(2)})`,
        `≤ ${PROXY_ADDED_TARGET_MS} ms`,
        verdict(
          pairs.addedTtfbMs.median <= PROXY_ADDED_TARGET_MS &&
            pairs.addedTtlbMs.median <= PROXY_ADDED_TARGET_MS,
        ),
      ]);
    }
    if (proxy.abortToUpstreamClosedMs?.n) {
      out.push([
        '4 client abort → upstream socket closed p50 / max',
        `${proxy.abortToUpstreamClosedMs.median.toFixed(1)} / ${proxy.abortToUpstreamClosedMs.max.toFixed(1)} ms (n=${proxy.abortToUpstreamClosedMs.n})`,
        '≤ 200 ms',
        verdict(proxy.abortToUpstreamClosedMs.max <= 200),
      ]);
    }
    for (const figure of proxy.concurrent) {
      out.push([
        `4 ${figure.streams} concurrent streams (${figure.pacing})`,
        `${figure.errors} errors; added TTLB p50 ${figure.addedTtlbMs.median.toFixed(1)}, p99 ${figure.addedTtlbMs.p99.toFixed(1)} ms`,
        'no error; report p99',
        verdict(figure.errors === 0),
      ]);
    }
  }
  if (rendering) {
    out.push([
      '5 long tasks > 50 ms',
      `${rendering.longTasks.over50ms} (of ${rendering.longTasks.count}, max ${rendering.longTasks.maxMs} ms${rendering.longTasks.over50msAt?.length ? `; at ${rendering.longTasks.over50msAt.map(([at, ms]) => `${at} ms: ${ms} ms`).join(', ')} after the run's start` : ''})`,
      '0',
      verdict(rendering.longTasks.over50ms === 0),
    ]);
    out.push([
      '5 frame time p95',
      `${rendering.frameMs.p95.toFixed(1)} ms (median ${rendering.frameMs.median.toFixed(1)}, max ${rendering.frameMs.max.toFixed(0)}, ${rendering.droppedFramePct}% dropped)`,
      '≤ 16.7 ms',
      // rAF timestamps are coarsened to 0.1 ms: a steady 60 Hz reads 16.6–16.8 ms per frame.
      verdict(rendering.frameMs.p95 <= 16.7 + FRAME_CLOCK_RESOLUTION_MS * 2),
    ]);
    // "Within one frame": drawn by the first frame that begins after the event. A p95 in ms
    // cannot reach 16.7 at 60 Hz: an event just after a frame began waits most of a frame.
    const frames = rendering.eventToPaintedFrames;
    out.push([
      '5 settle event → painted p95',
      frames
        ? `frame ${frames.p95} after the event (median ${frames.median}, max ${frames.max}); ${rendering.eventToPaintedMs.p95.toFixed(1)} ms (median ${rendering.eventToPaintedMs.median.toFixed(1)})`
        : `${rendering.eventToPaintedMs.p95.toFixed(1)} ms (median ${rendering.eventToPaintedMs.median.toFixed(1)})`,
      'the next frame (p95 ≤ 1)',
      verdict(frames ? frames.p95 <= 1 : rendering.eventToPaintedMs.p95 <= 16.7),
    ]);
  }
  if (scale) {
    out.push([
      `6 ${scale.runs} runs × ${scale.callsPerRun}: open conversation / run`,
      `${formatSummary(scale.openConversationMs, 0, ' ms')} / ${formatSummary(scale.openRunMs, 0, ' ms')}; cold load ${scale.coldOpenMs.median.toFixed(0)} ms`,
      'report',
      '',
    ]);
    out.push([
      '6 heap / IndexedDB',
      `${scale.heapUsedMb} MB (empty page ${scale.heapUsedEmptyMb} MB) / ${scale.indexedDbMb} MB`,
      'report',
      '',
    ]);
    out.push([
      `6 ${scale.bigRun.calls}-call run: key move / inspector open p95`,
      `${scale.bigRun.keyMoveMs.p95.toFixed(1)} / ${scale.bigRun.inspectorOpenMs.p95.toFixed(1)} ms (import → painted ${scale.bigRun.importToPaintedMs.median.toFixed(0)} ms)`,
      'interactive (≤ 100 ms)',
      verdict(scale.bigRun.keyMoveMs.p95 <= 100 && scale.bigRun.inspectorOpenMs.p95 <= 100),
    ]);
  }
  if (bigrun) {
    const figure = (name: string, value: Interaction) =>
      out.push([
        `11 ${bigrun.calls} calls: ${name} p95`,
        `${value.ms.p95.toFixed(1)} ms, median ${formatSummary(value.ms, 1, ' ms')}; long tasks ${value.longTasks}${value.longTasks ? ` (longest ${value.longestTaskMs} ms)` : ''}`,
        'no long task, ≤ 100 ms',
        verdict(value.ms.p95 <= 100 && value.longTasks === 0),
      ]);
    figure('import → painted', bigrun.importToPainted);
    figure('filter keystroke → painted', bigrun.filterTextToPainted);
    figure('filter toggle → painted', bigrun.filterToggleToPainted);
    figure('zoom step', bigrun.zoomStep);
    figure('key move', bigrun.keyMove);
    out.push([
      `11 ${bigrun.calls} calls: rows in the DOM`,
      String(bigrun.renderedRows),
      'virtualised (report)',
      '',
    ]);
  }
  if (bundle) {
    out.push([
      '7 initial JavaScript (gzip)',
      `${bundle.initialGzipKb} KB (${countOf(bundle.initial.length, 'file')}); lazy ${bundle.lazyGzipKb} KB`,
      '≤ 200 KB',
      verdict(bundle.initialGzipKb <= 200),
    ]);
    // Older results files have no module list.
    const biggest = (bundle.biggestInitialModules ?? []).slice(0, 8);
    if (biggest.length)
      out.push([
        '7 biggest initial modules (minified)',
        biggest.map((item) => `${item.module} ${(item.bytes / 1024).toFixed(1)}`).join(', '),
        '(report, KB)',
        '',
      ]);
  }
  if (mcp) {
    out.push([
      `9 ${mcp.calls} MCP calls of ${mcp.callSeconds} s: wall ÷ slowest call (proxy clock)`,
      `${formatSummary(mcp.wallOverSlowest, 3)}; wall ${mcp.wallMs.median.toFixed(1)} / slowest ${mcp.slowestMs.median.toFixed(1)} ms; start skew ${mcp.startSkewMs.median.toFixed(2)} ms; request ${mcp.requestMs.median.toFixed(0)} ms`,
      '≤ 1.05',
      verdict(mcp.wallOverSlowest.median <= 1.05),
    ]);
  }
  if (otlp) {
    out.push([
      `10 OTLP protobuf transcoding of a ${otlp.calls}-call run`,
      `${formatSummary(otlp.transcodeMs, 1, ' ms')}, p95 ${otlp.transcodeMs.p95.toFixed(1)} ms; ${otlp.spans} spans, ${Math.round(otlp.jsonBytes / 1024)} KB JSON → ${Math.round(otlp.protobufBytes / 1024)} KB protobuf`,
      '≤ 50 ms (median)',
      verdict(otlp.transcodeMs.median <= 50),
    ]);
    const trip = otlp.roundTrip;
    out.push([
      '10 OTLP export → protobuf → decoder → import',
      `${trip.decodedSpans}/${otlp.spans} spans decoded, ${trip.mismatchedSpans} differ; ${trip.importedCalls} calls back, figures ${trip.sameFigures ? 'equal' : 'DIFFER'}`,
      'identical',
      verdict(trip.mismatchedSpans === 0 && trip.sameFigures),
    ]);
  }
  return out;
}

export function printTable(results: Results) {
  const table = rows(results);
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...table.map((row) => row[column as 0 | 1 | 2 | 3].length), 6),
  );
  const line = (row: Row) =>
    row.map((cell, column) => cell.padEnd(widths[column] as number)).join(' │ ');
  console.log(line(['figure', 'value', 'target', '']));
  console.log(widths.map((width) => '─'.repeat(width)).join('─┼─'));
  for (const row of table) console.log(line(row));
}

import { describe, expect, it } from 'vitest';
import {
  type ChartInput,
  chartInputSchema,
  eagerRows,
  runCaption,
  SPEEDUP_SERIES,
  speedupRows,
  wallRows,
} from './chart-rows.ts';

const summary = (median: number, min = median, max = median, n = 3) => ({ n, median, min, max });

const step = (
  n: number,
  latencyMs: number,
  run: { parallel: number; sequential: number; baseline: number },
) => ({
  n,
  latencyMs,
  wallOverLimit: summary(1.01, 1.005, 1.03, 5),
  runMs: {
    parallel: summary(run.parallel),
    sequential: summary(run.sequential),
    baseline: summary(run.baseline),
  },
});

const eager = (label: string, gainFirstOutputMs: number) => ({
  label,
  gainFirstOutputMs,
  parallel: { firstOutputMs: summary(1200) },
  batch: { firstOutputMs: summary(1200 + gainFirstOutputMs) },
});

const results: ChartInput = {
  generatedAt: '2026-11-25T02:13:33.815Z',
  quick: false,
  machine: {
    cpu: 'AMD EPYC',
    cores: 2,
    node: 'v24.21.0',
    chromium: 'Chromium 156.0 built on Debian',
  },
  steps: {
    figures: [
      step(10, 1000, { parallel: 1000, sequential: 10_000, baseline: 5000 }),
      step(3, 50, { parallel: 200, sequential: 300, baseline: 150 }),
      step(50, 50, { parallel: 400, sequential: 2800, baseline: 2800 }),
    ],
  },
  eager: [eager('Responses', 812), eager('Chat Completions', -60), eager('Exactly', 400)],
};

describe('speedupRows', () => {
  it('divides the sequential turn by each variant’s, with N as the ideal', () => {
    const rows = speedupRows(results).filter((row) => row.n === 10);
    const by = Object.fromEntries(rows.map((row) => [row.series, row.speedup]));
    expect(by).toEqual({
      [SPEEDUP_SERIES.ideal]: 10,
      [SPEEDUP_SERIES.parallel]: 10,
      [SPEEDUP_SERIES.baseline]: 2,
      [SPEEDUP_SERIES.sequential]: 1,
    });
    expect(rows.every((row) => row.latency === 'calls of 1 s')).toBe(true);
  });

  it('shows a variant slower than sequential below 1, not clamped', () => {
    const baseline = speedupRows(results).find(
      (row) => row.n === 3 && row.series === SPEEDUP_SERIES.baseline,
    );
    expect(baseline).toMatchObject({ latency: 'calls of 50 ms', speedup: 2 });
    const parallel = speedupRows(results).find(
      (row) => row.n === 3 && row.series === SPEEDUP_SERIES.parallel,
    );
    expect(parallel?.speedup).toBeCloseTo(1.5);
  });

  it('draws nothing for a failed or missing step figure', () => {
    expect(speedupRows({ ...results, steps: { error: 'boom' } })).toEqual([]);
    expect(speedupRows({})).toEqual([]);
    expect(wallRows({ steps: { error: 'boom' } })).toEqual([]);
  });
});

describe('wallRows', () => {
  it('carries the median and spread, and the targets of issue 15 for every N', () => {
    const rows = wallRows(results);
    expect(rows.map((row) => [row.n, row.latency, row.target])).toEqual([
      [10, 'calls of 1 s', 1.02],
      // ≤ +20 ms over a 50 ms limit, as a ratio, at every N.
      [3, 'calls of 50 ms', 1.4],
      [50, 'calls of 50 ms', 1.4],
    ]);
    expect(rows[0]).toMatchObject({ median: 1.01, min: 1.005, max: 1.03, runs: 5 });
  });
});

describe('eagerRows', () => {
  it('judges each wire format’s gain against the 400 ms target, inclusive', () => {
    expect(eagerRows(results).map((row) => [row.wireFormat, row.gainMs, row.verdict])).toEqual([
      ['Responses', 812, 'met'],
      ['Chat Completions', -60, 'missed'],
      ['Exactly', 400, 'met'],
    ]);
    expect(eagerRows(results)[1]).toMatchObject({ parallelFirstMs: 1200, batchFirstMs: 1140 });
  });

  it('draws nothing for a failed eager figure', () => {
    expect(eagerRows({ eager: { error: 'timeout' } })).toEqual([]);
  });
});

describe('runCaption', () => {
  it('names the run’s date, repetitions and machine', () => {
    expect(runCaption(results)).toBe(
      'npm run bench, 2026-11-25 02:13 UTC, full repetitions; 2 cores, AMD EPYC, Node v24.21.0, Chromium 156.0',
    );
  });

  it('says when the run was partial, quick or the machine unrecorded', () => {
    const caption = runCaption({ quick: true, only: ['steps', 'eager'] });
    expect(caption).toContain('only steps, eager');
    expect(caption).toContain('undated run');
    expect(caption).toContain('quick (fewer repetitions)');
    expect(caption).toContain('machine not recorded');
  });
});

describe('chartInputSchema', () => {
  it('accepts a results file with figures the charts do not read', () => {
    expect(chartInputSchema.safeParse({ ...results, bundle: { initialGzipKb: 185 } }).success).toBe(
      true,
    );
  });

  it('rejects a step figure without its run times', () => {
    const broken = { steps: { figures: [{ n: 3, latencyMs: 50, wallOverLimit: summary(1) }] } };
    expect(chartInputSchema.safeParse(broken).success).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run, span, step, threeCityRun } from '../timeline/trace-fixtures';
import {
  criticalPath,
  durationStats,
  type Interval,
  lastKnownTime,
  latestSettled,
  maxConcurrency,
  openEnd,
  runMetrics,
  startSkew,
  stepMetrics,
  toolFigures,
} from './metrics';

describe('maxConcurrency', () => {
  it('is 0 without intervals and 1 for one', () => {
    expect(maxConcurrency([])).toBe(0);
    expect(maxConcurrency([{ start: 5, end: 10 }])).toBe(1);
  });

  it('counts overlapping intervals', () => {
    expect(
      maxConcurrency([
        { start: 0, end: 10 },
        { start: 2, end: 8 },
        { start: 4, end: 6 },
        { start: 9, end: 12 },
      ]),
    ).toBe(3);
  });

  it('does not count touching intervals as overlapping (a staircase is 1)', () => {
    expect(
      maxConcurrency([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
        { start: 20, end: 30 },
      ]),
    ).toBe(1);
  });

  it('counts zero-length intervals at their instant', () => {
    expect(maxConcurrency([{ start: 5, end: 5 }])).toBe(1);
    expect(
      maxConcurrency([
        { start: 5, end: 5 },
        { start: 5, end: 5 },
      ]),
    ).toBe(2);
    // Inside a longer call, a zero-length one adds to it.
    expect(
      maxConcurrency([
        { start: 0, end: 10 },
        { start: 5, end: 5 },
      ]),
    ).toBe(2);
  });

  it('handles sub-millisecond overlaps', () => {
    expect(
      maxConcurrency([
        { start: 0.1, end: 0.3 },
        { start: 0.2, end: 0.4 },
      ]),
    ).toBe(2);
    expect(
      maxConcurrency([
        { start: 0.1, end: 0.2 },
        { start: 0.2, end: 0.4 },
      ]),
    ).toBe(1);
  });

  it('finds 100 at once and 1 for 100 in a row', () => {
    const together = Array.from({ length: 100 }, (_, i) => ({ start: i, end: 1000 }));
    expect(maxConcurrency(together)).toBe(100);
    const inARow = Array.from({ length: 100 }, (_, i) => ({ start: i * 10, end: i * 10 + 10 }));
    expect(maxConcurrency(inARow)).toBe(1);
  });

  it('agrees with counting the intervals that cover each instant', () => {
    // Integer times, so equal instants (the tie rules) come up often.
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 6 }))
      .map(([start, length]): Interval => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), (intervals) => {
        // At an instant t: intervals with start ≤ t < end, plus zero-length ones at t.
        let most = 0;
        for (const { start } of intervals) {
          const covering = intervals.filter(
            (other) =>
              (other.start <= start && start < other.end) ||
              (other.start === start && other.end === start),
          ).length;
          most = Math.max(most, covering);
        }
        expect(maxConcurrency(intervals)).toBe(most);
      }),
    );
  });
});

describe('latestSettled', () => {
  const settled = [span('a', 0, 10), span('b', 0, 20), span('c', 0, 20), span('d', 0, 30)];

  it('finds the last settle in a window, the model’s first call on a tie', () => {
    expect(latestSettled(settled, 0, 25, new Set())?.callId).toBe('b');
    expect(latestSettled(settled, 0, 100, new Set())?.callId).toBe('d');
    expect(latestSettled(settled, 11, 19, new Set())).toBeUndefined();
  });

  it('skips calls already on the chain', () => {
    expect(latestSettled(settled, 0, 25, new Set(['b']))?.callId).toBe('c');
    expect(latestSettled(settled, 0, 25, new Set(['b', 'c']))?.callId).toBe('a');
    expect(latestSettled(settled, 15, 25, new Set(['b', 'c']))).toBeUndefined();
  });
});

describe('lastKnownTime', () => {
  it('is the latest reading of any step or call, and the run’s end', () => {
    const trace = threeCityRun();
    expect(lastKnownTime(trace)).toBe(1900);
    expect(lastKnownTime({ ...trace, endedAt: 2500 })).toBe(2500);
    expect(lastKnownTime(run([], [span('a', 5, undefined, { queuedAt: 7 })]))).toBe(7);
  });
});

describe('durationStats', () => {
  it('is empty for no values', () => {
    expect(durationStats([])).toEqual({ count: 0, total: 0 });
  });

  it('reports nearest-rank median and p95', () => {
    const stats = durationStats([5, 1, 3, 2, 4]);
    expect(stats).toMatchObject({ count: 5, min: 1, max: 5, mean: 3, median: 3, total: 15 });
    expect(stats.p95).toBe(5);
    const hundred = durationStats(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(hundred.median).toBe(50);
    expect(hundred.p95).toBe(95);
  });
});

describe('toolFigures', () => {
  it('computes wall, sum, speedup, ideal and saved for three overlapping calls', () => {
    const figures = toolFigures([span('a', 0, 1000), span('b', 10, 1010), span('c', 20, 1020)], 0);
    expect(figures.wallMs).toBe(1020);
    expect(figures.sumMs).toBe(3000);
    expect(figures.speedup).toBeCloseTo(3000 / 1020);
    expect(figures.idealSpeedup).toBe(3);
    expect(figures.savedMs).toBe(1980);
    expect(figures.maxConcurrency).toBe(3);
    expect(figures.ranCount).toBe(3);
  });

  it('gives a speedup of 1 and nothing saved for a staircase', () => {
    const figures = toolFigures([span('a', 0, 100), span('b', 100, 200), span('c', 200, 300)], 0);
    expect(figures.speedup).toBe(1);
    expect(figures.savedMs).toBe(0);
    expect(figures.idealSpeedup).toBe(3);
    expect(figures.maxConcurrency).toBe(1);
  });

  it('leaves speedups undefined (not NaN or Infinity) when nothing took time', () => {
    const zero = toolFigures([span('a', 5, 5), span('b', 5, 5)], 0);
    expect(zero.wallMs).toBe(0);
    expect(zero.sumMs).toBe(0);
    expect(zero.speedup).toBeUndefined();
    expect(zero.idealSpeedup).toBeUndefined();
    expect(zero.maxConcurrency).toBe(2);
    const none = toolFigures([], 0);
    expect(none).toMatchObject({ wallMs: 0, sumMs: 0, savedMs: 0, maxConcurrency: 0 });
    expect(none.speedup).toBeUndefined();
  });

  it('keeps sub-millisecond precision', () => {
    const figures = toolFigures([span('a', 0.25, 0.75), span('b', 0.5, 1)], 0);
    expect(figures.wallMs).toBeCloseTo(0.75);
    expect(figures.sumMs).toBeCloseTo(1);
    expect(figures.speedup).toBeCloseTo(1 / 0.75);
  });

  it('measures calls still running up to now', () => {
    const figures = toolFigures([span('a', 0, 400), span('b', 100, undefined)], 600);
    expect(figures.wallMs).toBe(600);
    expect(figures.sumMs).toBe(900);
    expect(figures.maxConcurrency).toBe(2);
  });

  it('skips calls that never ran (invalid input, shared results) from sum and wall', () => {
    const figures = toolFigures(
      [
        span('a', 0, 100),
        span('bad', undefined, 3, { status: 'invalid-input', inputAvailableAt: 2 }),
        span('dup', undefined, 100, {
          status: 'deduplicated',
          sharedWith: 'a',
          inputAvailableAt: 1,
        }),
      ],
      0,
    );
    expect(figures.ranCount).toBe(1);
    expect(figures.sumMs).toBe(100);
    expect(figures.wallMs).toBe(100);
  });

  it('measures dispatch latency for browser calls only, and queue time', () => {
    const figures = toolFigures(
      [
        span('a', 10, 20, { inputAvailableAt: 9.5 }),
        span('b', 40, 50, { inputAvailableAt: 12, queuedAt: 12 }),
        span('srv', 5, 30, { runsOn: 'server', inputAvailableAt: 5 }),
        span('waiting', undefined, undefined, { inputAvailableAt: 15, queuedAt: 15 }),
      ],
      60,
    );
    expect(figures.dispatchLatency.count).toBe(2);
    expect(figures.dispatchLatency.min).toBeCloseTo(0.5);
    expect(figures.dispatchLatency.max).toBe(28);
    // b queued 28 ms; `waiting` is still queued at now = 60.
    expect(figures.queue.count).toBe(2);
    expect(figures.queue.total).toBe(28 + 45);
    expect(figures.queue.max).toBe(45);
  });

  it('handles 100 calls', () => {
    const spans = Array.from({ length: 100 }, (_, i) => span(`c${i}`, i, i + 500));
    const figures = toolFigures(spans, 0);
    expect(figures.ranCount).toBe(100);
    expect(figures.wallMs).toBe(599);
    expect(figures.sumMs).toBe(50_000);
    expect(figures.maxConcurrency).toBe(100);
    expect(figures.idealSpeedup).toBe(100);
  });
});

describe('startSkew', () => {
  it('is the spread of start times, undefined under two started calls', () => {
    expect(startSkew([span('a', 400, 500), span('b', 400.4, 500), span('c', 401, 600)])).toBe(1);
    expect(startSkew([span('a', 400, 500)])).toBeUndefined();
    expect(startSkew([span('a', 400, 500), span('q', undefined, undefined)])).toBeUndefined();
  });
});

describe('stepMetrics', () => {
  it('measures ttft, ttfb, model time and tokens of a step', () => {
    const trace = threeCityRun();
    const first = trace.steps[0];
    if (!first) throw new Error('no step');
    const metrics = stepMetrics(trace, first, 1900);
    expect(metrics.ttftMs).toBe(250);
    expect(metrics.ttfbMs).toBe(250);
    expect(metrics.modelMs).toBe(400);
    expect(metrics.tokens).toEqual({ inputTokens: 50, outputTokens: 40, totalTokens: 90 });
    expect(metrics.maxConcurrency).toBe(3);
    expect(metrics.startSkewMs).toBe(90);
  });

  it('leaves missing phases undefined and runs an open model phase to now', () => {
    const trace = run([step('step-1', 100, undefined, undefined)], [], { status: 'running' });
    const only = trace.steps[0];
    if (!only) throw new Error('no step');
    const metrics = stepMetrics(trace, only, 350);
    expect(metrics.ttftMs).toBeUndefined();
    expect(metrics.ttfbMs).toBeUndefined();
    expect(metrics.modelMs).toBe(250);
    expect(metrics.tokens).toEqual({});
    expect(metrics.speedup).toBeUndefined();
  });
});

describe('runMetrics', () => {
  it('shows what parallelism saved on the three-city run', () => {
    const metrics = runMetrics(threeCityRun());
    expect(metrics.wallMs).toBe(1110); // 300 → 1410
    expect(metrics.sumMs).toBe(1002 + 1001 + 1020);
    expect(metrics.speedup).toBeGreaterThan(2.5);
    expect(metrics.idealSpeedup).toBeCloseTo(3023 / 1020);
    expect(metrics.savedMs).toBe(3023 - 1110);
    expect(metrics.maxConcurrency).toBe(3);
    expect(metrics.ttftMs).toBe(250);
    expect(metrics.durationMs).toBe(1900);
    expect(metrics.tokens).toEqual({ inputTokens: 170, outputTokens: 120, totalTokens: 290 });
  });

  it('gives a speedup near 1 for the sequential staircase', () => {
    const metrics = runMetrics(threeCityRun('sequential'));
    expect(metrics.speedup).toBeGreaterThan(0.99);
    expect(metrics.speedup).toBeLessThan(1.01);
    expect(metrics.maxConcurrency).toBe(1);
    expect(metrics.queue.count).toBe(2);
  });

  it('sums step walls so the model time between steps is not counted as tool wall', () => {
    const trace = run(
      [
        step('step-1', 0, 100, 200, { outputsReturnedAt: 700 }),
        step('step-2', 710, 800, 900, { outputsReturnedAt: 1400 }),
        step('step-3', 1410, 1500, 1700),
      ],
      [
        span('a', 200, 700),
        span('b', 200, 600),
        span('c', 900, 1400, { stepId: 'step-2' }),
        span('d', 900, 1300, { stepId: 'step-2' }),
      ],
      { endedAt: 1700 },
    );
    const metrics = runMetrics(trace);
    expect(metrics.wallMs).toBe(1000);
    expect(metrics.sumMs).toBe(1800);
    expect(metrics.speedup).toBeCloseTo(1.8);
    expect(metrics.idealSpeedup).toBeCloseTo(1.8);
    expect(metrics.steps.map((each) => each.wallMs)).toEqual([500, 500, 0]);
  });

  it('measures a live run up to now, and a finished one regardless of now', () => {
    const live = run(
      [step('step-1', 0, 100, 300)],
      [span('a', 200, undefined), span('b', 250, 500)],
      { status: 'running' },
    );
    expect(runMetrics(live, 800).wallMs).toBe(600);
    expect(runMetrics(live, 900).wallMs).toBe(700);
    expect(runMetrics(live, 900).durationMs).toBe(900);
    const finished = threeCityRun();
    expect(runMetrics(finished, 99_999).durationMs).toBe(1900);
  });

  it('never lets now go back before what the trace already recorded', () => {
    const live = run([step('step-1', 0, 100, 300)], [span('a', 200, 500)], { status: 'running' });
    expect(openEnd(live, 50)).toBe(500);
  });

  it('ends a stopped run’s open calls where the run ended', () => {
    const stopped = run(
      [step('step-1', 0, 100, 300)],
      [span('a', 200, undefined, { state: 'running' })],
      { status: 'stopped', endedAt: 450 },
    );
    expect(runMetrics(stopped, 10_000).sumMs).toBe(250);
  });

  it('handles 100 calls in one step', () => {
    const spans = Array.from({ length: 100 }, (_, i) => span(`c${i}`, 100 + i, 1100 + i * 2));
    const trace = run(
      [step('step-1', 0, 50, 200, { outputsReturnedAt: 1298 }), step('step-2', 1300, 1400, 1500)],
      spans,
      {
        endedAt: 1500,
      },
    );
    const metrics = runMetrics(trace);
    expect(metrics.maxConcurrency).toBe(100);
    expect(metrics.wallMs).toBe(1198);
    expect(metrics.criticalPath.callIds).toEqual(['c99']);
  });

  it('copes with an empty run', () => {
    const metrics = runMetrics(run([], [], { status: 'running' }), 10);
    expect(metrics).toMatchObject({ wallMs: 0, sumMs: 0, maxConcurrency: 0, durationMs: 10 });
    expect(metrics.criticalPath.segments).toEqual([]);
  });
});

describe('criticalPath', () => {
  it('runs model → the slowest call → synthesis in a parallel run', () => {
    const path = criticalPath(threeCityRun());
    expect(path.segments).toEqual([
      { kind: 'model', stepId: 'step-1', start: 0, end: 390 },
      { kind: 'tool', stepId: 'step-1', callId: 'New York', start: 390, end: 1410 },
      { kind: 'gap', gap: 'page-to-request', start: 1410, end: 1412 },
      { kind: 'model', stepId: 'step-2', start: 1412, end: 1900 },
    ]);
    expect(path.callIds).toEqual(['New York']);
    expect(path.totalMs).toBe(1900);
    expect(path.modelMs).toBe(390 + 488);
    expect(path.toolMs).toBe(1020);
    expect(path.overheadMs).toBe(2);
  });

  it('follows the whole staircase in a sequential run', () => {
    const path = criticalPath(threeCityRun('sequential'));
    expect(path.callIds).toEqual(['Paris', 'Tokyo', 'New York']);
    const [model] = path.segments;
    // The chain left the model when Paris's input was complete.
    expect(model).toEqual({ kind: 'model', stepId: 'step-1', start: 0, end: 300 });
    // Segments never overlap: Tokyo's queue time belongs to Paris.
    for (let i = 1; i < path.segments.length; i++) {
      const before = path.segments[i - 1];
      const current = path.segments[i];
      if (!before || !current) throw new Error('missing segment');
      expect(current.start).toBeGreaterThanOrEqual(before.end);
    }
  });

  it('releases batch calls when the model step closed', () => {
    const trace = run(
      [step('step-1', 0, 100, 500, { outputsReturnedAt: 1500 }), step('step-2', 1502, 1600, 1700)],
      [
        span('a', 500, 1400, { inputAvailableAt: 200, queuedAt: 200, queueReason: 'step-open' }),
        span('b', 500.2, 1500, { inputAvailableAt: 300, queuedAt: 300, queueReason: 'step-open' }),
      ],
      { policy: 'batch', endedAt: 1700 },
    );
    const path = criticalPath(trace);
    expect(path.segments[0]).toEqual({ kind: 'model', stepId: 'step-1', start: 0, end: 500 });
    expect(path.callIds).toEqual(['b']);
  });

  it('blames the call that freed a capped slot', () => {
    const trace = run(
      [step('step-1', 0, 50, 100, { outputsReturnedAt: 900 }), step('step-2', 905, 950, 1000)],
      [
        span('a', 60, 500),
        span('b', 70, 300),
        span('c', 300.1, 900, { inputAvailableAt: 80, queuedAt: 80, queueReason: 'global-cap' }),
      ],
      { endedAt: 1000 },
    );
    expect(criticalPath(trace).callIds).toEqual(['b', 'c']);
  });

  it('follows a shared result back to the call that did the work', () => {
    const trace = run(
      [step('step-1', 0, 50, 100, { outputsReturnedAt: 800 }), step('step-2', 805, 850, 900)],
      [
        span('a', 60, 800),
        span('dup', undefined, 800, {
          inputAvailableAt: 70,
          status: 'deduplicated',
          sharedWith: 'a',
          startedAt: undefined,
        }),
      ],
      { endedAt: 900 },
    );
    // The duplicate settles at the same instant; on the tie the earlier-starting call wins anyway.
    expect(criticalPath(trace).callIds).toEqual(['a']);
    const onlyDup = run(
      [step('step-1', 0, 50, 100), step('step-2', 905, 950, 1000)],
      [
        span('a', 60, 800),
        span('dup', undefined, 900, {
          inputAvailableAt: 50,
          sharedWith: 'a',
          startedAt: undefined,
        }),
      ],
      { endedAt: 1000 },
    );
    expect(criticalPath(onlyDup).callIds).toEqual(['a']);
  });

  it('ends with the calls a live run is still waiting on', () => {
    const live = run(
      [step('step-1', 0, 100, 300)],
      [span('a', 200, 400), span('b', 250, undefined)],
      { status: 'running' },
    );
    const path = criticalPath(live, 1000);
    expect(path.segments).toEqual([
      { kind: 'model', stepId: 'step-1', start: 0, end: 250 },
      { kind: 'tool', stepId: 'step-1', callId: 'b', start: 250, end: 1000 },
    ]);
  });

  it('is just the model when the run never called a tool, even with missing phases', () => {
    const plain = run([step('step-1', 0, undefined, 600)], [], { endedAt: 600 });
    expect(criticalPath(plain).segments).toEqual([
      { kind: 'model', stepId: 'step-1', start: 0, end: 600 },
    ]);
  });

  it('follows a long sequential chain call by call', () => {
    const count = 2000;
    const calls = Array.from({ length: count }, (_, i) =>
      span(`c${i}`, 100 + i * 10, 110 + i * 10, {
        inputAvailableAt: 90,
        queuedAt: 90,
        queueReason: 'sequential',
      }),
    );
    const trace = run([step('step-1', 0, 50, 90)], calls, { endedAt: 110 + count * 10 });
    const path = criticalPath(trace);
    expect(path.callIds).toHaveLength(count);
    expect(path.callIds.slice(0, 2)).toEqual(['c0', 'c1']);
    expect(path.callIds.at(-1)).toBe(`c${count - 1}`);
  });

  it('handles zero-length calls', () => {
    const trace = run(
      [step('step-1', 0, 10, 20, { outputsReturnedAt: 21 }), step('step-2', 22, 30, 40)],
      [span('a', 21, 21), span('b', 20.5, 20.5)],
      { endedAt: 40 },
    );
    const path = criticalPath(trace);
    expect(path.callIds).toEqual(['a']);
    expect(path.toolMs).toBe(0);
  });
});

describe('token figures', () => {
  it('add up every step for the run, and a total with an estimated part is estimated', () => {
    const estimated = run(
      [
        step('step-1', 0, 50, 90, { usage: { inputTokens: 10, outputTokens: 5 } }),
        step('step-2', 200, 250, 300, {
          usage: { inputTokens: 30, outputTokens: 20, estimated: true },
        }),
      ],
      [],
    );
    const metrics = runMetrics(estimated);
    expect(metrics.tokens).toEqual({ inputTokens: 40, outputTokens: 25, estimated: true });
    expect(metrics.steps[0]?.tokens.estimated).toBeUndefined();
  });
});

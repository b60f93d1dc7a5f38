import { describe, expect, it } from 'vitest';
import { formatMs, formatTick } from './format';
import {
  createScale,
  layoutWaterfall,
  type ModelRow,
  niceStep,
  pctOf,
  prepareWaterfallRows,
  type Row,
  sharedScaleMax,
  type ToolRow,
  textSideFor,
  toolBarText,
  toolSegments,
} from './geometry';
import { run, span, step, threeCityRun } from './trace-fixtures';

function toolRows(rows: Row[]): ToolRow[] {
  return rows.filter((row): row is ToolRow => row.kind === 'tool');
}

function modelRows(rows: Row[]): ModelRow[] {
  return rows.filter((row): row is ModelRow => row.kind === 'model');
}

function tool(rows: Row[], callId: string): ToolRow {
  const found = toolRows(rows).find((row) => row.callId === callId);
  if (!found) throw new Error(`no row for ${callId}`);
  return found;
}

describe('niceStep', () => {
  it('picks 1, 2 or 5 × 10ⁿ at least the rough step', () => {
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(180)).toBe(200);
    expect(niceStep(380)).toBe(500);
    expect(niceStep(0.03)).toBeCloseTo(0.05);
    expect(niceStep(0.3)).toBeCloseTo(0.5);
    expect(niceStep(0.1 * 3)).toBeCloseTo(0.5);
    expect(niceStep(0.2)).toBeCloseTo(0.2);
  });

  it('never returns nonsense for zero, negative or infinite input', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(-5)).toBe(1);
    expect(niceStep(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe('createScale', () => {
  it('ends on a tick at or after the extent, with nice steps', () => {
    const scale = createScale(1900, 5);
    expect(scale.stepMs).toBe(500);
    expect(scale.maxMs).toBe(2000);
    expect(scale.ticks.map((tick) => tick.ms)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(scale.ticks.map((tick) => tick.pct)).toEqual([0, 25, 50, 75, 100]);
    expect(scale.ticks.map((tick) => tick.label)).toEqual(['0', '0.5 s', '1 s', '1.5 s', '2 s']);
  });

  it('labels a sub-second axis in ms', () => {
    const scale = createScale(420, 5);
    expect(scale.stepMs).toBe(100);
    expect(scale.ticks.map((tick) => tick.label)).toEqual([
      '0',
      '100 ms',
      '200 ms',
      '300 ms',
      '400 ms',
      '500 ms',
    ]);
  });

  it('labels a sub-millisecond axis with decimals', () => {
    // The axis never spans less than MIN_SCALE_MS (1 ms), in half-millisecond steps here.
    const scale = createScale(0.4, 4);
    expect(scale.stepMs).toBeCloseTo(0.5);
    expect(scale.maxMs).toBeCloseTo(1, 5);
    expect(scale.ticks.map((tick) => tick.label)).toEqual(['0', '0.5 ms', '1 ms']);
    const exact = createScale(2.4, 4);
    expect(exact.ticks.map((tick) => tick.label)).toEqual(['0', '1 ms', '2 ms', '3 ms']);
  });

  it('keeps an extent that is exactly on a tick', () => {
    expect(createScale(1000, 5).maxMs).toBe(1000);
  });

  it('has a minimum span so an empty run still draws an axis', () => {
    const scale = createScale(0, 5);
    expect(scale.maxMs).toBeGreaterThan(0);
    expect(scale.ticks.length).toBeGreaterThanOrEqual(2);
  });

  it('changes only when the extent crosses a tick, so a growing run rarely rescales', () => {
    expect(createScale(1210, 5)).toEqual(createScale(1490, 5));
  });
});

describe('formatTick and formatMs', () => {
  it('read alike', () => {
    expect(formatTick(1500, 500, 2000)).toBe('1.5 s');
    expect(formatTick(250, 50, 400)).toBe('250 ms');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.25)).toBe('0.25 ms');
    expect(formatMs(4.26)).toBe('4.3 ms');
    expect(formatMs(812.4)).toBe('812 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(undefined)).toBe('—');
  });
});

describe('layoutWaterfall', () => {
  it('groups rows by step: the model row, then its calls in emitted order', () => {
    const layout = layoutWaterfall(threeCityRun(), { trackWidthPx: 400 });
    expect(layout.groups.map((group) => group.label)).toEqual(['Step 1', 'Step 2']);
    expect(layout.groups[0]?.rows.map((row) => row.key)).toEqual([
      'step-1',
      'Paris',
      'Tokyo',
      'New York',
    ]);
    expect(layout.groups[1]?.rows.map((row) => row.kind)).toEqual(['model']);
    expect(layout.rows).toHaveLength(5);
  });

  it('places bars on one scale and splits them into phases', () => {
    const layout = layoutWaterfall(threeCityRun(), { trackWidthPx: 400 });
    expect(layout.scale.maxMs).toBe(2000);
    const paris = tool(layout.rows, 'Paris');
    // Input streamed from 260 to 300, then ran until 1302.
    expect(paris.barStartMs).toBe(260);
    expect(paris.leftPct).toBeCloseTo(13);
    expect(paris.widthPct).toBeCloseTo(((1302 - 260) / 2000) * 100);
    expect(paris.segments.map((segment) => segment.phase)).toEqual(['input-streaming', 'running']);
    const [input, running] = paris.segments;
    expect(input?.relLeftPct).toBe(0);
    expect(input?.relWidthPct).toBeCloseTo((40 / 1042) * 100);
    expect(running?.relLeftPct).toBeCloseTo((40 / 1042) * 100);
    expect((input?.relWidthPct ?? 0) + (running?.relWidthPct ?? 0)).toBeCloseTo(100);
    expect(paris).toMatchObject({ status: 'ok', startMs: 300, endMs: 1302, durationMs: 1002 });
    expect(paris.open).toBe(false);
  });

  it('splits the model row into waiting for the first token and streaming', () => {
    const layout = layoutWaterfall(threeCityRun());
    const [first] = modelRows(layout.rows);
    expect(
      first?.segments.map((segment) => [segment.phase, segment.startMs, segment.endMs]),
    ).toEqual([
      ['waiting', 0, 250],
      ['streaming', 250, 400],
    ]);
    expect(first?.ttftMs).toBe(250);
    expect(first?.durationMs).toBe(400);
  });

  it('marks all outputs returned and the start of synthesis', () => {
    const layout = layoutWaterfall(threeCityRun());
    expect(layout.markers.map((marker) => [marker.kind, marker.atMs, marker.stepId])).toEqual([
      ['outputs-returned', 1410, 'step-1'],
      ['synthesis-started', 1660, 'step-2'],
    ]);
    expect(layout.markers[0]?.pct).toBeCloseTo(70.5);
  });

  it('highlights the critical path on the bars', () => {
    const layout = layoutWaterfall(threeCityRun());
    expect(tool(layout.rows, 'New York').critical).toBeDefined();
    expect(tool(layout.rows, 'Paris').critical).toBeUndefined();
    expect(tool(layout.rows, 'New York').ariaLabel).toContain('on the critical path');
    const [first, second] = modelRows(layout.rows);
    // Step 1's model is critical until it released New York's input (390 of 0–400).
    expect(first?.critical?.relLeftPct).toBe(0);
    expect(first?.critical?.relWidthPct).toBeCloseTo(97.5);
    expect(second?.critical?.relWidthPct).toBeCloseTo(100);
  });

  it('gives every row a spoken name', () => {
    const layout = layoutWaterfall(threeCityRun());
    expect(tool(layout.rows, 'Paris').ariaLabel).toBe(
      'get_weather Paris, ok, 1002 ms, started at 300 ms',
    );
    expect(modelRows(layout.rows)[0]?.ariaLabel).toBe(
      'Step 1 model, requested at 0 ms, first token after 250 ms, took 400 ms, on the critical path',
    );
  });

  it('shows an MCP server’s progress inside a running bar, and nothing once it settled', () => {
    const progress = { progress: 2, total: 5 };
    const live = run(
      [step('step-1', 0, 100, 300)],
      [
        span('a', 200, undefined, { runsOn: 'server', state: 'remote', progress }),
        span('b', 250, 500, { runsOn: 'server', progress }),
        span('c', 260, undefined, { runsOn: 'server', state: 'remote', progress: { progress: 3 } }),
      ],
      { status: 'running' },
    );
    const layout = layoutWaterfall(live, { now: 820 });
    expect(tool(layout.rows, 'a').progress).toEqual({ text: '2/5', pct: 40 });
    expect(tool(layout.rows, 'b').progress).toBeUndefined();
    expect(tool(layout.rows, 'c').progress).toEqual({ text: '3' });
  });

  it('extends running bars to now and moves them as now advances', () => {
    const live = run(
      [step('step-1', 0, 100, 300)],
      [span('a', 200, undefined), span('b', 250, 500)],
      { status: 'running' },
    );
    const at820 = layoutWaterfall(live, { now: 820 });
    const a = tool(at820.rows, 'a');
    expect(a.status).toBe('running');
    expect(a.open).toBe(true);
    expect(a.endMs).toBeUndefined();
    expect(a.durationMs).toBe(620);
    expect(a.barEndMs).toBe(820);
    expect(at820.live).toBe(true);
    expect(at820.markers.at(-1)).toMatchObject({ kind: 'now', atMs: 820 });
    const at900 = layoutWaterfall(live, { now: 900 });
    expect(tool(at900.rows, 'a').barEndMs).toBe(900);
    expect(tool(at900.rows, 'a').signature).not.toBe(a.signature);
    // A settled row keeps its signature while the scale holds (0–1 s), so it does not re-render.
    expect(at900.scale).toEqual(at820.scale);
    expect(tool(at900.rows, 'b').signature).toBe(tool(at820.rows, 'b').signature);
  });

  it('keeps open bars at the clock when an event lands past it, so a settle redraws one row', () => {
    const calls = ['a', 'b', 'c'].map((id, index) => span(id, 200 + index, undefined));
    const before = run([step('step-1', 0, 100, 300)], calls, { status: 'running' });
    const at = layoutWaterfall(before, { now: 400 });
    // `b` settles at 450, after the clock's last reading (400): the trace has a new `b` only.
    const settledB = { ...span('b', 201, 450), status: 'ok' as const };
    const after = { ...before, spans: { ...before.spans, b: settledB } };
    const next = layoutWaterfall(after, { now: 400 });
    expect(next.scale).toEqual(at.scale);
    // The open rows are the very same objects (their views skip re-rendering); `b` is new.
    expect(tool(next.rows, 'a')).toBe(tool(at.rows, 'a'));
    expect(tool(next.rows, 'c')).toBe(tool(at.rows, 'c'));
    expect(tool(next.rows, 'b')).not.toBe(tool(at.rows, 'b'));
    expect(tool(next.rows, 'a').barEndMs).toBe(400);
    expect(tool(next.rows, 'b').barEndMs).toBe(450);
    // The clock moves the open rows, and only them.
    const later = layoutWaterfall(after, { now: 420 });
    expect(tool(later.rows, 'a').barEndMs).toBe(420);
    expect(tool(later.rows, 'b')).toBe(tool(next.rows, 'b'));
  });

  it('rebuilds a cached row when anything it was drawn from changes', () => {
    const trace = threeCityRun();
    const wide = layoutWaterfall(trace, { trackWidthPx: 800 });
    expect(tool(layoutWaterfall(trace, { trackWidthPx: 800 }).rows, 'Paris')).toBe(
      tool(wide.rows, 'Paris'),
    );
    // The thinnest bar is 3 px: a wider share of a narrower track.
    const instant = run([step('step-1', 0, 100, 600)], [span('zero', 500, 500)], {
      endedAt: 600,
    });
    const zeroWide = tool(layoutWaterfall(instant, { trackWidthPx: 800 }).rows, 'zero');
    const zeroNarrow = tool(layoutWaterfall(instant, { trackWidthPx: 200 }).rows, 'zero');
    expect(zeroNarrow.widthPct).toBeGreaterThan(zeroWide.widthPct);
    expect(zeroNarrow.signature).not.toBe(zeroWide.signature);
    const rescaled = layoutWaterfall(trace, { trackWidthPx: 800, scaleMaxMs: 5000 });
    expect(tool(rescaled.rows, 'Paris').widthPct).toBeLessThan(tool(wide.rows, 'Paris').widthPct);
    // The same span drawn in a run that ended early is interrupted, not running.
    const open = run([step('step-1', 0, 100, 300)], [span('x', 200, undefined)], {
      status: 'running',
    });
    expect(tool(layoutWaterfall(open, { now: 500 }).rows, 'x').status).toBe('running');
    const cut = { ...open, status: 'stopped' as const, endedAt: 600 };
    expect(tool(layoutWaterfall(cut).rows, 'x').status).toBe('interrupted');
  });

  it('gives a live run headroom past now, and a finished one none', () => {
    const live = run([step('step-1', 0, 100, 300)], [span('a', 200, undefined)], {
      status: 'running',
    });
    const layout = layoutWaterfall(live, { now: 1000, trackWidthPx: 400 });
    expect(layout.scale.maxMs).toBeGreaterThan(1000);
    const done = layoutWaterfall(run([step('step-1', 0, 100, 1000)], [], { endedAt: 1000 }), {
      trackWidthPx: 400,
    });
    expect(done.scale.maxMs).toBe(1000);
  });

  it('draws queued time and open queues, and the model still streaming', () => {
    const live = run(
      [step('step-1', 0, 100, undefined)],
      [
        span('q', undefined, undefined, {
          inputStartedAt: 110,
          inputAvailableAt: 150,
          queuedAt: 150,
          state: 'queued',
          queueReason: 'global-cap',
        }),
      ],
      { status: 'running' },
    );
    const layout = layoutWaterfall(live, { now: 400 });
    const queued = tool(layout.rows, 'q');
    expect(queued.status).toBe('queued');
    expect(queued.segments.map((segment) => [segment.phase, segment.endMs, segment.open])).toEqual([
      ['input-streaming', 150, false],
      ['queued', 400, true],
    ]);
    const [model] = modelRows(layout.rows);
    expect(model?.finished).toBe(false);
    expect(model?.segments.at(-1)).toMatchObject({ phase: 'streaming', endMs: 400, open: true });
    expect(model?.ariaLabel).toContain('streaming');
  });

  it('keeps zero-length and sub-millisecond calls visible', () => {
    const trace = run(
      [step('step-1', 0, 1, 2)],
      [span('zero', 1.5, 1.5), span('tiny', 1.2, 1.45)],
      { endedAt: 2 },
    );
    const layout = layoutWaterfall(trace, { trackWidthPx: 300, minBarPx: 3 });
    expect(layout.minBarPct).toBeCloseTo(1);
    const zero = tool(layout.rows, 'zero');
    expect(zero.widthPct).toBeCloseTo(1);
    expect(zero.durationMs).toBe(0);
    expect(zero.segments).toHaveLength(1);
    expect(zero.segments[0]).toMatchObject({ phase: 'running', relLeftPct: 0, relWidthPct: 100 });
    const tiny = tool(layout.rows, 'tiny');
    expect(tiny.durationMs).toBeCloseTo(0.25);
    expect(tiny.ariaLabel).toContain('0.25 ms');
    expect(layout.scale.maxMs).toBeCloseTo(2);
    // Nothing spills past the track.
    for (const row of layout.rows) expect(row.leftPct + row.widthPct).toBeLessThanOrEqual(100.0001);
  });

  it('lays out 100 calls, each inside the track', () => {
    const spans = Array.from({ length: 100 }, (_, i) =>
      span(`c${i}`, 100 + i * 3, 400 + i * 7, { toolName: i % 2 ? 'calculate' : 'get_weather' }),
    );
    const trace = run([step('step-1', 0, 50, 200)], spans, { endedAt: 1093 });
    const layout = layoutWaterfall(trace, { trackWidthPx: 600 });
    expect(toolRows(layout.rows)).toHaveLength(100);
    expect(new Set(layout.rows.map((row) => row.key)).size).toBe(101);
    for (const row of layout.rows) {
      expect(row.leftPct).toBeGreaterThanOrEqual(0);
      expect(row.leftPct + row.widthPct).toBeLessThanOrEqual(100.0001);
    }
    expect(tool(layout.rows, 'c99').critical).toBeDefined();
  });

  it('draws several runs on one shared scale when given its end', () => {
    const parallel = threeCityRun();
    const sequential = threeCityRun('sequential');
    const max = sharedScaleMax([{ run: parallel }, { run: sequential }]);
    expect(max).toBe(3900);
    const left = layoutWaterfall(parallel, { scaleMaxMs: max, trackWidthPx: 400 });
    const right = layoutWaterfall(sequential, { scaleMaxMs: max, trackWidthPx: 400 });
    expect(left.scale).toEqual(right.scale);
    expect(left.scale.maxMs).toBe(4000);
    // The same instant sits at the same place in both.
    expect(tool(left.rows, 'Paris').barStartMs).toBe(260);
    expect(tool(left.rows, 'Paris').leftPct).toBeCloseTo(pctOf(right.scale, 260));
  });

  it('never shrinks the scale below the run even when given a smaller shared end', () => {
    const layout = layoutWaterfall(threeCityRun('sequential'), { scaleMaxMs: 100 });
    expect(layout.scale.maxMs).toBeGreaterThanOrEqual(3900);
  });

  it('picks fewer ticks on a narrow track', () => {
    const wide = layoutWaterfall(threeCityRun(), { trackWidthPx: 800 });
    const narrow = layoutWaterfall(threeCityRun(), { trackWidthPx: 200 });
    expect(narrow.scale.ticks.length).toBeLessThan(wide.scale.ticks.length);
  });

  it('shows calls of a run that ended early as interrupted, cut where the run ended', () => {
    const cut = run([step('step-1', 0, 100, 300)], [span('a', 200, undefined)], {
      status: 'interrupted',
      endedAt: 700,
    });
    const a = tool(layoutWaterfall(cut, { now: 5000 }).rows, 'a');
    expect(a.status).toBe('interrupted');
    expect(a.barEndMs).toBe(700);
    expect(a.open).toBe(false);
  });

  it('shows shared results, server calls and calls without a step', () => {
    const trace = run(
      [step('step-1', 0, 10, 50)],
      [
        span('a', 20, 300),
        span('dup', undefined, 300, {
          inputStartedAt: 25,
          inputAvailableAt: 30,
          status: 'deduplicated',
          sharedWith: 'a',
        }),
        span('srv', 40, 200, { runsOn: 'server', toolName: 'convert_currency' }),
        span('stray', 60, 90, { stepId: 'step-9' }),
      ],
      { endedAt: 400 },
    );
    const layout = layoutWaterfall(trace);
    expect(tool(layout.rows, 'dup').segments.map((segment) => segment.phase)).toEqual([
      'input-streaming',
      'sharing',
    ]);
    expect(tool(layout.rows, 'dup').status).toBe('deduplicated');
    expect(tool(layout.rows, 'srv').ariaLabel).toContain('ran on the server');
    expect(layout.groups.at(-1)?.label).toBe('Other calls');
    expect(layout.groups.at(-1)?.rows.map((row) => row.key)).toEqual(['stray']);
  });

  it('puts the duration text after a bar, before one that ends near the edge, or on a full one', () => {
    const layout = layoutWaterfall(threeCityRun());
    expect(tool(layout.rows, 'Paris').textSide).toBe('after');
    expect(modelRows(layout.rows)[1]?.textSide).toBe('before');
    const plain = layoutWaterfall(run([step('step-1', 0, 100, 1000)], [], { endedAt: 1000 }));
    expect(plain.rows[0]?.textSide).toBe('inside');
    expect(plain.rows[0]?.barText).toBe('1000 ms');
  });

  it('sizes the room for the text to the text and the track', () => {
    expect(textSideFor({ leftPct: 10, widthPct: 60 }, '1002 ms', 400)).toBe('after');
    // A longer text no longer fits after the same bar on a narrow track.
    expect(textSideFor({ leftPct: 30, widthPct: 40 }, 'cancelled · 1068 ms', 200)).toBe('inside');
    expect(textSideFor({ leftPct: 60, widthPct: 30 }, 'cancelled · 1068 ms', 400)).toBe('before');
    expect(toolBarText('ok', 1002, 1050)).toBe('1002 ms');
    expect(toolBarText('timeout', 6000, 6010)).toBe('timed out · 6000 ms');
    expect(toolBarText('invalid-input', undefined, 2)).toBe('invalid input');
    expect(toolBarText('running', 420, 500)).toBe('420 ms');
  });

  it('handles a run with no steps yet', () => {
    const layout = layoutWaterfall(run([], [], { status: 'running' }), { now: 0 });
    expect(layout.groups).toEqual([]);
    expect(layout.scale.maxMs).toBeGreaterThan(0);
  });
});

describe('toolSegments', () => {
  it('never draws a phase backwards', () => {
    const odd = span('x', 10, 5);
    for (const segment of toolSegments(odd, 20)) {
      expect(segment.end).toBeGreaterThanOrEqual(segment.start);
    }
  });
});

describe('prepareWaterfallRows', () => {
  const bigRun = () =>
    run(
      [step('step-1', 0, 100, 200, { outputsReturnedAt: 2000 })],
      Array.from({ length: 450 }, (_, index) =>
        span(`call-${index}`, 200 + index, 300 + index * 3, {
          status: index % 25 === 0 ? 'error' : 'ok',
        }),
      ),
      { status: 'complete', endedAt: 2500 },
    );

  it('builds the rows a slice per task, and the layout that follows is the same as a fresh one', async () => {
    const prepared = bigRun();
    const options = { trackWidthPx: 640 };
    let tasks = 0;
    await prepareWaterfallRows(
      prepared,
      options,
      async () => {
        tasks++;
      },
      100,
    );
    expect(tasks).toBe(4);
    const fresh = layoutWaterfall(bigRun(), options);
    const drawn = layoutWaterfall(prepared, options);
    expect(drawn.rows).toEqual(fresh.rows);
  });

  it('hands the draw the very rows it built (the cache), for the same options only', async () => {
    const prepared = bigRun();
    await prepareWaterfallRows(prepared, { trackWidthPx: 640 }, async () => undefined);
    const first = layoutWaterfall(prepared, { trackWidthPx: 640 }).rows;
    const again = layoutWaterfall(prepared, { trackWidthPx: 640 }).rows;
    expect(again[5]).toBe(first[5]);
    const wider = layoutWaterfall(prepared, { trackWidthPx: 1200 }).rows;
    expect(wider[5]).not.toBe(first[5]);
  });
});

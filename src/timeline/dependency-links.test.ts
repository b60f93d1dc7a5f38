import { describe, expect, it } from 'vitest';
import { dependencyLinks } from '../trace/dependencies';
import { curvePath, linkedBarsKey } from './dependency-links';
import { layoutWaterfall } from './geometry';
import { run, span, step } from './trace-fixtures';

/** A lookup in step 1 whose SKU the stock check in step 2 used, plus an unrelated call. */
function chained(stockEnd: number | undefined) {
  return run(
    [
      step('step-1', 0, 100, 300),
      step('step-2', 900, 1000, stockEnd === undefined ? undefined : 1100),
    ],
    [
      span('lookup', 200, 700, { input: { product: 'Vega' }, output: { sku: 'VEGA-AIR-13' } }),
      span('other', 210, 720, { input: { city: 'Oslo' }, output: { tempC: 3 } }),
      span('stock', 1000, stockEnd, { stepId: 'step-2', input: { sku: 'VEGA-AIR-13' } }),
    ],
    { status: stockEnd === undefined ? 'running' : 'complete', endedAt: stockEnd },
  );
}

describe('linkedBarsKey', () => {
  it('is empty without links', () => {
    const trace = chained(1090);
    expect(linkedBarsKey([], layoutWaterfall(trace))).toBe('');
  });

  it('holds while the clock grows the dependent bar, and changes when a curve end moves', () => {
    const trace = chained(undefined);
    const links = dependencyLinks(trace);
    expect(links).toHaveLength(1);
    // The axis holds between 1200 and 1250 ms (live headroom, 1/2/5 ticks).
    const early = linkedBarsKey(links, layoutWaterfall(trace, { now: 1200 }));
    expect(early).not.toBe('');
    // The curve ends where the open stock call started: its growing does not move it.
    expect(linkedBarsKey(links, layoutWaterfall(trace, { now: 1250 }))).toBe(early);
    // A rescaled axis moves both ends.
    expect(linkedBarsKey(links, layoutWaterfall(trace, { now: 1200, scaleMaxMs: 5000 }))).not.toBe(
      early,
    );
  });

  it('ignores rows that are not linked', () => {
    const trace = chained(1090);
    const links = dependencyLinks(trace);
    const layout = layoutWaterfall(trace);
    const other = layout.rows.find((row) => row.key === 'other');
    if (!other) throw new Error('no row');
    const moved = {
      ...layout,
      rows: layout.rows.map((row) => (row === other ? { ...row, widthPct: 99 } : row)),
    };
    expect(linkedBarsKey(links, moved)).toBe(linkedBarsKey(links, layout));
  });
});

describe('curvePath', () => {
  it('leaves and arrives level', () => {
    expect(curvePath(0, 10, 100, 50)).toBe('M0,10 C50,10 50,50 100,50');
  });
});

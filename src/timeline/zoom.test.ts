import { describe, expect, it } from 'vitest';
import {
  centreOn,
  clampWindow,
  fitToTools,
  fullWindow,
  isWholeRun,
  MIN_WINDOW_MS,
  panBy,
  windowPct,
  windowStyle,
  windowTicks,
  zoomAround,
  zoomStep,
} from './zoom';

describe('zoom', () => {
  it('zooming in around a point keeps that point where it was on the track', () => {
    const next = zoomAround({ startMs: 0, endMs: 1000 }, 0.5, 250, 1000);
    expect(next.endMs - next.startMs).toBe(500);
    // 250 ms was a quarter of the way across and still is.
    expect((250 - next.startMs) / (next.endMs - next.startMs)).toBeCloseTo(0.25);
  });

  it('a step in then a step out returns to the whole run', () => {
    const inward = zoomStep(fullWindow(3500), 1, 3500);
    expect(inward.endMs - inward.startMs).toBeLessThan(3500);
    const back = zoomStep(inward, -1, 3500);
    expect(isWholeRun(back, 3500)).toBe(true);
  });

  it('never zooms out past the run nor in past the narrowest window', () => {
    expect(zoomAround(fullWindow(1000), 4, 500, 1000)).toEqual({ startMs: 0, endMs: 1000 });
    const tiny = zoomAround({ startMs: 0, endMs: 2 }, 0.001, 1, 1000);
    expect(tiny.endMs - tiny.startMs).toBe(MIN_WINDOW_MS);
  });

  it('pans within the run, keeping the width', () => {
    expect(panBy({ startMs: 100, endMs: 300 }, 1000, 1000)).toEqual({ startMs: 800, endMs: 1000 });
    expect(panBy({ startMs: 100, endMs: 300 }, -1000, 1000)).toEqual({ startMs: 0, endMs: 200 });
    expect(centreOn({ startMs: 0, endMs: 200 }, 500, 1000)).toEqual({ startMs: 400, endMs: 600 });
  });

  it('clamps a window that lies outside the run', () => {
    expect(clampWindow({ startMs: -50, endMs: 50 }, 1000)).toEqual({ startMs: 0, endMs: 100 });
    expect(clampWindow({ startMs: 0, endMs: 5000 }, 1000)).toEqual({ startMs: 0, endMs: 1000 });
  });

  it('fits to the tool calls, ignoring the model rows, with a margin', () => {
    const window = fitToTools(
      [
        { kind: 'model', barStartMs: 0, barEndMs: 3500 },
        { kind: 'tool', barStartMs: 400, barEndMs: 900 },
        { kind: 'tool', barStartMs: 420, barEndMs: 1200 },
      ],
      3500,
    );
    expect(window.startMs).toBeLessThan(400);
    expect(window.startMs).toBeGreaterThan(350);
    expect(window.endMs).toBeGreaterThan(1200);
    expect(window.endMs).toBeLessThan(1300);
    expect(fitToTools([{ kind: 'model', barStartMs: 0, barEndMs: 10 }], 10)).toEqual(
      fullWindow(10),
    );
  });

  it('maps the window onto the track and the overview', () => {
    expect(windowStyle({ startMs: 250, endMs: 750 }, 1000)).toEqual({ pan: 25, zoom: 2 });
    expect(windowPct({ startMs: 250, endMs: 750 }, 1000)).toEqual({ startPct: 25, endPct: 75 });
  });

  it('ticks fall on easy steps inside the window', () => {
    const ticks = windowTicks({ startMs: 130, endMs: 870 }, 5, 1000);
    expect(ticks.length).toBeGreaterThan(2);
    for (const tick of ticks) {
      expect(tick.ms % 100 === 0 || tick.ms % 200 === 0).toBe(true);
      expect(tick.pct).toBeGreaterThanOrEqual(0);
      expect(tick.pct).toBeLessThanOrEqual(100);
    }
  });
});

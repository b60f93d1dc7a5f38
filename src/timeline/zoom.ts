import { formatTick } from './format';
import { niceStep, type Tick } from './geometry';

/**
 * The visible part of the waterfall's time axis, in ms from the run's start, and the pure
 * arithmetic of zooming and panning it (as a network panel's overview does). The rows keep
 * their geometry as percentages of the whole run; the view only maps that range onto the track
 * (see `windowStyle`), so a zoom step redraws no row.
 */
export type TimeWindow = { startMs: number; endMs: number };

/** The narrowest window one can zoom to (ms): below this the ticks say nothing more. */
export const MIN_WINDOW_MS = 1;
/** One zoom step (keys, buttons, one wheel notch): the window shrinks or grows by this factor. */
export const ZOOM_STEP = 1.5;

export function fullWindow(maxMs: number): TimeWindow {
  return { startMs: 0, endMs: Math.max(MIN_WINDOW_MS, maxMs) };
}

/** Keeps a window inside 0 → maxMs and at least MIN_WINDOW_MS wide, keeping its width if it can. */
export function clampWindow(window: TimeWindow, maxMs: number): TimeWindow {
  const total = Math.max(MIN_WINDOW_MS, maxMs);
  const width = Math.min(total, Math.max(MIN_WINDOW_MS, window.endMs - window.startMs));
  const start = Math.min(Math.max(0, window.startMs), total - width);
  return { startMs: start, endMs: start + width };
}

/** True when the window shows the whole run (nothing to pan, nothing zoomed). */
export function isWholeRun(window: TimeWindow, maxMs: number): boolean {
  return window.startMs <= 1e-6 && window.endMs >= maxMs - 1e-6;
}

/**
 * Scales the window by `factor` (< 1 zooms in) around `anchorMs`, which stays at the same
 * place on the track: the point under the pointer for the wheel, the middle for keys.
 */
export function zoomAround(
  window: TimeWindow,
  factor: number,
  anchorMs: number,
  maxMs: number,
): TimeWindow {
  const width = window.endMs - window.startMs;
  const anchor = Math.min(window.endMs, Math.max(window.startMs, anchorMs));
  const share = width > 0 ? (anchor - window.startMs) / width : 0.5;
  const total = Math.max(MIN_WINDOW_MS, maxMs);
  const next = Math.min(total, Math.max(MIN_WINDOW_MS, width * factor));
  return clampWindow(
    { startMs: anchor - share * next, endMs: anchor - share * next + next },
    maxMs,
  );
}

/** One zoom step in (`direction` 1) or out (-1) around the window's middle. */
export function zoomStep(window: TimeWindow, direction: 1 | -1, maxMs: number): TimeWindow {
  const middle = (window.startMs + window.endMs) / 2;
  return zoomAround(window, direction > 0 ? 1 / ZOOM_STEP : ZOOM_STEP, middle, maxMs);
}

/** Moves the window by `deltaMs` (positive: later), stopping at the run's ends. */
export function panBy(window: TimeWindow, deltaMs: number, maxMs: number): TimeWindow {
  return clampWindow({ startMs: window.startMs + deltaMs, endMs: window.endMs + deltaMs }, maxMs);
}

/** Centres a window of the same width on `centreMs` (a click on the overview). */
export function centreOn(window: TimeWindow, centreMs: number, maxMs: number): TimeWindow {
  const half = (window.endMs - window.startMs) / 2;
  return clampWindow({ startMs: centreMs - half, endMs: centreMs + half }, maxMs);
}

/**
 * The window that holds every tool call with a little margin (more after the last, where its
 * duration is written): a 3.5 s answer whose calls took the first second no longer squeezes
 * them into a quarter of the width. The whole run when there are no calls.
 */
export function fitToTools(
  bars: ReadonlyArray<{ kind: 'tool' | 'model'; barStartMs: number; barEndMs: number }>,
  maxMs: number,
  margin = 0.04,
): TimeWindow {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const bar of bars) {
    if (bar.kind !== 'tool') continue;
    start = Math.min(start, bar.barStartMs);
    end = Math.max(end, bar.barEndMs);
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) return fullWindow(maxMs);
  const pad = Math.max(MIN_WINDOW_MS, end - start) * margin;
  return clampWindow(
    { startMs: start - pad, endMs: Math.max(end + pad, start + MIN_WINDOW_MS) },
    maxMs,
  );
}

/**
 * The CSS the rows read (`--wf-pan`, `--wf-zoom`): a bar at p % of the run is drawn at
 * (p − pan) × zoom % of the track.
 */
export function windowStyle(window: TimeWindow, maxMs: number): { pan: number; zoom: number } {
  const total = Math.max(MIN_WINDOW_MS, maxMs);
  return {
    pan: (window.startMs / total) * 100,
    zoom: total / Math.max(MIN_WINDOW_MS, window.endMs - window.startMs),
  };
}

/** The window as percentages of the whole run (the overview's frame). */
export function windowPct(window: TimeWindow, maxMs: number): { startPct: number; endPct: number } {
  const total = Math.max(MIN_WINDOW_MS, maxMs);
  return { startPct: (window.startMs / total) * 100, endPct: (window.endMs / total) * 100 };
}

/** Ticks for the visible window, at easy steps, positioned as percentages of the track. */
export function windowTicks(window: TimeWindow, maxTicks: number, maxMs: number): Tick[] {
  const width = Math.max(MIN_WINDOW_MS / 1000, window.endMs - window.startMs);
  const stepMs = niceStep(width / Math.max(1, maxTicks));
  const first = Math.ceil(window.startMs / stepMs - 1e-9) * stepMs;
  const ticks: Tick[] = [];
  for (let ms = first; ms <= window.endMs + stepMs * 1e-9; ms += stepMs) {
    ticks.push({
      ms,
      pct: ((ms - window.startMs) / width) * 100,
      label: formatTick(ms, stepMs, maxMs),
    });
  }
  return ticks;
}

import { useEffect, useState } from 'react';

/** How often a live waterfall redraws when the reader asked for reduced motion. */
const REDUCED_MOTION_INTERVAL_MS = 500;

/**
 * Above this many open calls the live waterfall redraws at most every LARGE_RUN_INTERVAL_MS
 * instead of every frame: each tick re-renders every open row (its width, duration text and
 * spoken name), and with 50 rows that work, run 60 times a second, delayed the tool handlers'
 * own timers by tens of ms (`node bench/profile.ts 50 1000`). Settles still draw at once: they
 * arrive through the trace store, not through this clock, and redraw their own row only (open
 * bars end at this clock's reading, not at the settle's time; see layoutWaterfall).
 */
export const LARGE_RUN_OPEN_CALLS = 12;
export const LARGE_RUN_INTERVAL_MS = 100;

/** The minimum time between live ticks for a run with `openCalls` calls still open. */
export function liveTickInterval(openCalls: number): number {
  return openCalls > LARGE_RUN_OPEN_CALLS ? LARGE_RUN_INTERVAL_MS : 0;
}

/**
 * The current time in ms from a run's start, refreshed once per animation frame while
 * `active` (a visible waterfall of a running run) and not at all otherwise: the loop stops
 * as soon as the run ends or the waterfall is hidden. The state lives in the one component
 * that calls this, so the ticking re-renders the waterfall and never the chat. With reduced
 * motion the bars still grow, in a few calm steps a second instead of a continuous slide.
 */
export function useLiveNow(
  startedAtPerf: number,
  active: boolean,
  reducedMotion: boolean,
  minIntervalMs = 0,
): number | undefined {
  const [now, setNow] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!active) {
      setNow(undefined);
      return;
    }
    const read = () => performance.now() - startedAtPerf;
    setNow(read());
    if (reducedMotion) {
      const timer = setInterval(() => setNow(read()), REDUCED_MOTION_INTERVAL_MS);
      return () => clearInterval(timer);
    }
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(time) {
      if (time - last >= minIntervalMs) {
        last = time;
        setNow(read());
      }
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [startedAtPerf, active, reducedMotion, minIntervalMs]);
  return active ? now : undefined;
}

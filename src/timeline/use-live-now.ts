import { useEffect, useState } from 'react';
import { traceBurstHeld } from '../trace/trace-store';

/** How often a live waterfall redraws when the reader asked for reduced motion. */
const REDUCED_MOTION_INTERVAL_MS = 500;

/**
 * Above this many open calls the live waterfall redraws at most every LARGE_RUN_INTERVAL_MS
 * instead of every frame: each tick re-renders every open row (its width, duration text and
 * spoken name), and with 50 rows that work, run 60 times a second, delayed the tool handlers'
 * own timers by tens of ms (`node bench/profile.ts 50 1000`). Even at 10 a second each tick
 * of 50 open rows wrote about 450 DOM changes (style, text, spoken name: a MutationObserver
 * over a 1 s run), a frame as costly as drawing fifty settles, and one falling among the
 * calls coming due delayed them; at 5 a second the bars still visibly grow. Settles still draw
 * at once: they arrive through the trace store, not through this clock, and redraw their own
 * row only (open bars end at this clock's reading, not at the settle's time; see
 * layoutWaterfall).
 */
export const LARGE_RUN_OPEN_CALLS = 12;
export const LARGE_RUN_INTERVAL_MS = 200;
/**
 * Even a small run redraws at most 20 times a second: every tick re-renders the open rows and
 * the summary, then restyles, lays out and repaints them, and at 60 ticks a second three
 * growing bars kept a software-rendered page's main thread 35% busy (Performance.getMetrics
 * over 2 s of a 3-call run on a 2-core box; the chat alone: 1%), slowing everything else the
 * page and the machine do; at 20 a second (on a timer, not skipped frames) 16%. A bar grows
 * by a few pixels a tick, which still reads as growing.
 */
export const SMALL_RUN_INTERVAL_MS = 50;

/** The minimum time between live ticks for a run with `openCalls` calls still open. */
export function liveTickInterval(openCalls: number): number {
  return openCalls > LARGE_RUN_OPEN_CALLS ? LARGE_RUN_INTERVAL_MS : SMALL_RUN_INTERVAL_MS;
}

/**
 * The current time in ms from a run's start, refreshed on an animation frame at most every
 * `minIntervalMs` while `active` (a visible waterfall of a running run) and not at all
 * otherwise: the loop stops as soon as the run ends or the waterfall is hidden. Between ticks
 * it waits on a timer, not on animation frames: a frame requested only to be skipped still
 * costs a main-thread frame. The state lives in the one component that calls this, so the
 * ticking re-renders the waterfall and never the chat. With reduced motion the bars still
 * grow, in a few calm steps a second instead of a continuous slide.
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
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      // A burst of calls held back from the screen is drawn in one frame once it has passed;
      // a tick meanwhile would redraw every open bar, as costly as the burst itself.
      if (traceBurstHeld()) {
        frame = requestAnimationFrame(tick);
        return;
      }
      setNow(read());
      schedule();
    };
    const schedule = () => {
      if (minIntervalMs <= 0) {
        frame = requestAnimationFrame(tick);
        return;
      }
      timer = setTimeout(() => {
        frame = requestAnimationFrame(tick);
      }, minIntervalMs);
    };
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [startedAtPerf, active, reducedMotion, minIntervalMs]);
  return active ? now : undefined;
}

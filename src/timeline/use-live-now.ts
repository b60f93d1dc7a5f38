import { useEffect, useState } from 'react';

/** How often a live waterfall redraws when the reader asked for reduced motion. */
const REDUCED_MOTION_INTERVAL_MS = 500;

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
    let frame = requestAnimationFrame(function tick() {
      setNow(read());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [startedAtPerf, active, reducedMotion]);
  return active ? now : undefined;
}

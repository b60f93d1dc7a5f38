import { useCallback, useEffect, useRef, useState } from 'react';
import { advance, type ReplaySpeed } from './replay';

/** How often a replay redraws when the reader asked for reduced motion. */
const REDUCED_MOTION_INTERVAL_MS = 500;

export type ReplayClock = {
  /** Virtual time, ms from the replayed run's start. */
  t: number;
  playing: boolean;
  speed: ReplaySpeed;
  play: () => void;
  pause: () => void;
  restart: () => void;
  seek: (t: number) => void;
  setSpeed: (speed: ReplaySpeed) => void;
};

/**
 * A replay's clock: virtual time advancing at 0.25× to 4× real time, from one
 * `requestAnimationFrame` loop that runs only while playing and stops at the end. Speed changes
 * and pauses re-anchor the clock, so time never jumps.
 */
export function useReplayClock(durationMs: number, reducedMotion: boolean): ReplayClock {
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeedState] = useState<ReplaySpeed>(1);
  const anchor = useRef({ t: 0, at: 0 });
  const tRef = useRef(0);
  tRef.current = t;

  useEffect(() => {
    if (!playing) return;
    anchor.current = { t: tRef.current, at: performance.now() };
    const tick = () => {
      const next = advance(
        anchor.current.t,
        performance.now() - anchor.current.at,
        speed,
        durationMs,
      );
      setT(next);
      if (next >= durationMs) setPlaying(false);
      return next < durationMs;
    };
    if (reducedMotion) {
      const timer = setInterval(tick, REDUCED_MOTION_INTERVAL_MS);
      return () => clearInterval(timer);
    }
    let frame = requestAnimationFrame(function loop() {
      if (tick()) frame = requestAnimationFrame(loop);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, durationMs, reducedMotion]);

  const play = useCallback(() => {
    // Playing from the end starts over.
    if (tRef.current >= durationMs) setT(0);
    setPlaying(true);
  }, [durationMs]);
  const pause = useCallback(() => setPlaying(false), []);
  const restart = useCallback(() => {
    setT(0);
    tRef.current = 0;
    anchor.current = { t: 0, at: performance.now() };
    setPlaying(true);
  }, []);
  const seek = useCallback(
    (to: number) => {
      const clamped = Math.min(durationMs, Math.max(0, to));
      setT(clamped);
      tRef.current = clamped;
      anchor.current = { t: clamped, at: performance.now() };
    },
    [durationMs],
  );
  const setSpeed = useCallback((next: ReplaySpeed) => setSpeedState(next), []);
  return { t, playing, speed, play, pause, restart, seek, setSpeed };
}

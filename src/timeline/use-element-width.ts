import { startTransition, useEffect, useRef, useState } from 'react';

/** An observed element's width in px, from the observer's own entry (no layout of ours). */
export function entryWidth(entry: Pick<ResizeObserverEntry, 'borderBoxSize' | 'contentRect'>) {
  // borderBoxSize is what getBoundingClientRect measured (the element has no transform);
  // contentRect is the fallback where a browser lacks it.
  const box = entry.borderBoxSize?.[0];
  return box ? box.inlineSize : entry.contentRect.width;
}

/** A width to start from before any element was measured. */
export const DEFAULT_WIDTH_PX = 360;

/** The last width any observed element had: a new timeline's best first guess at its own. */
let lastWidth: number | undefined;

/** The width a newly mounted `useElementWidth` starts from. */
export function firstWidthGuess(fallback = DEFAULT_WIDTH_PX): number {
  return lastWidth ?? fallback;
}

/**
 * An element's width in whole px, kept current with a ResizeObserver; until its first report,
 * the last width measured (else `fallback`). Geometry only uses it for tick density and the
 * thinnest visible bar, so rounding spares re-renders on sub-px jitter.
 * The width comes from the observer's entries, which it delivers once on observing and on every
 * change, after the browser's own layout: reading getBoundingClientRect in the effect instead
 * forced a synchronous layout of the whole page as a run's timeline mounted.
 */
export function useElementWidth<T extends HTMLElement>(
  fallback = DEFAULT_WIDTH_PX,
  /** Work to do before a new width is drawn (e.g. a big run's rows built ahead, in slices). */
  beforeChange?: (width: number) => Promise<void> | undefined,
) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(() => firstWidthGuess(fallback));
  const latest = useRef({ width, beforeChange });
  latest.current = { width, beforeChange };
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let ticket = 0;
    const observer = new ResizeObserver((entries) => {
      const entry = entries.at(-1);
      if (!entry) return;
      const measured = Math.max(1, Math.round(entryWidth(entry)));
      lastWidth = measured;
      const mine = ++ticket;
      if (measured === latest.current.width) return;
      // In a transition: a new width lays every row out again (1,000 rows of a big run), and
      // that work yields to input instead of being one long task.
      const apply = () => {
        if (mine === ticket) startTransition(() => setWidth(measured));
      };
      const ready = latest.current.beforeChange?.(measured);
      if (ready) void ready.then(apply);
      else apply();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

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

/**
 * The width a run's waterfall track would have in the timeline panel, measured on a hidden copy
 * of the waterfall's axis (the classes `RunTimelineView` and `Waterfall` draw, so the same CSS
 * sizes it) put in the panel for one layout; undefined where the panel is not laid out (a
 * closed sheet). Its main part scrolls as a big run's does, so the copy leaves room for the
 * scrollbar too.
 */
function measureTrackInPanel(): number | undefined {
  const host = document.querySelector('#timeline-panel .timeline-scroll');
  if (!host) return undefined;
  const copy = document.createElement('section');
  copy.className = 'run-timeline';
  copy.setAttribute('aria-hidden', 'true');
  // Styles through the CSSOM and elements built one by one: the page's CSP (style-src 'self')
  // refuses style attributes in parsed markup.
  copy.style.cssText = 'flex: none; height: 0; min-height: 0; overflow: hidden; visibility: hidden';
  const element = (tag: string, className: string, ...children: HTMLElement[]) => {
    const node = document.createElement(tag);
    node.className = className;
    node.append(...children);
    return node;
  };
  const track = element('div', 'wf-axis-track');
  const main = element(
    'div',
    'run-timeline-main',
    element(
      'div',
      'waterfall',
      element(
        'div',
        'wf-hscroll',
        element('div', 'wf-axis', element('span', 'wf-axis-label'), track),
      ),
    ),
  );
  main.style.overflowY = 'scroll';
  copy.append(main);
  host.append(copy);
  const width = track.getBoundingClientRect().width;
  copy.remove();
  return width > 0 ? Math.round(width) : undefined;
}

/**
 * The width a timeline about to be drawn should be laid out at (an import builds a big run's
 * rows at it ahead): the last one measured, else the panel's own measure, else `fallback`. On a
 * fresh page the panel's measure spares the first import laying every row out twice, at a
 * guess and then at the measured width.
 */
export function firstWidthGuess(fallback = DEFAULT_WIDTH_PX): number {
  lastWidth ??= measureTrackInPanel();
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
  // Not firstWidthGuess: a render does not insert and measure elements.
  const [width, setWidth] = useState(() => lastWidth ?? fallback);
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

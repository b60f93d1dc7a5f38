import { type RefObject, useId, useLayoutEffect, useState } from 'react';
import type { DependencyLink } from '../trace/dependencies';
import type { Row, WaterfallLayout } from './geometry';

type DependencyLinksProps = {
  links: readonly DependencyLink[];
  /** Redraw whenever a linked bar moves. */
  layout: WaterfallLayout;
  /** The waterfall's root: bars are looked up inside it. */
  rootRef: RefObject<HTMLElement | null>;
  /** The overlay the curves are drawn in (over the track column). */
  overlayRef: RefObject<HTMLElement | null>;
  /** Changes when the bars moved without the layout changing (zoom, filter, virtual scroll). */
  measureKey?: string;
  /** The row hovered or selected: its links stand out, the others step back. */
  focusKey?: string;
};

type Curve = { id: string; d: string; from: string; to: string; x: number; y: number };

/** A curve from the source bar's end to the dependent bar's start, leaving and arriving level. */
export function curvePath(x1: number, y1: number, x2: number, y2: number): string {
  const reach = Math.max(16, Math.abs(x2 - x1) / 2);
  const r = (value: number) => Math.round(value * 10) / 10;
  return `M${r(x1)},${r(y1)} C${r(x1 + reach)},${r(y1)} ${r(x2 - reach)},${r(y2)} ${r(x2)},${r(y2)}`;
}

/**
 * Changes whenever a curve's end may have moved: the row's place in the list (rows are laid
 * out top to bottom, groups apart), the source bar's end or the dependent bar's start. A clock
 * tick that only grows bars (a dependent call still running included) leaves it alone, so the
 * curves are not measured again (a layout read) every frame of a live run.
 */
export function linkedBarsKey(links: readonly DependencyLink[], layout: WaterfallLayout): string {
  if (links.length === 0) return '';
  const index = new Map<string, number>();
  layout.rows.forEach((row, position) => {
    index.set(row.key, position);
  });
  const parts = [String(layout.groups.length)];
  const end = (callId: string, edge: (row: Row) => number) => {
    const position = index.get(callId);
    const row = position === undefined ? undefined : layout.rows[position];
    return row ? `${position}:${edge(row)}` : '-';
  };
  for (const link of links) {
    parts.push(end(link.fromCallId, (row) => row.leftPct + row.widthPct));
    parts.push(end(link.toCallId, (row) => row.leftPct));
  }
  return parts.join('|');
}

/**
 * The chaining links between rows. Bar positions are percentages and rows are laid out by CSS,
 * so the curves are measured from the drawn bars after each layout; the state only changes
 * when a curve actually moved, so a settled run costs nothing and a live one one measure a frame.
 */
export function DependencyLinks({
  links,
  layout,
  rootRef,
  overlayRef,
  measureKey = '',
  focusKey,
}: DependencyLinksProps) {
  const [curves, setCurves] = useState<Curve[]>([]);
  const [size, setSize] = useState(0);
  // Several waterfalls can be on screen at once (race, compare): each needs its own marker id.
  const arrowId = `wf-link-arrow-${useId().replace(/:/g, '')}`;

  useLayoutEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay) return;
    const observer = new ResizeObserver(() => setSize((count) => count + 1));
    observer.observe(overlay);
    return () => observer.disconnect();
  }, [overlayRef]);

  const barsKey = linkedBarsKey(links, layout);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when a linked bar moves or the size changes
  useLayoutEffect(() => {
    const root = rootRef.current;
    const overlay = overlayRef.current;
    if (!root || !overlay || links.length === 0) {
      setCurves((current) => (current.length ? [] : current));
      return;
    }
    const box = overlay.getBoundingClientRect();
    // One pass over the bars, not a selector query per link end (hundreds at 500 calls).
    const bars = new Map<string, HTMLElement>();
    for (const element of root.querySelectorAll<HTMLElement>('[data-call-id]')) {
      const callId = element.dataset.callId;
      if (callId !== undefined && !bars.has(callId)) bars.set(callId, element);
    }
    const bar = (callId: string) => bars.get(callId);
    const next: Curve[] = [];
    for (const link of links) {
      const from = bar(link.fromCallId)?.getBoundingClientRect();
      const to = bar(link.toCallId)?.getBoundingClientRect();
      if (!from || !to) continue;
      const x = from.right - box.left;
      const y = from.top + from.height / 2 - box.top;
      next.push({
        id: `${link.fromCallId}>${link.toCallId}`,
        from: link.fromCallId,
        to: link.toCallId,
        x,
        y,
        d: curvePath(x, y, to.left - box.left, to.top + to.height / 2 - box.top),
      });
    }
    setCurves((current) =>
      current.length === next.length &&
      current.every((curve, index) => curve.d === next[index]?.d && curve.id === next[index]?.id)
        ? current
        : next,
    );
  }, [links, barsKey, size, rootRef, overlayRef, measureKey]);

  if (curves.length === 0) return null;
  const focused =
    focusKey !== undefined &&
    curves.some((curve) => curve.from === focusKey || curve.to === focusKey);
  return (
    <svg
      className={`wf-links${focused ? ' wf-links-focused' : ''}`}
      aria-hidden="true"
      data-testid="dependency-links"
    >
      <defs>
        <marker
          id={arrowId}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="4"
          markerHeight="4"
          markerUnits="strokeWidth"
          orient="auto"
        >
          <path d="M0,0 L8,4 L0,8 z" className="wf-link-head" />
        </marker>
      </defs>
      {curves.map((curve) => (
        <g
          key={curve.id}
          className={
            focused && (curve.from === focusKey || curve.to === focusKey) ? 'wf-link-on' : undefined
          }
          data-link-from={curve.from}
          data-link-to={curve.to}
          data-emphasis={
            focused ? (curve.from === focusKey || curve.to === focusKey ? 'on' : 'off') : undefined
          }
        >
          <path className="wf-link-halo" d={curve.d} />
          <path className="wf-link" d={curve.d} markerEnd={`url(#${arrowId})`} />
          <circle className="wf-link-dot" r="3.5" cx={curve.x} cy={curve.y} />
        </g>
      ))}
    </svg>
  );
}

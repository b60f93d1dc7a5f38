import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type Ref,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type DependencyLink, linksByTarget } from '../trace/dependencies';
import { DependencyLinks } from './dependency-links';
import { FilterBar } from './filter-bar';
import { formatMs, statusLabel } from './format';
import type { Marker, Row, StepGroup, ToolRow, WaterfallLayout } from './geometry';
import { OverviewStrip } from './overview-strip';
import { filterRows, noFilter, searchableText, stepMatch } from './row-filter';
import {
  pageIndex,
  TYPE_AHEAD_MS,
  typeAheadIndex,
  type WaterfallAction,
  waterfallKeyFor,
} from './waterfall-keys';
import { WaterfallRow } from './waterfall-row';
import { useWaterfallView, useWaterfallViewStore } from './waterfall-view-store';
import {
  clampWindow,
  fitToTools,
  fullWindow,
  isWholeRun,
  panBy,
  type TimeWindow,
  windowStyle,
  windowTicks,
  zoomAround,
  zoomStep,
} from './zoom';

type WaterfallProps = {
  layout: WaterfallLayout;
  runId: string;
  /** The row key open in the inspector, if any. */
  inspectedKey: string | undefined;
  onInspect: (key: string | undefined) => void;
  /** Measures the track column (for tick density). */
  trackRef: Ref<HTMLDivElement>;
  /** The track's measured width in px: how many ticks a zoomed axis can hold. */
  trackWidthPx?: number;
  label: string;
  /** Chaining: which call's input came from which earlier output. */
  links?: readonly DependencyLink[];
  /** Calls flagged as a parallel opportunity (`parallelOpportunity`). */
  opportunityIds?: ReadonlySet<string>;
  /** A call's input, for the filter's free text (names and short labels are in the rows). */
  inputOf?: (callId: string) => unknown;
  /** The filter bar, overview strip and zoom (off in a race lane's small waterfall). */
  navigation?: boolean;
};

/** Above this many rows only the rows in view (and a margin) are in the DOM. */
export const VIRTUAL_ROWS = 150;
/** Rows drawn beyond the visible ones, above and below, so a fast scroll shows no gap. */
const OVERSCAN_ROWS = 12;
/** The list's size before its scroller is measured: at most a window's height shows. */
const firstScreen = {
  width: 0,
  get height() {
    return typeof window === 'undefined' ? 0 : window.innerHeight;
  },
};
/** One wheel notch (or pinch step) over the bars zooms by this factor. */
const WHEEL_ZOOM = 1.25;
/** Pixels between a zoomed axis's ticks, as the layout aims for on the whole run. */
const TICK_SPACING_PX = 64;
/** One ←/→ moves the window by this share of its width. */
const PAN_SHARE = 0.25;

const noInput = () => undefined;

/** What type-ahead matches: the tool's name and label, or "Step 2 model". */
function rowName(row: Row): string {
  return row.kind === 'tool' ? `${row.toolName} ${row.label}` : `Step ${row.stepIndex + 1} model`;
}

/** The nearest ancestor that scrolls vertically (the panel's body; a page section in race). */
function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return node;
  }
  return document.scrollingElement instanceof HTMLElement ? document.scrollingElement : null;
}

/** Consecutive rows of one step, as groups (the unfiltered, start-ordered list). */
function groupsOf(rows: readonly Row[], layoutGroups: readonly StepGroup[]): StepGroup[] {
  if (rows.length === layoutGroups.reduce((sum, group) => sum + group.rows.length, 0))
    return layoutGroups as StepGroup[];
  return [{ stepId: 'all', index: 0, label: 'Calls', rows: [...rows] }];
}

const noLinks: readonly DependencyLink[] = [];
const noIds: ReadonlySet<string> = new Set();

const phaseNames: Record<string, string> = {
  'input-streaming': 'input streaming',
  'awaiting-approval': 'awaiting approval',
  queued: 'queued',
  sharing: 'waiting for the identical call',
  running: 'running',
  waiting: 'waiting for first token',
  streaming: 'streaming',
};

/** The hover card: every phase of a row with its exact times. */
function Tooltip({ row, x, y, width }: { row: Row; x: number; y: number; width: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [left, setLeft] = useState(x + 12);
  // Beside the pointer, but never past the waterfall's edges (the panel clips overflow).
  useLayoutEffect(() => {
    const own = ref.current?.offsetWidth ?? 0;
    setLeft(Math.max(0, Math.min(x + 12, width - own)));
  }, [x, width]);
  const title =
    row.kind === 'tool'
      ? `${row.toolName}${row.label ? ` ${row.label}` : ''}`
      : `Step ${row.stepIndex + 1} · model`;
  return (
    <div
      ref={ref}
      className={`wf-tooltip${row.kind === 'tool' ? ` wf-status-${row.status}` : ' wf-model-done'}`}
      style={{ left, top: y + 16 }}
      role="presentation"
    >
      <div className="wf-tooltip-title">
        {title}
        {row.kind === 'tool' ? (
          <span className={`wf-pill wf-status-${row.status}`}>{statusLabel(row.status)}</span>
        ) : null}
      </div>
      <table>
        <tbody>
          {row.segments.map((segment) => (
            <tr key={segment.phase}>
              <th scope="row">
                <span className={`wf-swatch wf-seg-${segment.phase}`} />
                {phaseNames[segment.phase] ?? segment.phase}
              </th>
              <td>{formatMs(segment.durationMs)}</td>
              <td className="wf-tooltip-range">
                {formatMs(segment.startMs)} → {segment.open ? 'now' : formatMs(segment.endMs)}
              </td>
            </tr>
          ))}
          {row.kind === 'model' && row.ttftMs !== undefined ? (
            <tr>
              <th scope="row">time to first token</th>
              <td>{formatMs(row.ttftMs)}</td>
              <td />
            </tr>
          ) : null}
        </tbody>
      </table>
      {row.critical ? <div className="wf-tooltip-note">On the critical path</div> : null}
      <div className="wf-tooltip-hint">Click for details</div>
    </div>
  );
}

function MarkerLine({ marker }: { marker: Marker }) {
  return (
    <div
      className={`wf-marker wf-marker-${marker.kind}`}
      style={{ '--wf-x': marker.pct } as CSSProperties}
      title={marker.label}
    />
  );
}

/**
 * The waterfall proper: a filter bar and an overview strip, one time axis with ticks (zoomed
 * and panned through a window over the run), rows grouped by step, markers across the rows, a
 * hover card, and keyboard navigation over a single tab stop, as a listbox (the keymap is
 * waterfall-keys.ts). Past VIRTUAL_ROWS only the rows in view are in the DOM.
 */
export function Waterfall({
  layout,
  runId,
  inspectedKey,
  onInspect,
  trackRef,
  trackWidthPx = 360,
  label,
  links = noLinks,
  opportunityIds = noIds,
  inputOf = noInput,
  navigation = true,
}: WaterfallProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const view = useWaterfallView(runId);
  const setWindow = useWaterfallViewStore((state) => state.setWindow);

  // Filter and sort: searchable text is built once per call and reused across keystrokes.
  const texts = useRef(new WeakMap<ToolRow, string>());
  const { toggles, text, sort } = view;
  const filtered = useMemo(() => {
    const textOf = (row: ToolRow) => {
      let searchable = texts.current.get(row);
      if (searchable === undefined) {
        searchable = searchableText(row, inputOf(row.callId));
        texts.current.set(row, searchable);
      }
      return searchable;
    };
    return filterRows(layout.rows, navigation ? { toggles, text, sort } : noFilter, textOf);
    // The filter's own fields, not the view: a zoom step must not filter 1,000 rows again.
  }, [layout.rows, toggles, text, sort, inputOf, navigation]);
  const filter = useMemo(() => ({ toggles, text, sort }), [toggles, text, sort]);
  const callCount = useMemo(
    () => layout.rows.filter((row) => row.kind === 'tool').length,
    [layout.rows],
  );
  const rows = filtered.rows;
  const virtual = rows.length > VIRTUAL_ROWS;
  const grouped = !filtered.active && view.sort === 'start' && !virtual;

  // The visible time window (the whole run unless zoomed).
  const maxMs = layout.scale.maxMs;
  // One object per window (not per render), so the overview strip skips a key move.
  const shown = useMemo(
    () => (view.window && navigation ? clampWindow(view.window, maxMs) : fullWindow(maxMs)),
    [view.window, navigation, maxMs],
  );
  const whole = isWholeRun(shown, maxMs);
  const zoom = windowStyle(shown, maxMs);
  const ticks = whole
    ? layout.scale.ticks
    : windowTicks(
        shown,
        Math.max(2, Math.min(10, Math.floor(trackWidthPx / TICK_SPACING_PX))),
        maxMs,
      );
  const changeWindow = useCallback(
    (window: TimeWindow | undefined) =>
      setWindow(runId, window && isWholeRun(window, maxMs) ? undefined : window),
    [setWindow, runId, maxMs],
  );

  // Per dependent call: its sources' ids (for scripts) and names (for the spoken row name).
  const rowNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const row of layout.rows) {
      if (row.kind === 'tool') names.set(row.key, `${row.toolName} ${row.label}`.trim());
    }
    return names;
  }, [layout.rows]);
  const dependsOn = useMemo(() => {
    const sources = new Map<string, { ids: string; text: string }>();
    for (const [target, into] of linksByTarget(links)) {
      sources.set(target, {
        ids: into.map((link) => link.fromCallId).join(' '),
        text: `input from ${into.map((link) => rowNames.get(link.fromCallId) ?? link.fromCallId).join(' and ')}`,
      });
    }
    return sources;
  }, [links, rowNames]);
  const [activeKey, setActiveKey] = useState<string | undefined>(undefined);
  const [hover, setHover] = useState<{ key: string; x: number; y: number; width: number }>();
  const indexOf = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
  const active = activeKey !== undefined && indexOf.has(activeKey) ? activeKey : rows[0]?.key;
  const activeIndex = active === undefined ? -1 : (indexOf.get(active) ?? -1);

  // A new run starts with the first row as the tab stop.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the run changes
  useEffect(() => {
    setActiveKey(undefined);
    setHover(undefined);
  }, [runId]);

  // Virtual rows: measured against the element that scrolls them.
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [rowHeight, setRowHeight] = useState(28);
  // Measured when the rows change, not on every render: these reads force a style and layout
  // pass, which a zoom step or a key move (a re-render of the list) must not pay for. After the
  // paint, not before it: on a big run's first draw that pass is the frame's own, in its own
  // task, not added to the task that committed 1,000 rows' worth of React work.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the rows and the run are what move the list
  useEffect(() => {
    if (!virtual) return;
    const list = listRef.current;
    const parent = scrollParent(list);
    if (parent !== scroller) setScroller(parent);
    if (!list || !parent) return;
    const margin =
      list.getBoundingClientRect().top - parent.getBoundingClientRect().top + parent.scrollTop;
    if (Math.abs(margin - scrollMargin) > 0.5) setScrollMargin(margin);
    const height = Number.parseFloat(getComputedStyle(list).getPropertyValue('--wf-row-h'));
    if (height > 0 && height !== rowHeight) setRowHeight(height);
  }, [virtual, rows, layout]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // The tab stop stays in the DOM, so Tab always lands on the list.
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) indexes.push(activeIndex);
      return indexes.sort((a, b) => a - b);
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    rangeExtractor,
    enabled: virtual,
    // Until the scroller is found (after the first paint, above), the rows of a window's height
    // from the top are drawn: a big run's first draw (a fresh page's first import) paints its
    // first screen of rows at once, not an empty list that waits for another render.
    initialRect: firstScreen,
  });
  const virtualItems = virtual ? virtualizer.getVirtualItems() : [];

  const pendingFocus = useRef<string | undefined>(undefined);
  const rowElement = useCallback(
    (key: string) =>
      listRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`) ??
      undefined,
    [],
  );
  const focusRow = useCallback(
    (key: string | undefined) => {
      if (!key) return;
      setActiveKey(key);
      const element = rowElement(key);
      // A row in the DOM (every row, or a virtual one drawn in the overscan) takes focus
      // directly; the browser scrolls it into view if need be. Asking the virtualizer to scroll
      // instead forces a layout per key press (it reads the scroller's size).
      if (element) {
        element.focus();
        return;
      }
      // A virtual row may be out of the DOM: bring it into view, focus it once drawn.
      const index = indexOf.get(key);
      if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
      pendingFocus.current = key;
    },
    [rowElement, indexOf, virtualizer],
  );
  useLayoutEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    const element = rowElement(key);
    if (!element) return;
    pendingFocus.current = undefined;
    element.focus({ preventScroll: true });
  });

  // A row chosen elsewhere (the chat's list, the inspector) comes into view here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the chosen row changes
  useEffect(() => {
    if (!inspectedKey || !indexOf.has(inspectedKey)) return;
    setActiveKey(inspectedKey);
    const element = rowElement(inspectedKey);
    if (element) element.scrollIntoView({ block: 'nearest' });
    else if (virtual) {
      const index = indexOf.get(inspectedKey);
      if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'center' });
    }
  }, [inspectedKey]);

  // Escape in the filter's field: back to the active row (read at the time, so the callback
  // stays one function and the memoised filter bar skips key moves).
  const activeNow = useRef(active);
  activeNow.current = active;
  const focusNow = useRef(focusRow);
  focusNow.current = focusRow;
  const leaveFilter = useCallback(() => focusNow.current(activeNow.current), []);

  const typed = useRef({ text: '', at: 0 });
  const pageRows = () => {
    const height = (virtual ? scroller : scrollParent(listRef.current))?.clientHeight ?? 0;
    return Math.max(1, Math.floor(height / rowHeight));
  };
  const stepToMatch = useCallback(
    (direction: 1 | -1) => focusRow(stepMatch(filtered.matches, active, direction)),
    [focusRow, filtered.matches, active],
  );

  const act = (action: WaterfallAction): boolean => {
    const keyAt = (index: number) => rows[index]?.key;
    switch (action.type) {
      case 'move':
        focusRow(keyAt(Math.max(0, Math.min(rows.length - 1, activeIndex + action.by))));
        return true;
      case 'first':
        focusRow(keyAt(0));
        return true;
      case 'last':
        focusRow(keyAt(rows.length - 1));
        return true;
      case 'page':
        focusRow(keyAt(pageIndex(activeIndex, action.by, pageRows(), rows.length)));
        return true;
      case 'open':
        if (active) onInspect(active);
        return true;
      case 'close':
        if (!inspectedKey) return false;
        onInspect(undefined);
        return true;
      case 'zoom':
        if (!navigation) return false;
        changeWindow(zoomStep(shown, action.by, maxMs));
        return true;
      case 'fit':
        if (!navigation) return false;
        changeWindow(fitToTools(layout.rows, maxMs));
        return true;
      case 'pan':
        if (!navigation || whole) return false;
        changeWindow(panBy(shown, action.by * PAN_SHARE * (shown.endMs - shown.startMs), maxMs));
        return true;
      case 'focus-filter':
        if (!navigation) return false;
        filterRef.current?.focus();
        filterRef.current?.select();
        return true;
      case 'match':
        if (!filtered.active) return false;
        stepToMatch(action.by);
        return true;
      case 'type-ahead': {
        const now = performance.now();
        const fresh = now - typed.current.at > TYPE_AHEAD_MS;
        typed.current = { text: (fresh ? '' : typed.current.text) + action.char, at: now };
        const index = typeAheadIndex(rows.map(rowName), activeIndex, typed.current.text);
        if (index !== undefined) focusRow(keyAt(index));
        return true;
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement || event.nativeEvent.isComposing) return;
    const action = waterfallKeyFor({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      typing: typed.current.text !== '' && performance.now() - typed.current.at <= TYPE_AHEAD_MS,
    });
    if (action && act(action)) event.preventDefault();
  };

  const rowKeyOf = (target: EventTarget | null) =>
    target instanceof Element
      ? (target.closest<HTMLElement>('[data-row-key]')?.dataset.rowKey ?? undefined)
      : undefined;

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const key = rowKeyOf(event.target);
    if (!key) return;
    setActiveKey(key);
    onInspect(key === inspectedKey ? undefined : key);
  };

  const onMouseMove = (event: MouseEvent<HTMLDivElement>) => {
    const key = rowKeyOf(event.target);
    const root = rootRef.current;
    if (!key || !root) {
      if (hover) setHover(undefined);
      return;
    }
    const box = root.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    setHover({ key, x, y, width: box.width });
  };

  // Wheel over the bars: Ctrl/⌘ (and a trackpad pinch, which arrives as Ctrl+wheel) zooms
  // around the pointer, a sideways wheel pans; a plain wheel scrolls the rows as before. Over
  // the axis a plain wheel zooms. A native listener: React's wheel listener cannot prevent.
  const latest = useRef({ shown, maxMs, changeWindow, navigation });
  latest.current = { shown, maxMs, changeWindow, navigation };
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const onWheel = (event: WheelEvent) => {
      const { shown, maxMs, changeWindow, navigation } = latest.current;
      const track = axisRef.current;
      if (!navigation || !track || !(event.target instanceof Element)) return;
      const onAxis = event.target.closest('.wf-axis') !== null;
      const onBars = event.target.closest('.wf-body') !== null;
      const box = track.getBoundingClientRect();
      const width = shown.endMs - shown.startMs;
      if ((onAxis || onBars) && (event.ctrlKey || event.metaKey || onAxis)) {
        event.preventDefault();
        const at = shown.startMs + ((event.clientX - box.left) / Math.max(1, box.width)) * width;
        changeWindow(zoomAround(shown, event.deltaY < 0 ? 1 / WHEEL_ZOOM : WHEEL_ZOOM, at, maxMs));
      } else if (
        onBars &&
        Math.abs(event.deltaX) > Math.abs(event.deltaY) &&
        !isWholeRun(shown, maxMs)
      ) {
        event.preventDefault();
        changeWindow(panBy(shown, (event.deltaX / Math.max(1, box.width)) * width, maxMs));
      }
    };
    root.addEventListener('wheel', onWheel, { passive: false });
    return () => root.removeEventListener('wheel', onWheel);
  }, []);

  // Drag on the axis pans the window.
  const axisDrag = useRef<{ x: number; window: TimeWindow } | undefined>(undefined);
  const onAxisDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!navigation || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    axisDrag.current = { x: event.clientX, window: shown };
  };
  const onAxisMove = (event: PointerEvent<HTMLDivElement>) => {
    const from = axisDrag.current;
    const track = axisRef.current;
    if (!from || !track) return;
    const width = from.window.endMs - from.window.startMs;
    const delta = ((from.x - event.clientX) / Math.max(1, track.clientWidth)) * width;
    changeWindow(panBy(from.window, delta, maxMs));
  };
  const onAxisUp = () => {
    axisDrag.current = undefined;
  };

  const hovered = hover ? layout.rows.find((row) => row.key === hover.key) : undefined;
  const matchIndex =
    filtered.active && active !== undefined ? filtered.matches.indexOf(active) : -1;
  const firstVisible = virtualItems[0]?.index ?? 0;
  const lastVisible = virtualItems.at(-1)?.index ?? rows.length - 1;

  const rowView = (row: Row, extra?: { index: number; start: number }) => (
    <WaterfallRow
      key={row.key}
      row={row}
      active={row.key === active}
      inspected={row.key === inspectedKey}
      dependsOn={dependsOn.get(row.key)?.ids}
      dependsOnText={dependsOn.get(row.key)?.text}
      opportunity={row.kind === 'tool' && opportunityIds.has(row.key)}
      position={
        extra
          ? { index: extra.index, count: rows.length, top: extra.start - scrollMargin }
          : undefined
      }
    />
  );

  return (
    <div
      className={`waterfall${virtual ? ' wf-virtual' : ''}`}
      ref={rootRef}
      style={{ '--wf-pan': zoom.pan, '--wf-zoom': zoom.zoom } as CSSProperties}
      data-window-start-ms={shown.startMs.toFixed(1)}
      data-window-end-ms={shown.endMs.toFixed(1)}
      data-zoomed={whole ? 'false' : 'true'}
      data-virtual={virtual ? 'true' : 'false'}
      data-row-count={rows.length}
      data-filter={navigation ? `${view.toggles.join(' ')}|${view.text}|${view.sort}` : undefined}
      data-rendered-rows={virtual ? virtualItems.length : rows.length}
    >
      {navigation ? (
        <>
          <FilterBar
            runId={runId}
            view={filter}
            callCount={callCount}
            matchCount={filtered.active ? filtered.matches.length : undefined}
            matchIndex={matchIndex >= 0 ? matchIndex + 1 : undefined}
            onStep={stepToMatch}
            onLeave={leaveFilter}
            inputRef={filterRef}
          />
          <OverviewStrip rows={layout.rows} maxMs={maxMs} window={shown} onWindow={changeWindow} />
        </>
      ) : null}
      {/* On phones this scrolls sideways under the pinned names, so the bars get the width. */}
      <div className="wf-hscroll">
        <div className="wf-axis" aria-hidden="true">
          <span className="wf-axis-label">{layout.live ? 'live' : ''}</span>
          <div
            className={`wf-axis-track${navigation ? ' wf-axis-pannable' : ''}`}
            ref={(element) => {
              axisRef.current = element;
              if (typeof trackRef === 'function') trackRef(element);
              else if (trackRef) trackRef.current = element;
            }}
            onPointerDown={onAxisDown}
            onPointerMove={onAxisMove}
            onPointerUp={onAxisUp}
            onPointerCancel={onAxisUp}
          >
            {ticks.map((tick, index) => (
              <span
                key={tick.ms}
                className={`wf-tick${index === 0 && tick.pct < 2 ? ' wf-tick-first' : ''}${index === ticks.length - 1 && tick.pct > 98 ? ' wf-tick-last' : ''}`}
                style={{ left: `${tick.pct}%` }}
              >
                {tick.label}
              </span>
            ))}
          </div>
        </div>
        <div className="wf-body">
          <div className="wf-overlay" aria-hidden="true" ref={overlayRef}>
            {ticks.map((tick) => (
              <span key={tick.ms} className="wf-gridline" style={{ left: `${tick.pct}%` }} />
            ))}
            {layout.markers.map((marker) => (
              <MarkerLine key={`${marker.kind}-${marker.stepId ?? ''}`} marker={marker} />
            ))}
            <DependencyLinks
              links={links}
              layout={layout}
              rootRef={rootRef}
              overlayRef={overlayRef}
              focusKey={hover?.key ?? inspectedKey}
              measureKey={`${zoom.pan}|${zoom.zoom}|${rows.length}|${rows[0]?.key}|${firstVisible}-${lastVisible}|${view.sort}`}
            />
          </div>
          <div
            ref={listRef}
            role="listbox"
            aria-label={label}
            className="wf-list"
            style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
            onKeyDown={onKeyDown}
            onClick={onClick}
            onMouseMove={onMouseMove}
            onMouseLeave={() => setHover(undefined)}
            onFocus={(event) => {
              const key = rowKeyOf(event.target);
              if (key && key !== activeKey) setActiveKey(key);
            }}
          >
            {virtual
              ? virtualItems.map((item) => {
                  const row = rows[item.index];
                  return row ? rowView(row, { index: item.index, start: item.start }) : null;
                })
              : grouped
                ? groupsOf(rows, layout.groups).map((group) => (
                    // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role=group; a fieldset is for form controls
                    <div
                      key={group.stepId}
                      role="group"
                      aria-label={group.label}
                      className="wf-group"
                    >
                      {group.rows.map((row) => rowView(row))}
                    </div>
                  ))
                : rows.map((row) => rowView(row))}
          </div>
          {rows.length === 0 ? <p className="wf-no-match">No call matches the filter.</p> : null}
        </div>
      </div>
      {hovered && hover ? (
        <Tooltip row={hovered} x={hover.x} y={hover.y} width={hover.width} />
      ) : null}
    </div>
  );
}

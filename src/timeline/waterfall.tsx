import {
  type KeyboardEvent,
  type MouseEvent,
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
import { formatMs, statusLabel } from './format';
import type { Marker, Row, WaterfallLayout } from './geometry';
import { WaterfallRow } from './waterfall-row';

type WaterfallProps = {
  layout: WaterfallLayout;
  runId: string;
  /** The row key open in the inspector, if any. */
  inspectedKey: string | undefined;
  onInspect: (key: string | undefined) => void;
  /** Measures the track column (for tick density). */
  trackRef: Ref<HTMLDivElement>;
  label: string;
  /** Chaining: which call's input came from which earlier output. */
  links?: readonly DependencyLink[];
  /** Calls flagged as a parallel opportunity (`parallelOpportunity`). */
  opportunityIds?: ReadonlySet<string>;
};

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
      style={{ left: `${marker.pct}%` }}
      title={marker.label}
    />
  );
}

/**
 * The waterfall proper: one time axis with ticks, rows grouped by step, markers across the
 * rows, a hover card, and keyboard navigation (↑/↓/Home/End move, Enter opens the inspector,
 * Escape closes it) over a single tab stop, as a listbox.
 */
export function Waterfall({
  layout,
  runId,
  inspectedKey,
  onInspect,
  trackRef,
  label,
  links = noLinks,
  opportunityIds = noIds,
}: WaterfallProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
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
  const keys = layout.rows.map((row) => row.key);
  const active = activeKey !== undefined && keys.includes(activeKey) ? activeKey : keys[0];

  // A new run starts with the first row as the tab stop.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the run changes
  useEffect(() => {
    setActiveKey(undefined);
    setHover(undefined);
  }, [runId]);

  const focusRow = useCallback((key: string | undefined) => {
    if (!key) return;
    setActiveKey(key);
    const element = listRef.current?.querySelector<HTMLElement>(
      `[data-row-key="${CSS.escape(key)}"]`,
    );
    element?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = active ? keys.indexOf(active) : -1;
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = keys[Math.min(keys.length - 1, index + 1)];
        break;
      case 'ArrowUp':
        next = keys[Math.max(0, index - 1)];
        break;
      case 'Home':
        next = keys[0];
        break;
      case 'End':
        next = keys.at(-1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (active) onInspect(active);
        return;
      case 'Escape':
        if (inspectedKey) {
          event.preventDefault();
          onInspect(undefined);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    focusRow(next);
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

  const hovered = hover ? layout.rows.find((row) => row.key === hover.key) : undefined;

  return (
    <div className="waterfall" ref={rootRef}>
      <div className="wf-axis" aria-hidden="true">
        <span className="wf-axis-label">{layout.live ? 'live' : ''}</span>
        <div className="wf-axis-track" ref={trackRef}>
          {layout.scale.ticks.map((tick, index) => (
            <span
              key={tick.ms}
              className={`wf-tick${index === 0 ? ' wf-tick-first' : ''}${index === layout.scale.ticks.length - 1 ? ' wf-tick-last' : ''}`}
              style={{ left: `${tick.pct}%` }}
            >
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <div className="wf-body">
        <div className="wf-overlay" aria-hidden="true" ref={overlayRef}>
          {layout.scale.ticks.map((tick) => (
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
          />
        </div>
        <div
          ref={listRef}
          role="listbox"
          aria-label={label}
          className="wf-list"
          onKeyDown={onKeyDown}
          onClick={onClick}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setHover(undefined)}
          onFocus={(event) => {
            const key = rowKeyOf(event.target);
            if (key && key !== activeKey) setActiveKey(key);
          }}
        >
          {layout.groups.map((group) => (
            // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role=group; a fieldset is for form controls
            <div key={group.stepId} role="group" aria-label={group.label} className="wf-group">
              {group.rows.map((row) => (
                <WaterfallRow
                  key={row.key}
                  row={row}
                  active={row.key === active}
                  inspected={row.key === inspectedKey}
                  dependsOn={dependsOn.get(row.key)?.ids}
                  dependsOnText={dependsOn.get(row.key)?.text}
                  opportunity={row.kind === 'tool' && opportunityIds.has(row.key)}
                />
              ))}
            </div>
          ))}
        </div>
      </div>
      {hovered && hover ? (
        <Tooltip row={hovered} x={hover.x} y={hover.y} width={hover.width} />
      ) : null}
    </div>
  );
}

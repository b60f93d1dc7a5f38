import { type CSSProperties, memo } from 'react';
import { dataMs, isOpenStatus, statusIcon } from './format';
import type { ModelRow, Row, Segment, ToolRow } from './geometry';

type RowProps = {
  row: Row;
  /** The row that holds the list's single tab stop. */
  active: boolean;
  /** The row open in the inspector. */
  inspected: boolean;
  /** Call ids whose output this call's input used (space-separated), if any. */
  dependsOn?: string;
  /** Their names, spoken with the row ("input from lookup_product Vega Air"). */
  dependsOnText?: string;
  /** Ran one after another with a call it did not depend on: a parallel opportunity. */
  opportunity?: boolean;
  /** A virtual row's place: its index in the list, the list's length, its top in px. */
  position?: { index: number; count: number; top: number };
};

function segmentStyle(segment: Segment): CSSProperties {
  return { left: `${segment.relLeftPct}%`, width: `${segment.relWidthPct}%` };
}

function Segments({ row }: { row: Row }) {
  return (
    <>
      {row.segments.map((segment) => (
        <span
          key={segment.phase}
          className={`wf-seg wf-seg-${segment.phase}${segment.open ? ' wf-seg-open' : ''}`}
          style={segmentStyle(segment)}
        />
      ))}
      {row.critical ? (
        <span
          className="wf-critical"
          style={{ left: `${row.critical.relLeftPct}%`, width: `${row.critical.relWidthPct}%` }}
        />
      ) : null}
    </>
  );
}

/**
 * Positions are percentages of the whole run, handed to CSS as `--wf-x` / `--wf-w`: the stylesheet
 * maps them through the waterfall's visible window (`--wf-pan`, `--wf-zoom`), so zooming
 * restyles the rows without re-rendering one.
 */
function barStyle(row: Row): CSSProperties {
  return { '--wf-x': row.leftPct, '--wf-w': row.widthPct } as CSSProperties;
}

/** The duration beside a bar (after it, before it near the edge, or on a very long one). */
function BarText({ row, emphasis }: { row: Row; emphasis?: boolean }) {
  // The edge the text leans on: the bar's end (after, inside) or its start (before).
  const style = {
    '--wf-x': row.textSide === 'before' ? row.leftPct : row.leftPct + row.widthPct,
  } as CSSProperties;
  return (
    <span
      className={`wf-bar-text wf-bar-text-${row.textSide}${emphasis ? ' wf-bar-text-status' : ''}`}
      style={style}
    >
      {row.barText}
    </span>
  );
}

function ToolCells({
  row,
  dependsOn,
  opportunity,
}: {
  row: ToolRow;
  dependsOn?: string;
  opportunity?: boolean;
}) {
  const plain = row.status === 'ok' || isOpenStatus(row.status);
  return (
    <>
      <span className="wf-label" aria-hidden="true">
        <span className={`wf-icon wf-icon-${row.status}`}>{statusIcon(row.status)}</span>
        <span className="wf-name">{row.toolName}</span>
        {row.label ? <span className="wf-arg">{row.label}</span> : null}
        {row.progress ? <span className="wf-progress-text">{row.progress.text}</span> : null}
        {row.runsOn === 'server' ? (
          <span
            className="wf-badge"
            title={
              row.timedOn === 'proxy'
                ? 'Run by the proxy and timed by its clock; the last part of the bar is the result reaching the page'
                : 'Run by the proxy, not in this page'
            }
          >
            server
          </span>
        ) : null}
        {opportunity ? (
          <span
            className="wf-badge wf-badge-opportunity"
            title="Could have run in parallel: it ran one after another with a call whose output it did not use"
          >
            ⇉
          </span>
        ) : null}
      </span>
      <span className={`wf-track wf-status-${row.status}`} aria-hidden="true">
        <span
          className={`wf-bar wf-status-${row.status}${row.open ? ' wf-bar-open' : ''}${row.critical ? ' wf-bar-critical' : ''}`}
          style={barStyle(row)}
          data-tool={row.toolName}
          data-call-id={row.callId}
          data-status={row.status}
          data-runs-on={row.runsOn}
          data-timed-on={row.timedOn}
          data-start-ms={dataMs(row.startMs)}
          data-end-ms={dataMs(row.endMs)}
          data-queued-ms={dataMs(row.queuedMs)}
          data-input-available-ms={dataMs(row.inputAvailableMs)}
          data-duration-ms={row.endMs === undefined ? '' : dataMs(row.durationMs)}
          data-critical={row.critical ? 'true' : 'false'}
          data-depends-on={dependsOn}
          data-progress={row.progress?.text}
        >
          <Segments row={row} />
          {row.progress ? (
            <span
              className="wf-progress"
              style={{ width: `${row.progress.pct ?? 100}%` }}
              title={`Progress reported by the server: ${row.progress.text}`}
            />
          ) : null}
        </span>
        <BarText row={row} emphasis={!plain} />
      </span>
    </>
  );
}

function ModelCells({ row }: { row: ModelRow }) {
  const state = row.errorText ? 'error' : row.finished ? 'done' : 'open';
  return (
    <>
      <span className="wf-label" aria-hidden="true">
        <span className={`wf-icon wf-icon-model wf-icon-model-${state}`}>
          {row.errorText ? '✕' : '◆'}
        </span>
        <span className="wf-step">Step {row.stepIndex + 1}</span>
        <span className="wf-arg">model</span>
      </span>
      <span className={`wf-track wf-model-${state}`} aria-hidden="true">
        <span
          className={`wf-bar wf-model-bar wf-model-${state}${row.open ? ' wf-bar-open' : ''}${row.critical ? ' wf-bar-critical' : ''}`}
          style={barStyle(row)}
          data-model-step={row.stepId}
          data-start-ms={dataMs(row.barStartMs)}
          data-end-ms={row.finished ? dataMs(row.barEndMs) : ''}
          data-ttft-ms={dataMs(row.ttftMs)}
        >
          <Segments row={row} />
        </span>
        <BarText row={row} emphasis={Boolean(row.errorText)} />
      </span>
    </>
  );
}

/**
 * One row of the waterfall: an option in the list, named for screen readers, with the bar
 * drawn from precomputed geometry. Memoised on the geometry's signature, so while a run
 * streams only the rows that actually changed re-render.
 */
export const WaterfallRow = memo(
  function WaterfallRow({
    row,
    active,
    inspected,
    dependsOn,
    dependsOnText,
    opportunity,
    position,
  }: RowProps) {
    return (
      <div
        role="option"
        id={`wf-row-${row.key}`}
        className={`wf-row wf-row-${row.kind}${inspected ? ' wf-row-inspected' : ''}${opportunity ? ' wf-row-opportunity' : ''}`}
        aria-selected={inspected}
        aria-posinset={position ? position.index + 1 : undefined}
        aria-setsize={position?.count}
        style={position ? { transform: `translateY(${position.top}px)` } : undefined}
        tabIndex={active ? 0 : -1}
        data-row-key={row.key}
        data-parallel-opportunity={opportunity ? 'true' : undefined}
      >
        {/* The spoken name as content (the drawn parts are aria-hidden), not aria-label, so the
            name always contains what the row says. */}
        <span className="visually-hidden">
          {[row.ariaLabel, dependsOnText, opportunity ? 'could have run in parallel' : undefined]
            .filter(Boolean)
            .join(', ')}
        </span>
        {row.kind === 'tool' ? (
          <ToolCells row={row} dependsOn={dependsOn} opportunity={opportunity} />
        ) : (
          <ModelCells row={row} />
        )}
      </div>
    );
  },
  (before, after) =>
    before.row.signature === after.row.signature &&
    before.row.ariaLabel === after.row.ariaLabel &&
    before.active === after.active &&
    before.inspected === after.inspected &&
    before.dependsOn === after.dependsOn &&
    before.dependsOnText === after.dependsOnText &&
    before.opportunity === after.opportunity &&
    before.position?.index === after.position?.index &&
    before.position?.count === after.position?.count &&
    before.position?.top === after.position?.top,
);

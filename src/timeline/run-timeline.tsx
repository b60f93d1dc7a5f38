import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { lazyPart, PartFailed, PartLoading } from '../platform/lazy-part';
import { countOf } from '../shared/words';
import { type CallPhaseName, callPhases, callStatuses } from '../trace/call-vocabulary';
import type { RunMetrics } from '../trace/metrics';
import { linksOf, metricsOf, opportunityOf } from '../trace/run-figures';
import { useTraceStore } from '../trace/trace-store';
import type { RunTrace } from '../trace/trace-types';
import { type BarStatus, dataMs, dataRatio, statusIcon, statusLabel } from './format';
import { layoutWaterfall, type WaterfallLayout } from './geometry';
import { RunSummary } from './run-summary';
import { useTimelineStore } from './timeline-store';
import { useElementWidth } from './use-element-width';
import { liveTickInterval, useLiveNow } from './use-live-now';
import { REDUCED_MOTION_QUERY, useMediaQuery } from './use-media-query';
import { VIRTUAL_ROWS, Waterfall } from './waterfall';
import { prepareTimelineRows } from './waterfall-rows-ahead';

type RunTimelineProps = {
  runId: string;
  /** False while hidden (a closed sheet): the live loop only runs for a visible waterfall. */
  visible: boolean;
  /** An explicit axis end, to draw several runs on one scale (race mode). */
  scaleMaxMs?: number;
};

/**
 * A call's details open on a click or Enter, never during a turn on their own: loaded then, or
 * on idle once the waterfall is in (`preloadInspector`), with a close button kept while loading
 * or after a failure.
 */
const Inspector = lazyPart(() => import('./inspector').then((module) => module.Inspector), {
  loading: () => (
    <section className="inspector" aria-label="Details">
      <PartLoading what="details" />
    </section>
  ),
  failed: (props, failure) => (
    <section className="inspector" aria-label="Details">
      <button type="button" className="inspector-close" onClick={props.onClose}>
        ×<span className="visually-hidden">Close details</span>
      </button>
      <PartFailed what="call details" failure={failure} />
    </section>
  ),
});
export const preloadInspector = Inspector.preload;

/**
 * The statuses a legend lists when the run has them: open calls first, then the vocabulary's
 * own order (a status added there joins the legend without an edit here).
 */
const legendStatuses: BarStatus[] = [
  'running',
  ...(Object.keys(callStatuses) as BarStatus[]).filter((status) => status !== 'running'),
];

function Legend({
  layout,
  links,
  opportunity,
}: {
  layout: WaterfallLayout;
  links: boolean;
  opportunity: boolean;
}) {
  const statuses = new Set<string>();
  const phases = new Set<string>();
  for (const row of layout.rows) {
    if (row.kind === 'tool') statuses.add(row.status);
    for (const segment of row.segments) phases.add(segment.phase);
  }
  return (
    <ul className="wf-legend" aria-label="Legend">
      <li>
        <span className="wf-swatch wf-seg-waiting" /> model waiting
      </li>
      <li>
        <span className="wf-swatch wf-seg-streaming" /> model streaming
      </li>
      {/* Phases from the call vocabulary, in the order a call passes through them. */}
      {(Object.keys(callPhases) as CallPhaseName[])
        .filter(
          (phase) => phase !== 'running' && (phase === 'input-streaming' || phases.has(phase)),
        )
        .map((phase) => (
          <li key={phase}>
            <span className={`wf-swatch wf-seg-${phase}`} /> {callPhases[phase].label}
          </li>
        ))}
      {legendStatuses
        .filter((status) => statuses.has(status))
        .map((status) => (
          <li key={status} className={`wf-status-${status}`}>
            <span className="wf-swatch wf-swatch-status">
              <span aria-hidden="true">{statusIcon(status)}</span>
            </span>
            {statusLabel(status)}
          </li>
        ))}
      <li>
        <span className="wf-swatch wf-swatch-critical" /> critical path
      </li>
      {links ? (
        <li>
          <span className="wf-swatch wf-swatch-link" /> input from an earlier output
        </li>
      ) : null}
      {opportunity ? (
        <li>
          <span className="wf-badge wf-badge-opportunity">⇉</span> could have run in parallel
        </li>
      ) : null}
      {layout.markers.some((marker) => marker.kind === 'outputs-returned') ? (
        <li>
          <span className="wf-swatch wf-swatch-marker wf-marker-outputs-returned" /> outputs
          returned
        </li>
      ) : null}
      {layout.markers.some((marker) => marker.kind === 'synthesis-started') ? (
        <li>
          <span className="wf-swatch wf-swatch-marker wf-marker-synthesis-started" /> synthesis
          started
        </li>
      ) : null}
    </ul>
  );
}

type RunTimelineViewProps = {
  run: RunTrace;
  /** ms from the run's start for open phases: the live clock, or a replay's virtual clock. */
  now: number | undefined;
  /** An explicit axis end, to draw several runs on one scale (race mode, compare). */
  scaleMaxMs?: number;
  /** The row open in the inspector, and how to change it. */
  inspectedKey: string | undefined;
  onInspectKey: (key: string | undefined) => void;
  /** The run's figures when the caller has them already (a race lane shares them with its verdict). */
  metrics?: RunMetrics;
  /** The run summary above the waterfall; a race lane shows its own figures instead. */
  summary?: boolean;
  /** The filter bar, overview and zoom; by default wherever the summary is shown. */
  navigation?: boolean;
};

/** How long a run's first drawing may wait for the page to be free before it is drawn at once. */
const FIRST_DRAW_PATIENCE_MS = 100;

/**
 * One run's timeline drawn from a run object: summary, waterfall with its dependency links,
 * legend and inspector. It owns no clock and reads no store, so the live panel, a race lane,
 * a replay (a run sliced at a virtual time) and a comparison all draw through it.
 *
 * A run's first drawing is a transition: React splits it into slices between which the page
 * runs its other tasks (a new run's timeline drawn in one go was the rendering figure's only
 * task over 50 ms, right after the run began), and the previous run stays on screen
 * meanwhile; until the first run is drawn, a line says it is coming. If updates keep
 * restarting it (a stream on a slow machine), it is drawn at once after FIRST_DRAW_PATIENCE_MS.
 * After that, each change of the run is drawn by the next frame, except in a big run (an
 * import of 1,000 calls), which is always drawn in a transition.
 */
export function RunTimelineView(props: RunTimelineViewProps) {
  const big = props.run.spanOrder.length > VIRTUAL_ROWS;
  // null, not undefined: React takes an undefined initial value as none and draws at once.
  const deferred = useDeferredValue<RunTrace | null>(props.run, null);
  const caughtUp = deferred?.id === props.run.id;
  const [impatient, setImpatient] = useState<string | undefined>(undefined);
  const runId = props.run.id;
  useEffect(() => {
    if (caughtUp || big) return;
    const timer = setTimeout(() => setImpatient(runId), FIRST_DRAW_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [caughtUp, big, runId]);
  const run = big ? deferred : caughtUp || impatient === runId ? props.run : deferred;
  if (!run)
    return (
      <p className="run-timeline-pending" role="status">
        {props.run.spanOrder.length
          ? `Drawing ${countOf(props.run.spanOrder.length, 'call')}…`
          : 'Drawing the run…'}
      </p>
    );
  return <RunTimelineDrawn {...props} run={run} />;
}

/** RunTimelineView once the run to draw is settled on. */
function RunTimelineDrawn({
  run,
  now,
  scaleMaxMs,
  inspectedKey,
  onInspectKey,
  metrics: given,
  summary = true,
  navigation = summary,
}: RunTimelineViewProps) {
  const rootRef = useRef<HTMLElement>(null);
  // A new width of a big run: its rows are built at that width, in slices, before it is drawn.
  const [trackRef, trackWidth] = useElementWidth<HTMLDivElement>(undefined, (width) =>
    prepareTimelineRows(run, { trackWidthPx: width, now, scaleMaxMs }),
  );
  // Once per run change or clock tick; the layout reuses the metrics' critical path.
  // Shared per run object (run-figures.ts): an import has worked them out ahead, task by task.
  const metrics = useMemo(() => given ?? metricsOf(run, now), [given, run, now]);
  const layout = useMemo(
    () =>
      layoutWaterfall(run, {
        now,
        trackWidthPx: trackWidth,
        scaleMaxMs,
        criticalPath: metrics.criticalPath,
      }),
    [run, now, trackWidth, scaleMaxMs, metrics.criticalPath],
  );
  // Links follow the trace (a batch of events), not the clock: computed once per run change.
  const links = useMemo(() => linksOf(run), [run]);
  const opportunity = useMemo(() => opportunityOf(run, links), [run, links]);
  const opportunityIds = useMemo(() => new Set(opportunity.callIds), [opportunity]);
  const spans = run.spans;
  const inputOf = useCallback((callId: string) => spans[callId]?.input, [spans]);

  // Rows are found within this timeline: several can be on screen with the same call ids.
  const rowElement = useCallback(
    (key: string) =>
      rootRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`),
    [],
  );
  const onInspect = useCallback(
    (key: string | undefined) => {
      onInspectKey(key);
      // The inspector takes the lower part of the panel: keep the chosen row in sight above it.
      if (key) requestAnimationFrame(() => rowElement(key)?.scrollIntoView({ block: 'nearest' }));
    },
    [onInspectKey, rowElement],
  );
  const closeInspector = useCallback(() => {
    const key = inspectedKey;
    onInspectKey(undefined);
    // Back to the row the details were opened from, so the keyboard user keeps their place.
    if (key) requestAnimationFrame(() => rowElement(key)?.focus());
  }, [onInspectKey, inspectedKey, rowElement]);

  return (
    <section
      ref={rootRef}
      className="run-timeline"
      data-testid="waterfall"
      data-run-id={run.id}
      data-policy={run.policy}
      data-status={run.status}
      data-wall-ms={dataMs(metrics.wallMs)}
      data-sum-ms={dataMs(metrics.sumMs)}
      data-speedup={dataRatio(metrics.speedup)}
      data-ideal-speedup={dataRatio(metrics.idealSpeedup)}
      data-saved-ms={dataMs(metrics.savedMs)}
      data-max-concurrency={metrics.maxConcurrency}
      data-ttft-ms={dataMs(metrics.ttftMs)}
      data-duration-ms={run.status === 'running' ? '' : dataMs(metrics.durationMs)}
      data-tool-count={run.spanOrder.length}
      data-step-count={run.steps.length}
      data-input-tokens={metrics.tokens.inputTokens ?? ''}
      data-output-tokens={metrics.tokens.outputTokens ?? ''}
      data-critical-path={metrics.criticalPath.callIds.join(' ')}
      data-link-count={links.length}
      data-parallel-opportunity-ms={dataMs(opportunity.savedMs)}
      aria-label="Run timeline"
    >
      <div className="run-timeline-main">
        {summary ? <RunSummary run={run} metrics={metrics} opportunity={opportunity} /> : null}
        <Waterfall
          layout={layout}
          runId={run.id}
          inspectedKey={inspectedKey}
          onInspect={onInspect}
          trackRef={trackRef}
          trackWidthPx={trackWidth}
          links={links}
          opportunityIds={opportunityIds}
          inputOf={inputOf}
          navigation={navigation}
          label={`Timeline of “${run.prompt}”: model steps and tool calls. Use the arrow keys to move, Enter for details.`}
        />
        <Legend
          layout={layout}
          links={links.length > 0}
          opportunity={opportunity.callIds.length > 0}
        />
      </div>
      {inspectedKey ? (
        <Inspector
          run={run}
          itemKey={inspectedKey}
          now={layout.nowMs}
          links={links}
          onClose={closeInspector}
        />
      ) : null}
    </section>
  );
}

/**
 * The timeline of a run in the trace store. It owns the live clock, so while the run streams
 * only this subtree redraws (once per frame); it reads the run with one selector, and the trace
 * store already batches its events to at most one update per frame.
 */
export function RunTimeline({ runId, visible, scaleMaxMs }: RunTimelineProps) {
  const run = useTraceStore((state) => state.runs[runId]);
  const inspectedKey = useTimelineStore((state) =>
    state.inspected?.runId === runId ? state.inspected.key : undefined,
  );
  const inspect = useTimelineStore((state) => state.inspect);
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY);
  const live = run?.status === 'running';
  const openCalls = useTraceStore((state) => {
    const spans = state.runs[runId]?.spans;
    let open = 0;
    for (const id in spans) if (spans[id]?.state !== 'settled') open++;
    return open;
  });
  const now = useLiveNow(
    run?.startedAtPerf ?? 0,
    Boolean(visible && live),
    reducedMotion,
    liveTickInterval(openCalls),
  );
  const onInspectKey = useCallback(
    (key: string | undefined) => inspect(key ? { runId, key } : undefined),
    [inspect, runId],
  );
  if (!run) return null;
  return (
    <RunTimelineView
      run={run}
      now={now}
      scaleMaxMs={scaleMaxMs}
      inspectedKey={inspectedKey}
      onInspectKey={onInspectKey}
    />
  );
}

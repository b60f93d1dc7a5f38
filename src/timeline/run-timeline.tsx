import { useCallback, useMemo } from 'react';
import { runMetrics } from '../trace/metrics';
import { useTraceStore } from '../trace/trace-store';
import { type BarStatus, dataMs, dataRatio, statusIcon, statusLabel } from './format';
import { layoutWaterfall, type WaterfallLayout } from './geometry';
import { Inspector } from './inspector';
import { RunSummary } from './run-summary';
import { useTimelineStore } from './timeline-store';
import { useElementWidth } from './use-element-width';
import { useLiveNow } from './use-live-now';
import { REDUCED_MOTION_QUERY, useMediaQuery } from './use-media-query';
import { Waterfall } from './waterfall';

type RunTimelineProps = {
  runId: string;
  /** False while hidden (a closed sheet): the live loop only runs for a visible waterfall. */
  visible: boolean;
  /** An explicit axis end, to draw several runs on one scale (race mode). */
  scaleMaxMs?: number;
};

/** The statuses a legend lists, in this order, when the run has them. */
const legendStatuses: BarStatus[] = [
  'running',
  'ok',
  'error',
  'timeout',
  'invalid-input',
  'cancelled',
  'deduplicated',
  'denied',
  'interrupted',
];

function Legend({ layout }: { layout: WaterfallLayout }) {
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
      <li>
        <span className="wf-swatch wf-seg-input-streaming" /> input streaming
      </li>
      {phases.has('awaiting-approval') ? (
        <li>
          <span className="wf-swatch wf-seg-awaiting-approval" /> awaiting approval
        </li>
      ) : null}
      {phases.has('queued') ? (
        <li>
          <span className="wf-swatch wf-seg-queued" /> queued
        </li>
      ) : null}
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

/**
 * One run's timeline: summary, waterfall and inspector. It owns the live clock, so while the
 * run streams only this subtree redraws (once per frame); it reads the run with one selector,
 * and the trace store already batches its events to at most one update per frame.
 */
export function RunTimeline({ runId, visible, scaleMaxMs }: RunTimelineProps) {
  const run = useTraceStore((state) => state.runs[runId]);
  const inspectedKey = useTimelineStore((state) =>
    state.inspected?.runId === runId ? state.inspected.key : undefined,
  );
  const inspect = useTimelineStore((state) => state.inspect);
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY);
  const live = run?.status === 'running';
  const now = useLiveNow(run?.startedAtPerf ?? 0, Boolean(visible && live), reducedMotion);
  const [trackRef, trackWidth] = useElementWidth<HTMLDivElement>(360);

  const layout = useMemo(
    () => (run ? layoutWaterfall(run, { now, trackWidthPx: trackWidth, scaleMaxMs }) : undefined),
    [run, now, trackWidth, scaleMaxMs],
  );
  const metrics = useMemo(() => (run ? runMetrics(run, now) : undefined), [run, now]);

  const onInspect = useCallback(
    (key: string | undefined) => {
      inspect(key ? { runId, key } : undefined);
      // The inspector takes the lower part of the panel: keep the chosen row in sight above it.
      if (key) {
        requestAnimationFrame(() =>
          document
            .querySelector(`[data-row-key="${CSS.escape(key)}"]`)
            ?.scrollIntoView({ block: 'nearest' }),
        );
      }
    },
    [inspect, runId],
  );
  const closeInspector = useCallback(() => {
    const key = inspectedKey;
    inspect(undefined);
    // Back to the row the details were opened from, so the keyboard user keeps their place.
    if (key) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`)?.focus(),
      );
    }
  }, [inspect, inspectedKey]);

  if (!run || !layout || !metrics) return null;
  return (
    <section
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
      aria-label="Run timeline"
    >
      <div className="run-timeline-main">
        <RunSummary run={run} metrics={metrics} />
        <Waterfall
          layout={layout}
          runId={run.id}
          inspectedKey={inspectedKey}
          onInspect={onInspect}
          trackRef={trackRef}
          label={`Timeline of “${run.prompt}”: model steps and tool calls. Use the arrow keys to move, Enter for details.`}
        />
        <Legend layout={layout} />
      </div>
      {inspectedKey ? (
        <Inspector run={run} itemKey={inspectedKey} now={layout.nowMs} onClose={closeInspector} />
      ) : null}
    </section>
  );
}

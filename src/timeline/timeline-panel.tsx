import { memo, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { lazyPart, PartFailed, PartLoading } from '../platform/lazy-part';
import { whenIdle } from '../platform/when-idle';
import { useTraceStore } from '../trace/trace-store';
import { ReplayButton } from './replay-button';
import { useTimelineStore } from './timeline-store';
import { TraceActions } from './trace-actions';
import { useMediaQuery, WIDE_QUERY } from './use-media-query';
import './timeline.css';

/**
 * The waterfall and everything drawn with it (summary, filter bar, overview, zoom, links) are
 * not on the first screen, which has no run: fetched as soon as the panel has painted
 * (`preloadTimeline`), so a turn finds them loaded; a run on screen before that (a
 * conversation restored from the history) shows a loading line for the moment it takes.
 */
const RunTimeline = lazyPart(() => import('./run-timeline').then((module) => module.RunTimeline), {
  loading: () => <PartLoading what="timeline" />,
  failed: (_props, failure) => <PartFailed what="timeline" failure={failure} />,
});

/** Fetches the waterfall, then, once idle, the call inspector it opens (failures show when drawn). */
function preloadTimeline(): void {
  void RunTimeline.preload().then(() =>
    whenIdle(() => {
      import('./run-timeline').then(
        (module) => module.preloadInspector(),
        () => undefined,
      );
    }),
  );
}

/** The run shown: the one picked, while it exists, else the latest. */
export function useShownRunId(): string | undefined {
  const picked = useTimelineStore((state) => state.selectedRunId);
  return useTraceStore((state) => (picked && state.runs[picked] ? picked : state.runOrder.at(-1)));
}

function RunPicker({ shown }: { shown: string | undefined }) {
  // Strings only: useShallow compares element by element, so fresh objects would loop.
  const ids = useTraceStore((state) => state.runOrder);
  const prompts = useTraceStore(
    useShallow((state) => state.runOrder.map((id) => state.runs[id]?.prompt ?? '')),
  );
  const runs = ids.map((id, index) => ({
    id,
    label: `${index + 1}. ${prompts[index] || 'run'}`,
  }));
  const selectRun = useTimelineStore((state) => state.selectRun);
  if (runs.length < 2) return null;
  return (
    <label className="run-picker">
      <span className="visually-hidden">Run</span>
      <select value={shown} onChange={(event) => selectRun(event.target.value)}>
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {run.label.length > 60 ? `${run.label.slice(0, 59)}…` : run.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function EmptyTimeline() {
  return (
    <div className="timeline-empty">
      <div className="timeline-empty-art" aria-hidden="true">
        <span style={{ left: '4%', width: '30%' }} />
        <span style={{ left: '30%', width: '52%' }} />
        <span style={{ left: '34%', width: '40%' }} />
        <span style={{ left: '38%', width: '58%' }} />
      </div>
      <p>
        Each answer’s tool calls appear here as a live waterfall: when each call started and
        finished, what it returned, and what running them in parallel saved.
      </p>
    </div>
  );
}

/**
 * The timeline beside the chat: a side panel on wide screens, a full-height sheet behind the
 * header's toggle on phones. Memoised without props so the chat's re-renders (every streamed
 * chunk) never reach it; it subscribes to the stores for exactly what it shows.
 */
export const TimelinePanel = memo(function TimelinePanel() {
  const wide = useMediaQuery(WIDE_QUERY);
  const sheetOpen = useTimelineStore((state) => state.sheetOpen);
  const setSheetOpen = useTimelineStore((state) => state.setSheetOpen);
  const panelHidden = useTimelineStore((state) => state.panelHidden);
  const shown = useShownRunId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const sheet = !wide;
  const visible = wide ? !panelHidden : sheetOpen;

  // A turn draws the waterfall: fetch it right after the first paint, never during a turn.
  useEffect(preloadTimeline, []);

  useEffect(() => {
    if (!sheet || !sheetOpen) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setSheetOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, [sheet, sheetOpen, setSheetOpen]);

  if (!visible) return null;
  const body = (
    <>
      <div className="timeline-header">
        <h2>Timeline</h2>
        <RunPicker shown={shown} />
        <ReplayButton runId={shown} />
        <TraceActions runId={shown} />
        {sheet ? (
          <button
            ref={closeRef}
            type="button"
            className="button button-ghost button-small timeline-close"
            onClick={() => setSheetOpen(false)}
          >
            Close
          </button>
        ) : null}
      </div>
      <div className="timeline-scroll">
        {shown ? <RunTimeline runId={shown} visible={visible} /> : <EmptyTimeline />}
      </div>
    </>
  );
  // A landmark beside the chat on wide screens; a modal dialog over it on phones.
  return sheet ? (
    <div
      id="timeline-panel"
      className="timeline-panel timeline-sheet"
      role="dialog"
      aria-modal="true"
      aria-label="Timeline"
    >
      {body}
    </div>
  ) : (
    <aside id="timeline-panel" className="timeline-panel" aria-label="Timeline">
      {body}
    </aside>
  );
});

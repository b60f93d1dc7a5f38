import { memo } from 'react';
import { useTraceStore } from '../trace/trace-store';
import { useTimelineStore } from './timeline-store';

/** A small waterfall glyph: three staggered bars. */
export function WaterfallIcon() {
  return (
    <svg className="waterfall-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <rect x="1" y="2.5" width="8" height="2.5" rx="1.25" />
      <rect x="4" y="6.75" width="10" height="2.5" rx="1.25" />
      <rect x="6" y="11" width="7" height="2.5" rx="1.25" />
    </svg>
  );
}

/** Phones: opens the timeline sheet; a dot says a run is live. Hidden where the panel is. */
export const TimelineToggle = memo(function TimelineToggle() {
  const open = useTimelineStore((state) => state.sheetOpen);
  const setSheetOpen = useTimelineStore((state) => state.setSheetOpen);
  const live = useTraceStore((state) => {
    const latest = state.runOrder.at(-1);
    return latest ? state.runs[latest]?.status === 'running' : false;
  });
  return (
    <button
      type="button"
      className="button button-ghost timeline-toggle"
      data-testid="timeline-toggle"
      aria-expanded={open}
      aria-controls="timeline-panel"
      onClick={() => setSheetOpen(!open)}
    >
      <WaterfallIcon />
      <span className="timeline-toggle-text">Timeline</span>
      {live ? <span className="live-dot" role="img" aria-label="(a run is in progress)" /> : null}
    </button>
  );
});

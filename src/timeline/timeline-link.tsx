import { useTraceStore } from '../trace/trace-store';
import { useShownRunId } from './timeline-panel';
import { useTimelineStore } from './timeline-store';
import { WaterfallIcon } from './timeline-toggle';
import { useMediaQuery, WIDE_QUERY } from './use-media-query';

/**
 * The run an assistant message belongs to: the latest run started by the user message before
 * it. Returns a string (or undefined), so the selector only re-renders when that changes.
 */
function useRunOfMessage(messageId: string): string | undefined {
  const userMessageId = useTimelineStore((state) => state.userMessageOf[messageId]);
  return useTraceStore((state) => {
    if (!userMessageId) return undefined;
    for (let index = state.runOrder.length - 1; index >= 0; index--) {
      const id = state.runOrder[index];
      if (id && state.runs[id]?.userMessageId === userMessageId) return id;
    }
    return undefined;
  });
}

/** A per-answer button that shows this answer's run on the timeline (opening the sheet on phones). */
export function TimelineLink({ messageId }: { messageId: string }) {
  const runId = useRunOfMessage(messageId);
  const shown = useShownRunId();
  const wide = useMediaQuery(WIDE_QUERY);
  const selectRun = useTimelineStore((state) => state.selectRun);
  const setSheetOpen = useTimelineStore((state) => state.setSheetOpen);
  if (!runId) return null;
  const current = shown === runId;
  return (
    <button
      type="button"
      className={`timeline-link${current ? ' timeline-link-current' : ''}`}
      data-timeline-run={runId}
      aria-pressed={wide ? current : undefined}
      title={wide ? 'Show this answer’s run on the timeline' : 'Open this answer’s timeline'}
      onClick={() => {
        selectRun(runId);
        if (!wide) setSheetOpen(true);
      }}
    >
      <WaterfallIcon />
      <span>Timeline</span>
    </button>
  );
}

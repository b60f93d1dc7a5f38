import { useAppMode } from '../platform/app-mode-store';
import { useTraceStore } from '../trace/trace-store';

/** Replays the run the timeline shows, once it has finished. */
export function ReplayButton({ runId }: { runId: string | undefined }) {
  const finished = useTraceStore((state) =>
    runId ? state.runs[runId]?.status !== 'running' && Boolean(state.runs[runId]) : false,
  );
  if (!runId) return null;
  return (
    <button
      type="button"
      className="button button-ghost button-small"
      disabled={!finished}
      title="Play this run again on its measured timings, with no model and no network"
      onClick={() => useAppMode.getState().open('replay', { replayRunId: runId })}
    >
      Replay run
    </button>
  );
}

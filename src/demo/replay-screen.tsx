import { useEffect, useState } from 'react';
import { useLibraryRuns, useRunLibrary } from '../persistence/run-library';
import { useAppMode } from '../platform/app-mode-store';
import { ImportTraceButton, RunChooser, RunReplay } from '../timeline/replay-view';
import { useSharedRun, useShareFragmentFor } from './shared-run';

/** What the screen says about the share link it was opened with, if any. */
function SharedRunNote({ shownRunId }: { shownRunId: string | undefined }) {
  const shared = useSharedRun();
  if (shared.status === 'opening')
    return (
      <p className="mode-note" role="status">
        Opening the shared run…
      </p>
    );
  if (shared.status === 'error')
    return (
      <p className="mode-error" role="alert" data-testid="shared-run-error">
        {shared.message}
      </p>
    );
  if (shared.status === 'open' && shared.runId === shownRunId)
    return (
      <p className="mode-note shared-run-note" role="status" data-testid="shared-run-note">
        <strong>Shared run, read-only.</strong> It came in the link itself: no server stored it, and
        it is kept in this tab only (not in your history).
      </p>
    );
  return null;
}

/**
 * Replay mode: any run this page knows of (this chat, saved conversations, an imported trace)
 * replays on its measured timings, with no model and no network — for a stage with no
 * connection, or to watch a run again at 2× or 4×.
 */
export function ReplayScreen() {
  const runs = useLibraryRuns();
  const requested = useAppMode((state) => state.replayRunId);
  const [picked, setPicked] = useState<string | undefined>(requested);
  useEffect(() => {
    void useRunLibrary.getState().loadSaved();
  }, []);
  // A run asked for while the screen is open (a share link pasted into this tab).
  useEffect(() => {
    if (requested) setPicked(requested);
  }, [requested]);
  const chosen =
    runs.find((entry) => entry.run.id === picked) ??
    runs.find((entry) => entry.source !== 'saved') ??
    runs[0];
  useShareFragmentFor(chosen?.run.id);
  return (
    <div className="mode-body replay-screen">
      <div className="mode-toolbar">
        <RunChooser
          label="Run"
          runs={runs}
          value={chosen?.run.id}
          onChange={setPicked}
          testId="replay-run"
        />
        <ImportTraceButton onImported={(imported) => setPicked(imported[0]?.id)} />
      </div>
      <SharedRunNote shownRunId={chosen?.run.id} />
      {chosen ? (
        <RunReplay key={chosen.run.id} run={chosen.run} autoplay />
      ) : (
        <p className="mode-empty">
          No run to replay yet: ask something in the chat, open a saved conversation, or import a
          trace file.
        </p>
      )}
    </div>
  );
}

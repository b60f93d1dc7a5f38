import { create } from 'zustand';
import { useRunLibrary } from '../persistence/run-library';
import { useAppMode } from '../platform/app-mode-store';

/** What became of the share link the page was opened with (`#run=…`). */
export type SharedRunState =
  | { status: 'none' }
  | { status: 'opening' }
  | { status: 'open'; runId: string }
  | { status: 'error'; message: string };

export const useSharedRun = create<SharedRunState>()(() => ({ status: 'none' }));

/** Cheap test before the decoder (and fflate) are loaded: only share links pay for them. */
const SHARE_PREFIX = '#run=';

/**
 * Opens the run a share link carries: decoded and checked in the page (nothing is fetched), put
 * in the run library as a shared run (never in the history), and replayed read-only. A damaged
 * link opens the replay screen with a sentence saying so; the rest of the app is untouched.
 */
export async function openSharedRun(hash: string): Promise<void> {
  if (!hash.startsWith(SHARE_PREFIX)) return;
  useSharedRun.setState({ status: 'opening' });
  const { decodeSharePayload, sharePayloadOf } = await import('../trace/share-link');
  const result = decodeSharePayload(sharePayloadOf(hash) ?? '');
  if (!result.ok) {
    useSharedRun.setState({ status: 'error', message: result.error });
    useAppMode.getState().open('replay');
    return;
  }
  const first = result.runs[0];
  if (!first) {
    useSharedRun.setState({ status: 'error', message: 'This share link holds no run.' });
    useAppMode.getState().open('replay');
    return;
  }
  useRunLibrary.getState().addImported(result.runs, 'shared');
  useSharedRun.setState({ status: 'open', runId: first.id });
  useAppMode.getState().open('replay', { replayRunId: first.id });
}

import { useEffect } from 'react';
import { create } from 'zustand';
import { useRunLibrary } from '../persistence/run-library';
import { useAppMode } from '../platform/app-mode-store';

/** What became of the share link the page was opened with (`#run=…`). */
export type SharedRunState =
  | { status: 'none' }
  | { status: 'opening' }
  /** `fragment`: the link's `#run=…`, kept in the address bar while its run is on screen. */
  | { status: 'open'; runId: string; fragment: string }
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
    dropFragmentOnLeaving();
    return;
  }
  const first = result.runs[0];
  if (!first) {
    useSharedRun.setState({ status: 'error', message: 'This share link holds no run.' });
    useAppMode.getState().open('replay');
    dropFragmentOnLeaving();
    return;
  }
  useRunLibrary.getState().addImported(result.runs, 'shared');
  useSharedRun.setState({ status: 'open', runId: first.id, fragment: hash });
  useAppMode.getState().open('replay', { replayRunId: first.id });
  dropFragmentOnLeaving();
}

/** Sets or removes the address bar's fragment in place: no reload, no history entry, no hashchange. */
function replaceFragment(fragment: string) {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${fragment}`);
}

let stopWatching: (() => void) | undefined;

/**
 * The link's fragment stays while its run is on screen, so a reload or a bookmark opens it
 * again; leaving the replay screen (back to the chat, a new chat, race, compare) removes it, so
 * a later reload opens the app the person went to, not the shared run again. A damaged link's
 * message goes with it.
 */
function dropFragmentOnLeaving() {
  stopWatching?.();
  stopWatching = useAppMode.subscribe((state) => {
    if (state.mode === 'replay') return;
    stopWatching?.();
    stopWatching = undefined;
    if (window.location.hash.startsWith(SHARE_PREFIX)) replaceFragment('');
    if (useSharedRun.getState().status === 'error') useSharedRun.setState({ status: 'none' });
  });
}

/**
 * The replay screen tells which run it shows: the shared run's fragment is in the address bar
 * while that run is the one shown, and out of it while another is (it comes back with the run).
 */
export function useShareFragmentFor(shownRunId: string | undefined) {
  useEffect(() => {
    const shared = useSharedRun.getState();
    if (shared.status !== 'open') return;
    const hash = window.location.hash;
    if (shared.runId === shownRunId) {
      if (hash !== shared.fragment) replaceFragment(shared.fragment);
      dropFragmentOnLeaving();
    } else if (hash === shared.fragment) replaceFragment('');
  }, [shownRunId]);
}

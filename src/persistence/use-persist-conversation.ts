import { useEffect, useRef } from 'react';
import { whenIdle } from '../platform/when-idle';
import type { FanoutMessage } from '../shared/message-metadata';
import { useTraceStore } from '../trace/trace-store';
import type { RunTrace } from '../trace/trace-types';
import { useHistoryStore } from './history-store';

/** How often a conversation in motion is written: small enough that a reload loses little. */
const SAVE_EVERY_MS = 300;

/** The latest the end of a turn is written (when the page stays busy that long). */
const END_OF_TURN_SAVE_MS = 500;

function throttle(action: () => void, wait: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    action();
  };
  return {
    schedule: () => {
      timer ??= setTimeout(run, wait);
    },
    flush: () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      run();
    },
  };
}

/**
 * Keeps the active conversation and its run traces saved while they change (streaming
 * included), so a reload in the middle of a run keeps everything that happened before it.
 */
export function usePersistConversation(
  conversationId: string,
  messages: FanoutMessage[],
  busy: boolean,
) {
  const latest = useRef(messages);
  latest.current = messages;
  const saveMessagesRef = useRef<() => void>(() => undefined);
  const flushRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    const saveMessages = throttle(
      () => void useHistoryStore.getState().saveMessages(conversationId, latest.current),
      SAVE_EVERY_MS,
    );
    const saved = new Map<string, RunTrace>();
    const saveRuns = throttle(() => {
      const runs = useTraceStore.getState().runs;
      const changed = Object.values(runs).filter((run) => saved.get(run.id) !== run);
      for (const run of changed) saved.set(run.id, run);
      if (changed.length) {
        void useHistoryStore.getState().saveRuns(
          conversationId,
          changed.map((run) => run.id),
        );
      }
    }, SAVE_EVERY_MS);
    // Runs already on screen (reopened from history) count as saved.
    for (const run of Object.values(useTraceStore.getState().runs)) saved.set(run.id, run);
    const unsubscribe = useTraceStore.subscribe(saveRuns.schedule);
    const onHide = () => {
      saveMessages.flush();
      saveRuns.flush();
    };
    window.addEventListener('pagehide', onHide);
    saveMessagesRef.current = saveMessages.schedule;
    flushRef.current = onHide;
    return () => {
      onHide();
      unsubscribe();
      window.removeEventListener('pagehide', onHide);
    };
  }, [conversationId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: saving follows every change of the messages
  useEffect(() => {
    saveMessagesRef.current();
  }, [messages]);

  // The end of a turn is written as soon as the page is idle, not up to a throttle interval
  // later. Not in this effect itself: it runs in the commit that shows the final answer (a
  // store update renders synchronously, and its effects run before the paint), so the
  // IndexedDB writes' cloning would delay the answer on screen. A reload or a closed tab in
  // between still writes everything (pagehide).
  useEffect(() => {
    if (busy) return;
    return whenIdle(() => flushRef.current(), END_OF_TURN_SAVE_MS);
  }, [busy]);
}

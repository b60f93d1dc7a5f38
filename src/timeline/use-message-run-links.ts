import { useEffect } from 'react';
import { useTimelineStore } from './timeline-store';

type MessageLike = { id: string; role: string };

/**
 * Publishes which user message started each assistant message's turn, so an answer can find
 * its run (runs record the user message that started them), and lets a click on an answer
 * show its run. Cheap to call on every render: the store is only written when a link changes.
 */
export function useMessageRunLinks(messages: readonly MessageLike[]) {
  useEffect(() => {
    const links: Record<string, string> = {};
    let lastUser: string | undefined;
    for (const message of messages) {
      if (message.role === 'user') lastUser = message.id;
      else if (message.role === 'assistant' && lastUser) links[message.id] = lastUser;
    }
    const { userMessageOf, setUserMessageOf } = useTimelineStore.getState();
    const same =
      Object.keys(links).length === Object.keys(userMessageOf).length &&
      Object.entries(links).every(([id, user]) => userMessageOf[id] === user);
    if (!same) setUserMessageOf(links);
  });

  useEffect(() => {
    const onClick = (event: MouseEvent) => selectRunFromClick(event.target);
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
}

/**
 * A click anywhere on an answer (not on its controls or while selecting text) shows that
 * answer's run: the per-answer Timeline button carries the run id.
 */
export function selectRunFromClick(target: EventTarget | null) {
  if (!(target instanceof Element)) return;
  if (target.closest('button, a, input, select, textarea, summary, [role="button"]')) return;
  if (typeof window !== 'undefined' && window.getSelection()?.toString()) return;
  const message = target.closest('[data-role="assistant"]');
  const runId = message?.querySelector<HTMLElement>('[data-timeline-run]')?.dataset.timelineRun;
  if (runId) useTimelineStore.getState().selectRun(runId);
}

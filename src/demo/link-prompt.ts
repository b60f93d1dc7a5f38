import { useEffect } from 'react';
import { useHistoryStore } from '../persistence/history-store';
import { readAppMode } from '../platform/app-mode-store';

/**
 * A link that runs a scene: `?prompt=<text>&run=1` (plus any demo settings) sends the prompt
 * once when the page opens, in a fresh conversation, then drops both parameters from the
 * address bar, so a reload, or a copy of the link afterwards, never sends it again.
 */
const PROMPT_PARAM = 'prompt';
const RUN_PARAM = 'run';
const MAX_LINK_PROMPT_CHARS = 2000;

/**
 * The prompt a link asks the chat to run on open, if it asks (`run=1` and a non-empty
 * `prompt`); a race link (`?race=1&prompt=…`) races its prompt instead, in race mode.
 */
export function readLinkPrompt(search: string): string | undefined {
  const params = new URLSearchParams(search);
  if (params.get(RUN_PARAM) !== '1' || readAppMode(search).mode !== 'chat') return undefined;
  const prompt = params.get(PROMPT_PARAM)?.trim();
  return prompt && prompt.length <= MAX_LINK_PROMPT_CHARS ? prompt : undefined;
}

/** The query without the link's prompt and run flag (every other parameter kept). */
export function withoutLinkPrompt(search: string): string {
  const params = new URLSearchParams(search);
  params.delete(PROMPT_PARAM);
  params.delete(RUN_PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `href` with `prompt=…&run=1` in place of any it had: the link a presenter clicks per scene. */
export function linkThatRuns(href: string, prompt: string): string {
  const url = new URL(href);
  url.search = withoutLinkPrompt(url.search);
  const trimmed = prompt.trim();
  if (trimmed) {
    url.searchParams.set(PROMPT_PARAM, trimmed);
    url.searchParams.set(RUN_PARAM, '1');
  }
  return url.href;
}

// Read once per page load: the prompt is sent by the first chat screen ready for it.
let pending = typeof window === 'undefined' ? undefined : readLinkPrompt(window.location.search);

/**
 * Sends the link's prompt once: a conversation reopened from storage makes way for a new one
 * first (the scene starts clean), then the fresh chat sends it.
 */
export function useLinkPrompt(send: (prompt: string) => void, hasMessages: boolean) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per chat screen
  useEffect(() => {
    const prompt = pending;
    if (prompt === undefined) return;
    if (hasMessages) {
      useHistoryStore.getState().startNew();
      return;
    }
    pending = undefined;
    const { pathname, search, hash } = window.location;
    window.history.replaceState(
      window.history.state,
      '',
      `${pathname}${withoutLinkPrompt(search)}${hash}`,
    );
    send(prompt);
  }, []);
}

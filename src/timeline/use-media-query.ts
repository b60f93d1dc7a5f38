import { useCallback, useSyncExternalStore } from 'react';
import { atLeast } from '../styles/breakpoints';

type QueryState = { list: MediaQueryList; matches: boolean };

/**
 * One MediaQueryList per query for the page's life, and its last answer. React reads a
 * snapshot on every render of every subscriber (the live waterfall renders each tick, the
 * chat's timeline links on every streamed chunk): `matchMedia` parses the query and builds a
 * new list each time, and even a kept list's `matches` evaluates the query again. The answer
 * only changes when the list says so.
 */
const queries = new Map<string, QueryState>();

function stateFor(query: string): QueryState | undefined {
  if (typeof window === 'undefined' || !window.matchMedia) return undefined;
  let state = queries.get(query);
  if (!state) {
    const list = window.matchMedia(query);
    const created: QueryState = { list, matches: list.matches };
    // Registered before any subscriber's, so they all read the new answer.
    list.addEventListener('change', (event) => {
      created.matches = event.matches;
    });
    queries.set(query, created);
    state = created;
  }
  return state;
}

/** Whether a media query matches now, from its kept list's last answer. */
export function mediaQueryMatches(query: string): boolean {
  return stateFor(query)?.matches ?? false;
}

/** Whether a media query matches, kept in step with the window (false where there is none). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = stateFor(query)?.list;
      if (!list) return () => undefined;
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => mediaQueryMatches(query),
    () => false,
  );
}

/** The width at which chat and timeline sit side by side (timeline.css switches at the same one). */
export const WIDE_QUERY = atLeast('wide');

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

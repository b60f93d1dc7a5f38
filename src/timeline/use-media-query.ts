import { useCallback, useSyncExternalStore } from 'react';

/**
 * One MediaQueryList per query for the page's life. React reads a snapshot on every render
 * of every subscriber (the live waterfall renders each tick, the chat's timeline links on
 * every streamed chunk); `matchMedia` would parse the query and build a new list each time.
 */
const lists = new Map<string, MediaQueryList>();

function listFor(query: string): MediaQueryList | undefined {
  if (typeof window === 'undefined' || !window.matchMedia) return undefined;
  let list = lists.get(query);
  if (!list) {
    list = window.matchMedia(query);
    lists.set(query, list);
  }
  return list;
}

/** Whether a media query matches, kept in step with the window (false where there is none). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = listFor(query);
      if (!list) return () => undefined;
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => listFor(query)?.matches ?? false,
    () => false,
  );
}

/** The width at which chat and timeline sit side by side (kept in step with timeline.css). */
export const WIDE_QUERY = '(min-width: 1100px)';

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

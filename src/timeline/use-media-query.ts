import { useCallback, useSyncExternalStore } from 'react';

/** Whether a media query matches, kept in step with the window (false where there is none). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () =>
      typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query).matches : false,
    () => false,
  );
}

/** The width at which chat and timeline sit side by side (kept in step with timeline.css). */
export const WIDE_QUERY = '(min-width: 1100px)';

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

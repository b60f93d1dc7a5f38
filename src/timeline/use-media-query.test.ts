import { afterEach, describe, expect, it, vi } from 'vitest';
import { mediaQueryMatches } from './use-media-query';

/** A window whose media lists can be told to change, counting how many it built. */
function fakeWindow(initially: boolean) {
  const lists: Array<EventTarget & { matches: boolean }> = [];
  const matchMedia = vi.fn((_query: string) => {
    const list = Object.assign(new EventTarget(), { matches: initially });
    lists.push(list);
    return list;
  });
  vi.stubGlobal('window', { matchMedia });
  const change = (matches: boolean) => {
    for (const list of lists) {
      list.matches = matches;
      list.dispatchEvent(Object.assign(new Event('change'), { matches }));
    }
  };
  return { matchMedia, change };
}

describe('mediaQueryMatches', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is false where there is no window', () => {
    expect(mediaQueryMatches('(min-width: 1px)')).toBe(false);
  });

  it('builds one list per query and follows its change events', () => {
    const media = fakeWindow(false);
    const query = '(min-width: 1234px)';
    expect(mediaQueryMatches(query)).toBe(false);
    expect(mediaQueryMatches(query)).toBe(false);
    expect(media.matchMedia).toHaveBeenCalledTimes(1);
    media.change(true);
    expect(mediaQueryMatches(query)).toBe(true);
    media.change(false);
    expect(mediaQueryMatches(query)).toBe(false);
    expect(media.matchMedia).toHaveBeenCalledTimes(1);
  });
});

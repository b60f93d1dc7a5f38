/**
 * The waterfall's keymap, in one place: a key press (while a row has focus) → an action, which
 * the waterfall's `act` switch carries out. Pure, so the map is tested without a browser.
 */
export type WaterfallAction =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'page'; by: 1 | -1 }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'zoom'; by: 1 | -1 }
  | { type: 'fit' }
  | { type: 'pan'; by: 1 | -1 }
  | { type: 'focus-filter' }
  | { type: 'match'; by: 1 | -1 }
  | { type: 'type-ahead'; char: string };

export type KeyPress = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** A type-ahead search is under way (a letter was typed a moment ago): letters extend it. */
  typing?: boolean;
};

export function waterfallKeyFor(press: KeyPress): WaterfallAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const { key } = press;
  switch (key) {
    case 'ArrowDown':
      return { type: 'move', by: 1 };
    case 'ArrowUp':
      return { type: 'move', by: -1 };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'PageDown':
      return { type: 'page', by: 1 };
    case 'PageUp':
      return { type: 'page', by: -1 };
    case 'Enter':
      return { type: 'open' };
    case 'Escape':
      return { type: 'close' };
    case 'ArrowLeft':
      return { type: 'pan', by: -1 };
    case 'ArrowRight':
      return { type: 'pan', by: 1 };
    case ' ':
      // Space extends a name being typed ("get weather"), else opens like Enter.
      return press.typing ? { type: 'type-ahead', char: ' ' } : { type: 'open' };
  }
  if (key.length !== 1) return undefined;
  if (press.typing && /\S/u.test(key)) return { type: 'type-ahead', char: key };
  switch (key) {
    case '+':
    case '=':
      return { type: 'zoom', by: 1 };
    case '-':
    case '_':
      return { type: 'zoom', by: -1 };
    case '0':
      return { type: 'fit' };
    case 'f':
    case '/':
      return { type: 'focus-filter' };
    case 'n':
      return { type: 'match', by: 1 };
    case 'N':
      return { type: 'match', by: -1 };
  }
  return /^[\p{L}\p{N}_]$/u.test(key) ? { type: 'type-ahead', char: key } : undefined;
}

/** How long after the last letter a type-ahead search keeps growing (ms), as in a native list. */
export const TYPE_AHEAD_MS = 800;

/**
 * The row a type-ahead search lands on: the first name starting with `query` (case-insensitive)
 * after the current row, wrapping; repeating one letter cycles through the names starting with it.
 */
export function typeAheadIndex(
  names: readonly string[],
  currentIndex: number,
  query: string,
): number | undefined {
  const wanted = query.toLowerCase();
  if (!wanted) return undefined;
  const repeated = wanted.length > 1 && [...wanted].every((char) => char === wanted[0]);
  const prefix = repeated ? wanted.slice(0, 1) : wanted;
  // A growing query may stay on the current row; a fresh or repeated letter moves past it.
  const from = repeated || wanted.length === 1 ? currentIndex + 1 : currentIndex;
  for (let offset = 0; offset < names.length; offset++) {
    const index = (((from + offset) % names.length) + names.length) % names.length;
    if (names[index]?.toLowerCase().startsWith(prefix)) return index;
  }
  return undefined;
}

/** The index `by` pages from `index` (a page is the rows in view), kept inside the list. */
export function pageIndex(index: number, by: 1 | -1, pageRows: number, count: number): number {
  if (count === 0) return -1;
  const step = Math.max(1, pageRows - 1);
  return Math.max(0, Math.min(count - 1, index + by * step));
}

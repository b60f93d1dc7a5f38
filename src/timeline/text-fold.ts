/**
 * Pure helpers for the inspector's long text blocks: split into display lines (a very long line
 * is cut into pieces so no single text node holds megabytes), fold to the first lines, and find
 * a search's matches. No React: the component only draws the lines these give it.
 */

/** Lines shown before "Show all". */
export const FOLD_LINES = 40;
/** The longest piece of a line drawn as one row; longer lines continue on the next rows. */
export const MAX_LINE_CHARS = 400;
/** Matches counted past this are reported as "10,000+": a count, not a scan of every byte. */
export const MAX_MATCHES = 10_000;

/** One display row: its text and the source line it belongs to (1-based, as an editor counts). */
export type DisplayLine = { text: string; line: number };

/** Splits text into display rows, cutting lines longer than `maxChars` into several rows. */
export function toDisplayLines(text: string, maxChars = MAX_LINE_CHARS): DisplayLine[] {
  const rows: DisplayLine[] = [];
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start <= maxChars) rows.push({ text: text.slice(start, end), line });
    else
      for (let at = start; at < end; at += maxChars)
        rows.push({ text: text.slice(at, Math.min(end, at + maxChars)), line });
    line++;
    start = end + 1;
  }
  return rows;
}

/** Where a search matched: the display row and the offset in its text. */
export type Match = { row: number; start: number };

export type SearchResult = {
  matches: Match[];
  /** True when the search stopped at `MAX_MATCHES`. */
  capped: boolean;
};

/**
 * Every case-insensitive occurrence of `query` in the rows, in reading order. A match that
 * spans two pieces of a cut line is not found (the pieces are searched one by one): the
 * pieces are long, and the row shown must be the row that holds the whole match.
 */
export function findMatches(
  rows: readonly DisplayLine[],
  query: string,
  limit = MAX_MATCHES,
): SearchResult {
  const needle = query.toLowerCase();
  const matches: Match[] = [];
  if (!needle) return { matches, capped: false };
  for (let row = 0; row < rows.length; row++) {
    const text = (rows[row]?.text ?? '').toLowerCase();
    let at = text.indexOf(needle);
    while (at >= 0) {
      if (matches.length >= limit) return { matches, capped: true };
      matches.push({ row, start: at });
      at = text.indexOf(needle, at + needle.length);
    }
  }
  return { matches, capped: false };
}

/** A row's text cut into plain and matching pieces, for drawing `<mark>`s. */
export type Segment = { text: string; match: boolean; start: number };

export function segmentsOf(text: string, query: string): Segment[] {
  if (!query) return [{ text, match: false, start: 0 }];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const segments: Segment[] = [];
  let from = 0;
  let at = lower.indexOf(needle);
  while (at >= 0) {
    if (at > from) segments.push({ text: text.slice(from, at), match: false, start: from });
    segments.push({ text: text.slice(at, at + needle.length), match: true, start: at });
    from = at + needle.length;
    at = lower.indexOf(needle, from);
  }
  if (from < text.length) segments.push({ text: text.slice(from), match: false, start: from });
  return segments;
}

/** The rows a scrolled window of fixed-height rows shows, with a few rows of overscan. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 8,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last };
}

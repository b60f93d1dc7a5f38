import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  type DisplayLine,
  FOLD_LINES,
  findMatches,
  type Match,
  segmentsOf,
  toDisplayLines,
  visibleRange,
} from './text-fold';

/** One row's height in px: fixed, so a window of rows can be drawn from the scroll offset alone. */
const ROW_HEIGHT = 19;
/** The unfolded block's viewport; longer text scrolls inside it. */
const VIEWPORT_HEIGHT = 320;

function Row({
  row,
  query,
  current,
}: {
  row: DisplayLine;
  query: string;
  /** The offset of the current match when it is in this row. */
  current: number | undefined;
}) {
  if (!query) return <div className="text-row">{row.text || ' '}</div>;
  return (
    <div className="text-row">
      {segmentsOf(row.text, query).map((segment) =>
        segment.match ? (
          <mark
            key={segment.start}
            className={segment.start === current ? 'text-match-current' : undefined}
          >
            {segment.text}
          </mark>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
      {row.text ? null : ' '}
    </div>
  );
}

function matchCountText(count: number, capped: boolean, index: number): string {
  if (count === 0) return 'No matches';
  const total = capped ? `${count.toLocaleString()}+` : count.toLocaleString();
  return `${(index + 1).toLocaleString()} of ${total} match${count === 1 && !capped ? '' : 'es'}`;
}

/**
 * A long text (a call's output as JSON) that opens fast whatever its size: the first
 * `FOLD_LINES` lines, then "Show all", which draws only the rows in view (fixed-height rows in
 * a scrolled window). A search box marks every match, counts them and steps through them
 * (Enter, Shift+Enter), unfolding when a match lies past the fold. Short texts are one block.
 */
export function TextBlock({ text, label }: { text: string; label: string }) {
  const rows = useMemo(() => toDisplayLines(text), [text]);
  const long = rows.length > FOLD_LINES;
  const [expanded, setExpanded] = useState(false);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const result = useMemo(() => findMatches(rows, deferredQuery), [rows, deferredQuery]);
  const [index, setIndex] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const searchId = useId();

  // A new search starts at its first match.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the matches change
  useEffect(() => setIndex(0), [result]);

  const currentMatch: Match | undefined = result.matches[index];
  // Bring the current match into view, unfolding when it lies past the fold.
  useEffect(() => {
    if (!currentMatch) return;
    if (!expanded && currentMatch.row >= FOLD_LINES) {
      setExpanded(true);
      return;
    }
    const element = viewport.current;
    if (!element || !expanded) return;
    // The block may sit below the inspector's fold: bring it on screen first.
    element.scrollIntoView?.({ block: 'nearest' });
    const top = currentMatch.row * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = Math.max(0, top - element.clientHeight / 2);
  }, [currentMatch, expanded]);

  if (!long)
    return (
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling block must be reachable by keyboard to be scrolled
      <pre className="inspector-json" tabIndex={0}>
        {text}
      </pre>
    );

  const step = (by: number) => {
    const count = result.matches.length;
    if (count) setIndex((current) => (current + by + count) % count);
  };
  const shown = expanded
    ? visibleRange(scrollTop, VIEWPORT_HEIGHT, ROW_HEIGHT, rows.length)
    : { first: 0, last: FOLD_LINES };
  const lineCount = rows.at(-1)?.line ?? rows.length;
  const drawn = rows.slice(shown.first, shown.last).map((row, offset) => {
    const at = shown.first + offset;
    return (
      <Row
        key={at}
        row={row}
        query={deferredQuery}
        current={currentMatch?.row === at ? currentMatch.start : undefined}
      />
    );
  });

  return (
    <div className="text-block" data-testid="text-block" data-rows={rows.length}>
      <search className="text-search">
        <label className="visually-hidden" htmlFor={searchId}>
          Search {label}
        </label>
        <input
          id={searchId}
          type="search"
          placeholder={`Search ${label}`}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              step(event.shiftKey ? -1 : 1);
            }
          }}
        />
        <span className="text-search-count" aria-live="polite" data-testid="match-count">
          {deferredQuery ? matchCountText(result.matches.length, result.capped, index) : ''}
        </span>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => step(-1)}
          disabled={result.matches.length === 0}
          aria-label="Previous match"
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => step(1)}
          disabled={result.matches.length === 0}
          aria-label="Next match"
        >
          ↓
        </button>
      </search>
      {expanded ? (
        <div
          ref={viewport}
          className="inspector-json text-viewport"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling block must be reachable by keyboard to be scrolled
          tabIndex={0}
          role="document"
          aria-label={`${label}, ${lineCount.toLocaleString()} lines`}
          style={{ height: Math.min(VIEWPORT_HEIGHT, rows.length * ROW_HEIGHT + 16) }}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        >
          <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
            <div
              className="text-rows"
              style={{
                transform: `translateY(${shown.first * ROW_HEIGHT}px)`,
                lineHeight: `${ROW_HEIGHT}px`,
              }}
            >
              {drawn}
            </div>
          </div>
        </div>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling block must be reachable by keyboard to be scrolled
        <div className="inspector-json text-folded" tabIndex={0} role="document" aria-label={label}>
          <div className="text-rows" style={{ lineHeight: `${ROW_HEIGHT}px` }}>
            {drawn}
          </div>
        </div>
      )}
      <p className="text-fold-note">
        {expanded
          ? `${lineCount.toLocaleString()} lines, drawn as you scroll.`
          : `First ${FOLD_LINES} of ${lineCount.toLocaleString()} lines.`}{' '}
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => setExpanded((open) => !open)}
          aria-expanded={expanded}
        >
          {expanded ? 'Fold' : `Show all ${lineCount.toLocaleString()} lines`}
        </button>
      </p>
    </div>
  );
}

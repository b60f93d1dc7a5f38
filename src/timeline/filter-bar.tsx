import { type KeyboardEvent, memo, type Ref } from 'react';
import {
  type QuickToggle,
  quickToggles,
  type RowFilter,
  type RowSort,
  rowSorts,
} from './row-filter';
import { useWaterfallViewStore } from './waterfall-view-store';

type FilterBarProps = {
  runId: string;
  /** The run's filter (not its whole view: a zoom step must not redraw the bar). */
  view: RowFilter;
  /** How many calls the run has, and how many the filter leaves (undefined: nothing narrows). */
  callCount: number;
  matchCount: number | undefined;
  /** 1-based place of the current row among the matches, if it is one. */
  matchIndex: number | undefined;
  onStep: (direction: 1 | -1) => void;
  /** Back to the rows (Escape in the text field). */
  onLeave: () => void;
  inputRef: Ref<HTMLInputElement>;
};

function countText(callCount: number, matchCount: number | undefined, matchIndex?: number) {
  const calls = `${callCount} call${callCount === 1 ? '' : 's'}`;
  if (matchCount === undefined) return calls;
  if (matchCount === 0) return `no match of ${calls}`;
  const which = matchIndex === undefined ? '' : `${matchIndex} of `;
  return `${which}${matchCount} match${matchCount === 1 ? '' : 'es'} of ${calls}`;
}

/**
 * Finding one call among many: free text over names and inputs, quick toggles, the match count
 * with previous/next, and the order of the rows. Enter / Shift+Enter step through the matches
 * as a browser's find does. Memoised: a zoom step or a key move over 1,000 rows leaves it alone.
 */
export const FilterBar = memo(function FilterBar({
  runId,
  view,
  callCount,
  matchCount,
  matchIndex,
  onStep,
  onLeave,
  inputRef,
}: FilterBarProps) {
  const toggle = useWaterfallViewStore((state) => state.toggle);
  const setText = useWaterfallViewStore((state) => state.setText);
  const setSort = useWaterfallViewStore((state) => state.setSort);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (view.text) setText(runId, '');
      else onLeave();
    }
  };
  const narrowing = matchCount !== undefined;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of filters, not a form that submits
    <div className="wf-filter" role="search" aria-label="Find calls" data-testid="filter-bar">
      <input
        ref={inputRef}
        type="search"
        className="wf-filter-text"
        placeholder="Filter calls (f)"
        aria-label="Filter calls by tool name or input"
        value={view.text}
        onChange={(event) => setText(runId, event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="wf-filter-toggles">
        {(Object.keys(quickToggles) as QuickToggle[]).map((name) => (
          <button
            key={name}
            type="button"
            className="wf-filter-toggle"
            aria-pressed={view.toggles.includes(name)}
            title={quickToggles[name].title}
            data-toggle={name}
            onClick={() => toggle(runId, name)}
          >
            {quickToggles[name].label}
          </button>
        ))}
      </div>
      <div className="wf-filter-matches">
        <output
          className="wf-filter-count"
          data-testid="filter-count"
          data-matches={matchCount ?? ''}
          aria-live="polite"
        >
          {countText(callCount, matchCount, matchIndex)}
        </output>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-label="Previous match (N)"
          title="Previous match (N, Shift+Enter)"
          disabled={!narrowing || matchCount === 0}
          onClick={() => onStep(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-label="Next match (n)"
          title="Next match (n, Enter)"
          disabled={!narrowing || matchCount === 0}
          onClick={() => onStep(1)}
        >
          ↓
        </button>
        {/* Buttons, not a <select>: the waterfall's options are its rows alone. */}
        {/* biome-ignore lint/a11y/useSemanticElements: a small button group, not a form fieldset */}
        <div className="wf-filter-sort" role="group" aria-label="Sort rows by">
          <span aria-hidden="true">Sort</span>
          {(Object.keys(rowSorts) as RowSort[]).map((sort) => (
            <button
              key={sort}
              type="button"
              className="wf-filter-toggle"
              aria-pressed={view.sort === sort}
              data-sort={sort}
              onClick={() => setSort(runId, sort)}
            >
              {rowSorts[sort]}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
});

import { create } from 'zustand';
import { noFilter, type QuickToggle, type RowFilter, type RowSort } from './row-filter';
import type { TimeWindow } from './zoom';

/**
 * How the reader looks at each run's waterfall: its filter, sort and visible time window. Kept
 * per run (switching runs and back keeps one's place) and apart from the trace, so typing in
 * the filter or zooming never touches the trace or the chat.
 */
export type WaterfallView = RowFilter & {
  /** The visible part of the time axis; undefined shows the whole run (and follows a live one). */
  window?: TimeWindow;
};

type ViewState = {
  views: Readonly<Record<string, WaterfallView>>;
  toggle: (runId: string, toggle: QuickToggle) => void;
  setText: (runId: string, text: string) => void;
  setSort: (runId: string, sort: RowSort) => void;
  setWindow: (runId: string, window: TimeWindow | undefined) => void;
  clearFilter: (runId: string) => void;
};

const emptyView: WaterfallView = noFilter;

export const useWaterfallViewStore = create<ViewState>()((set) => {
  const update = (runId: string, change: (view: WaterfallView) => WaterfallView) =>
    set((state) => ({
      views: { ...state.views, [runId]: change(state.views[runId] ?? emptyView) },
    }));
  return {
    views: {},
    toggle: (runId, toggle) =>
      update(runId, (view) => ({
        ...view,
        toggles: view.toggles.includes(toggle)
          ? view.toggles.filter((each) => each !== toggle)
          : [...view.toggles, toggle],
      })),
    setText: (runId, text) => update(runId, (view) => ({ ...view, text })),
    setSort: (runId, sort) => update(runId, (view) => ({ ...view, sort })),
    setWindow: (runId, window) => update(runId, (view) => ({ ...view, window })),
    clearFilter: (runId) => update(runId, (view) => ({ ...view, toggles: [], text: '' })),
  };
});

/** One run's view (a stable object until it changes). */
export function useWaterfallView(runId: string): WaterfallView {
  return useWaterfallViewStore((state) => state.views[runId] ?? emptyView);
}

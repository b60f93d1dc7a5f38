import { create } from 'zustand';
import { useTraceStore } from '../trace/trace-store';

/**
 * What the timeline shows, kept apart from the trace store so choosing a run or a row never
 * touches the trace, and apart from the chat so none of this re-renders the conversation.
 */
type TimelineState = {
  /** The run picked by the reader; undefined follows the latest run. */
  selectedRunId?: string;
  /** The row open in the inspector (a call id or a step id) and its run. */
  inspected?: { runId: string; key: string };
  /** Phones: whether the timeline sheet is open. */
  sheetOpen: boolean;
  /** Wide screens: the reader hid the side panel (keyboard shortcut). */
  panelHidden: boolean;
  /** Assistant message id → the user message that started its run (set by the chat view). */
  userMessageOf: Readonly<Record<string, string>>;
  selectRun: (runId: string | undefined) => void;
  inspect: (target: { runId: string; key: string } | undefined) => void;
  setSheetOpen: (open: boolean) => void;
  setPanelHidden: (hidden: boolean) => void;
  setUserMessageOf: (links: Readonly<Record<string, string>>) => void;
};

export const useTimelineStore = create<TimelineState>()((set) => ({
  sheetOpen: false,
  panelHidden: false,
  userMessageOf: {},
  selectRun: (runId) =>
    set((state) =>
      state.selectedRunId === runId
        ? state
        : {
            selectedRunId: runId,
            inspected: state.inspected?.runId === runId ? state.inspected : undefined,
          },
    ),
  inspect: (target) => set({ inspected: target }),
  setSheetOpen: (open) => set({ sheetOpen: open }),
  setPanelHidden: (hidden) => set({ panelHidden: hidden }),
  setUserMessageOf: (links) => set({ userMessageOf: links }),
}));

// A new run takes the stage: the timeline follows it rather than an older pick. Done here,
// not in a component, so it holds while the phone sheet (and so the panel) is closed.
useTraceStore.subscribe((state, previous) => {
  const latest = state.runOrder.at(-1);
  if (latest && latest !== previous.runOrder.at(-1))
    useTimelineStore.getState().selectRun(undefined);
});

/**
 * The chat points at the timeline: show the run a call belongs to, select the call's bar (its
 * details open) and make the timeline visible (the side panel, or the sheet on a phone).
 */
export function showCallInTimeline(callId: string, wide: boolean): boolean {
  const { runOrder, runs } = useTraceStore.getState();
  const runId = runOrder.findLast((id) => runs[id]?.spans[callId] !== undefined);
  if (!runId) return false;
  const timeline = useTimelineStore.getState();
  timeline.selectRun(runId);
  timeline.inspect({ runId, key: callId });
  if (wide) timeline.setPanelHidden(false);
  else timeline.setSheetOpen(true);
  return true;
}

/** Whether a call's bar is the one selected in the timeline (its chat row is highlighted). */
export function useCallSelected(callId: string): boolean {
  return useTimelineStore((state) => state.inspected?.key === callId);
}

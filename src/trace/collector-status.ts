import { create } from 'zustand';

/**
 * The one collector failure the page shows: forwarding a run's trace failed, and why. Kept
 * apart from the collector client (loaded on demand) so the notice can render without it.
 */
export type CollectorFailure = { runId: string; reason: string };

type CollectorStatusState = {
  failure: CollectorFailure | undefined;
  /** Runs whose failure was already shown: each run is reported once. */
  reported: ReadonlySet<string>;
  report: (failure: CollectorFailure) => void;
  dismiss: () => void;
};

export const useCollectorStatus = create<CollectorStatusState>()((set) => ({
  failure: undefined,
  reported: new Set(),
  report: (failure) =>
    set((state) =>
      state.reported.has(failure.runId)
        ? state
        : { failure, reported: new Set([...state.reported, failure.runId]) },
    ),
  dismiss: () => set({ failure: undefined }),
}));

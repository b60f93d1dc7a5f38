import { useTraceStore } from './trace-store';
import type { ToolSpan } from './trace-types';

/** The span of one tool call, wherever its run is; re-renders only when that span changes. */
export function useSpan(callId: string): ToolSpan | undefined {
  return useTraceStore((state) => {
    for (let index = state.runOrder.length - 1; index >= 0; index--) {
      const runId = state.runOrder[index];
      const span = runId ? state.runs[runId]?.spans[callId] : undefined;
      if (span) return span;
    }
    return undefined;
  });
}

import type { RunTrace } from '../trace/trace-types';

// One answer for the page's life: a proxy without a collector says so once, for every engine.
let disabled = false;

/**
 * Forwards each finished run to the proxy's collector route, once. Loaded on demand, and
 * given up for the page's life when the proxy says no collector is configured.
 */
export function createCollectorForwarder(
  flush: () => void,
  runOf: (runId: string) => RunTrace | undefined,
) {
  const sent = new Set<string>();
  return (runId: string) => {
    if (disabled || sent.has(runId)) return;
    sent.add(runId);
    setTimeout(async () => {
      flush();
      const run = runOf(runId);
      if (!run) return;
      const { forwardRunTrace } = await import('../trace/collector-client');
      const result = await forwardRunTrace(run);
      if (result.status === 'disabled') disabled = true;
    }, 0);
  };
}

import { whenIdle } from '../platform/when-idle';
import type { RunTrace } from '../trace/trace-types';

// One answer for the page's life: a proxy without a collector says so once, for every engine.
let disabled = false;

/**
 * At most this long after the run ended: the run ends when the tap reads the model's finish,
 * while the chat is still drawing the answer; converting and sending the trace then (a chunk to
 * load, OTLP conversion, zod, a request) delayed the answer's paint, so it waits for idle.
 */
const FORWARD_WITHIN_MS = 2000;

/**
 * Forwards each finished run to the proxy's collector route, once, when the page is idle.
 * Loaded on demand, and given up for the page's life when the proxy says no collector is
 * configured.
 */
export function createCollectorForwarder(
  flush: () => void,
  runOf: (runId: string) => RunTrace | undefined,
) {
  const sent = new Set<string>();
  return (runId: string) => {
    if (disabled || sent.has(runId)) return;
    sent.add(runId);
    whenIdle(async () => {
      flush();
      const run = runOf(runId);
      if (!run) return;
      const { forwardRunTrace } = await import('../trace/collector-client');
      const result = await forwardRunTrace(run);
      if (result.status === 'disabled') disabled = true;
    }, FORWARD_WITHIN_MS);
  };
}

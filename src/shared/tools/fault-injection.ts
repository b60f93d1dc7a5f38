import { abortReason, withSimulatedLatency } from './simulated-latency';
import type { SimulatedLatency } from './tool-spec';

/**
 * Demo failure injection, shared by the page (browser tools) and the proxy (server tools), so a
 * fault means the same thing wherever the tool runs: `error` fails at once with a clear message,
 * `timeout` never answers (the caller's deadline fires), `slow` multiplies the simulated latency.
 */
export const toolFaults = ['error', 'timeout', 'slow'] as const;
export type ToolFault = (typeof toolFaults)[number];

/** How much longer a `slow` call waits when the controls name no factor. */
export const DEFAULT_SLOW_FACTOR = 4;
export const MIN_SLOW_FACTOR = 2;
export const MAX_SLOW_FACTOR = 20;

/** The error an injected `error` fault raises; its message reaches the model and the page. */
export class InjectedFaultError extends Error {
  override name = 'InjectedFaultError';
  constructor(toolName: string) {
    super(`Injected failure: ${toolName} was set to fail in the demo controls.`);
  }
}

/** The latency a call waits under a fault: `slow` multiplies base and jitter, others keep it. */
export function faultedLatency(
  latency: SimulatedLatency,
  fault: ToolFault | undefined,
  slowFactor = DEFAULT_SLOW_FACTOR,
): SimulatedLatency {
  if (fault !== 'slow') return latency;
  return { baseMs: latency.baseMs * slowFactor, jitterMs: latency.jitterMs * slowFactor };
}

/** A promise that only settles when the signal aborts (rejecting with its reason). */
export function neverAnswer(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

export type FaultedCall = {
  toolName: string;
  fault: ToolFault | undefined;
  latency: SimulatedLatency;
  slowFactor?: number;
  signal: AbortSignal;
};

/**
 * Runs one call the way the demo controls say: waits the (possibly slowed) simulated latency,
 * then runs `work`, unless the fault is `error` (throws after the latency) or `timeout` (never
 * answers, so the caller's deadline settles the call).
 */
export async function runWithFault<T>(call: FaultedCall, work: () => Promise<T>): Promise<T> {
  await withSimulatedLatency(
    faultedLatency(call.latency, call.fault, call.slowFactor),
    call.signal,
  );
  if (call.fault === 'timeout') return neverAnswer(call.signal);
  if (call.fault === 'error') throw new InjectedFaultError(call.toolName);
  return work();
}

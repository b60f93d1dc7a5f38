import { z } from 'zod';
import { apiErrorSchema } from '../shared/api-error';
import { useCollectorStatus } from './collector-status';
import { toOtlp } from './otlp';
import type { RunTrace } from './trace-types';

/** How sending a run to the collector went; never an exception. */
export type CollectorResult =
  | { status: 'sent'; spans: number }
  /** The proxy has no collector configured (`OTEL_EXPORTER_OTLP_ENDPOINT` unset). */
  | { status: 'disabled' }
  /** The run has not ended; sending it now would put half a run in the collector. */
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: string };

export type CollectorClientOptions = {
  /** `service.name` of the page's spans (default `fanout-web`). */
  serviceName?: string;
  /** Tool inputs, outputs and the prompt as span attributes (default true). */
  recordContent?: boolean;
  endpoint?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
};

const forwardedSchema = z.object({ forwarded: z.number().int().nonnegative() });

// Browsers cap keepalive bodies at 64 KiB; under it the send survives the tab closing.
const KEEPALIVE_LIMIT = 60 * 1024;

/**
 * Sends a finished run's trace to the proxy's `POST /api/traces`, which forwards it to the
 * OTLP collector. Its trace id is the run's (`traceIdFor(run.id)`), the one the page's
 * `traceparent` gave the proxy, so the collector joins these spans with the proxy's own.
 */
export async function sendTraceToCollector(
  run: RunTrace,
  options: CollectorClientOptions = {},
): Promise<CollectorResult> {
  if (run.status === 'running') return { status: 'skipped', reason: 'The run has not ended.' };
  const body = JSON.stringify(
    toOtlp([run], {
      serviceName: options.serviceName ?? 'fanout-web',
      recordContent: options.recordContent,
      // Chat messages reach the collector from the proxy's spans, when the operator opts in.
      recordMessages: false,
    }),
  );
  const send = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(options.endpoint ?? '/api/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      keepalive: body.length < KEEPALIVE_LIMIT,
      signal: options.signal,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'failed', error: `The proxy could not be reached (${reason}).` };
  }
  if (response.status === 204) return { status: 'disabled' };
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = forwardedSchema.safeParse(answer);
    return parsed.success
      ? { status: 'sent', spans: parsed.data.forwarded }
      : { status: 'failed', error: 'The proxy gave an answer Fanout does not understand.' };
  }
  const apiError = apiErrorSchema.safeParse(answer);
  return {
    status: 'failed',
    error: apiError.success
      ? apiError.data.error.message
      : `The proxy answered ${response.status} ${response.statusText}`.trim(),
  };
}

/**
 * Sends a finished run's trace and, when that fails, tells the page (once per run, with the
 * reason) through the collector status store. What the run's forwarder calls.
 */
export async function forwardRunTrace(
  run: RunTrace,
  options: CollectorClientOptions = {},
): Promise<CollectorResult> {
  const result = await sendTraceToCollector(run, options);
  if (result.status === 'failed')
    useCollectorStatus.getState().report({ runId: run.id, reason: result.error });
  return result;
}

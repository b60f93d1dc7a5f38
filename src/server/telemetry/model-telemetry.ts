import type { TelemetryOptions } from 'ai';
import type { ServerConfig } from '../config';
import { type CollectorConfig, collectorFromConfig } from './collector-config';
import type { OtelPipeline } from './otel-pipeline';
import { parseTraceparent } from './traceparent';

/**
 * The proxy's own spans: one OpenTelemetry pipeline per collector configuration, created on the
 * first model call that needs it. Configuration is read per request, so a changed endpoint
 * replaces the pipeline (the old one flushes and shuts down) and a removed one stops export.
 */

type Current = { key: string; pipeline: Promise<OtelPipeline | undefined> };
let current: Current | undefined;
let loadFailureReported = false;

async function loadPipeline(collector: CollectorConfig): Promise<OtelPipeline | undefined> {
  try {
    // Loaded on demand: without a collector the SDK stays out of the process entirely.
    const { createOtelPipeline } = await import('./otel-pipeline');
    return createOtelPipeline(collector);
  } catch (error) {
    if (!loadFailureReported) {
      loadFailureReported = true;
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`[fanout] OpenTelemetry could not start; model calls are not traced: ${reason}`);
    }
    return undefined;
  }
}

function retire(previous: Current | undefined): void {
  previous?.pipeline
    .then((pipeline) => pipeline?.shutdown())
    .catch(() => {
      // Shutting down flushes; a collector that is gone by now cannot be helped.
    });
}

function pipelineFor(collector: CollectorConfig | undefined): Promise<OtelPipeline | undefined> {
  if (!collector) {
    retire(current);
    current = undefined;
    return Promise.resolve(undefined);
  }
  const key = JSON.stringify(collector);
  if (current?.key !== key) {
    retire(current);
    current = { key, pipeline: loadPipeline(collector) };
  }
  return current.pipeline;
}

/**
 * `streamText`'s `telemetry` option for one model call: the AI SDK's OpenTelemetry spans,
 * exported to the configured collector and parented under the page's W3C `traceparent` when it
 * sent a valid one. `undefined` (the AI SDK's default: nothing registered, nothing recorded)
 * when no collector is configured.
 */
export async function modelCallTelemetry(
  config: ServerConfig,
  traceparent: string | undefined,
): Promise<TelemetryOptions | undefined> {
  const pipeline = await pipelineFor(collectorFromConfig(config));
  return pipeline?.telemetryFor(parseTraceparent(traceparent));
}

/** Sends every finished span now (tests; before the process exits). */
export async function flushServerTelemetry(): Promise<void> {
  const pipeline = await current?.pipeline;
  await pipeline?.forceFlush();
}

/** Flushes and stops the pipeline; the next traced call starts a fresh one. */
export async function shutdownServerTelemetry(): Promise<void> {
  const previous = current;
  current = undefined;
  const pipeline = await previous?.pipeline;
  await pipeline?.shutdown();
}

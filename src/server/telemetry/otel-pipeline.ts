/**
 * The OpenTelemetry SDK half of the proxy's tracing. Only `model-telemetry.ts` loads this
 * module, with a dynamic `import()` once a collector is configured: without one, none of the
 * SDK is ever loaded or initialised.
 */
import { OpenTelemetry } from '@ai-sdk/otel';
import {
  type Context,
  context,
  type Span,
  type SpanOptions,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type Span as SdkSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TelemetryOptions } from 'ai';
import type { CollectorConfig } from './collector-config';
import { createThrottledWarning } from './throttled-warning';
import type { RemoteParent } from './traceparent';

type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** Why an export failed, in words that carry nothing the collector sent back. */
function exportFailureReason(error: unknown): string {
  // The exporter's HTTP error carries the status as a number, a socket error its code.
  let link = error;
  for (let depth = 0; link && depth < 4; depth++) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'number') return `HTTP ${code}`;
    if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code;
    link = (link as { cause?: unknown }).cause;
  }
  return error instanceof Error && /timeout/i.test(error.name) ? 'timed out' : 'unreachable';
}

/**
 * The exporter, reporting failed exports: without this the SDK drops them silently (its own
 * diagnostics logger is off). At most one line a minute, whatever the span rate.
 */
class ReportingExporter implements SpanExporter {
  private readonly warn = createThrottledWarning(60_000);
  constructor(
    private readonly inner: SpanExporter,
    private readonly collectorHost: string,
  ) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      // 0 is ExportResultCode.SUCCESS.
      if (result.code !== 0)
        this.warn(
          `[fanout] could not export ${spans.length} span${spans.length === 1 ? '' : 's'} to the trace collector at ${this.collectorHost} (${exportFailureReason(result.error)}); model calls are not being traced`,
        );
      done(result);
    });
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * Batches spans as usual, but flushes as soon as a request's root span (one with no local
 * parent) ends: the model call's spans then reach the collector when the answer does, not up
 * to five seconds later, and a page that posts its own trace right after sees them joined.
 */
class FlushOnRootEnd implements SpanProcessor {
  constructor(private readonly inner: SpanProcessor) {}
  onStart(span: SdkSpan, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }
  onEnd(span: ReadableSpan): void {
    this.inner.onEnd(span);
    const parent = span.parentSpanContext;
    if (!parent || parent.isRemote) {
      this.inner.forceFlush().catch(() => {
        // The exporter logs failures through the OTel diagnostics logger; nothing to add here.
      });
    }
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/**
 * A tracer that roots spans started without a parent under the page's span. The AI SDK's
 * integration starts its root span from the active context and every child from an explicit
 * one, so this parents the whole model-call tree without a process-wide context manager.
 */
class RootedTracer implements Tracer {
  constructor(
    private readonly inner: Tracer,
    private readonly parent: Context,
  ) {}

  private rooted(ctx: Context | undefined): Context {
    const base = ctx ?? context.active();
    return trace.getSpanContext(base) ? base : this.parent;
  }

  startSpan(name: string, options?: SpanOptions, ctx?: Context): Span {
    return this.inner.startSpan(name, options, this.rooted(ctx));
  }

  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...args: [F] | [SpanOptions, F] | [SpanOptions, Context | undefined, F]
  ): ReturnType<F> {
    const fn = args[args.length - 1] as F;
    const options = args.length > 1 ? (args[0] as SpanOptions) : undefined;
    const ctx = this.rooted(args.length > 2 ? (args[1] as Context | undefined) : undefined);
    const span = this.inner.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), () => fn(span)) as ReturnType<F>;
  }
}

/** The proxy's tracer provider for one collector configuration. */
export type OtelPipeline = {
  /** `streamText`'s `telemetry` option for one model call, under `parent` when the page sent one. */
  telemetryFor(parent: RemoteParent | undefined): TelemetryOptions;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
};

/** The OTLP/HTTP exporter for the collector's protocol: protobuf (the default) or JSON. */
function otlpExporter(collector: CollectorConfig): SpanExporter {
  const options = { url: collector.tracesUrl, headers: collector.headers };
  return collector.protocol === 'http/json'
    ? new JsonTraceExporter(options)
    : new ProtobufTraceExporter(options);
}

/**
 * The AI SDK's OpenTelemetry integration, naming spans by the GenAI conventions: the call is
 * `invoke_agent fanout.chat`, each model round trip `chat {model}`, each tool `execute_tool
 * {name}`.
 */
function integration(tracer: Tracer): OpenTelemetry {
  return new OpenTelemetry({ tracer, agentSpanName: 'functionId' });
}

/**
 * Builds the tracer provider, OTLP/HTTP exporter and AI SDK integration for a collector.
 * `exporter` replaces the OTLP one (tests record spans in memory).
 */
export function createOtelPipeline(
  collector: CollectorConfig,
  exporter: SpanExporter = new ReportingExporter(
    otlpExporter(collector),
    new URL(collector.tracesUrl).host,
  ),
): OtelPipeline {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': collector.serviceName }),
    spanProcessors: [new FlushOnRootEnd(new BatchSpanProcessor(exporter))],
  });
  const tracer = provider.getTracer('fanout-proxy');
  // One integration for calls without a parent; a call with one gets its own, cheap to build.
  const unparented = integration(tracer);
  // Prompts and answers are user data: recorded only when the operator opts in.
  const content = {
    recordInputs: collector.captureContent,
    recordOutputs: collector.captureContent,
  };
  return {
    telemetryFor(parent) {
      if (!parent) return { functionId: 'fanout.chat', ...content, integrations: [unparented] };
      const parentContext = trace.setSpanContext(context.active(), {
        traceId: parent.traceId,
        spanId: parent.spanId,
        traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
        isRemote: true,
      });
      return {
        functionId: 'fanout.chat',
        ...content,
        integrations: [integration(new RootedTracer(tracer, parentContext))],
      };
    },
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

import {
  type OtlpAnyValue,
  type OtlpExportRequest,
  type OtlpKeyValue,
  type OtlpSpan,
  SpanKind,
  StatusCode,
} from '../shared/otlp-schema';
import { dispatchLatencyOf, phasesOf } from './call-vocabulary';
import { callSpanIdFor, isValidHexId, runSpanIdFor, stepSpanIdFor, traceIdFor } from './otlp-ids';
import type { RunTrace, StepTrace, ToolSpan } from './trace-types';

/**
 * Runs as OTLP/JSON following the OpenTelemetry GenAI semantic conventions: per run an
 * `invoke_agent fanout` span; per step (model round trip) a `chat {model}` span; per tool call an
 * `execute_tool {tool}` span, a sibling of the chat spans under the run as the conventions lay
 * out an agent loop. What the conventions have no name for (batch, queue time, deadline,
 * policy, where a call ran) goes into `fanout.*` attributes; phase changes become span events.
 */

export type OtlpOptions = {
  /** `service.name` of the resource, e.g. `fanout-web`. */
  serviceName: string;
  /** One trace id (32 hex) for every run instead of each run's derived one. */
  traceId?: string;
  /** Tool inputs and outputs and the prompt as attributes (default true); off for privacy. */
  recordContent?: boolean;
  /** Longest content attribute in characters; longer values are cut and marked (default 8192). */
  maxContentLength?: number;
  /**
   * A follow-up's carried tool results as its `chat` span's `gen_ai.input.messages` (default:
   * `recordContent`). The collector forwarding turns it off: chat messages reach a collector
   * from the proxy's own spans only, and only when the operator opts in
   * (`FANOUT_OTEL_CAPTURE_CONTENT=1`), as the GenAI conventions ask.
   */
  recordMessages?: boolean;
};

export const FANOUT_SCOPE = { name: 'fanout', version: '1' } as const;
/** A `chat` span's event per tool result its request carried back (`StepTrace.carried`). */
export const CARRIED_EVENT = 'fanout.carried_output';
const DEFAULT_MAX_CONTENT = 8192;
/** The agent name in span names and `gen_ai.agent.name`. */
const AGENT_NAME = 'fanout';

type AttributeInput = string | number | boolean | readonly string[] | undefined;

function anyValue(value: Exclude<AttributeInput, undefined>): OtlpAnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { arrayValue: { values: value.map((item) => ({ stringValue: item })) } };
}

/** OTLP attributes from a plain object; `undefined` and non-finite numbers are left out. */
function toAttributes(record: Record<string, AttributeInput>): OtlpKeyValue[] {
  const list: OtlpKeyValue[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    list.push({ key, value: anyValue(value) });
  }
  return list;
}

/**
 * Epoch ms + relative ms as unix nanoseconds, in a decimal string. Done in BigInt: epoch
 * nanoseconds (~1.7e18) are past the 2^53 that a double holds exactly.
 */
export function toUnixNanos(epochMs: number, relativeMs: number): string {
  const epochMicros = BigInt(Math.round(epochMs * 1000));
  const relativeNanos = BigInt(Math.round(relativeMs * 1_000_000));
  return (epochMicros * 1000n + relativeNanos).toString();
}

function stringifyContent(value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…[truncated]` : text;
}

/** `openai:gpt-4.1` → provider `openai`, model `gpt-4.1`; the offline planner is its own provider. */
function splitModelId(modelId: string | undefined): { provider?: string; model?: string } {
  if (!modelId) return {};
  const colon = modelId.indexOf(':');
  if (colon <= 0) return { provider: 'fanout.offline', model: modelId };
  const prefix = modelId.slice(0, colon);
  const provider = prefix === 'openai-chat' ? 'openai' : prefix;
  return { provider, model: modelId.slice(colon + 1) };
}

function diff(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : Math.max(0, to - from);
}

/** Where a call's bar starts: its first recorded phase. */
function spanStart(span: ToolSpan): number | undefined {
  return phasesOf(span)[0]?.start;
}

/** The last moment a run recorded; open spans of an ended run stop there. */
function runEnd(run: RunTrace): number {
  let latest = run.endedAt ?? 0;
  for (const step of run.steps) {
    for (const value of [step.requestAt, step.finishedAt, step.outputsReturnedAt])
      if (value !== undefined && value > latest) latest = value;
  }
  for (const span of Object.values(run.spans)) {
    for (const value of [spanStart(span), span.startedAt, span.settledAt])
      if (value !== undefined && value > latest) latest = value;
  }
  return latest;
}

/** `gen_ai.tool.type`: browser tools are executed by the client (`function`), server tools by the agent side (`extension`). */
function toolType(span: ToolSpan): string | undefined {
  if (span.runsOn === 'browser') return 'function';
  if (span.runsOn === 'server') return 'extension';
  return undefined;
}

const failedStatuses = new Set(['error', 'timeout', 'invalid-input']);

type SpanContext = {
  run: RunTrace;
  traceId: string;
  end: number;
  options: Required<Pick<OtlpOptions, 'recordContent' | 'maxContentLength' | 'recordMessages'>>;
};

function event(
  run: RunTrace,
  name: string,
  at: number | undefined,
  attributes: Record<string, AttributeInput> = {},
): NonNullable<OtlpSpan['events']>[number] | undefined {
  if (at === undefined) return undefined;
  const list = toAttributes(attributes);
  return {
    timeUnixNano: toUnixNanos(run.startedAtEpochMs, at),
    name,
    ...(list.length ? { attributes: list } : {}),
  };
}

function defined<T>(items: ReadonlyArray<T | undefined>): T[] {
  return items.filter((item): item is T => item !== undefined);
}

function runSpan(ctx: SpanContext): OtlpSpan {
  const { run } = ctx;
  const { provider, model } = splitModelId(run.modelId);
  const usage = run.steps.reduce(
    (sum, step) => ({
      input: sum.input + (step.usage?.inputTokens ?? 0),
      output: sum.output + (step.usage?.outputTokens ?? 0),
      known: sum.known || step.usage?.inputTokens !== undefined,
    }),
    { input: 0, output: 0, known: false },
  );
  const failed = run.status === 'error';
  return {
    traceId: ctx.traceId,
    spanId: runSpanIdFor(run.id),
    name: `invoke_agent ${AGENT_NAME}`,
    kind: SpanKind.internal,
    startTimeUnixNano: toUnixNanos(run.startedAtEpochMs, 0),
    endTimeUnixNano: toUnixNanos(run.startedAtEpochMs, ctx.end),
    attributes: toAttributes({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': AGENT_NAME,
      'gen_ai.provider.name': provider,
      'gen_ai.request.model': model,
      'gen_ai.usage.input_tokens': usage.known ? usage.input : undefined,
      'gen_ai.usage.output_tokens': usage.known ? usage.output : undefined,
      'fanout.run.id': run.id,
      'fanout.run.status': run.status,
      'fanout.run.prompt': ctx.options.recordContent
        ? stringifyContent(run.prompt, ctx.options.maxContentLength)
        : undefined,
      'fanout.model.id': run.modelId,
      'fanout.policy': run.policy,
      'fanout.parallel_tool_calls': run.parallelToolCalls,
      'fanout.step.count': run.steps.length,
      'fanout.tool.call_count': run.spanOrder.length,
      'error.type': failed ? 'run_error' : undefined,
    }),
    status: failed ? { code: StatusCode.error, message: 'The run ended with an error.' } : {},
  };
}

/**
 * What a follow-up's request carried back to the model (`StepTrace.carried`) as the GenAI
 * conventions' input messages: one `tool` message per result with a `tool_call_response` part,
 * its response the summary the trace keeps. Content, so only with `recordMessages` (see
 * `OtlpOptions`); never cut (each summary is at most `CARRIED_SUMMARY_CHARS` long, and a cut
 * JSON would not parse).
 */
function carriedMessages(ctx: SpanContext, step: StepTrace): string | undefined {
  if (!ctx.options.recordMessages || !step.carried?.length) return undefined;
  return JSON.stringify(
    step.carried.map((carried) => ({
      role: 'tool',
      parts: [{ type: 'tool_call_response', id: carried.callId, response: carried.summary }],
    })),
  );
}

/**
 * The same results as events (`fanout.carried_output`, at the request), content-free: which
 * call's result went back, from which tool, as an output, an error or a denial, and its size.
 * The importer reads them back, with each summary from the input messages when they are there.
 */
function carriedEvents(run: RunTrace, step: StepTrace) {
  return (step.carried ?? []).map((carried) =>
    event(run, CARRIED_EVENT, step.requestAt, {
      'gen_ai.tool.call.id': carried.callId,
      'gen_ai.tool.name': carried.toolName,
      'fanout.carried.state': carried.state,
      'fanout.carried.bytes': carried.bytes,
    }),
  );
}

function stepSpan(ctx: SpanContext, step: StepTrace): OtlpSpan {
  const { run } = ctx;
  const { provider, model } = splitModelId(run.modelId);
  const end = Math.max(step.requestAt, step.finishedAt ?? ctx.end);
  return {
    traceId: ctx.traceId,
    spanId: stepSpanIdFor(run.id, step.id),
    parentSpanId: runSpanIdFor(run.id),
    name: model ? `chat ${model}` : 'chat',
    // The page is the client of the model call (through the proxy).
    kind: SpanKind.client,
    startTimeUnixNano: toUnixNanos(run.startedAtEpochMs, step.requestAt),
    endTimeUnixNano: toUnixNanos(run.startedAtEpochMs, end),
    attributes: toAttributes({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': provider,
      'gen_ai.request.model': model,
      'gen_ai.usage.input_tokens': step.usage?.inputTokens,
      'gen_ai.usage.output_tokens': step.usage?.outputTokens,
      'gen_ai.response.finish_reasons': step.finishReason ? [step.finishReason] : undefined,
      'gen_ai.input.messages': carriedMessages(ctx, step),
      'fanout.step.id': step.id,
      'fanout.step.index': step.index,
      'fanout.batch.id': step.id,
      'fanout.batch.size': step.callIds.length,
      'fanout.ttfb.ms': diff(step.requestAt, step.firstByteAt),
      'fanout.ttft.ms': diff(step.requestAt, step.firstContentAt),
      'fanout.usage.total_tokens': step.usage?.totalTokens,
      'fanout.proxy.received_at_epoch_ms': step.proxy?.receivedAt,
      'fanout.proxy.first_chunk_at_epoch_ms': step.proxy?.firstChunkAt,
      'fanout.proxy.finished_at_epoch_ms': step.proxy?.finishedAt,
      'fanout.step.open': step.finishedAt === undefined ? true : undefined,
      'error.type': step.errorText ? 'model_error' : undefined,
    }),
    events: defined([
      event(run, 'fanout.first_byte', step.firstByteAt),
      event(run, 'fanout.first_content', step.firstContentAt),
      event(run, 'fanout.text_start', step.textStartAt),
      event(run, 'fanout.outputs_returned', step.outputsReturnedAt),
      ...carriedEvents(run, step),
    ]),
    status: step.errorText ? { code: StatusCode.error, message: step.errorText } : {},
  };
}

function toolSpan(ctx: SpanContext, span: ToolSpan): OtlpSpan | undefined {
  const { run, options } = ctx;
  // The span is the tool's execution, as the GenAI conventions define `execute_tool`: it starts
  // when the tool starts running. Input streaming, approval and queueing came before; they are
  // events and `fanout.*.ms` attributes, so other tools do not count them as tool time. A call
  // that never ran (denied, cut off while queued) spans what it did go through.
  const start = span.startedAt ?? spanStart(span) ?? span.settledAt;
  if (start === undefined) return undefined;
  const end = Math.max(start, span.settledAt ?? ctx.end);
  const failed = span.status !== undefined && failedStatuses.has(span.status);
  return {
    traceId: ctx.traceId,
    spanId: callSpanIdFor(run.id, span.callId),
    parentSpanId: runSpanIdFor(run.id),
    name: `execute_tool ${span.toolName}`,
    kind: SpanKind.internal,
    startTimeUnixNano: toUnixNanos(run.startedAtEpochMs, start),
    endTimeUnixNano: toUnixNanos(run.startedAtEpochMs, end),
    attributes: toAttributes({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': span.toolName,
      'gen_ai.tool.call.id': span.callId,
      'gen_ai.tool.type': toolType(span),
      'gen_ai.tool.call.arguments': options.recordContent
        ? stringifyContent(span.input, options.maxContentLength)
        : undefined,
      'gen_ai.tool.call.result': options.recordContent
        ? stringifyContent(span.output, options.maxContentLength)
        : undefined,
      'fanout.batch.id': span.stepId,
      'fanout.policy': run.policy,
      'fanout.tool.runs_on': span.runsOn,
      'fanout.tool.status': span.status ?? span.state,
      'fanout.queue.ms': diff(span.queuedAt, span.startedAt ?? span.settledAt),
      'fanout.queue.reason': span.queueReason,
      'fanout.deadline.ms': span.deadlineMs,
      'fanout.input_stream.ms': diff(span.inputStartedAt, span.inputAvailableAt),
      // A person's approval is its own figure, never dispatch latency.
      'fanout.dispatch.ms': dispatchLatencyOf(span),
      'fanout.approval.ms': diff(span.approvalRequestedAt, span.approvalResolvedAt),
      'fanout.approval': span.approval,
      'fanout.run.ms': diff(span.startedAt, span.settledAt),
      'fanout.shared_with': span.sharedWith,
      'fanout.output.bytes': span.outputBytes,
      'fanout.output.truncated': span.truncated,
      'error.type': failed ? span.status : undefined,
    }),
    events: defined([
      event(run, 'fanout.input_started', span.inputStartedAt),
      event(run, 'fanout.input_available', span.inputAvailableAt),
      event(run, 'fanout.approval_requested', span.approvalRequestedAt),
      event(run, 'fanout.approval_resolved', span.approvalResolvedAt, {
        'fanout.approval': span.approval,
      }),
      event(run, 'fanout.queued', span.queuedAt, { 'fanout.queue.reason': span.queueReason }),
      event(run, 'fanout.started', span.startedAt),
      event(run, 'fanout.settled', span.settledAt, { 'fanout.tool.status': span.status }),
    ]),
    status: failed ? { code: StatusCode.error, message: span.errorText ?? span.status } : {},
  };
}

/** The spans of one run: its root, one `chat` span per step, one `execute_tool` span per call. */
export function runToOtlpSpans(run: RunTrace, options: OtlpOptions): OtlpSpan[] {
  if (options.traceId !== undefined && !isValidHexId(options.traceId, 32))
    throw new Error('traceId must be 32 lowercase hex digits, not all zeros.');
  const ctx: SpanContext = {
    run,
    traceId: options.traceId ?? traceIdFor(run.id),
    end: runEnd(run),
    options: {
      recordContent: options.recordContent ?? true,
      maxContentLength: options.maxContentLength ?? DEFAULT_MAX_CONTENT,
      recordMessages: options.recordMessages ?? options.recordContent ?? true,
    },
  };
  const calls = run.spanOrder
    .map((callId) => run.spans[callId])
    .filter((span): span is ToolSpan => span !== undefined);
  return [
    runSpan(ctx),
    ...run.steps.map((step) => stepSpan(ctx, step)),
    ...defined(calls.map((span) => toolSpan(ctx, span))),
  ];
}

/** Runs as one OTLP/JSON `ExportTraceServiceRequest`, ready for `POST /v1/traces`. Pure. */
export function toOtlp(runs: readonly RunTrace[], options: OtlpOptions): OtlpExportRequest {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: toAttributes({
            'service.name': options.serviceName,
            'telemetry.sdk.name': 'fanout',
            'telemetry.sdk.language': 'webjs',
          }),
        },
        scopeSpans: [
          {
            scope: { ...FANOUT_SCOPE },
            spans: runs.flatMap((run) => runToOtlpSpans(run, options)),
          },
        ],
      },
    ],
  };
}

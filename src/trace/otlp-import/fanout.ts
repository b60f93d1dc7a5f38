import { z } from 'zod';
import {
  carriedOutputSchema,
  runStatusSchema,
  spanStateSchema,
  spanStatusSchema,
} from '../export-format';
import { CARRIED_EVENT } from '../otlp';
import type {
  CarriedOutput,
  RunStatus,
  RunTrace,
  SpanState,
  SpanStatus,
  StepTrace,
  ToolSpan,
} from '../trace-types';
import type { ImportedEvent, ImportedSpan } from './otlp-json';
import { content, count, text, usageOf } from './roles';
import { epochMs, relativeMs } from './time';

/**
 * Fanout's own OTLP export read back: its `fanout.*` attributes and phase events restore every
 * moment the native trace held, so a round trip gives the same bars, phases and figures. What
 * the export leaves out (a server tool's proxy-clock timing) stays absent.
 */

// The file format's own lists (export-format.ts), so an import accepts exactly what an export
// can write; without the `settled` state, which the status stands for.
const spanStatuses: ReadonlySet<string> = new Set(spanStatusSchema.options);
const openStates: ReadonlySet<string> = new Set(
  spanStateSchema.options.filter((state) => state !== 'settled'),
);
const runStatuses: ReadonlySet<string> = new Set(runStatusSchema.options);
const carriedStates: ReadonlySet<string> = new Set(carriedOutputSchema.shape.state.options);

/** The GenAI conventions' input messages, as far as tool results go (other parts pass through). */
const inputMessagesSchema = z.array(
  z.object({
    role: z.string(),
    parts: z.array(
      z.union([
        z.object({ type: z.literal('tool_call_response'), id: z.string(), response: z.unknown() }),
        z.object({ type: z.string() }),
      ]),
    ),
  }),
);

/** Each tool result's response text in a chat span's `gen_ai.input.messages`, by call id. */
function toolResponses(value: unknown): Map<string, string> {
  const responses = new Map<string, string>();
  const parsed = inputMessagesSchema.safeParse(content(typeof value === 'string' ? value : ''));
  if (!parsed.success) return responses;
  for (const message of parsed.data)
    for (const part of message.parts)
      if ('id' in part)
        responses.set(
          part.id,
          typeof part.response === 'string' ? part.response : JSON.stringify(part.response),
        );
  return responses;
}

/**
 * The tool results a step's request carried back (`fanout.carried_output` events), with each
 * summary from the input messages; an export without content has none (the summary is empty).
 */
function carriedOf(span: ImportedSpan): CarriedOutput[] | undefined {
  const responses = toolResponses(span.attributes['gen_ai.input.messages']);
  const carried: CarriedOutput[] = [];
  for (const event of span.events) {
    if (event.name !== CARRIED_EVENT) continue;
    const e = event.attributes;
    const callId = text(e, 'gen_ai.tool.call.id');
    const toolName = text(e, 'gen_ai.tool.name');
    const state = oneOf<CarriedOutput['state']>(text(e, 'fanout.carried.state'), carriedStates);
    const bytes = count(e, 'fanout.carried.bytes');
    if (!callId || !toolName || !state || bytes === undefined) continue;
    carried.push({ callId, toolName, state, summary: responses.get(callId) ?? '', bytes });
  }
  return carried.length > 0 ? carried : undefined;
}

export function isFanoutSpan(span: ImportedSpan): boolean {
  return typeof span.attributes['fanout.run.id'] === 'string';
}

function eventAt(
  events: readonly ImportedEvent[],
  name: string,
  origin: bigint,
): number | undefined {
  const found = events.find((event) => event.name === name);
  return found ? relativeMs(found.timeNs, origin) : undefined;
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: ReadonlySet<string>,
): T | undefined {
  return value !== undefined && allowed.has(value) ? (value as T) : undefined;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** The runs of one trace written by Fanout: one per `invoke_agent` span with a `fanout.run.id`. */
export function fanoutRuns(spans: readonly ImportedSpan[]): RunTrace[] {
  const runs: RunTrace[] = [];
  for (const root of spans.filter(isFanoutSpan)) {
    const a = root.attributes;
    const origin = root.startNs;
    const children = spans.filter((span) => span.parentSpanId === root.spanId);
    const steps: StepTrace[] = [];
    for (const span of children) {
      const stepId = text(span.attributes, 'fanout.step.id');
      if (!stepId || text(span.attributes, 'gen_ai.operation.name') !== 'chat') continue;
      const s = span.attributes;
      const reasons = s['gen_ai.response.finish_reasons'];
      steps.push(
        definedOnly<StepTrace>({
          id: stepId,
          index: count(s, 'fanout.step.index') ?? steps.length,
          requestAt: relativeMs(span.startNs, origin),
          firstByteAt: eventAt(span.events, 'fanout.first_byte', origin),
          firstContentAt: eventAt(span.events, 'fanout.first_content', origin),
          textStartAt: eventAt(span.events, 'fanout.text_start', origin),
          finishedAt: s['fanout.step.open'] === true ? undefined : relativeMs(span.endNs, origin),
          outputsReturnedAt: eventAt(span.events, 'fanout.outputs_returned', origin),
          callIds: [],
          finishReason:
            Array.isArray(reasons) && typeof reasons[0] === 'string' ? reasons[0] : undefined,
          usage: usageOf(
            count(s, 'gen_ai.usage.input_tokens'),
            count(s, 'gen_ai.usage.output_tokens'),
          ),
          errorText: span.statusCode === 2 ? span.statusMessage : undefined,
          carried: carriedOf(span),
        }),
      );
    }
    const spanRecord: Record<string, ToolSpan> = {};
    const spanOrder: string[] = [];
    for (const span of children) {
      const t = span.attributes;
      const callId = text(t, 'gen_ai.tool.call.id');
      const toolName = text(t, 'gen_ai.tool.name');
      const stepId = text(t, 'fanout.batch.id');
      if (text(t, 'gen_ai.operation.name') !== 'execute_tool' || !callId || !toolName || !stepId)
        continue;
      const shown = text(t, 'fanout.tool.status');
      const status = oneOf<SpanStatus>(shown, spanStatuses);
      const runsOn = text(t, 'fanout.tool.runs_on');
      const approval = text(t, 'fanout.approval');
      const queueReason = text(t, 'fanout.queue.reason');
      const at = (name: string) => eventAt(span.events, name, origin);
      spanRecord[callId] = definedOnly<ToolSpan>({
        callId,
        toolName,
        stepId,
        runsOn: runsOn === 'browser' || runsOn === 'server' ? runsOn : 'unknown',
        state: status ? 'settled' : (oneOf<SpanState>(shown, openStates) ?? 'settled'),
        status,
        input: content(t['gen_ai.tool.call.arguments']),
        output: content(t['gen_ai.tool.call.result']),
        errorText: span.statusCode === 2 ? span.statusMessage : undefined,
        truncated: t['fanout.output.truncated'] === true ? true : undefined,
        outputBytes: count(t, 'fanout.output.bytes'),
        sharedWith: text(t, 'fanout.shared_with'),
        queueReason:
          queueReason === 'step-open' ||
          queueReason === 'sequential' ||
          queueReason === 'global-cap' ||
          queueReason === 'tool-cap'
            ? queueReason
            : undefined,
        deadlineMs: count(t, 'fanout.deadline.ms'),
        inputStartedAt: at('fanout.input_started'),
        inputAvailableAt: at('fanout.input_available'),
        approvalRequestedAt: at('fanout.approval_requested'),
        approvalResolvedAt: at('fanout.approval_resolved'),
        approval: approval === 'approved' || approval === 'denied' ? approval : undefined,
        queuedAt: at('fanout.queued'),
        startedAt: at('fanout.started'),
        settledAt: at('fanout.settled'),
      });
      spanOrder.push(callId);
      steps.find((step) => step.id === stepId)?.callIds.push(callId);
    }
    const policy = text(a, 'fanout.policy');
    const status = oneOf<RunStatus>(text(a, 'fanout.run.status'), runStatuses) ?? 'complete';
    runs.push(
      definedOnly<RunTrace>({
        id: text(a, 'fanout.run.id') ?? root.spanId,
        prompt: text(a, 'fanout.run.prompt') ?? '',
        modelId: text(a, 'fanout.model.id'),
        policy: policy === 'batch' || policy === 'sequential' ? policy : 'parallel',
        parallelToolCalls: a['fanout.parallel_tool_calls'] !== false,
        status,
        startedAtEpochMs: epochMs(origin),
        startedAtPerf: 0,
        endedAt: status === 'running' ? undefined : relativeMs(root.endNs, origin),
        steps: steps.sort((x, y) => x.index - y.index),
        spanOrder,
        spans: spanRecord,
      }),
    );
  }
  return runs;
}

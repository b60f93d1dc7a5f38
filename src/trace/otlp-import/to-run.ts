import type { RunTrace, StepTrace, ToolSpan } from '../trace-types';
import { aiSdkDialect } from './ai-sdk';
import { genaiDialect } from './genai';
import { openInferenceDialect } from './openinference';
import type { ImportedSpan } from './otlp-json';
import type { Dialect, DialectName, SpanRole } from './roles';
import { epochMs, relativeMs } from './time';

/**
 * One trace of another agent as a Fanout run. Model calls become steps (in the order they
 * started); each tool span becomes a call in the step whose model call started last before it.
 * Only what the spans state is filled in: a tool span's start and end are its running phase,
 * and the queue time or input streaming a format does not record stays absent.
 */

/** OpenInference first: its spans may carry GenAI attributes too, but state their kind outright. */
const dialects: readonly Dialect[] = [openInferenceDialect, genaiDialect, aiSdkDialect];

type Read = { span: ImportedSpan; role: SpanRole; dialect: DialectName };

function roleOf(span: ImportedSpan): Read | undefined {
  for (const dialect of dialects) {
    const role = dialect.read(span);
    if (role) return { span, role, dialect: dialect.name };
  }
  return undefined;
}

export type BuiltRun = { run: RunTrace; dialects: DialectName[] };

function byStart(a: Read, b: Read): number {
  return a.span.startNs < b.span.startNs ? -1 : a.span.startNs > b.span.startNs ? 1 : 0;
}

export function runFromSpans(traceId: string, spans: readonly ImportedSpan[]): BuiltRun | string {
  const read = spans.map(roleOf).filter((item): item is Read => item !== undefined);
  const models = read.filter((item) => item.role.role === 'model').sort(byStart);
  const tools = read.filter((item) => item.role.role === 'tool').sort(byStart);
  if (models.length === 0 && tools.length === 0)
    return `trace ${traceId} has no model or tool spans that Fanout reads (OpenTelemetry GenAI, AI SDK or OpenInference)`;
  const agent = read.filter((item) => item.role.role === 'agent').sort(byStart)[0];
  let origin = spans[0]?.startNs ?? 0n;
  for (const span of spans) if (span.startNs < origin) origin = span.startNs;
  const rel = (ns: bigint) => relativeMs(ns, origin);

  const steps: StepTrace[] = models.map(({ span, role }, index) => {
    const model = role.role === 'model' ? role : undefined;
    return {
      id: `step-${index + 1}`,
      index,
      requestAt: rel(span.startNs),
      finishedAt: rel(span.endNs),
      callIds: [],
      ...(model?.finishReason ? { finishReason: model.finishReason } : {}),
      ...(model?.usage ? { usage: model.usage } : {}),
      ...(span.statusCode === 2
        ? { errorText: span.statusMessage ?? 'The model call failed.' }
        : {}),
    };
  });

  const calls: Record<string, ToolSpan> = {};
  const order: string[] = [];
  for (const { span, role } of tools) {
    if (role.role !== 'tool') continue;
    const start = rel(span.startNs);
    let step = [...steps].reverse().find((candidate) => candidate.requestAt <= start);
    if (!step) {
      // Tools before any model call (or a trace of tools alone) still need a step to sit in: an
      // empty one at the trace's start, which states no model timing.
      step = { id: 'step-0', index: -1, requestAt: 0, finishedAt: 0, callIds: [] };
      steps.unshift(step);
    }
    let callId = role.callId ?? span.spanId;
    if (calls[callId]) callId = `${callId}#${span.spanId}`;
    calls[callId] = {
      callId,
      toolName: role.toolName,
      stepId: step.id,
      runsOn: 'unknown',
      state: 'settled',
      status: role.errorText ? 'error' : 'ok',
      ...(role.input !== undefined ? { input: role.input } : {}),
      ...(role.output !== undefined ? { output: role.output } : {}),
      ...(role.errorText ? { errorText: role.errorText } : {}),
      startedAt: start,
      settledAt: rel(span.endNs),
    };
    order.push(callId);
    step.callIds.push(callId);
  }
  steps.forEach((step, index) => {
    step.index = index;
  });

  let end = 0;
  for (const span of spans) end = Math.max(end, rel(span.endNs));
  const agentRole = agent?.role.role === 'agent' ? agent.role : undefined;
  const firstModel = models[0]?.role;
  const run: RunTrace = {
    id: `otlp-${traceId.slice(0, 16)}`,
    prompt: agentRole?.prompt ?? '',
    ...((agentRole?.modelId ?? (firstModel?.role === 'model' ? firstModel.modelId : undefined))
      ? {
          modelId:
            agentRole?.modelId ?? (firstModel?.role === 'model' ? firstModel.modelId : undefined),
        }
      : {}),
    policy: 'parallel',
    parallelToolCalls: true,
    status: agent?.span.statusCode === 2 ? 'error' : 'complete',
    startedAtEpochMs: epochMs(origin),
    startedAtPerf: 0,
    endedAt: end,
    steps,
    spanOrder: order,
    spans: calls,
  };
  return { run, dialects: [...new Set(read.map((item) => item.dialect))] };
}

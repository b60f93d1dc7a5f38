import { z } from 'zod';
import { tokenUsageSchema } from '../shared/message-metadata';
import type { CarriedOutput, ProxyTimes, RunTrace, StepTrace, ToolSpan } from './trace-types';

/**
 * The native trace file: `{ format: 'fanout-trace', version, exportedAt, runs }`, where each run
 * is a `RunTrace` exactly as the trace store holds it. The schema mirrors `trace-types.ts` so an
 * imported file is as trustworthy as a live run; bump `TRACE_FORMAT_VERSION` on any change a
 * version-1 reader could not follow (and teach `importTrace` to upgrade the old shape). Unknown
 * fields are dropped rather than refused, so a file from a later writer of the same version
 * still opens.
 */

export const TRACE_FORMAT = 'fanout-trace';
export const TRACE_FORMAT_VERSION = 1;

/** A time in ms from the run's start. */
const relativeMs = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

const proxyTimesSchema = z.object({
  receivedAt: z.number().finite().optional(),
  upstreamRequestAt: z.number().finite().optional(),
  firstChunkAt: z.number().finite().optional(),
  finishedAt: z.number().finite().optional(),
}) satisfies z.ZodType<ProxyTimes>;

/** A call's state in the file: the one list the importers check a value against. */
export const spanStateSchema = z.enum([
  'input-streaming',
  'awaiting-approval',
  'queued',
  'running',
  'remote',
  'sharing',
  'settled',
]);
/** How a settled call ended, as the file writes it. */
export const spanStatusSchema = z.enum([
  'ok',
  'error',
  'timeout',
  'invalid-input',
  'cancelled',
  'deduplicated',
  'denied',
  'interrupted',
]);
/** A run's status, as the file writes it. */
export const runStatusSchema = z.enum(['running', 'complete', 'stopped', 'error', 'interrupted']);

export const toolSpanSchema = z.object({
  callId: z.string().min(1),
  toolName: z.string().min(1),
  stepId: z.string().min(1),
  runsOn: z.enum(['browser', 'server', 'unknown']),
  state: spanStateSchema,
  status: spanStatusSchema.optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  errorText: z.string().optional(),
  truncated: z.boolean().optional(),
  outputBytes: count.optional(),
  sharedWith: z.string().optional(),
  queueReason: z.enum(['step-open', 'sequential', 'global-cap', 'tool-cap']).optional(),
  deadlineMs: z.number().finite().nonnegative().optional(),
  inputStartedAt: relativeMs.optional(),
  inputAvailableAt: relativeMs.optional(),
  approvalRequestedAt: relativeMs.optional(),
  approvalResolvedAt: relativeMs.optional(),
  approval: z.enum(['approved', 'denied']).optional(),
  queuedAt: relativeMs.optional(),
  startedAt: relativeMs.optional(),
  settledAt: relativeMs.optional(),
}) satisfies z.ZodType<ToolSpan>;

export const carriedOutputSchema = z.object({
  callId: z.string().min(1),
  toolName: z.string().min(1),
  state: z.enum(['output', 'error', 'denied']),
  summary: z.string(),
  bytes: count,
}) satisfies z.ZodType<CarriedOutput>;

export const stepTraceSchema = z.object({
  id: z.string().min(1),
  index: count,
  requestAt: relativeMs,
  firstByteAt: relativeMs.optional(),
  firstContentAt: relativeMs.optional(),
  textStartAt: relativeMs.optional(),
  finishedAt: relativeMs.optional(),
  outputsReturnedAt: relativeMs.optional(),
  callIds: z.array(z.string().min(1)),
  finishReason: z.string().optional(),
  usage: tokenUsageSchema.optional(),
  proxy: proxyTimesSchema.optional(),
  errorText: z.string().optional(),
  carried: z.array(carriedOutputSchema).optional(),
}) satisfies z.ZodType<StepTrace>;

export const runTraceSchema = z
  .object({
    id: z.string().min(1),
    userMessageId: z.string().optional(),
    priorMessages: z.number().int().nonnegative().optional(),
    prompt: z.string(),
    modelId: z.string().optional(),
    policy: z.enum(['parallel', 'batch', 'sequential']),
    parallelToolCalls: z.boolean(),
    status: runStatusSchema,
    startedAtEpochMs: z.number().finite().nonnegative(),
    startedAtPerf: z.number().finite(),
    endedAt: relativeMs.optional(),
    steps: z.array(stepTraceSchema),
    spanOrder: z.array(z.string().min(1)),
    spans: z.record(z.string(), toolSpanSchema),
  })
  .superRefine((run, ctx) => {
    // The cross-references the timeline follows: a dangling one would draw a row from nothing.
    // Own properties only, so a call id like "constructor" cannot pass for a span.
    for (const [key, span] of Object.entries(run.spans)) {
      if (span.callId !== key)
        ctx.addIssue({
          code: 'custom',
          path: ['spans', key, 'callId'],
          message: `is "${span.callId}" but the span is filed under "${key}"`,
        });
      if (!run.steps.some((step) => step.id === span.stepId))
        ctx.addIssue({
          code: 'custom',
          path: ['spans', key, 'stepId'],
          message: `names step "${span.stepId}", which the run does not have`,
        });
    }
    run.spanOrder.forEach((callId, index) => {
      if (!Object.hasOwn(run.spans, callId))
        ctx.addIssue({
          code: 'custom',
          path: ['spanOrder', index],
          message: `names call "${callId}", which the run has no span for`,
        });
    });
    run.steps.forEach((step, stepIndex) => {
      step.callIds.forEach((callId, index) => {
        if (!Object.hasOwn(run.spans, callId))
          ctx.addIssue({
            code: 'custom',
            path: ['steps', stepIndex, 'callIds', index],
            message: `names call "${callId}", which the run has no span for`,
          });
      });
    });
  }) satisfies z.ZodType<RunTrace>;

/** The version-1 file as a whole. */
export const traceFileSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(TRACE_FORMAT_VERSION),
  /** When the file was written (ISO 8601). */
  exportedAt: z.iso.datetime(),
  runs: z.array(runTraceSchema),
});
export type TraceFile = z.infer<typeof traceFileSchema>;

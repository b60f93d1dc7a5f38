import type { UIMessageChunk } from 'ai';
import { messageMetadataSchema } from '../shared/message-metadata';
import {
  SERVER_TOOL_PROGRESS_CHUNK,
  SERVER_TOOL_STATE_CHUNK,
  SERVER_TOOL_TIMING_CHUNK,
  serverToolProgressSchema,
  serverToolStateSchema,
  serverToolTimingSchema,
} from '../shared/server-tool-timing';
import type { TraceEvent } from '../trace/trace-events';

/**
 * Where one model response is, as the tap reads it. `failed` (an error chunk) and `finished`
 * (a finish chunk, or the end of the stream) are final: the chat stops at an error chunk, so
 * nothing the server sends after it may count, and nothing follows a finish.
 */
export type ResponsePhase =
  /** Nothing but bookkeeping chunks yet: the first content is still to come. */
  | 'awaiting-content'
  /** A call or reasoning has started; no text yet. */
  | 'content'
  /** Text has streamed. */
  | 'text'
  | 'finished'
  | 'failed';

/**
 * Which response the chunks belong to, when the current one was read, and (asked only when
 * the response ends) which of its calls are still streaming their input.
 */
export type TapContext = {
  runId: string;
  stepId: string;
  at: number;
  incompleteInputs: () => readonly { callId: string; toolName: string }[];
};

/** What reading a chunk asks of the turn, in order. */
export type TapEffect =
  | { kind: 'trace'; event: TraceEvent }
  | { kind: 'input-started'; callId: string; toolName: string }
  /** The input is complete: the call may start now, ahead of the chat's own processing. */
  | { kind: 'input-available'; callId: string; toolName: string; input: unknown }
  | { kind: 'input-rejected'; callId: string; toolName: string; input: unknown; errorText: string }
  | { kind: 'server-settled'; callId: string; output?: unknown; errorText?: string }
  /** The proxy did not run this call: it shared the result of `sharedWith`, identical to it. */
  | { kind: 'server-shared'; callId: string; sharedWith: string }
  /** The model will emit no more calls in this response. */
  | { kind: 'close-step' };

/** The response's new phase and what the turn must do, in order. */
export type TapResult = { phase: ResponsePhase; effects: readonly TapEffect[] };

export const CUT_OFF_INPUT = 'The response ended before this call’s input was complete.' as const;
export const CUT_OFF_RESPONSE =
  'The model’s response was cut off before it finished. Retry to ask again.' as const;
export const BROKEN_OFF_RESPONSE =
  'The model’s response ended before it finished. Retry to ask again.' as const;

const none: readonly TapEffect[] = [];

function isFinal(phase: ResponsePhase): boolean {
  return phase === 'finished' || phase === 'failed';
}

/** A response that ends mid-call leaves inputs that will never complete: each fails clearly. */
function rejectOpenInputs(context: TapContext): TapEffect[] {
  return context.incompleteInputs().map(({ callId, toolName }) => ({
    kind: 'input-rejected',
    callId,
    toolName,
    input: undefined,
    errorText: CUT_OFF_INPUT,
  }));
}

function runFailed(context: TapContext, errorText: string): TapEffect[] {
  const { runId, stepId, at } = context;
  return [
    { kind: 'trace', event: { type: 'step-error', runId, stepId, at, errorText } },
    { kind: 'trace', event: { type: 'run-ended', runId, status: 'error', at } },
  ];
}

/** The first content of a response, and its first text, are each traced once. */
function readContent(phase: ResponsePhase, text: boolean, context: TapContext): TapResult {
  if (phase === 'text' || (!text && phase === 'content')) return { phase, effects: none };
  const { runId, stepId, at } = context;
  return {
    phase: text ? 'text' : 'content',
    effects: [{ kind: 'trace', event: { type: 'step-content', runId, stepId, at, text } }],
  };
}

function readFinish(
  chunk: Extract<UIMessageChunk, { type: 'finish' }>,
  context: TapContext,
): TapResult {
  const { runId, stepId, at } = context;
  const metadata = messageMetadataSchema.safeParse(chunk.messageMetadata);
  const meta = metadata.success ? metadata.data : undefined;
  const finishReason = chunk.finishReason ?? meta?.finishReason;
  const finished: TraceEvent = {
    type: 'step-finished',
    runId,
    stepId,
    at,
    finishReason,
    usage: meta?.usage,
    proxy: meta?.proxy,
  };
  const cutOff = rejectOpenInputs(context);
  const ending =
    finishReason === 'interrupted' || cutOff.length > 0
      ? runFailed(context, CUT_OFF_RESPONSE)
      : finishReason !== 'tool-calls'
        ? [{ kind: 'trace', event: { type: 'run-ended', runId, status: 'complete', at } } as const]
        : [];
  return {
    phase: 'finished',
    // The step closes at the response's finish, not at its first finish-step: a response can
    // hold several model steps (a server tool's, then more calls), all one request to the page.
    effects: [{ kind: 'trace', event: finished }, ...cutOff, ...ending, { kind: 'close-step' }],
  };
}

/**
 * Reads one chunk of a model response, as soon as it arrives and before the chat processes it.
 * Pure: the response's new phase and what the turn must do, in order.
 */
export function readChunk(
  phase: ResponsePhase,
  chunk: UIMessageChunk,
  context: TapContext,
): TapResult {
  if (isFinal(phase)) return { phase, effects: none };
  switch (chunk.type) {
    case 'text-delta':
      return readContent(phase, true, context);
    case 'reasoning-delta':
      return readContent(phase, false, context);
    case 'tool-input-start': {
      const content = readContent(phase, false, context);
      return {
        phase: content.phase,
        effects: [
          ...content.effects,
          { kind: 'input-started', callId: chunk.toolCallId, toolName: chunk.toolName },
        ],
      };
    }
    case 'tool-input-available': {
      const { toolCallId: callId, toolName } = chunk;
      return {
        phase,
        // Started even without a start chunk (some providers send a call whole); the call runs
        // from now, not from when the chat reaches this chunk, which with many calls in one
        // response can be tens of milliseconds later. The provider's own calls are not ours.
        effects: chunk.providerExecuted
          ? [{ kind: 'input-started', callId, toolName }]
          : [
              { kind: 'input-started', callId, toolName },
              { kind: 'input-available', callId, toolName, input: chunk.input },
            ],
      };
    }
    case 'tool-input-error':
      return {
        phase,
        effects: [
          {
            kind: 'input-rejected',
            callId: chunk.toolCallId,
            toolName: chunk.toolName,
            input: chunk.input,
            errorText: chunk.errorText,
          },
        ],
      };
    case 'tool-output-available':
      return {
        phase,
        effects: [{ kind: 'server-settled', callId: chunk.toolCallId, output: chunk.output }],
      };
    case 'tool-output-error':
      return {
        phase,
        effects: [{ kind: 'server-settled', callId: chunk.toolCallId, errorText: chunk.errorText }],
      };
    case SERVER_TOOL_TIMING_CHUNK: {
      // When the proxy ran a server tool, on its own clock: the call's bar is drawn from it.
      const timing = serverToolTimingSchema.safeParse(chunk.data);
      if (!timing.success) return { phase, effects: none };
      const event: TraceEvent = {
        type: 'server-call-timed',
        runId: context.runId,
        callId: timing.data.toolCallId,
        ...(timing.data.queuedAt === undefined ? {} : { queuedAtEpochMs: timing.data.queuedAt }),
        startedAtEpochMs: timing.data.startedAt,
        settledAtEpochMs: timing.data.settledAt,
      };
      const { sharedWith } = timing.data;
      // A shared call never ran: like a browser duplicate it is drawn as sharing until its
      // result reaches the page. Its output, just after, settles it as shared.
      if (sharedWith !== undefined)
        return {
          phase,
          effects: [{ kind: 'server-shared', callId: timing.data.toolCallId, sharedWith }],
        };
      return { phase, effects: [{ kind: 'trace', event }] };
    }
    case SERVER_TOOL_STATE_CHUNK: {
      // A server call waits for a slot on the proxy, or starts: its bar shows it as it happens.
      const state = serverToolStateSchema.safeParse(chunk.data);
      if (!state.success) return { phase, effects: none };
      const event: TraceEvent = {
        type: 'server-call-state',
        runId: context.runId,
        callId: state.data.toolCallId,
        state: state.data.state,
        atEpochMs: state.data.at,
      };
      return { phase, effects: [{ kind: 'trace', event }] };
    }
    case SERVER_TOOL_PROGRESS_CHUNK: {
      // An MCP server's progress on a running call: shown inside the running bar.
      const report = serverToolProgressSchema.safeParse(chunk.data);
      if (!report.success) return { phase, effects: none };
      const { toolCallId, ...progress } = report.data;
      const event: TraceEvent = {
        type: 'server-call-progress',
        runId: context.runId,
        callId: toolCallId,
        ...progress,
      };
      return { phase, effects: [{ kind: 'trace', event }] };
    }
    case 'finish':
      return readFinish(chunk, context);
    case 'error':
      return { phase: 'failed', effects: runFailed(context, chunk.errorText) };
    default:
      return { phase, effects: none };
  }
}

/**
 * The response's stream ended: normally, by a network error, or cancelled by Stop. Without a
 * finish chunk the response broke off; that fails the run unless it already failed or stopped.
 */
export function endResponse(
  phase: ResponsePhase,
  context: TapContext & { error?: unknown; stopped: boolean },
): TapResult {
  if (phase === 'finished') return { phase, effects: none };
  const closing: TapEffect[] = [...rejectOpenInputs(context), { kind: 'close-step' }];
  if (phase === 'failed' || context.stopped) return { phase: 'finished', effects: closing };
  const errorText = context.error instanceof Error ? context.error.message : BROKEN_OFF_RESPONSE;
  return { phase: 'finished', effects: [...closing, ...runFailed(context, errorText)] };
}

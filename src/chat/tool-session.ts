import type { UIMessageChunk } from 'ai';
import {
  createExecutor,
  type ExecutionPolicy,
  type Executor,
  type Settlement,
  type ToolRuntime,
  type Turn,
} from '../runtime';
import type { OfflinePacingRequest, ServerToolOverride } from '../shared/demo-request';
import { messageMetadataSchema } from '../shared/message-metadata';
import { SERVER_TOOL_TIMING_CHUNK, serverToolTimingSchema } from '../shared/server-tool-timing';
import { toolSpecByName, toolSpecs } from '../shared/tools';
import { runWithFault, type ToolFault } from '../shared/tools/fault-injection';
import type { SimulatedLatency, ToolSpec } from '../shared/tools/tool-spec';
import type { BrowserTool, DataLoader } from '../tools/registry';
import type { HandlerClock } from '../trace/handler-clock';
import type { TraceEvent } from '../trace/trace-events';
import type { FanoutMessage } from './chat-types';

/** What a turn runs with, read when the user sends. */
export type TurnSettings = {
  policy: ExecutionPolicy;
  parallelToolCalls: boolean;
  maxConcurrency: number;
  modelId?: string;
  latency: (toolName: string, own: SimulatedLatency) => SimulatedLatency;
  /** The failure the demo controls inject into a tool, if any. */
  fault?: (toolName: string) => ToolFault | undefined;
  /** How many times longer a `slow` tool waits. */
  slowFactor?: number;
  /** A tool's concurrency cap: the demo's override, or `own` (the spec's); undefined = none. */
  toolConcurrency?: (toolName: string, own: number | undefined) => number | undefined;
  /** The offline planner's pacing, sent with each request (other models ignore it). */
  offlinePacing?: OfflinePacingRequest;
};

/** What the transport adds to each /api/chat body for the turn in progress. */
export type RequestExtras = {
  policy: ExecutionPolicy;
  parallelToolCalls: boolean;
  model?: string;
  serverTools?: Record<string, ServerToolOverride>;
  offlinePacing?: OfflinePacingRequest;
};

export type ToolSessionOptions = {
  browserTools: Readonly<Record<string, BrowserTool>>;
  load: DataLoader;
  settings: () => TurnSettings;
  trace: (event: TraceEvent) => void;
  now?: () => number;
  /** The handlers' own clock readings, for timing-fidelity benchmarks (see trace/handler-clock). */
  handlerClock?: HandlerClock;
};

/** One model request as the transport sees it. */
export type StepTap = {
  runId: string;
  stepId: string;
  /** Called with every chunk as it is read off the response, before the chat processes it. */
  observe: (chunk: UIMessageChunk) => void;
  firstByte: () => void;
  /** The response ended (normally, by error or by abort). */
  end: (error?: unknown) => void;
};

function textOfUserMessage(message: FanoutMessage | undefined): string {
  if (!message) return '';
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
}

let runCounter = 0;

/**
 * Bridges the chat to the executor and the trace: the transport reports each request and its
 * chunks, `onToolCall` reports complete inputs, and settled calls go back through `deliver`
 * (which becomes `addToolOutput`). No React here, so it can be tested on its own.
 */
export class ToolSession {
  private readonly executor: Executor;
  private turn: Turn | undefined;
  private settings: TurnSettings | undefined;
  private stepCount = 0;
  private readonly stepOfCall = new Map<string, string>();
  private deliverOutput: (settlement: Settlement) => void = () => undefined;
  /** Calls the chat has processed (its onToolCall ran): only these can take an output. */
  private readonly chatKnows = new Set<string>();
  /** Outputs of calls that settled before the chat caught up with their input. */
  private readonly heldOutputs = new Map<string, Settlement>();
  private readonly now: () => number;

  constructor(private readonly options: ToolSessionOptions) {
    this.now = options.now ?? (() => performance.now());
    this.executor = createExecutor({
      resolveTool: this.resolveTool,
      now: this.now,
      onEvent: (event) => this.options.trace({ type: 'executor', event }),
      deliver: (settlement) => this.deliverWhenKnown(settlement),
    });
  }

  /** Where settled outputs go (the chat's addToolOutput). */
  setDeliver(deliver: (settlement: Settlement) => void) {
    this.deliverOutput = deliver;
  }

  /**
   * A call starts as soon as the stream tap reads its input, which can be before the chat has
   * processed that chunk; an output given to the chat before then would be overwritten by the
   * input chunk, so it waits for the chat's onToolCall.
   */
  private deliverWhenKnown(settlement: Settlement) {
    if (this.chatKnows.has(settlement.callId)) this.deliverOutput(settlement);
    else this.heldOutputs.set(settlement.callId, settlement);
  }

  /** The id of the run in progress, if any. */
  get currentRunId(): string | undefined {
    return this.turn?.id;
  }

  /** True when the latest run was stopped: nothing more may be sent for it. */
  get stopped(): boolean {
    return this.turn?.stopped ?? false;
  }

  /** The spec with the demo's concurrency cap for this turn in place of its own. */
  private capped(spec: ToolSpec): ToolSpec {
    const settings = this.settings;
    if (!settings?.toolConcurrency) return spec;
    const cap = settings.toolConcurrency(spec.name, spec.concurrency);
    if (cap === spec.concurrency) return spec;
    const { concurrency: _own, ...rest } = spec;
    return cap === undefined ? rest : { ...rest, concurrency: cap };
  }

  private resolveTool = (name: string): ToolRuntime | undefined => {
    const browser = this.options.browserTools[name];
    if (browser) {
      const { spec, handler } = browser;
      const load = this.options.load;
      const settings = this.settings;
      return {
        spec: this.capped(spec),
        // The demo's latency and injected fault wrap the real handler: `error` throws,
        // `timeout` never answers (the executor's deadline settles it), `slow` waits longer.
        run: async (input, ctx) => {
          const clock = this.options.handlerClock;
          const enteredAt = clock?.enabled ? performance.now() : 0;
          let sleptAt = 0;
          const output = await runWithFault(
            {
              toolName: name,
              fault: settings?.fault?.(name),
              latency: settings
                ? settings.latency(name, spec.simulatedLatency)
                : spec.simulatedLatency,
              slowFactor: settings?.slowFactor,
              signal: ctx.signal,
            },
            () => {
              if (clock?.enabled) sleptAt = performance.now();
              return handler(input, { signal: ctx.signal, load });
            },
          );
          if (clock?.enabled) {
            clock.record({ callId: ctx.callId, enteredAt, sleptAt, returnedAt: performance.now() });
          }
          return output;
        },
      };
    }
    const spec = toolSpecByName[name];
    return spec?.runsOn === 'server' ? { spec } : undefined;
  };

  /** The request body additions for the turn in progress. */
  requestBody(): RequestExtras {
    const settings = this.settings ?? this.options.settings();
    // The proxy runs server tools, so their demo latency and faults travel with the request.
    const serverTools: Record<string, ServerToolOverride> = {};
    for (const spec of toolSpecs as readonly ToolSpec[]) {
      if (spec.runsOn !== 'server') continue;
      const latency = settings.latency(spec.name, spec.simulatedLatency);
      const fault = settings.fault?.(spec.name);
      const override: ServerToolOverride = {
        ...(latency === spec.simulatedLatency ? {} : { latency }),
        ...(fault ? { fault } : {}),
        ...(fault === 'slow' && settings.slowFactor ? { slowFactor: settings.slowFactor } : {}),
      };
      if (Object.keys(override).length > 0) serverTools[spec.name] = override;
    }
    const pacing = settings.offlinePacing;
    return {
      policy: settings.policy,
      parallelToolCalls: settings.parallelToolCalls,
      ...(settings.modelId ? { model: settings.modelId } : {}),
      ...(Object.keys(serverTools).length > 0 ? { serverTools } : {}),
      ...(pacing && Object.keys(pacing).length > 0 ? { offlinePacing: pacing } : {}),
    };
  }

  /**
   * The transport is about to send `messages`. A conversation ending in a user message starts
   * a new run; one ending in the assistant's tool results is the follow-up of the current run.
   */
  beginRequest(messages: FanoutMessage[]): StepTap {
    const last = messages.at(-1);
    if (!this.turn || last?.role === 'user') this.startRun(last);
    const turn = this.turn as Turn;
    const runId = turn.id;
    const stepId = `${runId}/step-${++this.stepCount}`;
    const trace = this.options.trace;
    trace({ type: 'step-requested', runId, stepId, at: this.now() });

    // A response that ends mid-call leaves inputs that will never complete: fail them clearly.
    const failIncompleteInputs = () => {
      let failed = 0;
      for (const call of turn.snapshot()) {
        if (call.stepId !== stepId || call.phase !== 'input-streaming') continue;
        failed++;
        turn.inputRejected({
          stepId,
          callId: call.callId,
          toolName: call.toolName,
          input: undefined,
          errorText: 'The response ended before this call’s input was complete.',
        });
      }
      return failed;
    };
    let sawContent = false;
    let sawText = false;
    let finished = false;
    let failed = false;
    const observe = (chunk: UIMessageChunk) => {
      // The chat stops reading at an error chunk; what the server sent after it never counts.
      if (failed) return;
      const at = this.now();
      switch (chunk.type) {
        case 'text-delta':
        case 'tool-input-start':
        case 'reasoning-delta':
          if (!sawContent || (chunk.type === 'text-delta' && !sawText)) {
            trace({ type: 'step-content', runId, stepId, at, text: chunk.type === 'text-delta' });
          }
          sawContent = true;
          if (chunk.type === 'text-delta') sawText = true;
          if (chunk.type === 'tool-input-start') {
            this.stepOfCall.set(chunk.toolCallId, stepId);
            turn.inputStarted({ stepId, callId: chunk.toolCallId, toolName: chunk.toolName });
          }
          break;
        case 'tool-input-available':
          // Idempotent: covers providers that send a complete call without a start chunk.
          this.stepOfCall.set(chunk.toolCallId, stepId);
          turn.inputStarted({ stepId, callId: chunk.toolCallId, toolName: chunk.toolName });
          // The call starts now, not when the chat reaches this chunk (its onToolCall), which
          // with many calls in one response can be tens of milliseconds later.
          if (!chunk.providerExecuted) this.dispatch(turn, stepId, chunk);
          break;
        case 'tool-input-error':
          this.stepOfCall.set(chunk.toolCallId, stepId);
          turn.inputRejected({
            stepId,
            callId: chunk.toolCallId,
            toolName: chunk.toolName,
            input: chunk.input,
            errorText: chunk.errorText,
          });
          break;
        case 'tool-output-available':
        case 'tool-output-error': {
          const callStep = this.stepOfCall.get(chunk.toolCallId) ?? stepId;
          const snapshot = turn.snapshot().find((call) => call.callId === chunk.toolCallId);
          turn.serverSettled({
            stepId: callStep,
            callId: chunk.toolCallId,
            toolName: snapshot?.toolName ?? 'unknown',
            ...(chunk.type === 'tool-output-available'
              ? { output: chunk.output }
              : { errorText: chunk.errorText }),
          });
          break;
        }
        case 'finish-step':
          turn.closeStep(stepId);
          break;
        case 'finish': {
          finished = true;
          const metadata = messageMetadataSchema.safeParse(chunk.messageMetadata);
          const meta = metadata.success ? metadata.data : undefined;
          const finishReason = chunk.finishReason ?? meta?.finishReason;
          trace({
            type: 'step-finished',
            runId,
            stepId,
            at,
            finishReason,
            usage: meta?.usage,
            proxy: meta?.proxy,
          });
          const cutOff = failIncompleteInputs();
          if (finishReason === 'interrupted' || cutOff > 0) {
            const errorText =
              'The model’s response was cut off before it finished. Retry to ask again.';
            trace({ type: 'step-error', runId, stepId, at, errorText });
            trace({ type: 'run-ended', runId, status: 'error', at });
          } else if (finishReason !== 'tool-calls') {
            trace({ type: 'run-ended', runId, status: 'complete', at });
          }
          break;
        }
        case SERVER_TOOL_TIMING_CHUNK: {
          const timing = serverToolTimingSchema.safeParse(chunk.data);
          if (timing.success) {
            trace({
              type: 'server-call-timed',
              runId,
              callId: timing.data.toolCallId,
              startedAtEpochMs: timing.data.startedAt,
              settledAtEpochMs: timing.data.settledAt,
            });
          }
          break;
        }
        case 'error':
          failed = true;
          trace({ type: 'step-error', runId, stepId, at, errorText: chunk.errorText });
          trace({ type: 'run-ended', runId, status: 'error', at });
          break;
        default:
          break;
      }
    };
    return {
      runId,
      stepId,
      observe,
      firstByte: () => trace({ type: 'step-first-byte', runId, stepId, at: this.now() }),
      end: (error) => {
        if (finished) return;
        finished = true;
        const at = this.now();
        failIncompleteInputs();
        turn.closeStep(stepId);
        if (failed || turn.stopped) return;
        // No finish chunk: the response broke off, with or without a network error.
        const errorText =
          error instanceof Error
            ? error.message
            : 'The model’s response ended before it finished. Retry to ask again.';
        trace({ type: 'step-error', runId, stepId, at, errorText });
        trace({ type: 'run-ended', runId, status: 'error', at });
      },
    };
  }

  private startRun(userMessage: FanoutMessage | undefined) {
    this.turn?.stop('superseded by a new message');
    const settings = this.options.settings();
    this.settings = settings;
    const runId = `run-${Date.now().toString(36)}-${(++runCounter).toString(36)}`;
    this.stepCount = 0;
    this.stepOfCall.clear();
    this.chatKnows.clear();
    this.heldOutputs.clear();
    const at = this.now();
    this.options.trace({
      type: 'run-started',
      runId,
      prompt: textOfUserMessage(userMessage),
      userMessageId: userMessage?.id,
      modelId: settings.modelId,
      policy: settings.policy,
      parallelToolCalls: settings.parallelToolCalls,
      at,
      epochMs: Date.now(),
    });
    this.turn = this.executor.startTurn(runId, {
      policy: settings.policy,
      maxConcurrency: settings.maxConcurrency,
    });
  }

  /** useChat's onToolCall: the chat has the call now; starts it if the tap has not already. */
  onToolCall(toolCall: { toolCallId: string; toolName: string; input: unknown }) {
    const turn = this.turn;
    if (!turn || turn.stopped) return;
    const callId = toolCall.toolCallId;
    const stepId = this.stepOfCall.get(callId) ?? `${turn.id}/step-${this.stepCount}`;
    this.dispatch(turn, stepId, toolCall);
    this.chatKnows.add(callId);
    const held = this.heldOutputs.get(callId);
    if (held) {
      this.heldOutputs.delete(callId);
      this.deliverOutput(held);
    }
  }

  /** Hands a complete input to the executor, once (a second report of the call is ignored). */
  private dispatch(
    turn: Turn,
    stepId: string,
    call: { toolCallId: string; toolName: string; input: unknown },
  ) {
    this.stepOfCall.set(call.toolCallId, stepId);
    turn.inputAvailable({
      stepId,
      callId: call.toolCallId,
      toolName: call.toolName,
      input: call.input,
    });
  }

  /** The user approved a call awaiting approval: it queues and runs. False if none was waiting. */
  approve(callId: string): boolean {
    return this.turn?.approve(callId) ?? false;
  }

  /** The user denied a call awaiting approval: it settles `denied` and never runs. */
  deny(callId: string, reason?: string): boolean {
    return this.turn?.deny(callId, reason) ?? false;
  }

  /** Stop: aborts every in-flight call; late results are dropped and no follow-up is sent. */
  stop() {
    const turn = this.turn;
    if (!turn || turn.stopped) return;
    turn.stop();
    this.options.trace({ type: 'run-ended', runId: turn.id, status: 'stopped', at: this.now() });
  }
}

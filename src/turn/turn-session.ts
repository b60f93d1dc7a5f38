import type { AbstractChat, ChatStatus, UIMessageChunk } from 'ai';
import {
  createExecutor,
  type ExecutionPolicy,
  type Executor,
  type Settlement,
  type StepSettlement,
  type ToolRegistry,
  type Turn,
} from '../runtime';
import type { ChatRequest } from '../shared/chat-request';
import type { FanoutMessage } from '../shared/message-metadata';
import type { TraceEvent } from '../trace/trace-events';
import type { RunStatus } from '../trace/trace-types';
import { carriedOutputs } from './carried-outputs';
import type { CatchUpUrgency } from './read-ahead-stream';
import { endResponse, type ResponsePhase, readChunk, type TapEffect } from './stream-tap';

/** Request fields a caller adds for a turn (the demo's server-tool and pacing overrides). */
export type RequestOptions = Omit<
  Partial<ChatRequest>,
  | 'id'
  | 'messages'
  | 'trigger'
  | 'messageId'
  | 'policy'
  | 'parallelToolCalls'
  | 'model'
  | 'maxConcurrency'
>;

/** What a turn runs with, read once when the user sends. */
export type TurnSettings = {
  policy: ExecutionPolicy;
  parallelToolCalls: boolean;
  maxConcurrency: number;
  modelId?: string;
  /** The tools, as the caller wraps them (the demo's latency and faults, the bench's clock). */
  tools: ToolRegistry;
  /** Added to each request body of the turn. */
  request?: RequestOptions;
};

/** What the transport adds to each /api/chat body for the turn in progress. */
export type RequestExtras = RequestOptions &
  Pick<ChatRequest, 'policy' | 'parallelToolCalls' | 'model' | 'maxConcurrency'>;

/** The chat the session answers: the AI SDK's Chat, or a test's stand-in. */
export type ChatPort = {
  readonly status: ChatStatus;
  addToolOutput: AbstractChat<FanoutMessage>['addToolOutput'];
  addToolApprovalResponse: AbstractChat<FanoutMessage>['addToolApprovalResponse'];
  /** With no message: the follow-up request of the current turn. */
  sendMessage: () => Promise<void>;
};

export type TurnSessionOptions = {
  settings: () => TurnSettings;
  trace: (event: TraceEvent) => void;
  now?: () => number;
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

/**
 * The model is owed one follow-up for a step with any call in it: a result the page delivered,
 * an input the SDK rejected (the part already carries that error), or a server tool the proxy
 * ran (it ends its response after running them; the page asks for the next step), or a server
 * call the user approved (the next request takes the approval to the proxy, which runs it). The
 * executor's own `needsFollowUp` counts only the first; a step of text owes nothing.
 */
function owesFollowUp(step: StepSettlement): boolean {
  // needsFollowUp also covers a server call the user approved: the proxy runs it on the next request.
  return step.settlements.length > 0 || step.needsFollowUp;
}

type Answer = { promise: Promise<void>; resolve: () => void };

function pendingAnswer(): Answer {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = () => done();
  });
  return { promise, resolve };
}

let runCounter = 0;

/**
 * One conversation's turns: the transport reports each request and its chunks (read ahead of
 * the chat, see stream-tap), the chat's `onToolCall` reports the calls it has, and each settled
 * call goes back to the chat once the chat knows it. The follow-up is decided here alone: when
 * the executor says a step has settled and the chat has applied every answer of that step.
 * No React here, so it can be tested on its own.
 */
export class TurnSession {
  private readonly executor: Executor;
  private turn: Turn | undefined;
  private settings: TurnSettings | undefined;
  private chat: ChatPort | undefined;
  private stepCount = 0;
  private readonly stepOfCall = new Map<string, string>();
  /** Server calls the proxy settled with another's result, by call id (until they settle). */
  private readonly serverShared = new Map<string, string>();
  /** Calls the chat has processed (its onToolCall ran): only these can take an answer. */
  private readonly chatKnows = new Set<string>();
  /** Answers of calls that settled before the chat caught up with their input. */
  private readonly held = new Map<string, Settlement>();
  /** Each delivered call's answer, resolved once the chat has applied it. */
  private readonly answers = new Map<string, Answer>();
  /** Approval requests the chat holds, by call: a denial answers its request. */
  private readonly approvalOf = new Map<string, string>();
  /** How the run ended, once the stream said so; an error (a cut-off response) sends nothing more. */
  private ended: RunStatus | undefined;
  /** A settled step's follow-up waits for the chat to finish reading its response. */
  private followUpDue = false;
  private readonly now: () => number;

  constructor(private readonly options: TurnSessionOptions) {
    this.now = options.now ?? (() => performance.now());
    this.executor = createExecutor({
      resolveTool: (name) => (this.settings ?? options.settings()).tools(name),
      now: this.now,
      onEvent: (event) => {
        options.trace({ type: 'executor', event });
        if (event.type === 'settled') this.catchUpMayHaveChanged();
      },
      deliver: (settlement) => this.deliver(settlement),
      onStepSettled: (step) => this.stepSettled(step),
    });
  }

  /** The chat results go back to. */
  attach(chat: ChatPort) {
    this.chat = chat;
  }

  /** The id of the run in progress, if any. */
  get currentRunId(): string | undefined {
    return this.turn?.id;
  }

  private readonly catchUpListeners = new Set<() => void>();

  /**
   * Whether the turn waits for the chat to catch up with the stream: no browser call is
   * running (so no call's timers suffer from the chat's work), or a settled call's answer is
   * held until the chat reaches its input. The read-ahead then hurries the chat along.
   */
  readonly catchUp: CatchUpUrgency = {
    urgent: () => this.held.size > 0 || this.executor.runningCount === 0,
    onChange: (listener) => {
      this.catchUpListeners.add(listener);
      return () => void this.catchUpListeners.delete(listener);
    },
  };

  /** A call settled or an answer was held: the chat's catch-up may have become urgent. */
  private catchUpMayHaveChanged() {
    for (const listener of [...this.catchUpListeners]) listener();
  }

  /** True when the latest run was stopped: nothing more may be sent for it. */
  get stopped(): boolean {
    return this.turn?.stopped ?? false;
  }

  /** The request body additions for the turn in progress. */
  requestBody(): RequestExtras {
    const settings = this.settings ?? this.options.settings();
    return {
      ...settings.request,
      policy: settings.policy,
      parallelToolCalls: settings.parallelToolCalls,
      // The proxy caps this turn's server tool calls by the same number as the page's.
      maxConcurrency: settings.maxConcurrency,
      ...(settings.modelId ? { model: settings.modelId } : {}),
    };
  }

  /**
   * The transport is about to send `messages`. A conversation ending in a user message starts
   * a new run; one ending in the assistant's tool results is the follow-up of the current run.
   */
  beginRequest(messages: FanoutMessage[]): StepTap {
    const last = messages.at(-1);
    if (!this.turn || last?.role === 'user') this.startRun(last, Math.max(0, messages.length - 1));
    const turn = this.turn as Turn;
    const runId = turn.id;
    const stepId = `${runId}/step-${++this.stepCount}`;
    this.followUpDue = false;
    const trace = this.options.trace;
    trace({ type: 'step-requested', runId, stepId, at: this.now() });
    // A follow-up: record what it carries back, so "one follow-up with every output" is shown.
    const carried = last?.role === 'assistant' ? carriedOutputs(messages) : [];
    if (carried.length > 0) trace({ type: 'step-carried', runId, stepId, outputs: carried });

    let phase: ResponsePhase = 'awaiting-content';
    // Asked only when the response ends: calls of this step still streaming their input.
    const incompleteInputs = () =>
      turn.snapshot().filter((call) => call.stepId === stepId && call.phase === 'input-streaming');
    const apply = (effects: readonly TapEffect[]) => {
      for (const effect of effects) this.applyEffect(turn, stepId, effect);
    };
    return {
      runId,
      stepId,
      observe: (chunk) => {
        const read = readChunk(phase, chunk, { runId, stepId, at: this.now(), incompleteInputs });
        phase = read.phase;
        apply(read.effects);
      },
      firstByte: () => trace({ type: 'step-first-byte', runId, stepId, at: this.now() }),
      end: (error) => {
        const at = this.now();
        const read = endResponse(phase, {
          runId,
          stepId,
          at,
          incompleteInputs,
          error,
          stopped: turn.stopped,
        });
        phase = read.phase;
        apply(read.effects);
      },
    };
  }

  private applyEffect(turn: Turn, stepId: string, effect: TapEffect) {
    switch (effect.kind) {
      case 'trace':
        if (effect.event.type === 'run-ended') this.ended = effect.event.status;
        this.options.trace(effect.event);
        return;
      case 'input-started':
        this.stepOfCall.set(effect.callId, stepId);
        turn.inputStarted({ stepId, callId: effect.callId, toolName: effect.toolName });
        return;
      case 'input-available':
        this.dispatch(turn, stepId, {
          toolCallId: effect.callId,
          toolName: effect.toolName,
          input: effect.input,
        });
        return;
      case 'input-rejected':
        this.stepOfCall.set(effect.callId, stepId);
        turn.inputRejected({
          stepId,
          callId: effect.callId,
          toolName: effect.toolName,
          input: effect.input,
          errorText: effect.errorText,
        });
        return;
      case 'server-shared':
        this.serverShared.set(effect.callId, effect.sharedWith);
        return;
      case 'server-settled': {
        const snapshot = turn.snapshot().find((call) => call.callId === effect.callId);
        const sharedWith = this.serverShared.get(effect.callId);
        this.serverShared.delete(effect.callId);
        turn.serverSettled({
          stepId: this.stepOfCall.get(effect.callId) ?? stepId,
          callId: effect.callId,
          toolName: snapshot?.toolName ?? 'unknown',
          ...(sharedWith === undefined ? {} : { sharedWith }),
          ...(effect.errorText === undefined
            ? { output: effect.output }
            : { errorText: effect.errorText }),
        });
        return;
      }
      case 'close-step':
        turn.closeStep(stepId);
        return;
    }
  }

  private startRun(userMessage: FanoutMessage | undefined, priorMessages: number) {
    this.turn?.stop('superseded by a new message');
    const settings = this.options.settings();
    this.settings = settings;
    const runId = `run-${Date.now().toString(36)}-${(++runCounter).toString(36)}`;
    this.stepCount = 0;
    this.stepOfCall.clear();
    this.serverShared.clear();
    this.chatKnows.clear();
    this.held.clear();
    this.answers.clear();
    this.approvalOf.clear();
    this.ended = undefined;
    this.followUpDue = false;
    this.options.trace({
      type: 'run-started',
      runId,
      prompt: textOfUserMessage(userMessage),
      userMessageId: userMessage?.id,
      priorMessages,
      modelId: settings.modelId,
      policy: settings.policy,
      parallelToolCalls: settings.parallelToolCalls,
      at: this.now(),
      epochMs: Date.now(),
    });
    this.turn = this.executor.startTurn(runId, {
      policy: settings.policy,
      maxConcurrency: settings.maxConcurrency,
    });
  }

  /** The chat's onToolCall: the chat has the call now; starts it if the tap has not already. */
  onToolCall(toolCall: { toolCallId: string; toolName: string; input: unknown }) {
    const turn = this.turn;
    if (!turn || turn.stopped) return;
    const callId = toolCall.toolCallId;
    const stepId = this.stepOfCall.get(callId) ?? `${turn.id}/step-${this.stepCount}`;
    this.dispatch(turn, stepId, toolCall);
    this.chatKnows.add(callId);
    const held = this.held.get(callId);
    if (held) {
      this.held.delete(callId);
      this.handOver(held);
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

  /**
   * The executor settled a call the model must hear about. A call starts as soon as the tap
   * reads its input, which can be before the chat has processed that chunk; an answer given to
   * the chat before then would be overwritten by the input chunk, so it waits for onToolCall.
   */
  private deliver(settlement: Settlement) {
    this.answers.set(settlement.callId, pendingAnswer());
    if (this.chatKnows.has(settlement.callId)) this.handOver(settlement);
    else this.held.set(settlement.callId, settlement);
    this.catchUpMayHaveChanged();
  }

  /** Gives one answer to the chat; never awaited (the chat's jobs run in their own order). */
  private handOver(settlement: Settlement) {
    const chat = this.chat;
    const answer = this.answers.get(settlement.callId);
    if (!chat) return;
    // A failed update still counts as answered: the follow-up must not wait forever.
    void Promise.resolve(this.answerOf(chat, settlement)).then(answer?.resolve, answer?.resolve);
  }

  private answerOf(chat: ChatPort, settlement: Settlement): PromiseLike<void> | void {
    const { toolName: tool, callId: toolCallId } = settlement;
    if (settlement.outputState === 'output-denied') {
      const reason = settlement.errorText;
      const approvalId = this.approvalOf.get(toolCallId);
      // The proxy asked (needsApproval): answering its request is the AI SDK's own form, and
      // the model reads it as execution-denied. Without a request, the denial is the error.
      return approvalId
        ? chat.addToolApprovalResponse({ id: approvalId, approved: false, reason })
        : chat.addToolOutput({
            state: 'output-error',
            tool,
            toolCallId,
            errorText: `Not run: ${reason}.`,
          });
    }
    if (settlement.outputState === 'output-error') {
      return chat.addToolOutput({
        state: 'output-error',
        tool,
        toolCallId,
        errorText: settlement.errorText ?? 'The tool failed.',
      });
    }
    return chat.addToolOutput({ tool, toolCallId, output: settlement.modelOutput });
  }

  /** The executor's step-settled signal: the follow-up is due once the chat has every answer. */
  private stepSettled(step: StepSettlement) {
    const turn = this.turn;
    if (!turn || step.turnId !== turn.id || !owesFollowUp(step)) return;
    const answers = step.settlements.flatMap((settlement) => {
      const answer = settlement.delivered ? this.answers.get(settlement.callId) : undefined;
      return answer ? [answer.promise] : [];
    });
    void Promise.all(answers).then(() => {
      if (this.turn !== turn) return;
      this.followUpDue = true;
      this.sendFollowUpWhenIdle();
    });
  }

  /**
   * The chat finished reading a response: a follow-up that became due meanwhile goes now.
   * The AI SDK's own trigger (`sendAutomaticallyWhen`) is not used: it is evaluated inside
   * `addToolOutput` before that call's promise resolves, so it could never see this decision.
   */
  responseFinished() {
    this.sendFollowUpWhenIdle();
  }

  private sendFollowUpWhenIdle() {
    const chat = this.chat;
    if (!this.followUpDue || !chat) return;
    if (this.stopped || this.ended === 'error' || chat.status === 'error') {
      this.followUpDue = false;
      return;
    }
    if (chat.status !== 'ready') return;
    this.followUpDue = false;
    void chat.sendMessage();
  }

  /** The user approved a call awaiting approval: it queues and runs. False if none was waiting. */
  approve(callId: string, approvalId?: string): boolean {
    const turn = this.turn;
    if (!turn || turn.stopped) return false;
    if (approvalId) void this.chat?.addToolApprovalResponse({ id: approvalId, approved: true });
    return turn.approve(callId);
  }

  /** The user denied a call awaiting approval: it settles `denied` and never runs. */
  deny(callId: string, approvalId?: string): boolean {
    const turn = this.turn;
    if (!turn || turn.stopped) return false;
    if (approvalId) this.approvalOf.set(callId, approvalId);
    return turn.deny(callId);
  }

  /** Stop: aborts every in-flight call; late results are dropped and no follow-up is sent. */
  stop() {
    const turn = this.turn;
    this.followUpDue = false;
    if (!turn || turn.stopped) return;
    turn.stop();
    // A run that already ended (a new chat, a new race) keeps how it ended.
    if (this.ended !== undefined && this.ended !== 'running') return;
    this.ended = 'stopped';
    this.options.trace({ type: 'run-ended', runId: turn.id, status: 'stopped', at: this.now() });
  }
}

import type { ToolRunsOn, ToolSpec } from '../shared/tools/tool-spec';

/**
 * How a turn dispatches its calls: `parallel` starts each call the moment its input is
 * complete, `batch` waits for the model to finish the step, `sequential` runs one call at a
 * time in the order the model emitted them.
 */
export type ExecutionPolicy = 'parallel' | 'batch' | 'sequential';

/** What a browser handler receives besides its input. */
export type ToolRunContext = {
  /** Aborts on the call's deadline and on Stop; handlers should give up when it fires. */
  signal: AbortSignal;
  callId: string;
  turnId: string;
};

/** A browser handler: any simulated latency is part of the promise it returns. */
export type ToolHandler = (input: unknown, ctx: ToolRunContext) => unknown;

/**
 * A tool as the executor sees it. Server tools are resolved too (spec only, no `run`) so the
 * executor can tell "runs on the proxy" apart from "unknown tool".
 */
export type ToolRuntime = {
  spec: ToolSpec;
  run?: ToolHandler;
};

/** How a call ended. `deduplicated` calls carry the status of the call they shared. */
export type CallStatus =
  | 'ok'
  | 'error'
  | 'timeout'
  | 'invalid-input'
  | 'cancelled'
  | 'deduplicated'
  /** The user denied a call that needed approval: it never ran. */
  | 'denied';

/**
 * Where a call is in its life. `remote` is a server tool the proxy runs; `sharing` is a
 * duplicate waiting on the identical call it shares; `awaiting-approval` is a call to a tool
 * that changes state, held until the user approves or denies it.
 */
export type CallPhase =
  | 'input-streaming'
  | 'awaiting-approval'
  | 'queued'
  | 'running'
  | 'remote'
  | 'sharing'
  | 'settled';

/** Why a call with complete input has not started yet. */
export type QueueReason =
  /** batch policy: the model is still emitting this step. */
  | 'step-open'
  /** sequential policy: an earlier call of the turn has not settled. */
  | 'sequential'
  /** the executor-wide concurrency cap is full. */
  | 'global-cap'
  /** this tool's own `concurrency` cap is full. */
  | 'tool-cap';

/** Where a tool call runs; `unknown` when the registry does not know the tool. */
export type CallRunsOn = ToolRunsOn | 'unknown';

/** Clock readings (from the executor's `now`) for one call; absent phases were skipped. */
export type CallTiming = {
  inputStartedAt?: number;
  inputAvailableAt?: number;
  /** The call began waiting for the user's approval. */
  approvalRequestedAt?: number;
  /** The user approved or denied it. */
  approvalResolvedAt?: number;
  /** First time the call waited; the queued phase runs from here to `startedAt`. */
  queuedAt?: number;
  startedAt?: number;
  settledAt: number;
  /** The deadline that applied while running (spec.timeoutMs). */
  deadlineMs?: number;
};

/** The one and only result of a call. */
export type Settlement = {
  turnId: string;
  stepId: string;
  callId: string;
  toolName: string;
  runsOn: CallRunsOn;
  status: CallStatus;
  /**
   * The AI SDK part state this result maps to: `addToolOutput`'s `state`, or `output-denied`
   * for a denied call (the chat answers its approval request instead).
   */
  outputState: 'output-available' | 'output-error' | 'output-denied';
  /** The input as the model sent it. */
  input: unknown;
  /** What goes to the model: the output, or its truncated form when over the cap. */
  modelOutput?: unknown;
  /** The handler's full output, kept for the page even when the model got less. */
  fullOutput?: unknown;
  errorText?: string;
  /** True when modelOutput is the truncated form of fullOutput. */
  truncated?: boolean;
  /** UTF-8 size of fullOutput as JSON. */
  outputBytes?: number;
  /** For `deduplicated`: the call whose result this one shares. */
  sharedWith?: string;
  /** For `deduplicated`: how the shared call ended. */
  sharedStatus?: CallStatus;
  /** Whether `deliver` was asked to hand this result to the model. */
  delivered: boolean;
  timing: CallTiming;
};

/** Everything the page learned about a step once it is closed and every call settled. */
export type StepSettlement = {
  turnId: string;
  stepId: string;
  /** Every settled call of the step, in the order the model emitted them. */
  settlements: Settlement[];
  /** True when the page delivered at least one output: the model is owed one follow-up. */
  needsFollowUp: boolean;
};

type CallEventBase = {
  turnId: string;
  stepId: string;
  callId: string;
  toolName: string;
  /** Reading of the executor's clock. */
  at: number;
};

/** A timing event, in the order things happened; the waterfall is built from these. */
export type ExecutorEvent =
  | {
      type: 'turn-started';
      turnId: string;
      at: number;
      policy: ExecutionPolicy;
      maxConcurrency: number;
    }
  | { type: 'turn-stopped'; turnId: string; at: number; reason: string }
  | (CallEventBase & { type: 'input-started' })
  | (CallEventBase & { type: 'input-available'; input: unknown; runsOn: CallRunsOn })
  | (CallEventBase & { type: 'approval-requested' })
  | (CallEventBase & { type: 'approval-resolved'; approved: boolean })
  | (CallEventBase & { type: 'queued'; reason: QueueReason })
  | (CallEventBase & { type: 'started'; deadlineMs: number })
  | (CallEventBase & {
      type: 'settled';
      status: CallStatus;
      errorText?: string;
      settlement: Settlement;
    })
  | { type: 'step-closed'; turnId: string; stepId: string; at: number }
  | {
      type: 'step-settled';
      turnId: string;
      stepId: string;
      at: number;
      needsFollowUp: boolean;
    };

/** The name of an executor event. */
export type ExecutorEventType = ExecutorEvent['type'];

/** One executor event of the given type. */
export type ExecutorEventOf<T extends ExecutorEventType> = Extract<ExecutorEvent, { type: T }>;

/** Identifies a call as the stream reports it. */
export type CallRef = { stepId: string; callId: string; toolName: string };

/** A read-only view of one call, for tests and debugging panels. */
export type CallSnapshot = CallRef & {
  runsOn: CallRunsOn;
  phase: CallPhase;
  queueReason?: QueueReason;
  settlement?: Settlement;
};

/** Options of createExecutor. */
export type ExecutorOptions = {
  /** Default policy for turns that do not pick one. Default `parallel`. */
  policy?: ExecutionPolicy;
  /** Calls running at once across the executor. Default 6. */
  maxConcurrency?: number;
  /** Largest output, as UTF-8 JSON, the model receives. Default 16 384. */
  outputCapBytes?: number;
  /** The registry: browser tools with handlers, server tools with their spec only. */
  resolveTool: (name: string) => ToolRuntime | undefined;
  /** Clock in ms. Default `performance.now()`. */
  now?: () => number;
  onEvent?: (event: ExecutorEvent) => void;
  /**
   * Hands one result to the model (becomes `addToolOutput`). Called once per browser call,
   * never after Stop, never awaited inline; a returned promise only delays onStepSettled.
   */
  deliver: (settlement: Settlement) => unknown;
  /** Exactly once per closed step whose calls all settled (never for a stopped turn). */
  onStepSettled?: (step: StepSettlement) => void;
  /** Where errors thrown by the callbacks above go. Default: rethrown on a microtask. */
  onCallbackError?: (error: unknown) => void;
};

/** One user turn: every step and call from the user's message to the final answer. */
export type Turn = {
  readonly id: string;
  readonly policy: ExecutionPolicy;
  /** True after stop() or after a newer turn superseded this one. */
  readonly stopped: boolean;
  /** The model began streaming this call's input. */
  inputStarted(call: CallRef): void;
  /** The call's input is complete (from onToolCall). Returns at once; never awaits a tool. */
  inputAvailable(call: CallRef & { input: unknown }): void;
  /** The SDK already failed this input (tool-input-error): recorded, not run, not delivered. */
  inputRejected(call: CallRef & { input: unknown; errorText: string }): void;
  /**
   * The proxy ran this server tool and the stream carried its result; `sharedWith` when the
   * proxy shared an identical in-flight call's result instead of running it.
   */
  serverSettled(
    call: CallRef & { output?: unknown; errorText?: string; sharedWith?: string },
  ): void;
  /** The model finished emitting this step (finish-step): no more calls will come for it. */
  closeStep(stepId: string): void;
  /** The user approved a call awaiting approval: it queues and runs. False if none was waiting. */
  approve(callId: string): boolean;
  /**
   * The user denied a call awaiting approval: it settles `denied` without running and the
   * denial is delivered (`output-denied`). False if none was waiting.
   */
  deny(callId: string, reason?: string): boolean;
  /** Aborts every unsettled call; nothing is delivered and no step settles afterwards. */
  stop(reason?: string): void;
  /** Every call of the turn, in emission order. */
  snapshot(): CallSnapshot[];
};

/** Per-turn settings (the demo controls switch them between turns). */
export type TurnOptions = {
  /** Default: the executor's policy. */
  policy?: ExecutionPolicy;
  /** The global cap while this turn is live. Default: the executor's maxConcurrency. */
  maxConcurrency?: number;
};

/** The tool executor: one live turn at a time, shared concurrency caps. */
export type Executor = {
  /** Starts a turn; a still-live previous turn is stopped first (superseded). */
  startTurn(turnId: string, options?: TurnOptions): Turn;
  /** The most recently started turn, stopped or not. */
  readonly currentTurn: Turn | undefined;
  /** Calls running right now, across turns. */
  readonly runningCount: number;
};

import { dedupKeyOf } from '../shared/canonical-json';
import { capOutput } from './output-cap';
import type {
  CallPhase,
  CallRef,
  CallRunsOn,
  CallSnapshot,
  CallStatus,
  CallTiming,
  ExecutionPolicy,
  Executor,
  ExecutorEvent,
  ExecutorOptions,
  QueueReason,
  Settlement,
  StepSettlement,
  ToolRuntime,
  Turn,
  TurnOptions,
} from './types';
import { validateInput } from './validate-input';

/** The global cap when the caller sets none. */
export const DEFAULT_MAX_CONCURRENCY = 6;
/** The model-facing output cap when the caller sets none (16 KB). */
export const DEFAULT_OUTPUT_CAP_BYTES = 16_384;
/** Stop's reason when the caller gives none. */
export const DEFAULT_STOP_REASON = 'stopped by the user';
/** Deny's reason when the caller gives none. */
export const DEFAULT_DENY_REASON = 'the user denied it';

// setTimeout cannot wait longer than this; larger (or non-finite) deadlines mean "none".
const MAX_TIMER_MS = 2_147_483_647;

type StepState = {
  id: string;
  turn: TurnState;
  closed: boolean;
  /** onStepSettled has fired: it never fires again. */
  fired: boolean;
  /** A step check sits in the outbox, so readiness is not queued twice. */
  checkQueued: boolean;
  /** deliver() promises of this step not yet resolved: the follow-up must carry them. */
  pendingDeliveries: number;
  calls: CallRecord[];
};

type TurnState = {
  id: string;
  policy: ExecutionPolicy;
  stopped: boolean;
  calls: CallRecord[];
  byId: Map<string, CallRecord>;
  steps: Map<string, StepState>;
  /** Dedup key → the unsettled call that owns the key. */
  inFlight: Map<string, CallRecord>;
  running: number;
};

type CallRecord = {
  turn: TurnState;
  step: StepState;
  callId: string;
  toolName: string;
  runtime: ToolRuntime | undefined;
  runsOn: CallRunsOn;
  phase: CallPhase;
  input: unknown;
  parsedInput: unknown;
  toolLimit: number;
  queueReason: QueueReason | undefined;
  dedupKey: string | undefined;
  sharers: CallRecord[];
  holdsSlot: boolean;
  controller: AbortController | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  timing: Omit<CallTiming, 'settledAt'>;
  settlement: Settlement | undefined;
  /** A server call the user approved: the step's follow-up takes the approval to the proxy. */
  approvedForProxy: boolean;
};

/** How a call ends, before the executor stamps identity and timing on it. */
type Outcome = {
  status: CallStatus;
  deliver: boolean;
  modelOutput?: unknown;
  fullOutput?: unknown;
  errorText?: string;
  truncated?: boolean;
  outputBytes?: number;
  sharedWith?: string;
  sharedStatus?: CallStatus;
};

// Callbacks run only after the state change that caused them is complete, in the order the
// changes happened; this is what lets callbacks re-enter the executor (e.g. stop from onEvent).
type OutboxItem =
  | { kind: 'event'; event: ExecutorEvent }
  | { kind: 'deliver'; call: CallRecord; settlement: Settlement }
  | { kind: 'step'; step: StepState };

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string' && error) return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

function checkConcurrency(value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`maxConcurrency must be a positive integer, got ${value}`);
}

/**
 * Browser calls and unknown tools are the page's to settle; server calls never hold a step,
 * except while one waits for the user's approval: the follow-up carries the decision.
 */
function holdsStep(call: CallRecord): boolean {
  return call.runsOn !== 'server' || call.phase === 'awaiting-approval';
}

/** Creates the tool executor: a framework-free state machine the chat wiring drives. */
export function createExecutor(options: ExecutorOptions): Executor {
  const defaultPolicy = options.policy ?? 'parallel';
  const defaultMaxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  const outputCapBytes = options.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES;
  const now = options.now ?? (() => performance.now());
  const onCallbackError = options.onCallbackError ?? rethrowLater;
  checkConcurrency(defaultMaxConcurrency);
  if (!(outputCapBytes > 0))
    throw new RangeError(`outputCapBytes must be positive, got ${outputCapBytes}`);

  /** Calls with complete input that have not started, in the order they became ready. */
  const queue: CallRecord[] = [];
  const runningByTool = new Map<string, number>();
  let running = 0;
  // The live turn's cap; only one turn runs at a time, so it is the executor-wide cap.
  let maxConcurrency = defaultMaxConcurrency;
  let current: TurnState | undefined;
  let currentHandle: Turn | undefined;

  const outbox: OutboxItem[] = [];
  let depth = 0;
  let flushing = false;
  let pumping = false;
  let pumpAgain = false;

  function guard<T>(callback: () => T): T | undefined {
    try {
      return callback();
    } catch (error) {
      onCallbackError(error);
      return undefined;
    }
  }

  function transaction(change: () => void): void {
    depth++;
    try {
      change();
    } finally {
      depth--;
      if (depth === 0) flush();
    }
  }

  function emit(event: ExecutorEvent): void {
    outbox.push({ kind: 'event', event });
  }

  function flush(): void {
    // A callback that re-enters the executor appends to the outbox; the outer loop drains it.
    if (flushing) return;
    flushing = true;
    try {
      for (let index = 0; index < outbox.length; index++) {
        const item = outbox[index] as OutboxItem;
        if (item.kind === 'event') {
          const { onEvent } = options;
          if (onEvent) guard(() => onEvent(item.event));
        } else if (item.kind === 'deliver') {
          // Stop may have happened after this result was queued: late results are dropped.
          if (!item.call.turn.stopped) runDeliver(item.call.step, item.settlement);
        } else {
          item.step.checkQueued = false;
          fireStepIfReady(item.step);
        }
      }
    } finally {
      outbox.length = 0;
      flushing = false;
    }
  }

  function runDeliver(step: StepState, settlement: Settlement): void {
    const result = guard(() => options.deliver(settlement));
    if (!isThenable(result)) return;
    step.pendingDeliveries++;
    const done = () =>
      transaction(() => {
        step.pendingDeliveries--;
        queueStepCheck(step);
      });
    result.then(done, (error: unknown) => {
      onCallbackError(error);
      done();
    });
  }

  // ---- steps -------------------------------------------------------------------------------

  function stepReady(step: StepState): boolean {
    if (!step.closed || step.fired || step.turn.stopped || step.pendingDeliveries > 0) return false;
    return step.calls.every((call) => call.phase === 'settled' || !holdsStep(call));
  }

  function queueStepCheck(step: StepState): void {
    if (step.checkQueued || !stepReady(step)) return;
    step.checkQueued = true;
    outbox.push({ kind: 'step', step });
  }

  function fireStepIfReady(step: StepState): void {
    // Re-checked at flush time: a delivery promise or a late call may have arrived meanwhile.
    if (!stepReady(step)) return;
    step.fired = true;
    const settlements: Settlement[] = [];
    let needsFollowUp = false;
    for (const call of step.calls) {
      // An approved server call runs on the proxy once the follow-up brings it the approval.
      if (call.approvedForProxy && !call.settlement) needsFollowUp = true;
      if (!call.settlement) continue;
      settlements.push(call.settlement);
      if (call.settlement.delivered) needsFollowUp = true;
    }
    const { onEvent, onStepSettled } = options;
    const at = now();
    const turnId = step.turn.id;
    if (onEvent)
      guard(() => onEvent({ type: 'step-settled', turnId, stepId: step.id, at, needsFollowUp }));
    const summary: StepSettlement = { turnId, stepId: step.id, settlements, needsFollowUp };
    if (onStepSettled) guard(() => onStepSettled(summary));
  }

  function getStep(turn: TurnState, stepId: string): StepState {
    let step = turn.steps.get(stepId);
    if (!step) {
      step = {
        id: stepId,
        turn,
        closed: false,
        fired: false,
        checkQueued: false,
        pendingDeliveries: 0,
        calls: [],
      };
      turn.steps.set(stepId, step);
    }
    return step;
  }

  // ---- scheduling --------------------------------------------------------------------------

  function firstWaitingCall(turn: TurnState): CallRecord | undefined {
    for (const call of turn.calls) {
      if (!holdsStep(call)) continue;
      if (call.phase === 'input-streaming' || call.phase === 'queued') return call;
    }
    return undefined;
  }

  function allowedByPolicy(call: CallRecord): boolean {
    const { turn } = call;
    // Stop settles its calls one by one; freed slots must not start the ones still queued.
    if (turn.stopped) return false;
    if (turn.policy === 'parallel') return true;
    if (turn.policy === 'batch') return call.step.closed;
    // sequential: strictly in emission order, so a later call waits for an earlier one's input
    return turn.running === 0 && firstWaitingCall(turn) === call;
  }

  function toolHasRoom(call: CallRecord): boolean {
    return (runningByTool.get(call.toolName) ?? 0) < call.toolLimit;
  }

  function reasonFor(call: CallRecord): QueueReason {
    if (!allowedByPolicy(call)) return call.turn.policy === 'batch' ? 'step-open' : 'sequential';
    if (running >= maxConcurrency) return 'global-cap';
    return 'tool-cap';
  }

  /**
   * Starts every queued call that policy and caps allow, oldest first. A call blocked by its
   * own tool cap does not hold back other tools' calls behind it (FIFO per tool and globally).
   */
  function pump(): void {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        let index = 0;
        while (index < queue.length && running < maxConcurrency) {
          const call = queue[index] as CallRecord;
          if (allowedByPolicy(call) && toolHasRoom(call)) {
            queue.splice(index, 1);
            start(call);
          } else index++;
        }
      } while (pumpAgain);
      for (const call of queue) {
        const reason = reasonFor(call);
        if (reason === call.queueReason) continue;
        // A call may wait for several reasons in turn (batch, then a cap): each change is an
        // event, and the queued phase starts at the first one.
        call.queueReason = reason;
        const at = now();
        call.timing.queuedAt ??= at;
        emit({ type: 'queued', ...identity(call), at, reason });
      }
    } finally {
      pumping = false;
    }
  }

  function identity(call: CallRecord) {
    return {
      turnId: call.turn.id,
      stepId: call.step.id,
      callId: call.callId,
      toolName: call.toolName,
    };
  }

  function start(call: CallRecord): void {
    const runtime = call.runtime as ToolRuntime;
    const run = runtime.run as NonNullable<ToolRuntime['run']>;
    const { turn } = call;
    call.phase = 'running';
    call.queueReason = undefined;
    call.holdsSlot = true;
    running++;
    turn.running++;
    runningByTool.set(call.toolName, (runningByTool.get(call.toolName) ?? 0) + 1);
    const controller = new AbortController();
    call.controller = controller;
    const deadlineMs = runtime.spec.timeoutMs;
    const at = now();
    call.timing.startedAt = at;
    call.timing.deadlineMs = deadlineMs;
    emit({ type: 'started', ...identity(call), at, deadlineMs });
    if (deadlineMs > 0 && deadlineMs <= MAX_TIMER_MS) {
      call.timer = setTimeout(() => {
        call.timer = undefined;
        const errorText = `timed out after ${deadlineMs} ms`;
        transaction(() => {
          settle(call, { status: 'timeout', errorText, deliver: true });
          controller.abort(new DOMException(errorText, 'TimeoutError'));
        });
      }, deadlineMs);
    }
    let result: unknown;
    try {
      // Called synchronously: no timer or microtask hop between "input available" and the handler.
      result = run(call.parsedInput, {
        signal: controller.signal,
        callId: call.callId,
        turnId: turn.id,
      });
    } catch (error) {
      settle(call, { status: 'error', errorText: describeError(error), deliver: true });
      return;
    }
    if (!isThenable(result)) {
      succeed(call, result);
      return;
    }
    result.then(
      (value) => {
        // Anything after a timeout or Stop is a late result: ignored.
        if (call.phase === 'running') transaction(() => succeed(call, value));
      },
      (error: unknown) => {
        if (call.phase === 'running')
          transaction(() =>
            settle(call, { status: 'error', errorText: describeError(error), deliver: true }),
          );
      },
    );
  }

  function succeed(call: CallRecord, output: unknown): void {
    let capped: ReturnType<typeof capOutput>;
    try {
      capped = capOutput(output, outputCapBytes);
    } catch (error) {
      settle(call, {
        status: 'error',
        errorText: `output is not JSON-serialisable: ${describeError(error)}`,
        deliver: true,
      });
      return;
    }
    settle(call, {
      status: 'ok',
      deliver: true,
      modelOutput: capped.modelOutput,
      fullOutput: output,
      truncated: capped.truncated,
      outputBytes: capped.bytes,
    });
  }

  function releaseSlot(call: CallRecord): void {
    if (!call.holdsSlot) return;
    call.holdsSlot = false;
    running--;
    call.turn.running--;
    runningByTool.set(call.toolName, (runningByTool.get(call.toolName) ?? 1) - 1);
  }

  // ---- settling ----------------------------------------------------------------------------

  /** The single place a call ends: every path (result, error, deadline, Stop) comes here. */
  function settle(call: CallRecord, outcome: Outcome): void {
    if (call.phase === 'settled') return;
    const { turn } = call;
    if (call.phase === 'queued') {
      const index = queue.indexOf(call);
      if (index !== -1) queue.splice(index, 1);
    }
    call.phase = 'settled';
    call.queueReason = undefined;
    // The slot frees at once, even if a handler ignores its signal and keeps running.
    releaseSlot(call);
    if (call.timer !== undefined) {
      clearTimeout(call.timer);
      call.timer = undefined;
    }
    if (call.dedupKey !== undefined && turn.inFlight.get(call.dedupKey) === call)
      turn.inFlight.delete(call.dedupKey);

    const delivered = outcome.deliver && !turn.stopped;
    const settlement: Settlement = {
      ...identity(call),
      runsOn: call.runsOn,
      status: outcome.status,
      outputState:
        outcome.status === 'denied'
          ? 'output-denied'
          : outcome.errorText === undefined
            ? 'output-available'
            : 'output-error',
      input: call.input,
      delivered,
      timing: { ...call.timing, settledAt: now() },
    };
    if (outcome.modelOutput !== undefined) settlement.modelOutput = outcome.modelOutput;
    if (outcome.fullOutput !== undefined) settlement.fullOutput = outcome.fullOutput;
    if (outcome.errorText !== undefined) settlement.errorText = outcome.errorText;
    if (outcome.truncated !== undefined) settlement.truncated = outcome.truncated;
    if (outcome.outputBytes !== undefined) settlement.outputBytes = outcome.outputBytes;
    if (outcome.sharedWith !== undefined) settlement.sharedWith = outcome.sharedWith;
    if (outcome.sharedStatus !== undefined) settlement.sharedStatus = outcome.sharedStatus;
    call.settlement = settlement;

    emit({
      type: 'settled',
      ...identity(call),
      at: settlement.timing.settledAt,
      status: settlement.status,
      ...(settlement.errorText === undefined ? {} : { errorText: settlement.errorText }),
      settlement,
    });
    if (delivered) outbox.push({ kind: 'deliver', call, settlement });

    for (const sharer of call.sharers) settle(sharer, sharedOutcome(settlement));
    call.sharers = [];
    queueStepCheck(call.step);
    pump();
  }

  function sharedOutcome(
    source: Pick<
      Settlement,
      'callId' | 'status' | 'modelOutput' | 'fullOutput' | 'errorText' | 'truncated' | 'outputBytes'
    >,
  ): Outcome {
    // A duplicate of a cancelled call was cancelled by the same Stop: nothing to share.
    if (source.status === 'cancelled')
      return { status: 'cancelled', deliver: false, errorText: source.errorText ?? '' };
    const outcome: Outcome = {
      status: 'deduplicated',
      deliver: true,
      sharedWith: source.callId,
      sharedStatus: source.status,
    };
    if (source.modelOutput !== undefined) outcome.modelOutput = source.modelOutput;
    if (source.fullOutput !== undefined) outcome.fullOutput = source.fullOutput;
    if (source.errorText !== undefined) outcome.errorText = source.errorText;
    if (source.truncated !== undefined) outcome.truncated = source.truncated;
    if (source.outputBytes !== undefined) outcome.outputBytes = source.outputBytes;
    return outcome;
  }

  // ---- turns -------------------------------------------------------------------------------

  function recordCall(turn: TurnState, ref: CallRef): CallRecord {
    const step = getStep(turn, ref.stepId);
    const runtime = options.resolveTool(ref.toolName);
    const limit = runtime?.spec.concurrency;
    const call: CallRecord = {
      turn,
      step,
      callId: ref.callId,
      toolName: ref.toolName,
      runtime,
      runsOn: runtime ? runtime.spec.runsOn : 'unknown',
      phase: 'input-streaming',
      input: undefined,
      parsedInput: undefined,
      // A cap below 1 would never let the tool run; treat it as "one at a time".
      toolLimit: limit === undefined ? Number.POSITIVE_INFINITY : Math.max(1, limit),
      queueReason: undefined,
      dedupKey: undefined,
      sharers: [],
      holdsSlot: false,
      controller: undefined,
      timer: undefined,
      timing: {},
      settlement: undefined,
      approvedForProxy: false,
    };
    turn.calls.push(call);
    turn.byId.set(ref.callId, call);
    step.calls.push(call);
    return call;
  }

  function stopTurn(turn: TurnState, reason: string): void {
    if (turn.stopped) return;
    turn.stopped = true;
    for (const call of turn.calls) {
      if (call.phase === 'settled') continue;
      const { controller } = call;
      settle(call, { status: 'cancelled', errorText: reason, deliver: false });
      controller?.abort(new DOMException(reason, 'AbortError'));
    }
    emit({ type: 'turn-stopped', turnId: turn.id, at: now(), reason });
    pump();
  }

  function inputStarted(turn: TurnState, ref: CallRef): void {
    if (turn.stopped || turn.byId.has(ref.callId)) return;
    const call = recordCall(turn, ref);
    const at = now();
    call.timing.inputStartedAt = at;
    emit({ type: 'input-started', ...identity(call), at });
  }

  function inputAvailable(turn: TurnState, ref: CallRef & { input: unknown }): void {
    if (turn.stopped) return;
    const known = turn.byId.get(ref.callId);
    // The same call reported twice (stream tap and onToolCall): the first report wins.
    if (known && known.phase !== 'input-streaming') return;
    const call = known ?? recordCall(turn, ref);
    const at = now();
    call.timing.inputAvailableAt = at;
    call.input = ref.input;
    emit({ type: 'input-available', ...identity(call), at, input: ref.input, runsOn: call.runsOn });

    const { runtime } = call;
    if (!runtime) {
      settle(call, { status: 'error', errorText: `unknown tool ${call.toolName}`, deliver: true });
      return;
    }
    if (runtime.spec.runsOn === 'server') {
      if (runtime.spec.requiresApproval) {
        // The proxy asked for approval (needsApproval) and runs it only once the user said so.
        call.phase = 'awaiting-approval';
        call.timing.approvalRequestedAt = at;
        emit({ type: 'approval-requested', ...identity(call), at });
        return;
      }
      // The proxy runs it; the stream reports the result (serverSettled). Never delivered here.
      call.phase = 'remote';
      return;
    }
    if (!runtime.run) {
      const errorText = `tool ${call.toolName} has no browser handler`;
      settle(call, { status: 'error', errorText, deliver: true });
      return;
    }
    const check = validateInput(runtime.spec, ref.input);
    if (!check.ok) {
      settle(call, { status: 'invalid-input', errorText: check.errorText, deliver: true });
      return;
    }
    call.parsedInput = check.data;

    if (runtime.spec.requiresApproval) {
      // It changes state: nothing runs until the user says so, and two identical calls are two
      // changes, so it is never deduplicated. Its siblings carry on meanwhile.
      call.phase = 'awaiting-approval';
      call.timing.approvalRequestedAt = at;
      emit({ type: 'approval-requested', ...identity(call), at });
      return;
    }
    enqueue(turn, call, check.data);
  }

  /** Queues a validated call, or attaches it to an identical call already in flight. */
  function enqueue(turn: TurnState, call: CallRecord, data: unknown): void {
    const key = dedupKeyOf(call.toolName, data);
    const source = key === undefined ? undefined : turn.inFlight.get(key);
    if (source) {
      call.phase = 'sharing';
      source.sharers.push(call);
      return;
    }
    if (key !== undefined) {
      call.dedupKey = key;
      turn.inFlight.set(key, call);
    }
    call.phase = 'queued';
    queue.push(call);
    pump();
  }

  function resolveApproval(
    turn: TurnState,
    callId: string,
    approved: boolean,
    reason: string,
  ): boolean {
    const call = turn.byId.get(callId);
    if (turn.stopped || call?.phase !== 'awaiting-approval') return false;
    const at = now();
    call.timing.approvalResolvedAt = at;
    emit({ type: 'approval-resolved', ...identity(call), at, approved });
    if (approved && call.runsOn === 'server') {
      // The follow-up carries the approval; the proxy runs it and the stream reports it.
      call.phase = 'remote';
      call.approvedForProxy = true;
      queueStepCheck(call.step);
    } else if (approved) {
      call.phase = 'queued';
      queue.push(call);
      pump();
    } else {
      settle(call, { status: 'denied', errorText: reason, deliver: true });
    }
    return true;
  }

  function inputRejected(
    turn: TurnState,
    ref: CallRef & { input: unknown; errorText: string },
  ): void {
    if (turn.stopped) return;
    const known = turn.byId.get(ref.callId);
    if (known && known.phase !== 'input-streaming') return;
    const call = known ?? recordCall(turn, ref);
    const at = now();
    call.timing.inputAvailableAt = at;
    call.input = ref.input;
    emit({ type: 'input-available', ...identity(call), at, input: ref.input, runsOn: call.runsOn });
    // The part already carries the SDK's error, so nothing is delivered; an unknown tool is an
    // `error` span (DESIGN §4), anything else failed the schema.
    const status = call.runtime ? 'invalid-input' : 'error';
    settle(call, { status, errorText: ref.errorText, deliver: false });
  }

  function serverSettled(
    turn: TurnState,
    ref: CallRef & { output?: unknown; errorText?: string; sharedWith?: string },
  ): void {
    if (turn.stopped) return;
    const call = turn.byId.get(ref.callId) ?? recordCall(turn, ref);
    // Only calls the page is not running can be settled from the stream.
    const external =
      call.phase === 'remote' || (call.phase === 'input-streaming' && call.runsOn !== 'browser');
    if (!external) return;
    const outcome: Outcome =
      ref.errorText === undefined
        ? { status: 'ok', deliver: false, modelOutput: ref.output, fullOutput: ref.output }
        : {
            // The proxy words a server tool's deadline as the page does: keep it a timeout.
            status: /^timed out after \d+ ms$/.test(ref.errorText) ? 'timeout' : 'error',
            deliver: false,
            errorText: ref.errorText,
          };
    // Shared on the proxy: the same status and figures a browser duplicate gets (one home).
    if (ref.sharedWith !== undefined) {
      settle(call, {
        ...sharedOutcome({ ...outcome, callId: ref.sharedWith }),
        deliver: false,
      });
      return;
    }
    settle(call, outcome);
  }

  function closeStep(turn: TurnState, stepId: string): void {
    if (turn.stopped) return;
    const step = getStep(turn, stepId);
    if (step.closed) return;
    step.closed = true;
    emit({ type: 'step-closed', turnId: turn.id, stepId, at: now() });
    // batch: every call of the step starts in this one synchronous pass.
    pump();
    queueStepCheck(step);
  }

  function snapshot(turn: TurnState): CallSnapshot[] {
    return turn.calls.map((call) => {
      const view: CallSnapshot = {
        stepId: call.step.id,
        callId: call.callId,
        toolName: call.toolName,
        runsOn: call.runsOn,
        phase: call.phase,
      };
      if (call.queueReason) view.queueReason = call.queueReason;
      if (call.settlement) view.settlement = call.settlement;
      return view;
    });
  }

  function startTurn(turnId: string, turnOptions: TurnOptions = {}): Turn {
    const policy = turnOptions.policy ?? defaultPolicy;
    const turnCap = turnOptions.maxConcurrency ?? defaultMaxConcurrency;
    checkConcurrency(turnCap);
    const state: TurnState = {
      id: turnId,
      policy,
      stopped: false,
      calls: [],
      byId: new Map(),
      steps: new Map(),
      inFlight: new Map(),
      running: 0,
    };
    const handle: Turn = {
      id: turnId,
      policy,
      get stopped() {
        return state.stopped;
      },
      inputStarted: (ref) => transaction(() => inputStarted(state, ref)),
      inputAvailable: (ref) => transaction(() => inputAvailable(state, ref)),
      inputRejected: (ref) => transaction(() => inputRejected(state, ref)),
      serverSettled: (ref) => transaction(() => serverSettled(state, ref)),
      closeStep: (stepId) => transaction(() => closeStep(state, stepId)),
      approve: (callId) => {
        let applied = false;
        transaction(() => {
          applied = resolveApproval(state, callId, true, '');
        });
        return applied;
      },
      deny: (callId, reason = DEFAULT_DENY_REASON) => {
        let applied = false;
        transaction(() => {
          applied = resolveApproval(state, callId, false, reason);
        });
        return applied;
      },
      stop: (reason = DEFAULT_STOP_REASON) => transaction(() => stopTurn(state, reason)),
      snapshot: () => snapshot(state),
    };
    transaction(() => {
      // One live turn at a time: leftovers of the previous turn must not reach the new one.
      const previous = current;
      if (previous && !previous.stopped) {
        if (previous.calls.some((call) => call.phase !== 'settled'))
          stopTurn(previous, `superseded by turn ${turnId}`);
        // A finished turn ends quietly, but still may not deliver or settle a step any more.
        else previous.stopped = true;
      }
      current = state;
      currentHandle = handle;
      maxConcurrency = turnCap;
      emit({ type: 'turn-started', turnId, at: now(), policy, maxConcurrency });
    });
    return handle;
  }

  return {
    startTurn,
    get currentTurn() {
      return currentHandle;
    },
    get runningCount() {
      return running;
    },
  };
}

import type { ExecutorEvent } from '../runtime';
import type { TraceEvent } from './trace-events';
import type { RunTrace, StepTrace, ToolSpan } from './trace-types';

function relative(run: RunTrace, at: number): number {
  return Math.max(0, at - run.startedAtPerf);
}

/**
 * A run being changed by a batch of events. The trace stays immutable for its readers (a new
 * run object, new spans record, new step objects where anything changed), but within one batch
 * each collection is copied once, not once per event: at 500 calls a frame's batch of a few
 * hundred events copied the spans record a few hundred times, O(n²) per frame.
 */
class RunDraft {
  run: RunTrace;
  /** What this batch already copied, and may therefore change in place. */
  private own = { run: false, spans: false, spanOrder: false, steps: false };
  private ownSteps = new Set<StepTrace>();

  constructor(run: RunTrace) {
    this.run = run;
  }

  private mutable(): RunTrace {
    if (!this.own.run) {
      this.run = { ...this.run };
      this.own.run = true;
    }
    return this.run;
  }

  setRun(change: Partial<Pick<RunTrace, 'status' | 'endedAt'>>) {
    Object.assign(this.mutable(), change);
  }

  addStep(step: StepTrace) {
    this.stepsForChange().push(step);
  }

  private stepsForChange(): StepTrace[] {
    const run = this.mutable();
    if (!this.own.steps) {
      run.steps = run.steps.slice();
      this.own.steps = true;
    }
    return run.steps;
  }

  withStep(stepId: string, change: (step: StepTrace) => StepTrace) {
    const index = this.run.steps.findIndex((step) => step.id === stepId);
    const step = this.run.steps[index];
    if (!step) return;
    const next = change(step);
    if (next === step) return;
    this.stepsForChange()[index] = next;
  }

  /** Adds a call to its step's list, copying that step (and its list) once per batch. */
  private addCall(stepId: string, callId: string) {
    const index = this.run.steps.findIndex((step) => step.id === stepId);
    const step = this.run.steps[index];
    if (!step || step.callIds.includes(callId)) return;
    if (this.ownSteps.has(step)) {
      step.callIds.push(callId);
      return;
    }
    const copy = { ...step, callIds: [...step.callIds, callId] };
    this.ownSteps.add(copy);
    this.stepsForChange()[index] = copy;
  }

  withSpan(callId: string, create: () => ToolSpan, change: (span: ToolSpan) => ToolSpan) {
    const existing = this.run.spans[callId];
    const span = change(existing ?? create());
    const run = this.mutable();
    if (!this.own.spans) {
      run.spans = { ...run.spans };
      this.own.spans = true;
    }
    run.spans[callId] = span;
    if (existing) return;
    if (!this.own.spanOrder) {
      run.spanOrder = run.spanOrder.slice();
      this.own.spanOrder = true;
    }
    run.spanOrder.push(callId);
    this.addCall(span.stepId, callId);
  }
}

function applyExecutorEvent(draft: RunDraft, event: ExecutorEvent): void {
  const run = draft.run;
  if (!('callId' in event)) {
    if (event.type === 'step-settled') {
      // Every call of the step has settled: its outputs are all back for the follow-up.
      draft.withStep(event.stepId, (step) =>
        step.callIds.length > 0 ? { ...step, outputsReturnedAt: relative(run, event.at) } : step,
      );
    }
    return;
  }
  const at = relative(run, event.at);
  const create = (): ToolSpan => ({
    callId: event.callId,
    toolName: event.toolName,
    stepId: event.stepId,
    runsOn: 'browser',
    state: 'input-streaming',
  });
  switch (event.type) {
    case 'input-started':
      draft.withSpan(event.callId, create, (span) => ({
        ...span,
        inputStartedAt: span.inputStartedAt ?? at,
      }));
      return;
    case 'input-available':
      draft.withSpan(event.callId, create, (span) => ({
        ...span,
        input: event.input,
        runsOn: event.runsOn,
        inputAvailableAt: at,
        state: event.runsOn === 'server' ? 'remote' : span.state,
        // A server call runs from the moment the proxy has its input.
        startedAt: event.runsOn === 'server' ? at : span.startedAt,
      }));
      return;
    case 'approval-requested':
      draft.withSpan(event.callId, create, (span) => ({
        ...span,
        state: 'awaiting-approval',
        approvalRequestedAt: span.approvalRequestedAt ?? at,
      }));
      return;
    case 'approval-resolved':
      draft.withSpan(event.callId, create, (span) => ({
        ...span,
        approvalResolvedAt: at,
        approval: event.approved ? 'approved' : 'denied',
      }));
      return;
    case 'queued':
      draft.withSpan(event.callId, create, (span) => ({
        ...span,
        state: 'queued',
        queueReason: event.reason,
        queuedAt: span.queuedAt ?? at,
      }));
      return;
    case 'started':
      draft.withSpan(event.callId, create, (span) => ({
        ...span,
        state: 'running',
        startedAt: at,
        deadlineMs: event.deadlineMs,
      }));
      return;
    case 'settled': {
      const settlement = event.settlement;
      // A server call the proxy answered with an identical call's result never ran: like a
      // browser duplicate it has no running time, only its wait (sharing).
      const neverRan = settlement.sharedWith !== undefined && settlement.runsOn === 'server';
      draft.withSpan(event.callId, create, (span) => ({
        ...span,
        ...(neverRan ? { startedAt: undefined } : {}),
        state: 'settled',
        status: event.status,
        runsOn: settlement.runsOn,
        input: settlement.input ?? span.input,
        output: settlement.fullOutput,
        errorText: event.errorText,
        truncated: settlement.truncated,
        outputBytes: settlement.outputBytes,
        sharedWith: settlement.sharedWith,
        settledAt: at,
      }));
      return;
    }
    default:
      return;
  }
}

/** Folds one event into a run's trace; returns the same object when nothing changed. Pure. */
export function applyTraceEvent(run: RunTrace, event: TraceEvent): RunTrace {
  return applyTraceEvents(run, [event]);
}

/**
 * Folds a batch of events into a run's trace, as applying them one by one would, copying what
 * changed once per batch; returns the same object when nothing changed. Pure: `run` and
 * everything it holds are left as they were.
 */
export function applyTraceEvents(run: RunTrace, events: readonly TraceEvent[]): RunTrace {
  const draft = new RunDraft(run);
  for (const event of events) applyToDraft(draft, event);
  return draft.run;
}

function applyToDraft(draft: RunDraft, event: TraceEvent): void {
  const run = draft.run;
  switch (event.type) {
    case 'run-started':
      return;
    case 'step-requested':
      if (run.steps.some((step) => step.id === event.stepId)) return;
      draft.addStep({
        id: event.stepId,
        index: run.steps.length,
        requestAt: relative(run, event.at),
        callIds: [],
      });
      return;
    case 'step-carried':
      draft.withStep(event.stepId, (step) => ({ ...step, carried: event.outputs }));
      return;
    case 'step-first-byte':
      draft.withStep(event.stepId, (step) => ({
        ...step,
        firstByteAt: step.firstByteAt ?? relative(run, event.at),
      }));
      return;
    case 'step-content':
      draft.withStep(event.stepId, (step) => ({
        ...step,
        firstContentAt: step.firstContentAt ?? relative(run, event.at),
        textStartAt: event.text ? (step.textStartAt ?? relative(run, event.at)) : step.textStartAt,
      }));
      return;
    case 'step-finished':
      draft.withStep(event.stepId, (step) => ({
        ...step,
        finishedAt: relative(run, event.at),
        finishReason: event.finishReason ?? step.finishReason,
        usage: event.usage ?? step.usage,
        proxy: event.proxy ?? step.proxy,
      }));
      return;
    case 'step-error':
      draft.withStep(event.stepId, (step) => ({
        ...step,
        finishedAt: step.finishedAt ?? relative(run, event.at),
        errorText: event.errorText,
      }));
      return;
    case 'run-ended':
      draft.setRun({ status: event.status, endedAt: relative(run, event.at) });
      return;
    case 'server-call-timed': {
      const span = run.spans[event.callId];
      if (!span) return;
      // The proxy's epoch readings, placed on the run's timeline by the run's epoch start.
      draft.withSpan(
        event.callId,
        () => span,
        (current) => ({
          ...current,
          serverRan: {
            ...(event.queuedAtEpochMs === undefined
              ? {}
              : { queuedAt: event.queuedAtEpochMs - run.startedAtEpochMs }),
            startedAt: event.startedAtEpochMs - run.startedAtEpochMs,
            settledAt: event.settledAtEpochMs - run.startedAtEpochMs,
          },
        }),
      );
      return;
    }
    case 'server-call-state': {
      const span = run.spans[event.callId];
      // Once settled or timed in full, the live readings have nothing left to tell.
      if (!span || span.settledAt !== undefined || span.serverRan) return;
      const at = event.atEpochMs - run.startedAtEpochMs;
      if (event.state === 'sharing') {
        // It will not run: drawn as sharing from its input, like a browser duplicate.
        draft.withSpan(
          event.callId,
          () => span,
          (current) => ({ ...current, state: 'sharing', startedAt: undefined }),
        );
        return;
      }
      draft.withSpan(
        event.callId,
        () => span,
        (current) => ({
          ...current,
          serverLive:
            event.state === 'queued'
              ? { queuedAt: at }
              : { queuedAt: current.serverLive?.queuedAt ?? at, startedAt: at },
        }),
      );
      return;
    }
    case 'server-call-progress': {
      const span = run.spans[event.callId];
      if (!span || span.settledAt !== undefined) return;
      const { progress, total, message } = event;
      draft.withSpan(
        event.callId,
        () => span,
        (current) => ({
          ...current,
          progress: {
            progress,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          },
        }),
      );
      return;
    }
    case 'executor':
      applyExecutorEvent(draft, event.event);
      return;
  }
}

/** A new run's empty trace. */
export function createRun(event: Extract<TraceEvent, { type: 'run-started' }>): RunTrace {
  return {
    id: event.runId,
    prompt: event.prompt,
    userMessageId: event.userMessageId,
    ...(event.priorMessages === undefined ? {} : { priorMessages: event.priorMessages }),
    modelId: event.modelId,
    policy: event.policy,
    parallelToolCalls: event.parallelToolCalls,
    status: 'running',
    startedAtEpochMs: event.epochMs,
    startedAtPerf: event.at,
    steps: [],
    spanOrder: [],
    spans: {},
  };
}

/** The run id an event belongs to. */
export function runIdOf(event: TraceEvent): string {
  return event.type === 'executor' ? event.event.turnId : event.runId;
}

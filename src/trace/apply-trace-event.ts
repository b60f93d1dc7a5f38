import type { ExecutorEvent } from '../runtime';
import type { TraceEvent } from './trace-events';
import type { RunTrace, StepTrace, ToolSpan } from './trace-types';

function relative(run: RunTrace, at: number): number {
  return Math.max(0, at - run.startedAtPerf);
}

function withStep(run: RunTrace, stepId: string, change: (step: StepTrace) => StepTrace): RunTrace {
  const index = run.steps.findIndex((step) => step.id === stepId);
  if (index < 0) return run;
  const steps = run.steps.slice();
  const step = steps[index];
  if (!step) return run;
  steps[index] = change(step);
  return { ...run, steps };
}

function withSpan(
  run: RunTrace,
  callId: string,
  create: () => ToolSpan,
  change: (span: ToolSpan) => ToolSpan,
): RunTrace {
  const existing = run.spans[callId];
  const span = change(existing ?? create());
  const spans = { ...run.spans, [callId]: span };
  if (existing) return { ...run, spans };
  const next = { ...run, spans, spanOrder: [...run.spanOrder, callId] };
  return withStep(next, span.stepId, (step) =>
    step.callIds.includes(callId) ? step : { ...step, callIds: [...step.callIds, callId] },
  );
}

function applyExecutorEvent(run: RunTrace, event: ExecutorEvent): RunTrace {
  if (!('callId' in event)) {
    if (event.type === 'step-settled') {
      // Every call of the step has settled: its outputs are all back for the follow-up.
      return withStep(run, event.stepId, (step) =>
        step.callIds.length > 0 ? { ...step, outputsReturnedAt: relative(run, event.at) } : step,
      );
    }
    return run;
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
      return withSpan(run, event.callId, create, (span) => ({
        ...span,
        inputStartedAt: span.inputStartedAt ?? at,
      }));
    case 'input-available':
      return withSpan(run, event.callId, create, (span) => ({
        ...span,
        input: event.input,
        runsOn: event.runsOn,
        inputAvailableAt: at,
        state: event.runsOn === 'server' ? 'remote' : span.state,
        // A server call runs from the moment the proxy has its input.
        startedAt: event.runsOn === 'server' ? at : span.startedAt,
      }));
    case 'approval-requested':
      return withSpan(run, event.callId, create, (span) => ({
        ...span,
        state: 'awaiting-approval',
        approvalRequestedAt: span.approvalRequestedAt ?? at,
      }));
    case 'approval-resolved':
      return withSpan(run, event.callId, create, (span) => ({
        ...span,
        approvalResolvedAt: at,
        approval: event.approved ? 'approved' : 'denied',
      }));
    case 'queued':
      return withSpan(run, event.callId, create, (span) => ({
        ...span,
        state: 'queued',
        queueReason: event.reason,
        queuedAt: span.queuedAt ?? at,
      }));
    case 'started':
      return withSpan(run, event.callId, create, (span) => ({
        ...span,
        state: 'running',
        startedAt: at,
        deadlineMs: event.deadlineMs,
      }));
    case 'settled': {
      const settlement = event.settlement;
      return withSpan(run, event.callId, create, (span) => ({
        ...span,
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
    }
    default:
      return run;
  }
}

/** Folds one event into a run's trace; returns the same object when nothing changed. Pure. */
export function applyTraceEvent(run: RunTrace, event: TraceEvent): RunTrace {
  switch (event.type) {
    case 'run-started':
      return run;
    case 'step-requested':
      if (run.steps.some((step) => step.id === event.stepId)) return run;
      return {
        ...run,
        steps: [
          ...run.steps,
          {
            id: event.stepId,
            index: run.steps.length,
            requestAt: relative(run, event.at),
            callIds: [],
          },
        ],
      };
    case 'step-first-byte':
      return withStep(run, event.stepId, (step) => ({
        ...step,
        firstByteAt: step.firstByteAt ?? relative(run, event.at),
      }));
    case 'step-content':
      return withStep(run, event.stepId, (step) => ({
        ...step,
        firstContentAt: step.firstContentAt ?? relative(run, event.at),
        textStartAt: event.text ? (step.textStartAt ?? relative(run, event.at)) : step.textStartAt,
      }));
    case 'step-finished':
      return withStep(run, event.stepId, (step) => ({
        ...step,
        finishedAt: relative(run, event.at),
        finishReason: event.finishReason ?? step.finishReason,
        usage: event.usage ?? step.usage,
        proxy: event.proxy ?? step.proxy,
      }));
    case 'step-error':
      return withStep(run, event.stepId, (step) => ({
        ...step,
        finishedAt: step.finishedAt ?? relative(run, event.at),
        errorText: event.errorText,
      }));
    case 'run-ended':
      return { ...run, status: event.status, endedAt: relative(run, event.at) };
    case 'executor':
      return applyExecutorEvent(run, event.event);
  }
}

/** A new run's empty trace. */
export function createRun(event: Extract<TraceEvent, { type: 'run-started' }>): RunTrace {
  return {
    id: event.runId,
    prompt: event.prompt,
    userMessageId: event.userMessageId,
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

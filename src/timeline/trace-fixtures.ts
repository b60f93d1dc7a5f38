import type { RunTrace, StepTrace, ToolSpan } from '../trace/trace-types';

/**
 * Small builders for hand-written traces in unit tests: every time is ms from the run's start,
 * exactly as the trace store records them, so a test reads like the timeline it describes.
 */

/** A settled browser call that ran from `start` to `end` (input complete at `start`). */
export function span(
  callId: string,
  start: number | undefined,
  end: number | undefined,
  extra: Partial<ToolSpan> = {},
): ToolSpan {
  const settled = end !== undefined;
  return {
    callId,
    toolName: 'get_weather',
    stepId: 'step-1',
    runsOn: 'browser',
    state: settled ? 'settled' : start !== undefined ? 'running' : 'queued',
    ...(settled ? { status: 'ok' as const } : {}),
    input: { city: callId },
    inputStartedAt: start,
    inputAvailableAt: start,
    startedAt: start,
    settledAt: end,
    ...extra,
  };
}

/** A model step: request at `requestAt`, first content at `firstContentAt`, finish at `finishedAt`. */
export function step(
  id: string,
  requestAt: number,
  firstContentAt: number | undefined,
  finishedAt: number | undefined,
  extra: Partial<StepTrace> = {},
): StepTrace {
  return {
    id,
    index: Number(id.replace(/\D+/g, '')) - 1 || 0,
    requestAt,
    firstByteAt: firstContentAt,
    firstContentAt,
    finishedAt,
    callIds: [],
    ...extra,
  };
}

/** A run from steps and spans; each span joins the step named by its `stepId`. */
export function run(
  steps: StepTrace[],
  spans: ToolSpan[],
  extra: Partial<RunTrace> = {},
): RunTrace {
  const withCalls = steps.map((each) => ({
    ...each,
    callIds: [
      ...each.callIds,
      ...spans.filter((one) => one.stepId === each.id).map((one) => one.callId),
    ],
  }));
  return {
    id: 'run-1',
    prompt: 'test',
    policy: 'parallel',
    parallelToolCalls: true,
    status: 'complete',
    startedAtEpochMs: 1_700_000_000_000,
    startedAtPerf: 0,
    steps: withCalls,
    spanOrder: spans.map((one) => one.callId),
    spans: Object.fromEntries(spans.map((one) => [one.callId, one])),
    ...extra,
  };
}

/**
 * The classic demo: the model streams three calls in step 1 (finishing at 400 ms), each runs
 * for ~1 s as soon as its input is complete, then step 2 synthesises the answer.
 */
export function threeCityRun(policy: RunTrace['policy'] = 'parallel'): RunTrace {
  if (policy === 'sequential') {
    return run(
      [
        step('step-1', 0, 250, 400, { outputsReturnedAt: 3410 }),
        step('step-2', 3412, 3660, 3900, { textStartAt: 3660 }),
      ],
      [
        span('Paris', 300, 1302, { inputStartedAt: 260, queuedAt: undefined }),
        span('Tokyo', 1302.2, 2304, {
          inputStartedAt: 300,
          inputAvailableAt: 340,
          queuedAt: 340,
          queueReason: 'sequential',
        }),
        span('New York', 2304.1, 3410, {
          inputStartedAt: 350,
          inputAvailableAt: 390,
          queuedAt: 390,
          queueReason: 'sequential',
        }),
      ],
      { policy: 'sequential', endedAt: 3900 },
    );
  }
  return run(
    [
      step('step-1', 0, 250, 400, {
        outputsReturnedAt: 1410,
        usage: { inputTokens: 50, outputTokens: 40, totalTokens: 90 },
      }),
      step('step-2', 1412, 1660, 1900, {
        textStartAt: 1660,
        usage: { inputTokens: 120, outputTokens: 80, totalTokens: 200 },
      }),
    ],
    [
      span('Paris', 300, 1302, { inputStartedAt: 260 }),
      span('Tokyo', 340, 1341, { inputStartedAt: 300 }),
      span('New York', 390, 1410, { inputStartedAt: 350 }),
    ],
    { policy, endedAt: 1900 },
  );
}

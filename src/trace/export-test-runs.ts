import type { RunTrace } from './trace-types';

/**
 * Runs for the export, import and OTLP tests: one of every span shape the executor produces
 * (parallel ok calls, a timeout, an error, invalid input, a server call, a duplicate, a queued
 * call), plus a run cut off mid-flight.
 */
export function finishedRun(): RunTrace {
  return {
    id: 'run-1',
    userMessageId: 'msg-1',
    prompt: 'Weather in Paris and Tokyo, and 100 EUR in JPY?',
    modelId: 'openai:gpt-4.1-mini',
    policy: 'parallel',
    parallelToolCalls: true,
    status: 'complete',
    startedAtEpochMs: 1_767_225_600_123,
    startedAtPerf: 5012.345,
    endedAt: 2450.75,
    steps: [
      {
        id: 'step-1',
        index: 0,
        requestAt: 0.5,
        firstByteAt: 120.25,
        firstContentAt: 180.125,
        finishedAt: 400.000001,
        outputsReturnedAt: 1300.5,
        callIds: ['call-a', 'call-b', 'call-c', 'call-d', 'call-e', 'call-f', 'call-g'],
        finishReason: 'tool-calls',
        usage: { inputTokens: 812, outputTokens: 96, totalTokens: 908 },
        proxy: { receivedAt: 1_767_225_600_130, firstChunkAt: 1_767_225_600_240 },
      },
      {
        id: 'step-2',
        index: 1,
        requestAt: 1301,
        firstByteAt: 1400,
        firstContentAt: 1420,
        textStartAt: 1420,
        finishedAt: 2450,
        callIds: [],
        finishReason: 'stop',
        usage: { inputTokens: 1200, outputTokens: 210, totalTokens: 1410 },
        proxy: {
          receivedAt: 1_767_225_601_430,
          firstChunkAt: 1_767_225_601_530,
          finishedAt: 1_767_225_602_560,
        },
      },
    ],
    spanOrder: ['call-a', 'call-b', 'call-c', 'call-d', 'call-e', 'call-f', 'call-g'],
    spans: {
      'call-a': {
        callId: 'call-a',
        toolName: 'get_weather',
        stepId: 'step-1',
        runsOn: 'browser',
        state: 'settled',
        status: 'ok',
        input: { city: 'Paris' },
        output: { city: 'Paris', tempC: 18, sky: 'clear' },
        outputBytes: 41,
        deadlineMs: 5000,
        inputStartedAt: 200,
        inputAvailableAt: 230.5,
        startedAt: 231,
        settledAt: 1231.75,
      },
      'call-b': {
        callId: 'call-b',
        toolName: 'get_weather',
        stepId: 'step-1',
        runsOn: 'browser',
        state: 'settled',
        status: 'timeout',
        input: { city: 'Tokyo' },
        errorText: 'get_weather took longer than 1000 ms.',
        deadlineMs: 1000,
        inputStartedAt: 240,
        inputAvailableAt: 260,
        startedAt: 261,
        settledAt: 1261,
      },
      'call-c': {
        callId: 'call-c',
        toolName: 'lookup_order',
        stepId: 'step-1',
        runsOn: 'browser',
        state: 'settled',
        status: 'error',
        input: { orderId: 'A-1' },
        errorText: 'Order A-1 does not exist.',
        deadlineMs: 3000,
        inputAvailableAt: 270,
        startedAt: 270.2,
        settledAt: 300,
      },
      'call-d': {
        callId: 'call-d',
        toolName: 'lookup_order',
        stepId: 'step-1',
        runsOn: 'browser',
        state: 'settled',
        status: 'invalid-input',
        input: { order: 7 },
        errorText: 'orderId: expected string',
        inputAvailableAt: 280,
        settledAt: 280,
      },
      'call-e': {
        callId: 'call-e',
        toolName: 'convert_currency',
        stepId: 'step-1',
        runsOn: 'server',
        state: 'settled',
        status: 'ok',
        input: { amount: 100, from: 'EUR', to: 'JPY' },
        output: { amount: 16_250, currency: 'JPY' },
        inputAvailableAt: 290,
        startedAt: 290,
        settledAt: 395,
      },
      'call-f': {
        callId: 'call-f',
        toolName: 'get_weather',
        stepId: 'step-1',
        runsOn: 'browser',
        state: 'settled',
        status: 'deduplicated',
        input: { city: 'Paris' },
        output: { city: 'Paris', tempC: 18, sky: 'clear' },
        sharedWith: 'call-a',
        inputAvailableAt: 300,
        settledAt: 1231.75,
      },
      'call-g': {
        callId: 'call-g',
        toolName: 'search_docs',
        stepId: 'step-1',
        runsOn: 'browser',
        state: 'settled',
        status: 'ok',
        input: { query: 'battery life' },
        output: { hits: 'x'.repeat(89_989) },
        truncated: true,
        outputBytes: 90_000,
        queueReason: 'tool-cap',
        deadlineMs: 4000,
        inputAvailableAt: 310,
        queuedAt: 310,
        startedAt: 1231.8,
        settledAt: 1300,
      },
    },
  };
}

/** A run exported while a call was still running and another still queued. */
export function runningRun(): RunTrace {
  return {
    id: 'run-2',
    prompt: 'Stock of the X100 in every store',
    modelId: 'offline',
    policy: 'batch',
    parallelToolCalls: true,
    status: 'running',
    startedAtEpochMs: 1_767_225_700_000,
    startedAtPerf: 9000,
    steps: [{ id: 's1', index: 0, requestAt: 0, firstByteAt: 40, callIds: ['c1', 'c2', 'c3'] }],
    spanOrder: ['c1', 'c2', 'c3'],
    spans: {
      c1: {
        callId: 'c1',
        toolName: 'check_stock',
        stepId: 's1',
        runsOn: 'browser',
        state: 'settled',
        status: 'ok',
        output: { units: 3 },
        inputAvailableAt: 50,
        startedAt: 60,
        settledAt: 400,
      },
      c2: {
        callId: 'c2',
        toolName: 'check_stock',
        stepId: 's1',
        runsOn: 'browser',
        state: 'running',
        inputAvailableAt: 55,
        startedAt: 60,
        deadlineMs: 2000,
      },
      c3: {
        callId: 'c3',
        toolName: 'check_stock',
        stepId: 's1',
        runsOn: 'browser',
        state: 'queued',
        queueReason: 'global-cap',
        inputAvailableAt: 58,
        queuedAt: 61,
      },
    },
  };
}

const cities = ['Paris', 'Tokyo', 'New York', 'Lima', 'Oslo', 'Cairo', 'Sydney', 'Delhi'];

/**
 * A realistic big run for the share-link size checks: `calls` weather lookups in one step,
 * eight at a time, each with a short output as the built-in tool returns it, then the answer.
 */
export function manyCallsRun(calls: number, id = 'run-many'): RunTrace {
  const spans: RunTrace['spans'] = {};
  const callIds: string[] = [];
  for (let index = 0; index < calls; index++) {
    const callId = `call_${index.toString(36).padStart(4, '0')}${'x'.repeat(20)}`;
    const city = cities[index % cities.length] ?? 'Paris';
    const start = 400 + Math.floor(index / 8) * 300 + (index % 8) * 2.125;
    callIds.push(callId);
    spans[callId] = {
      callId,
      toolName: 'get_weather',
      stepId: 'step-1',
      runsOn: 'browser',
      state: 'settled',
      status: 'ok',
      input: { city },
      output: { city, tempC: 10 + (index % 17), conditions: 'partly cloudy', humidity: 0.62 },
      outputBytes: 80,
      inputStartedAt: 200 + index * 0.5,
      inputAvailableAt: start - 1.5,
      startedAt: start,
      settledAt: start + 250 + (index % 5) * 10.375,
    };
  }
  const lastEnd = Math.max(...Object.values(spans).map((span) => span.settledAt ?? 0));
  return {
    id,
    prompt: `Weather in ${calls} places`,
    modelId: 'offline',
    policy: 'parallel',
    parallelToolCalls: true,
    status: 'complete',
    startedAtEpochMs: 1_767_225_600_123,
    startedAtPerf: 5012.345,
    endedAt: lastEnd + 600,
    steps: [
      {
        id: 'step-1',
        index: 0,
        requestAt: 0,
        firstByteAt: 120,
        firstContentAt: 180,
        finishedAt: 400 + calls,
        outputsReturnedAt: lastEnd,
        callIds,
        finishReason: 'tool-calls',
        usage: { inputTokens: 812, outputTokens: 20 * calls, totalTokens: 812 + 20 * calls },
      },
      {
        id: 'step-2',
        index: 1,
        requestAt: lastEnd + 1,
        firstByteAt: lastEnd + 100,
        firstContentAt: lastEnd + 120,
        textStartAt: lastEnd + 120,
        finishedAt: lastEnd + 600,
        callIds: [],
        finishReason: 'stop',
        usage: { inputTokens: 900 + 40 * calls, outputTokens: 150, totalTokens: 1050 + 40 * calls },
      },
    ],
    spanOrder: callIds,
    spans,
  };
}

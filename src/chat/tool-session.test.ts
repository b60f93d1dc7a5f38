import type { UIMessageChunk } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settlement } from '../runtime';
import { getWeatherSpec } from '../shared/tools/get-weather';
import type { BrowserTool } from '../tools/registry';
import type { TraceEvent } from '../trace/trace-events';
import { reduceRuns } from '../trace/trace-store';
import type { FanoutMessage } from './chat-types';
import { ToolSession, type TurnSettings } from './tool-session';

const userMessage: FanoutMessage = {
  id: 'u1',
  role: 'user',
  parts: [{ type: 'text', text: 'Weather in Paris and Tokyo?' }],
};
const assistantMessage: FanoutMessage = { id: 'a1', role: 'assistant', parts: [] };

function setup(overrides: Partial<TurnSettings> = {}) {
  const events: TraceEvent[] = [];
  const delivered: Settlement[] = [];
  const handler = vi.fn(async (input: unknown) => ({
    city: (input as { city: string }).city,
    tempC: 20,
  }));
  const weather: BrowserTool = { spec: getWeatherSpec, handler };
  const session = new ToolSession({
    browserTools: { get_weather: weather },
    load: () => Promise.reject(new Error('no data in this test')),
    settings: () => ({
      policy: 'parallel',
      parallelToolCalls: true,
      maxConcurrency: 6,
      latency: () => ({ baseMs: 1000, jitterMs: 0 }),
      ...overrides,
    }),
    trace: (event) => events.push(event),
    now: () => Date.now(),
  });
  session.setDeliver((settlement) => delivered.push(settlement));
  return { session, events, delivered, handler };
}

/** A complete call as the stream reports it (`tool-input-available`). */
function parisAvailable(callId: string, providerExecuted?: boolean): UIMessageChunk {
  return {
    type: 'tool-input-available',
    toolCallId: callId,
    toolName: 'get_weather',
    input: { city: 'Paris' },
    ...(providerExecuted ? { providerExecuted } : {}),
  };
}

function callChunks(callId: string, city: string): UIMessageChunk[] {
  return [
    { type: 'tool-input-start', toolCallId: callId, toolName: 'get_weather' },
    { type: 'tool-input-delta', toolCallId: callId, inputTextDelta: `{"city":"${city}"}` },
  ];
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ToolSession', () => {
  it('runs a step’s calls concurrently and delivers each output once', async () => {
    const { session, events, delivered } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of [...callChunks('c1', 'Paris'), ...callChunks('c2', 'Tokyo')])
      tap.observe(chunk);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    session.onToolCall({ toolCallId: 'c2', toolName: 'get_weather', input: { city: 'Tokyo' } });
    tap.observe({ type: 'finish-step' });
    tap.observe({ type: 'finish', finishReason: 'tool-calls' });
    tap.end();

    await vi.advanceTimersByTimeAsync(1000);
    expect(delivered.map((settlement) => [settlement.callId, settlement.status])).toEqual([
      ['c1', 'ok'],
      ['c2', 'ok'],
    ]);
    const runs = reduceRuns({}, events);
    const run = Object.values(runs)[0];
    const paris = run?.spans.c1;
    const tokyo = run?.spans.c2;
    // Concurrent: each started before the other settled.
    expect(paris?.startedAt).toBeLessThan(tokyo?.settledAt ?? 0);
    expect(tokyo?.startedAt).toBeLessThan(paris?.settledAt ?? 0);
    expect(run?.status).toBe('running');
    expect(run?.steps[0]?.outputsReturnedAt).toBeDefined();
  });

  it('treats a request ending in the assistant’s results as the same run’s next step', () => {
    const { session, events } = setup();
    const first = session.beginRequest([userMessage]);
    const second = session.beginRequest([userMessage, assistantMessage]);
    expect(second.runId).toBe(first.runId);
    expect(second.stepId).not.toBe(first.stepId);
    second.observe({ type: 'finish', finishReason: 'stop' });
    const run = Object.values(reduceRuns({}, events))[0];
    expect(run?.steps).toHaveLength(2);
    expect(run?.status).toBe('complete');
  });

  it('runs one call at a time under the sequential policy', async () => {
    const { session, delivered } = setup({ policy: 'sequential' });
    const tap = session.beginRequest([userMessage]);
    for (const chunk of [...callChunks('c1', 'Paris'), ...callChunks('c2', 'Tokyo')])
      tap.observe(chunk);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    session.onToolCall({ toolCallId: 'c2', toolName: 'get_weather', input: { city: 'Tokyo' } });
    tap.observe({ type: 'finish-step' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(delivered.map((settlement) => settlement.callId)).toEqual(['c1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(delivered.map((settlement) => settlement.callId)).toEqual(['c1', 'c2']);
  });

  it('Stop cancels running calls, delivers nothing and ends the run as stopped', async () => {
    const { session, events, delivered } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of callChunks('c1', 'Paris')) tap.observe(chunk);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    await vi.advanceTimersByTimeAsync(200);
    session.stop();
    await vi.advanceTimersByTimeAsync(2000);
    expect(delivered).toEqual([]);
    expect(session.stopped).toBe(true);
    const run = Object.values(reduceRuns({}, events))[0];
    expect(run?.spans.c1?.status).toBe('cancelled');
    expect(run?.status).toBe('stopped');
  });

  it('fails a call whose input was cut off when the stream ends, so nothing hangs', () => {
    const { session, events } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of callChunks('c1', 'Par')) tap.observe(chunk);
    tap.end(new Error('network reset'));
    const run = Object.values(reduceRuns({}, events))[0];
    expect(run?.spans.c1?.state).toBe('settled');
    expect(run?.spans.c1?.errorText).toMatch(/ended before/);
    expect(run?.status).toBe('error');
  });

  it('records a server tool’s result from the stream without running it', () => {
    const { session, events, delivered } = setup();
    const tap = session.beginRequest([userMessage]);
    tap.observe({ type: 'tool-input-start', toolCallId: 's1', toolName: 'convert_currency' });
    session.onToolCall({
      toolCallId: 's1',
      toolName: 'convert_currency',
      input: { amount: 1, from: 'USD', to: 'EUR' },
    });
    tap.observe({ type: 'tool-output-available', toolCallId: 's1', output: { result: 0.9 } });
    const run = Object.values(reduceRuns({}, events))[0];
    expect(run?.spans.s1?.runsOn).toBe('server');
    expect(run?.spans.s1?.status).toBe('ok');
    expect(delivered).toEqual([]);
  });

  it('starts a call when the tap reads its input, before the chat reaches it', () => {
    const { session, events, handler } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of callChunks('c1', 'Paris')) tap.observe(chunk);
    tap.observe(parisAvailable('c1'));
    const run = Object.values(reduceRuns({}, events))[0];
    expect(run?.spans.c1?.state).toBe('running');
    // The chat's own report of the same call later does not start it twice.
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    expect(handler).not.toHaveBeenCalled(); // still inside its simulated latency
    const spans = Object.values(reduceRuns({}, events))[0]?.spans ?? {};
    expect(Object.keys(spans)).toEqual(['c1']);
  });

  it('holds an output until the chat has the call, then delivers it once', async () => {
    const { session, delivered, handler } = setup({
      latency: () => ({ baseMs: 0, jitterMs: 0 }),
    });
    const tap = session.beginRequest([userMessage]);
    tap.observe(parisAvailable('c1'));
    await vi.advanceTimersByTimeAsync(10);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(delivered).toEqual([]);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    expect(delivered.map((settlement) => [settlement.callId, settlement.status])).toEqual([
      ['c1', 'ok'],
    ]);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    expect(delivered).toHaveLength(1);
  });

  it('leaves calls the provider ran itself to the stream', () => {
    const { session, events } = setup();
    const tap = session.beginRequest([userMessage]);
    tap.observe(parisAvailable('p1', true));
    const run = Object.values(reduceRuns({}, events))[0];
    expect(run?.spans.p1?.state).not.toBe('running');
  });
});

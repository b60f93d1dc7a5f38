import type { ChatStatus, UIMessageChunk } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToolRegistry } from '../runtime';
import type { FanoutMessage } from '../shared/message-metadata';
import { toolSpecByName } from '../shared/tools';
import { abortableDelay } from '../shared/tools/simulated-latency';
import type { TraceEvent } from '../trace/trace-events';
import { reduceRuns } from '../trace/trace-store';
import { type ChatPort, type StepTap, TurnSession, type TurnSettings } from './turn-session';

const userMessage: FanoutMessage = {
  id: 'u1',
  role: 'user',
  parts: [{ type: 'text', text: 'Weather in Paris and Tokyo?' }],
};
const assistantMessage: FanoutMessage = { id: 'a1', role: 'assistant', parts: [] };

/** What the session gave the chat, in order. */
type Answer =
  | { kind: 'output'; callId: string; output: unknown }
  | { kind: 'error'; callId: string; errorText: string }
  | { kind: 'approval'; id: string; approved: boolean; reason?: string }
  | { kind: 'follow-up' };

/** A stand-in for the AI SDK chat: records what it is given, answers once a turn of the loop has passed. */
function fakeChat() {
  const log: Answer[] = [];
  const chat = {
    status: 'streaming' as ChatStatus,
    addToolOutput: async (
      output:
        | { tool: string; toolCallId: string; output: unknown; state?: 'output-available' }
        | { tool: string; toolCallId: string; state: 'output-error'; errorText: string },
    ) => {
      await Promise.resolve();
      log.push(
        output.state === 'output-error'
          ? { kind: 'error', callId: output.toolCallId, errorText: output.errorText }
          : { kind: 'output', callId: output.toolCallId, output: output.output },
      );
    },
    addToolApprovalResponse: async (response: {
      id: string;
      approved: boolean;
      reason?: string;
    }) => {
      await Promise.resolve();
      log.push({ kind: 'approval', ...response });
    },
    sendMessage: async () => {
      log.push({ kind: 'follow-up' });
    },
  } satisfies ChatPort;
  return { chat, log };
}

function setup(overrides: Partial<TurnSettings> = {}, latencyMs = 1000) {
  const events: TraceEvent[] = [];
  const handler = vi.fn(async (input: unknown, signal: AbortSignal) => {
    await abortableDelay(latencyMs, signal);
    return { city: (input as { city: string }).city, tempC: 20 };
  });
  const cart = vi.fn(async () => ({ added: true }));
  const tools: ToolRegistry = (name) => {
    const spec = toolSpecByName[name];
    if (!spec) return undefined;
    if (spec.runsOn === 'server') return { spec };
    if (name === 'add_to_cart') return { spec, run: cart };
    return { spec, run: (input, ctx) => handler(input, ctx.signal) };
  };
  const session = new TurnSession({
    settings: () => ({
      policy: 'parallel',
      parallelToolCalls: true,
      maxConcurrency: 6,
      tools,
      ...overrides,
    }),
    trace: (event) => events.push(event),
    now: () => Date.now(),
  });
  const { chat, log } = fakeChat();
  session.attach(chat);
  const run = () => Object.values(reduceRuns({}, events))[0];
  const outputs = () =>
    log.flatMap((answer) => (answer.kind === 'output' || answer.kind === 'error' ? [answer] : []));
  const followUps = () => log.filter((answer) => answer.kind === 'follow-up').length;
  /** The chat read the whole response. */
  const responseEnds = async () => {
    chat.status = 'ready';
    session.responseFinished();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { session, events, chat, log, handler, cart, run, outputs, followUps, responseEnds };
}

/** A complete call as the stream reports it (`tool-input-available`). */
function available(
  callId: string,
  toolName = 'get_weather',
  input: unknown = { city: 'Paris' },
): UIMessageChunk {
  return { type: 'tool-input-available', toolCallId: callId, toolName, input };
}

function callChunks(callId: string, city: string): UIMessageChunk[] {
  return [
    { type: 'tool-input-start', toolCallId: callId, toolName: 'get_weather' },
    { type: 'tool-input-delta', toolCallId: callId, inputTextDelta: `{"city":"${city}"}` },
  ];
}

/** The tap reads call `c1` (Paris), then the chat processes it. */
function parisCall(session: TurnSession, tap: StepTap) {
  tap.observe(available('c1'));
  session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
}

const finish: UIMessageChunk[] = [
  { type: 'finish-step' },
  { type: 'finish', finishReason: 'tool-calls' },
];

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TurnSession', () => {
  it('runs a step’s calls concurrently and gives each output to the chat once', async () => {
    const { session, outputs, run } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of [...callChunks('c1', 'Paris'), ...callChunks('c2', 'Tokyo')])
      tap.observe(chunk);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    session.onToolCall({ toolCallId: 'c2', toolName: 'get_weather', input: { city: 'Tokyo' } });
    for (const chunk of finish) tap.observe(chunk);
    tap.end();

    await vi.advanceTimersByTimeAsync(1000);
    expect(outputs().map((answer) => [answer.callId, answer.kind])).toEqual([
      ['c1', 'output'],
      ['c2', 'output'],
    ]);
    const paris = run()?.spans.c1;
    const tokyo = run()?.spans.c2;
    // Concurrent: each started before the other settled.
    expect(paris?.startedAt).toBeLessThan(tokyo?.settledAt ?? 0);
    expect(tokyo?.startedAt).toBeLessThan(paris?.settledAt ?? 0);
    expect(run()?.status).toBe('running');
    expect(run()?.steps[0]?.outputsReturnedAt).toBeDefined();
  });

  it('says the chat is awaited when no call runs or an answer waits for the chat', async () => {
    const { session } = setup();
    const changes = vi.fn();
    session.catchUp.onChange(changes);
    const tap = session.beginRequest([userMessage]);
    expect(session.catchUp.urgent()).toBe(true);
    // The tap started c1 before the chat processed it: the chat may take its time meanwhile.
    tap.observe(available('c1'));
    expect(session.catchUp.urgent()).toBe(false);
    // c1 settles while the chat still has not reached its input: its answer waits for the chat.
    await vi.advanceTimersByTimeAsync(1000);
    expect(changes).toHaveBeenCalled();
    expect(session.catchUp.urgent()).toBe(true);
  });

  it('treats a request ending in the assistant’s results as the same run’s next step', () => {
    const { session, run } = setup();
    const first = session.beginRequest([userMessage]);
    const second = session.beginRequest([userMessage, assistantMessage]);
    expect(second.runId).toBe(first.runId);
    expect(second.stepId).not.toBe(first.stepId);
    second.observe({ type: 'finish', finishReason: 'stop' });
    expect(run()?.steps).toHaveLength(2);
    expect(run()?.status).toBe('complete');
  });

  it('records on the follow-up step the tool results its request carried, by call id', () => {
    const { session, run } = setup();
    session.beginRequest([userMessage]);
    const withResults: FanoutMessage = {
      id: 'a1',
      role: 'assistant',
      parts: [
        { type: 'step-start' },
        {
          type: 'dynamic-tool',
          toolName: 'get_weather',
          toolCallId: 'c1',
          state: 'output-available',
          input: { city: 'Paris' },
          output: { city: 'Paris', tempC: 20 },
        },
        {
          type: 'dynamic-tool',
          toolName: 'get_weather',
          toolCallId: 'c2',
          state: 'output-error',
          input: { city: 'Tokyo' },
          errorText: 'Timed out after 3 s',
        },
      ],
    };
    const second = session.beginRequest([userMessage, withResults]);
    const steps = run()?.steps ?? [];
    expect(steps[0]?.carried).toBeUndefined();
    expect(steps[1]?.id).toBe(second.stepId);
    expect(steps[1]?.carried).toEqual([
      {
        callId: 'c1',
        toolName: 'get_weather',
        state: 'output',
        summary: '{"city":"Paris","tempC":20}',
        bytes: 27,
      },
      {
        callId: 'c2',
        toolName: 'get_weather',
        state: 'error',
        summary: 'Timed out after 3 s',
        bytes: 21,
      },
    ]);
  });

  it('runs one call at a time under the sequential policy', async () => {
    const { session, outputs } = setup({ policy: 'sequential' });
    const tap = session.beginRequest([userMessage]);
    for (const chunk of [...callChunks('c1', 'Paris'), ...callChunks('c2', 'Tokyo')])
      tap.observe(chunk);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    session.onToolCall({ toolCallId: 'c2', toolName: 'get_weather', input: { city: 'Tokyo' } });
    tap.observe({ type: 'finish-step' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(outputs().map((answer) => answer.callId)).toEqual(['c1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(outputs().map((answer) => answer.callId)).toEqual(['c1', 'c2']);
  });

  it('Stop cancels running calls, gives nothing and ends the run as stopped', async () => {
    const { session, log, run } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of callChunks('c1', 'Paris')) tap.observe(chunk);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    await vi.advanceTimersByTimeAsync(200);
    session.stop();
    await vi.advanceTimersByTimeAsync(2000);
    expect(log).toEqual([]);
    expect(session.stopped).toBe(true);
    expect(run()?.spans.c1?.status).toBe('cancelled');
    expect(run()?.status).toBe('stopped');
  });

  it('Stop after the run completed (a new chat, a new race) leaves it complete', () => {
    const { session, run } = setup();
    const tap = session.beginRequest([userMessage]);
    tap.observe({ type: 'text-delta', id: 't', delta: 'Hello.' });
    tap.observe({ type: 'finish', finishReason: 'stop' });
    expect(run()?.status).toBe('complete');
    session.stop();
    expect(run()?.status).toBe('complete');
  });

  it('fails a call whose input was cut off when the stream ends, so nothing hangs', () => {
    const { session, run } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of callChunks('c1', 'Par')) tap.observe(chunk);
    tap.end(new Error('network reset'));
    expect(run()?.spans.c1?.state).toBe('settled');
    expect(run()?.spans.c1?.errorText).toMatch(/ended before/);
    expect(run()?.status).toBe('error');
  });

  it('records a server tool’s result from the stream without running it', () => {
    const { session, log, run } = setup();
    const tap = session.beginRequest([userMessage]);
    tap.observe({ type: 'tool-input-start', toolCallId: 's1', toolName: 'convert_currency' });
    session.onToolCall({
      toolCallId: 's1',
      toolName: 'convert_currency',
      input: { amount: 1, from: 'USD', to: 'EUR' },
    });
    tap.observe({ type: 'tool-output-available', toolCallId: 's1', output: { result: 0.9 } });
    expect(run()?.spans.s1?.runsOn).toBe('server');
    expect(run()?.spans.s1?.status).toBe('ok');
    expect(log).toEqual([]);
  });

  it('starts a call when the tap reads its input, before the chat reaches it', () => {
    const { session, handler, run } = setup();
    const tap = session.beginRequest([userMessage]);
    for (const chunk of callChunks('c1', 'Paris')) tap.observe(chunk);
    tap.observe(available('c1'));
    expect(run()?.spans.c1?.state).toBe('running');
    // The chat's own report of the same call later does not start it twice.
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(Object.keys(run()?.spans ?? {})).toEqual(['c1']);
  });

  it('holds an output until the chat has the call, then gives it once', async () => {
    const { session, outputs, handler } = setup({}, 0);
    const tap = session.beginRequest([userMessage]);
    tap.observe(available('c1'));
    await vi.advanceTimersByTimeAsync(10);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(outputs()).toEqual([]);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(outputs().map((answer) => [answer.callId, answer.kind])).toEqual([['c1', 'output']]);
    session.onToolCall({ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(outputs()).toHaveLength(1);
  });

  it('leaves calls the provider ran itself to the stream', () => {
    const { session, run } = setup();
    const tap = session.beginRequest([userMessage]);
    tap.observe({
      type: 'tool-input-available',
      toolCallId: 'p1',
      toolName: 'get_weather',
      input: { city: 'Paris' },
      providerExecuted: true,
    });
    expect(run()?.spans.p1?.state).not.toBe('running');
  });
});

/**
 * When the one follow-up request goes: decided here alone, from the executor's step-settled
 * signal and the chat having applied every answer. These are the cases the chat once decided
 * again from message parts (`lastStepIsComplete`).
 */
describe('TurnSession follow-up', () => {
  /** The balance and the cart in one step; the cart waits for approval. */
  async function balanceAndCart(setupResult: ReturnType<typeof setup>) {
    const { session } = setupResult;
    const tap = session.beginRequest([userMessage]);
    const balance = available('b', 'get_account_balance', {});
    const cart = available('c', 'add_to_cart', { sku: 'VEGA-AIR-13', quantity: 1 });
    for (const chunk of [balance, cart]) {
      tap.observe(chunk);
      if (chunk.type === 'tool-input-available') session.onToolCall({ ...chunk });
    }
    for (const chunk of finish) tap.observe(chunk);
    tap.end();
    await setupResult.responseEnds();
    await vi.advanceTimersByTimeAsync(1000);
    return tap;
  }

  it('waits for a call awaiting approval, then counts a denial as its answer', async () => {
    const result = setup();
    await balanceAndCart(result);
    expect(result.run()?.spans.c?.state).toBe('awaiting-approval');
    expect(result.outputs().map((answer) => answer.callId)).toEqual(['b']);
    expect(result.followUps()).toBe(0);

    expect(result.session.deny('c', 'ap1')).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    // The denial answers the proxy's approval request; then the one follow-up goes.
    expect(result.log.slice(-2)).toEqual([
      { kind: 'approval', id: 'ap1', approved: false, reason: 'the user denied it' },
      { kind: 'follow-up' },
    ]);
    expect(result.cart).not.toHaveBeenCalled();
  });

  it('after an approval, waits for the approved call’s output', async () => {
    const result = setup();
    await balanceAndCart(result);
    expect(result.session.approve('c', 'ap1')).toBe(true);
    // Approved but not yet answered: the output is still owed.
    expect(result.followUps()).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(result.log.slice(-3)).toEqual([
      { kind: 'approval', id: 'ap1', approved: true },
      { kind: 'output', callId: 'c', output: { added: true } },
      { kind: 'follow-up' },
    ]);
  });

  it('a denial without a request from the proxy reaches the chat as the call’s error', async () => {
    const result = setup();
    await balanceAndCart(result);
    result.session.deny('c');
    await vi.advanceTimersByTimeAsync(0);
    expect(result.log.slice(-2)).toEqual([
      { kind: 'error', callId: 'c', errorText: 'Not run: the user denied it.' },
      { kind: 'follow-up' },
    ]);
  });

  it('needs at least one call, and every call answered', async () => {
    const text = setup();
    const tap = text.session.beginRequest([userMessage]);
    tap.observe({ type: 'text-delta', id: 't', delta: 'Hello' });
    for (const chunk of finish) tap.observe(chunk);
    await text.responseEnds();
    expect(text.followUps()).toBe(0);

    const { session, followUps, responseEnds } = setup({ policy: 'sequential' });
    const two = session.beginRequest([userMessage]);
    for (const city of ['Paris', 'Tokyo']) {
      two.observe(available(city, 'get_weather', { city }));
      session.onToolCall({ toolCallId: city, toolName: 'get_weather', input: { city } });
    }
    for (const chunk of finish) two.observe(chunk);
    await responseEnds();
    await vi.advanceTimersByTimeAsync(1000);
    // One of two answered: nothing yet.
    expect(followUps()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(followUps()).toBe(1);
  });

  it('waits for the chat to finish reading the response before the follow-up goes', async () => {
    const { session, chat, log, followUps, responseEnds } = setup({}, 0);
    const tap = session.beginRequest([userMessage]);
    parisCall(session, tap);
    for (const chunk of finish) tap.observe(chunk);
    await vi.advanceTimersByTimeAsync(10);
    // The output is applied while the chat still streams (text after the calls, say).
    expect(chat.status).toBe('streaming');
    expect(log.map((answer) => answer.kind)).toEqual(['output']);
    expect(followUps()).toBe(0);
    await responseEnds();
    expect(followUps()).toBe(1);
    // A second end of the same response sends nothing more.
    await responseEnds();
    expect(followUps()).toBe(1);
  });

  it('a step whose only call the SDK rejected still gets its follow-up (the part carries the error)', async () => {
    const { session, followUps, responseEnds } = setup();
    const tap = session.beginRequest([userMessage]);
    tap.observe({
      type: 'tool-input-error',
      toolCallId: 'bad',
      toolName: 'get_weather',
      input: { town: 'Paris' },
      errorText: 'Invalid input for get_weather',
    });
    for (const chunk of finish) tap.observe(chunk);
    await responseEnds();
    expect(followUps()).toBe(1);
  });

  it('a step of the proxy’s tools owes one too: the proxy ends its response after running them', async () => {
    const { session, followUps, responseEnds } = setup();
    const tap = session.beginRequest([userMessage]);
    tap.observe(available('s1', 'convert_currency', { amount: 1, from: 'USD', to: 'EUR' }));
    tap.observe({ type: 'tool-output-available', toolCallId: 's1', output: { result: 0.9 } });
    for (const chunk of finish) tap.observe(chunk);
    await responseEnds();
    expect(followUps()).toBe(1);
  });

  it('calls of a later model step in the same response hold the follow-up too', async () => {
    const { session, outputs, followUps, responseEnds } = setup({}, 100);
    const tap = session.beginRequest([userMessage]);
    // A server tool's step, then the model goes on in the same response with a browser call.
    tap.observe(available('s1', 'convert_currency', { amount: 1, from: 'USD', to: 'EUR' }));
    tap.observe({ type: 'tool-output-available', toolCallId: 's1', output: { result: 0.9 } });
    tap.observe({ type: 'finish-step' });
    tap.observe({ type: 'start-step' });
    parisCall(session, tap);
    for (const chunk of finish) tap.observe(chunk);
    await responseEnds();
    expect(followUps()).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(outputs().map((answer) => answer.callId)).toEqual(['c1']);
    expect(followUps()).toBe(1);
  });

  it('sends nothing after Stop, after a failed response, or when the chat is in error', async () => {
    const stopped = setup({}, 100);
    const tap = stopped.session.beginRequest([userMessage]);
    parisCall(stopped.session, tap);
    for (const chunk of finish) tap.observe(chunk);
    await stopped.responseEnds();
    stopped.session.stop();
    await vi.advanceTimersByTimeAsync(200);
    expect(stopped.followUps()).toBe(0);

    const cut = setup({}, 0);
    const cutTap = cut.session.beginRequest([userMessage]);
    parisCall(cut.session, cutTap);
    cutTap.observe({ type: 'finish', finishReason: 'interrupted' });
    await cut.responseEnds();
    await vi.advanceTimersByTimeAsync(10);
    expect(cut.run()?.status).toBe('error');
    expect(cut.followUps()).toBe(0);

    const failing = setup({}, 0);
    const failingTap = failing.session.beginRequest([userMessage]);
    parisCall(failing.session, failingTap);
    for (const chunk of finish) failingTap.observe(chunk);
    failing.chat.status = 'error';
    failing.session.responseFinished();
    await vi.advanceTimersByTimeAsync(10);
    expect(failing.followUps()).toBe(0);
  });
});

import { Chat } from '@ai-sdk/react';
import { isToolUIPart, type UIMessageChunk } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToolRegistry } from '../runtime';
import type { FanoutMessage } from '../shared/message-metadata';
import { toolSpecByName } from '../shared/tools';
import { createTraceStore } from '../trace/trace-store';
import { createTurnEngine } from './engine';

type Body = { messages: FanoutMessage[] };

/** Answers /api/chat with the next scripted response, as an SSE stream; records the bodies. */
function scriptedProxy(responses: UIMessageChunk[][]) {
  const bodies: Body[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: unknown, init?: RequestInit) => {
      // Finished runs go to the collector route: this proxy has none.
      if (String(input) !== '/api/chat') return new Response(null, { status: 204 });
      bodies.push(JSON.parse(String(init?.body)) as Body);
      const chunks = responses[bodies.length - 1] ?? [];
      const text = `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
      return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return bodies;
}

function call(id: string, toolName: string, input: unknown): UIMessageChunk[] {
  return [
    { type: 'tool-input-start', toolCallId: id, toolName },
    { type: 'tool-input-available', toolCallId: id, toolName, input },
  ];
}

const answer = (text: string): UIMessageChunk[] => [
  { type: 'start' },
  { type: 'start-step' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: text },
  { type: 'text-end', id: 't' },
  { type: 'finish-step' },
  { type: 'finish', finishReason: 'stop' },
];

/** The cart call, and the proxy asking for its approval. */
const cartAwaitingApproval: UIMessageChunk[] = [
  ...call('c', 'add_to_cart', { sku: 'VEGA-AIR-13', quantity: 1 }),
  { type: 'tool-approval-request', approvalId: 'ap1', toolCallId: 'c' },
];

const tools: ToolRegistry = (name) => {
  const spec = toolSpecByName[name];
  if (!spec) return undefined;
  return { spec, run: async (input) => ({ tool: name, input }) };
};

function engine() {
  const traces = createTraceStore();
  const turn = createTurnEngine({
    id: 'test',
    traces,
    settings: () => ({ policy: 'parallel', parallelToolCalls: true, maxConcurrency: 6, tools }),
  });
  return { ...turn, traces };
}

async function until(condition: () => boolean) {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: 3000, interval: 5 });
}

function toolParts(message: FanoutMessage | undefined) {
  return (message?.parts ?? []).filter(isToolUIPart);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the AI SDK chat, as measured (why the session sends the follow-up itself)', () => {
  it('evaluates sendAutomaticallyWhen inside addToolOutput, before that call’s promise resolves', async () => {
    const order: string[] = [];
    const chat = new Chat<FanoutMessage>({
      messages: [
        { id: 'u', role: 'user', parts: [{ type: 'text', text: 'hi' }] },
        {
          id: 'a',
          role: 'assistant',
          parts: [
            { type: 'step-start' },
            { type: 'tool-get_weather', toolCallId: 'w', state: 'input-available', input: {} },
          ],
        },
      ],
      sendAutomaticallyWhen: () => {
        order.push('sendAutomaticallyWhen');
        return false;
      },
    });
    await chat.addToolOutput({ tool: 'get_weather', toolCallId: 'w', output: { tempC: 20 } });
    order.push('addToolOutput resolved');
    // A decision made when the last output's promise resolves comes too late for the SDK's
    // own trigger; it is never asked again for that step.
    expect(order).toEqual(['sendAutomaticallyWhen', 'addToolOutput resolved']);
  });
});

describe('createTurnEngine', () => {
  it('runs a step’s calls and sends exactly one follow-up carrying every output', async () => {
    const bodies = scriptedProxy([
      [
        { type: 'start' },
        { type: 'start-step' },
        ...call('p', 'get_weather', { city: 'Paris' }),
        ...call('t', 'get_weather', { city: 'Tokyo' }),
        { type: 'finish-step' },
        { type: 'finish', finishReason: 'tool-calls' },
      ],
      answer('Paris and Tokyo are both mild.'),
    ]);
    const { chat, traces } = engine();
    await chat.sendMessage({ text: 'Weather in Paris and Tokyo?' });
    await until(() => chat.status === 'ready' && bodies.length === 2);
    await until(
      () => traces.getState().runs[traces.getState().runOrder[0] ?? '']?.status === 'complete',
    );
    expect(bodies).toHaveLength(2);
    const followUp = toolParts(bodies[1]?.messages.at(-1));
    expect(followUp.map((part) => [part.toolCallId, part.state])).toEqual([
      ['p', 'output-available'],
      ['t', 'output-available'],
    ]);
    expect(chat.messages.at(-1)?.parts.some((part) => part.type === 'text')).toBe(true);
  });

  it('approval: the call waits, Approve runs it, and the one follow-up carries the approval and the output', async () => {
    const bodies = scriptedProxy([
      [
        { type: 'start' },
        { type: 'start-step' },
        ...call('b', 'get_account_balance', {}),
        ...cartAwaitingApproval,
        { type: 'finish-step' },
        { type: 'finish', finishReason: 'tool-calls' },
      ],
      answer('Added 1 × Vega Air.'),
    ]);
    const { chat, session } = engine();
    await chat.sendMessage({ text: 'Add the Vega Air and show my balance.' });
    await until(() => {
      const parts = toolParts(chat.messages.at(-1));
      return parts[0]?.state === 'output-available' && parts[1]?.state === 'approval-requested';
    });
    expect(bodies).toHaveLength(1);

    expect(session.approve('c', 'ap1')).toBe(true);
    await until(() => bodies.length === 2 && chat.status === 'ready');
    const followUp = toolParts(bodies[1]?.messages.at(-1));
    expect(followUp.map((part) => [part.toolCallId, part.state])).toEqual([
      ['b', 'output-available'],
      ['c', 'output-available'],
    ]);
    expect(followUp[1]?.approval).toMatchObject({ id: 'ap1', approved: true });
    expect(bodies).toHaveLength(2);
  });

  it('a denial answers the approval request and is the follow-up’s, once', async () => {
    const bodies = scriptedProxy([
      [
        { type: 'start' },
        { type: 'start-step' },
        ...cartAwaitingApproval,
        { type: 'finish-step' },
        { type: 'finish', finishReason: 'tool-calls' },
      ],
      answer('The cart call was not run.'),
    ]);
    const { chat, session } = engine();
    await chat.sendMessage({ text: 'Add the Vega Air.' });
    await until(() => toolParts(chat.messages.at(-1))[0]?.state === 'approval-requested');
    expect(session.deny('c', 'ap1')).toBe(true);
    await until(() => bodies.length === 2 && chat.status === 'ready');
    const cart = toolParts(bodies[1]?.messages.at(-1))[0];
    expect(cart).toMatchObject({
      state: 'approval-responded',
      approval: { approved: false, reason: 'the user denied it' },
    });
    expect(bodies).toHaveLength(2);
  });
});

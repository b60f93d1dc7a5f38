import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { jsonSchema, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  eagerToolCallStream,
  type ToolInputCheck,
  toolSetInputCheck,
  withEagerToolCalls,
} from './eager-tool-calls';

type Part = LanguageModelV4StreamPart;

const tools = {
  add: tool({ inputSchema: z.object({ a: z.number() }) }),
  weather: tool({ inputSchema: z.object({ city: z.string() }) }),
};
const accepts: ToolInputCheck = toolSetInputCheck(tools);

async function run(parts: Part[], check: ToolInputCheck = accepts): Promise<Part[]> {
  const out: Part[] = [];
  const source = new ReadableStream<Part>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const reader = source.pipeThrough(eagerToolCallStream(check)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

const start = (id: string, toolName = 'add'): Part => ({ type: 'tool-input-start', id, toolName });
const delta = (id: string, text: string): Part => ({ type: 'tool-input-delta', id, delta: text });
const end = (id: string): Part => ({ type: 'tool-input-end', id });
type ToolCallPart = Extract<Part, { type: 'tool-call' }>;
const call = (
  id: string,
  input: string,
  toolName = 'add',
  extra: Partial<ToolCallPart> = {},
): ToolCallPart => ({ type: 'tool-call', toolCallId: id, toolName, input, ...extra });
const finish: Part = {
  type: 'finish',
  finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
  usage: {
    inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 1, text: 1, reasoning: 0 },
  },
};

/** What the AI SDK's tracker emits for Chat Completions: every end and call only at the flush. */
function chatCompletions(calls: { id: string; deltas: string[]; toolName?: string }[]): Part[] {
  return [
    ...calls.flatMap(({ id, deltas, toolName }) => [
      start(id, toolName),
      ...deltas.map((text) => delta(id, text)),
    ]),
    ...calls.flatMap(({ id, deltas, toolName }) => [end(id), call(id, deltas.join(''), toolName)]),
    finish,
  ];
}

const label = (part: Part): string =>
  part.type === 'tool-call'
    ? `call ${part.toolCallId} ${part.input}`
    : 'id' in part
      ? `${part.type} ${part.id}`
      : part.type;

const toolCalls = (parts: Part[]) =>
  parts.filter((part): part is ToolCallPart => part.type === 'tool-call');

describe('eagerToolCallStream', () => {
  it('ends a call when the next one starts, not at the end of the stream, and only once', async () => {
    const out = await run(
      chatCompletions([
        { id: 'c1', deltas: ['{"a":', ' 1}'] },
        { id: 'c2', deltas: ['{"a": 2}'] },
      ]),
    );
    expect(out.map(label)).toEqual([
      'tool-input-start c1',
      'tool-input-delta c1',
      'tool-input-delta c1',
      'tool-input-end c1',
      'call c1 {"a": 1}',
      'tool-input-start c2',
      'tool-input-delta c2',
      // The last call ends with the stream: nothing follows it but the flush.
      'tool-input-end c2',
      'call c2 {"a": 2}',
      'finish',
    ]);
  });

  it('never takes a valid-looking prefix for the input: a number split across deltas', async () => {
    const out = await run([
      start('c1'),
      delta('c1', '{"a": 1'),
      // Parts between the deltas (a raw chunk is enqueued before its own deltas) change nothing.
      { type: 'raw', rawValue: {} },
      delta('c1', '2'),
      delta('c1', '}'),
      start('c2'),
      delta('c2', '{"a": 3}'),
      end('c1'),
      call('c1', '{"a": 12}'),
      end('c2'),
      call('c2', '{"a": 3}'),
      finish,
    ]);
    const calls = toolCalls(out);
    expect(calls.map((part) => part.toolCallId)).toEqual(['c1', 'c2']);
    expect(JSON.parse(calls[0]?.input ?? '')).toEqual({ a: 12 });
    // …and it was emitted before c2 began, not at the flush.
    expect(out.findIndex((part) => part.type === 'tool-call')).toBeLessThan(
      out.findIndex((part) => part.type === 'tool-input-start' && part.id === 'c2'),
    );
  });

  it('waits out whitespace after the closing brace and runs the same input', async () => {
    const out = await run(
      chatCompletions([
        { id: 'c1', deltas: ['{"a": 1}', '  ', '\n'] },
        { id: 'c2', deltas: ['{"a": 2}'] },
      ]),
    );
    const calls = toolCalls(out);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.input).toBe('{"a": 1}  \n');
    // Every delta of c1 reached the page before its end: the input stream stays intact.
    expect(out.slice(0, 6).map(label)).toEqual([
      'tool-input-start c1',
      'tool-input-delta c1',
      'tool-input-delta c1',
      'tool-input-delta c1',
      'tool-input-end c1',
      'call c1 {"a": 1}  \n',
    ]);
  });

  it('does not emit a closed object the model keeps writing after: the final text is what runs', async () => {
    // A misbehaving model: `{"a": 1}` parses, then more arrives. The call must not have run
    // with `{"a": 1}`; it ends with the stream carrying exactly what the model wrote.
    const out = await run(
      chatCompletions([
        { id: 'c1', deltas: ['{"a": 1}', '2}'] },
        { id: 'c2', deltas: ['{"a": 2}'] },
      ]),
    );
    const calls = toolCalls(out);
    expect(calls.map((part) => [part.toolCallId, part.input])).toEqual([
      ['c1', '{"a": 1}2}'],
      ['c2', '{"a": 2}'],
    ]);
    expect(out.findIndex((part) => part.type === 'tool-call')).toBeGreaterThan(
      out.findIndex((part) => part.type === 'tool-input-start' && part.id === 'c2'),
    );
  });

  it('leaves an input the schema rejects to the stream end (the AI SDK reports it)', async () => {
    const out = await run(
      chatCompletions([
        { id: 'c1', deltas: ['{"b": 1}'] },
        { id: 'c2', deltas: ['{"a": 2}'] },
      ]),
    );
    expect(out.map(label).slice(0, 4)).toEqual([
      'tool-input-start c1',
      'tool-input-delta c1',
      'tool-input-start c2',
      'tool-input-delta c2',
    ]);
    expect(toolCalls(out).map((part) => part.input)).toEqual(['{"b": 1}', '{"a": 2}']);
  });

  it('ends a call when text or the finish follows it', async () => {
    const out = await run([
      start('c1'),
      delta('c1', '{"a": 1}'),
      { type: 'text-start', id: 't' },
      end('c1'),
      call('c1', '{"a": 1}'),
      finish,
    ]);
    expect(out.map(label)).toEqual([
      'tool-input-start c1',
      'tool-input-delta c1',
      'tool-input-end c1',
      'call c1 {"a": 1}',
      'text-start t',
      'finish',
    ]);
  });

  it('drops whatever of an emitted call arrives later (interleaved): never a second call', async () => {
    const out = await run([
      start('c1'),
      delta('c1', '{"a": 1}'),
      start('c2'),
      delta('c1', 'oops'),
      delta('c2', '{"a": 2}'),
      end('c1'),
      call('c1', '{"a": 1}oops'),
      end('c2'),
      call('c2', '{"a": 2}'),
      finish,
    ]);
    expect(toolCalls(out).map((part) => [part.toolCallId, part.input])).toEqual([
      ['c1', '{"a": 1}'],
      ['c2', '{"a": 2}'],
    ]);
    expect(out.filter((part) => part.type === 'tool-input-end')).toHaveLength(2);
    expect(out.some((part) => part.type === 'tool-input-delta' && part.delta === 'oops')).toBe(
      false,
    );
  });

  it('passes Responses- and Anthropic-style streams through untouched, metadata included', async () => {
    const parts: Part[] = [
      { type: 'stream-start', warnings: [] },
      start('c1', 'weather'),
      delta('c1', '{"city":"Paris"}'),
      end('c1'),
      call('c1', '{"city":"Paris"}', 'weather', { providerMetadata: { openai: { itemId: 'i1' } } }),
      start('c2', 'weather'),
      delta('c2', '{"city":"Tokyo"}'),
      end('c2'),
      call('c2', '{"city":"Tokyo"}', 'weather', { providerMetadata: { openai: { itemId: 'i2' } } }),
      finish,
    ];
    expect(await run(parts)).toEqual(parts);
  });

  it('never preempts provider-executed or unknown tools', async () => {
    const parts: Part[] = [
      { type: 'tool-input-start', id: 's1', toolName: 'add', providerExecuted: true },
      delta('s1', '{"a": 1}'),
      start('u1', 'no_such_tool'),
      delta('u1', '{"a": 1}'),
      { type: 'text-start', id: 't' },
      end('s1'),
      call('s1', '{"a": 1}', 'add', { providerExecuted: true }),
      end('u1'),
      call('u1', '{"a": 1}', 'no_such_tool'),
      finish,
    ];
    expect(await run(parts)).toEqual(parts);
  });

  it('accepts what a schema without a validator accepts, and nothing for an unknown tool', async () => {
    const check = toolSetInputCheck({
      mcp: tool({ inputSchema: jsonSchema({ type: 'object' }) }),
    });
    expect(await check('mcp', { anything: true })).toBe(true);
    expect(await check('missing', {})).toBe(false);
    expect(await check('toString', {})).toBe(false);
  });
});

/** A Chat Completions SSE stream the test writes chunk by chunk. */
function controlledSse() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const chunk = (delta: object, finishReason: string | null = null) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-eager',
      object: 'chat.completion.chunk',
      created: 1735689600,
      model: 'gpt-test',
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    })}\n\n`;
  return {
    body,
    send(delta: object, finishReason: string | null = null) {
      controller?.enqueue(encoder.encode(chunk(delta, finishReason)));
    },
    end() {
      controller?.enqueue(encoder.encode('data: [DONE]\n\n'));
      controller?.close();
    },
  };
}

describe('withEagerToolCalls around the AI SDK’s Chat Completions model', () => {
  it('completes the first call while the response is still streaming', async () => {
    const sse = controlledSse();
    const openai = createOpenAI({
      apiKey: 'sk-test',
      fetch: async () =>
        new Response(sse.body, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const result = streamText({
      model: withEagerToolCalls(openai.chat('gpt-test'), accepts),
      prompt: 'Add.',
      tools,
    });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const part of result.stream) {
        if (part.type === 'tool-call')
          seen.push(`call ${part.toolCallId} ${JSON.stringify(part.input)}`);
        if (part.type === 'finish') seen.push('finish');
      }
    })();
    const toolDelta = (index: number, fn: object, id?: string) => ({
      tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }],
    });
    sse.send({ role: 'assistant', content: null });
    sse.send(toolDelta(0, { name: 'add', arguments: '' }, 'call_1'));
    sse.send(toolDelta(0, { arguments: '{"a": 1' }));
    sse.send(toolDelta(0, { arguments: '2}' }));
    sse.send(toolDelta(1, { name: 'add', arguments: '' }, 'call_2'));
    sse.send(toolDelta(1, { arguments: '{"a": 3}' }));
    // The stream is still open: the first call is already complete, with its whole input.
    await expect.poll(() => seen).toEqual(['call call_1 {"a":12}']);
    sse.send({}, 'tool_calls');
    sse.end();
    await reading;
    expect(seen).toEqual(['call call_1 {"a":12}', 'call call_2 {"a":3}', 'finish']);
  });
});

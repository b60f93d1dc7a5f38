import {
  createUIMessageStreamResponse,
  readUIMessageStream,
  type UIMessage,
  type UIMessageChunk,
} from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { uiMessageSseResponse, uiMessageSseStream } from './ui-message-sse';

type Source = {
  stream: ReadableStream<unknown>;
  controller: ReadableStreamDefaultController<unknown>;
  cancelled: unknown[];
};

function source(): Source {
  const cancelled: unknown[] = [];
  let controller!: ReadableStreamDefaultController<unknown>;
  const stream = new ReadableStream<unknown>({
    start(streamController) {
      controller = streamController;
    },
    cancel(reason) {
      cancelled.push(reason);
    },
  });
  return { stream, controller, cancelled };
}

const decoder = new TextDecoder();
const sse = (...chunks: unknown[]) => chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
const DONE = 'data: [DONE]\n\n';

/** Every byte chunk the body yields, decoded, until it ends. */
async function drain(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const reads: string[] = [];
  for await (const bytes of body) reads.push(decoder.decode(bytes));
  return reads;
}

const nextMacrotask = () =>
  new Promise<'macrotask'>((resolve) => setImmediate(() => resolve('macrotask')));

describe('uiMessageSseStream', () => {
  it('writes the chunks of one tick as one byte chunk, in order', async () => {
    const { stream, controller } = source();
    const body = uiMessageSseStream(stream, { onError: () => 'x' });
    controller.enqueue({ type: 'start' });
    controller.enqueue({ type: 'text-delta', delta: 'a' });
    controller.enqueue({ type: 'text-delta', delta: 'b' });
    controller.close();
    expect(await drain(body)).toEqual([
      [
        ...sse(
          { type: 'start' },
          { type: 'text-delta', delta: 'a' },
          { type: 'text-delta', delta: 'b' },
        ),
        DONE,
      ].join(''),
    ]);
  });

  it('hands the first batch over before the loop turns, so the first byte is never held', async () => {
    const { stream, controller } = source();
    const reader = uiMessageSseStream(stream, { onError: () => 'x' }).getReader();
    controller.enqueue({ type: 'start' });
    const first = await Promise.race([reader.read(), nextMacrotask()]);
    expect(first).not.toBe('macrotask');
    expect(decoder.decode((first as ReadableStreamReadResult<Uint8Array>).value)).toBe(
      sse({ type: 'start' })[0],
    );
  });

  it('does not hold a later lone chunk past the turn it arrived in', async () => {
    const { stream, controller } = source();
    const reader = uiMessageSseStream(stream, { onError: () => 'x' }).getReader();
    controller.enqueue({ type: 'start' });
    await reader.read();
    await nextMacrotask();
    controller.enqueue({ type: 'text-delta', delta: 'a' });
    // Scheduled now, this fires in the next turn's check phase: after this turn's flush.
    const nextTurn = new Promise<'next turn'>((resolve) =>
      setImmediate(() => setImmediate(() => resolve('next turn'))),
    );
    const second = await Promise.race([reader.read(), nextTurn]);
    expect(second).not.toBe('next turn');
    expect(decoder.decode((second as ReadableStreamReadResult<Uint8Array>).value)).toBe(
      sse({ type: 'text-delta', delta: 'a' })[0],
    );
  });

  it('gathers what one turn produces after the first batch, the end included, into one chunk', async () => {
    const { stream, controller } = source();
    const body = uiMessageSseStream(stream, { onError: () => 'x' });
    controller.enqueue({ type: 'start' });
    await nextMacrotask();
    controller.enqueue({ type: 'text-delta', delta: 'a' });
    // The SDK ends an answer over several microtask drains; they still share one turn.
    await Promise.resolve();
    controller.enqueue({ type: 'finish' });
    await new Promise<void>((resolve) => process.nextTick(resolve));
    controller.close();
    expect(await drain(body)).toEqual([
      sse({ type: 'start' })[0],
      [...sse({ type: 'text-delta', delta: 'a' }, { type: 'finish' }), DONE].join(''),
    ]);
  });

  it('keeps chunks of different turns apart', async () => {
    const { stream, controller } = source();
    const reader = uiMessageSseStream(stream, { onError: () => 'x' }).getReader();
    const reads: string[] = [];
    for (const delta of ['a', 'b', 'c']) {
      controller.enqueue({ type: 'text-delta', delta });
      reads.push(decoder.decode((await reader.read()).value));
      await nextMacrotask();
    }
    expect(reads).toEqual(sse(...['a', 'b', 'c'].map((delta) => ({ type: 'text-delta', delta }))));
  });

  it('ends with [DONE] when the source ends, and settles once', async () => {
    const { stream, controller } = source();
    const onSettled = vi.fn();
    const body = uiMessageSseStream(stream, { onError: () => 'x', onSettled });
    controller.enqueue({ type: 'start' });
    await nextMacrotask();
    controller.enqueue({ type: 'finish' });
    controller.close();
    expect(await drain(body)).toEqual([
      sse({ type: 'start' })[0],
      sse({ type: 'finish' })[0] + DONE,
    ]);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it('turns a source that fails mid-stream into an error chunk, then ends normally', async () => {
    const { stream, controller } = source();
    const onSettled = vi.fn();
    const onError = vi.fn((error: unknown) => `readable: ${(error as Error).message}`);
    const body = uiMessageSseStream(stream, { onError, onSettled });
    controller.enqueue({ type: 'text-delta', delta: 'a' });
    // An errored web stream drops what it still queues: let the pump take the delta first.
    await nextMacrotask();
    controller.error(new Error('socket reset'));
    expect((await drain(body)).join('')).toBe(
      [
        ...sse(
          { type: 'text-delta', delta: 'a' },
          { type: 'error', errorText: 'readable: socket reset' },
        ),
        DONE,
      ].join(''),
    );
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it('fails the body when the error text cannot be made', async () => {
    const { stream, controller } = source();
    const onSettled = vi.fn();
    const body = uiMessageSseStream(stream, {
      onError: () => {
        throw new Error('no sentence');
      },
      onSettled,
    });
    controller.error(new Error('socket reset'));
    await expect(drain(body)).rejects.toThrow('no sentence');
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it('passes a cancel on to the source with its reason, and settles once', async () => {
    const { stream, controller, cancelled } = source();
    const onSettled = vi.fn();
    const body = uiMessageSseStream(stream, { onError: () => 'x', onSettled });
    const reader = body.getReader();
    controller.enqueue({ type: 'start' });
    await reader.read();
    await reader.cancel('browser left');
    expect(cancelled).toEqual(['browser left']);
    expect(onSettled).toHaveBeenCalledTimes(1);
    // Whatever the source still produces goes nowhere.
    expect(() => controller.enqueue({ type: 'text-delta', delta: 'late' })).toThrow();
  });

  it('stops pulling from the source while a batch sits unread', async () => {
    let pulls = 0;
    const big = 'x'.repeat(6 * 1024);
    const endless = new ReadableStream<unknown>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue({ type: 'text-delta', delta: big });
        },
      },
      { highWaterMark: 0 },
    );
    const reader = uiMessageSseStream(endless, { onError: () => 'x' }).getReader();
    await nextMacrotask();
    await nextMacrotask();
    const pausedAt = pulls;
    expect(pausedAt).toBeLessThan(8);
    await nextMacrotask();
    expect(pulls).toBe(pausedAt);
    await reader.read();
    await nextMacrotask();
    expect(pulls).toBeGreaterThan(pausedAt);
    await reader.cancel();
  });
});

/** The chunks an SSE body carried, in order ([DONE] left out). */
function chunksOf(reads: string[]): UIMessageChunk[] {
  return reads
    .join('')
    .split('\n\n')
    .filter((event) => event.startsWith('data: ') && event !== DONE.trim())
    .map((event) => JSON.parse(event.slice('data: '.length)) as UIMessageChunk);
}

/** The message the AI SDK's own reader ends with after `chunks`. */
async function finalMessage(chunks: UIMessageChunk[]): Promise<UIMessage | undefined> {
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream })) last = message;
  return last ? structuredClone(last) : undefined;
}

const inputStart = (toolCallId: string): UIMessageChunk => ({
  type: 'tool-input-start',
  toolCallId,
  toolName: 'calculate',
});
const inputDelta = (toolCallId: string, inputTextDelta: string): UIMessageChunk => ({
  type: 'tool-input-delta',
  toolCallId,
  inputTextDelta,
});
const inputAvailable = (toolCallId: string, expression: string): UIMessageChunk => ({
  type: 'tool-input-available',
  toolCallId,
  toolName: 'calculate',
  input: { expression },
});
/** A call's chunks as the offline planner sends them: start, its JSON in pieces, available. */
const call = (toolCallId: string, expression: string): UIMessageChunk[] => {
  const json = JSON.stringify({ expression });
  const pieces = json.match(/.{1,4}/g) ?? [];
  return [
    inputStart(toolCallId),
    ...pieces.map((piece) => inputDelta(toolCallId, piece)),
    inputAvailable(toolCallId, expression),
  ];
};

describe('uiMessageSseStream, tool input deltas of one write', () => {
  /** Sends `turns` one event-loop turn apart; returns what the body carried. */
  async function relay(turns: UIMessageChunk[][]): Promise<string[]> {
    const { stream, controller } = source();
    const body = drain(uiMessageSseStream(stream, { onError: () => 'x' }));
    for (const turn of turns) {
      for (const chunk of turn) controller.enqueue(chunk);
      // The first turn ends with this turn's write queued; the next one starts after it.
      await nextMacrotask();
      await nextMacrotask();
    }
    controller.close();
    return body;
  }

  it('drops the deltas of calls whose input is complete in the same write, and the page ends the same', async () => {
    const sum = (index: number) => Array.from({ length: 8 }, () => index).join(' + ');
    const calls = Array.from({ length: 50 }, (_, index) => call(`c${index}`, sum(index)));
    const sent: UIMessageChunk[] = [
      { type: 'start', messageId: 'm1' },
      { type: 'start-step' },
      ...calls.flat(),
      { type: 'finish-step' },
      { type: 'finish' },
    ];
    const reads = await relay([sent]);
    // Dropped deltas take no room: the burst still leaves in one write.
    expect(chunksOf([reads[0] ?? '']).filter((chunk) => chunk.type === 'finish')).toHaveLength(1);
    const received = chunksOf(reads);
    expect(received.filter((chunk) => chunk.type === 'tool-input-delta')).toEqual([]);
    expect(received).toEqual(sent.filter((chunk) => chunk.type !== 'tool-input-delta'));
    expect(await finalMessage(received)).toEqual(await finalMessage(sent));
  });

  it('folds the deltas of a call still streaming into one, kept in order with its other chunks', async () => {
    const sent: UIMessageChunk[][] = [
      [{ type: 'start', messageId: 'm1' }],
      [
        { type: 'start-step' },
        inputStart('a'),
        inputDelta('a', '{"expr'),
        inputStart('b'),
        inputDelta('b', '{"expression":"2'),
        inputDelta('a', 'ession":'),
        inputDelta('b', '+2"}'),
        inputAvailable('b', '2+2'),
        inputDelta('a', '"1+1'),
      ],
      [inputDelta('a', '"}'), inputAvailable('a', '1+1'), { type: 'finish-step' }],
    ];
    const reads = await relay(sent);
    expect(reads).toHaveLength(4);
    expect(reads[3]).toBe(DONE);
    expect(chunksOf([reads[1] ?? ''])).toEqual([
      { type: 'start-step' },
      inputStart('a'),
      inputDelta('a', '{"expression":"1+1'),
      inputStart('b'),
      inputAvailable('b', '2+2'),
    ]);
    expect(chunksOf([reads[2] ?? ''])).toEqual([
      inputAvailable('a', '1+1'),
      { type: 'finish-step' },
    ]);
    expect(await finalMessage(chunksOf(reads))).toEqual(await finalMessage(sent.flat()));
  });

  it('shows the partial input the same way mid-stream', async () => {
    const sent: UIMessageChunk[] = [
      { type: 'start', messageId: 'm1' },
      inputStart('a'),
      inputDelta('a', '{"expression":'),
      inputDelta('a', '"1+'),
    ];
    const received = chunksOf(await relay([sent]));
    expect(received).toHaveLength(3);
    const message = await finalMessage(received);
    expect(message).toEqual(await finalMessage(sent));
    expect(message?.parts[0]).toMatchObject({
      state: 'input-streaming',
      input: { expression: '1+' },
    });
  });

  it('keeps the deltas before an input error, and anything but a plain delta, as they are', async () => {
    // A key the SDK's loose schema lets through: such a delta is passed on untouched.
    const withMetadata = JSON.parse(
      '{"type":"tool-input-delta","toolCallId":"a","inputTextDelta":"x","extra":true}',
    ) as UIMessageChunk;
    const sent: UIMessageChunk[] = [
      inputStart('a'),
      inputDelta('a', '{"expression"'),
      inputDelta('a', ':'),
      withMetadata,
      inputDelta('a', '1'),
      {
        type: 'tool-input-error',
        toolCallId: 'a',
        toolName: 'calculate',
        input: '{"expression":1',
        errorText: 'bad input',
      },
    ];
    expect(chunksOf(await relay([sent]))).toEqual([
      inputStart('a'),
      inputDelta('a', '{"expression":'),
      withMetadata,
      inputDelta('a', '1'),
      sent[5],
    ]);
  });

  it('leaves deltas that arrive in different turns alone: each reaches the page as it comes', async () => {
    const { stream, controller } = source();
    const reader = uiMessageSseStream(stream, { onError: () => 'x' }).getReader();
    controller.enqueue(inputStart('a'));
    expect(chunksOf([decoder.decode((await reader.read()).value)])).toEqual([inputStart('a')]);
    const pieces = ['{"expr', 'ession', '":"1+1"}'];
    for (const piece of pieces) {
      await nextMacrotask();
      controller.enqueue(inputDelta('a', piece));
      expect(chunksOf([decoder.decode((await reader.read()).value)])).toEqual([
        inputDelta('a', piece),
      ]);
    }
    await reader.cancel();
  });
});

describe('uiMessageSseResponse', () => {
  it("writes the same bytes as the AI SDK's createUIMessageStreamResponse", async () => {
    const chunks: UIMessageChunk[] = [
      { type: 'start', messageId: 'm1', messageMetadata: { model: 'offline' } },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Hé "quoted"\n' },
      { type: 'text-end', id: '0' },
      { type: 'finish', finishReason: 'stop' },
    ];
    const from = () =>
      new ReadableStream<UIMessageChunk>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      });
    const ours = uiMessageSseResponse(from(), { onError: () => 'x' });
    const sdk = createUIMessageStreamResponse({ stream: from() });
    expect(await ours.text()).toBe(await sdk.text());
    // The same headers, less the hop-by-hop Connection that Node decides on its own.
    expect([...ours.headers]).toEqual([...sdk.headers].filter(([name]) => name !== 'connection'));
  });

  it("carries the AI SDK's UI message stream headers, less Connection", () => {
    const response = uiMessageSseResponse(source().stream, { onError: () => 'x' });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      'cache-control': 'no-cache',
      'content-type': 'text/event-stream',
      'x-accel-buffering': 'no',
      'x-vercel-ai-ui-message-stream': 'v1',
    });
  });
});

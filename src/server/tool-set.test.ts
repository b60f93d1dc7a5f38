import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../shared/chat-request';
import { SERVER_TOOL_STATE_CHUNK, type ServerToolTiming } from '../shared/server-tool-timing';
import { FifoLimiter } from './mcp/fifo-limiter';
import { ServerToolTimings } from './server-tool-timings';
import { buildToolSet } from './tool-set';

type Execute = (input: unknown, options: { toolCallId: string; messages: [] }) => Promise<unknown>;

describe('the page’s cap on server tool calls', () => {
  it('holds a request’s server calls to it: over it they wait in arrival order, timed as queued', async () => {
    const timings = new ServerToolTimings();
    // The live state chunks go into the answer's stream while it is open.
    const chunks: UIMessageChunk[] = [];
    const reader = timings.annotate(new ReadableStream({ start() {} })).getReader();
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        chunks.push(value);
      }
    })();
    const recorded: Record<string, ServerToolTiming> = {};
    // Recorded here rather than written before each output (no output flows in this test).
    timings.record = (timing) => {
      recorded[timing.toolCallId] = timing;
    };
    const tools = buildToolSet({
      overrides: { convert_currency: { latency: { baseMs: 30, jitterMs: 0 } } },
      timings,
      limiter: new FifoLimiter(1),
    });
    const execute = tools.convert_currency?.execute as unknown as Execute;
    const input = { amount: 10, from: 'USD', to: 'EUR' };
    await Promise.all(
      ['a', 'b', 'c'].map((toolCallId) => execute(input, { toolCallId, messages: [] })),
    );
    const [a, b, c] = [recorded.a, recorded.b, recorded.c];
    expect(a?.queuedAt).toBeUndefined();
    // One at a time: each started once the one before it had finished running.
    expect(b?.queuedAt).toBeDefined();
    expect(c?.queuedAt).toBeDefined();
    expect(b?.startedAt).toBeGreaterThan(a?.startedAt ?? Number.POSITIVE_INFINITY);
    expect(c?.startedAt).toBeGreaterThan(b?.startedAt ?? Number.POSITIVE_INFINITY);
    expect(b?.startedAt).toBeGreaterThan(b?.queuedAt ?? Number.POSITIVE_INFINITY);
    // Live, on the same clock: b and c said they were queued (at arrival), then running (at
    // their start); a never waited and said nothing.
    const states = chunks.map((chunk) =>
      chunk.type === SERVER_TOOL_STATE_CHUNK ? chunk.data : chunk,
    );
    expect(states).toEqual([
      { toolCallId: 'b', state: 'queued', at: b?.queuedAt },
      { toolCallId: 'c', state: 'queued', at: c?.queuedAt },
      { toolCallId: 'b', state: 'running', at: b?.startedAt },
      { toolCallId: 'c', state: 'running', at: c?.startedAt },
    ]);
    await reader.cancel();
    await reading;
  });

  it('is a whole number from 1 to 64 in the request body', () => {
    const base = { id: 'c', messages: [{ id: 'm', role: 'user', parts: [] }] };
    expect(chatRequestSchema.safeParse({ ...base, maxConcurrency: 1 }).success).toBe(true);
    for (const bad of [0, 65, 1.5, '2'])
      expect(chatRequestSchema.safeParse({ ...base, maxConcurrency: bad }).success).toBe(false);
  });
});

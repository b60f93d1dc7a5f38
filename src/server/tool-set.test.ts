import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../shared/chat-request';
import type { ServerToolTiming } from '../shared/server-tool-timing';
import { FifoLimiter } from './mcp/fifo-limiter';
import { ServerToolTimings } from './server-tool-timings';
import { buildToolSet } from './tool-set';

type Execute = (input: unknown, options: { toolCallId: string; messages: [] }) => Promise<unknown>;

describe('the page’s cap on server tool calls', () => {
  it('holds a request’s server calls to it: over it they wait in arrival order, timed as queued', async () => {
    const timings = new ServerToolTimings();
    const recorded: Record<string, ServerToolTiming> = {};
    timings.record = (timing) => {
      recorded[timing.toolCallId] = timing;
    };
    const tools = buildToolSet({
      overrides: { convert_currency: { latency: { baseMs: 30, jitterMs: 0 } } },
      timings,
      limiter: new FifoLimiter(1),
    });
    const execute = tools.convert_currency?.execute as Execute;
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
  });

  it('is a whole number from 1 to 64 in the request body', () => {
    const base = { id: 'c', messages: [{ id: 'm', role: 'user', parts: [] }] };
    expect(chatRequestSchema.safeParse({ ...base, maxConcurrency: 1 }).success).toBe(true);
    for (const bad of [0, 65, 1.5, '2'])
      expect(chatRequestSchema.safeParse({ ...base, maxConcurrency: bad }).success).toBe(false);
  });
});

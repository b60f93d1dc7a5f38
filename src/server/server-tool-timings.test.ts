import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { SERVER_TOOL_TIMING_CHUNK } from '../shared/server-tool-timing';
import { ServerToolTimings } from './server-tool-timings';
import { buildToolSet } from './tool-set';

async function collect(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const chunks: UIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function streamOf(chunks: UIMessageChunk[]): ReadableStream<UIMessageChunk> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('server tool timings', () => {
  it('are recorded by the tool set on the proxy clock, however the call ends', async () => {
    const timings = new ServerToolTimings();
    const tools = buildToolSet({
      timings,
      overrides: { convert_currency: { latency: { baseMs: 30, jitterMs: 0 } } },
    });
    // The tool set is typed for any tool, so its execute takes the shape the SDK calls it with.
    const execute = tools.convert_currency?.execute as
      | ((input: unknown, options: { toolCallId: string; messages: [] }) => Promise<unknown>)
      | undefined;
    if (!execute) throw new Error('convert_currency runs on the server');
    const before = performance.timeOrigin + performance.now();
    await execute({ amount: 10, from: 'USD', to: 'EUR' }, { toolCallId: 'call-1', messages: [] });
    const chunks = await collect(
      timings.annotate(
        streamOf([
          {
            type: 'tool-input-available',
            toolCallId: 'call-1',
            toolName: 'convert_currency',
            input: {},
          },
          { type: 'tool-output-available', toolCallId: 'call-1', output: {} },
        ]),
      ),
    );
    expect(chunks.map((chunk) => chunk.type)).toEqual([
      'tool-input-available',
      SERVER_TOOL_TIMING_CHUNK,
      'tool-output-available',
    ]);
    const timing = chunks[1] as {
      data: { startedAt: number; settledAt: number };
      transient?: boolean;
    };
    expect(timing.transient).toBe(true);
    expect(timing.data.startedAt).toBeGreaterThanOrEqual(before);
    // It waited its 30 ms of simulated latency between the two readings.
    expect(timing.data.settledAt).toBeGreaterThan(timing.data.startedAt);
  });

  it('leave the stream alone for calls the proxy did not run', async () => {
    const chunks = await collect(
      new ServerToolTimings().annotate(
        streamOf([{ type: 'tool-output-available', toolCallId: 'browser-call', output: {} }]),
      ),
    );
    expect(chunks.map((chunk) => chunk.type)).toEqual(['tool-output-available']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InFlightCalls } from '../in-flight-calls';
import { ServerToolTimings } from '../server-tool-timings';
import { McpHub } from './hub';
import { mcpToolSet } from './mcp-tool-set';
import { everythingBin, freePort, startEverythingHttp } from './test-kit/reference-servers';

type Execute = (
  input: unknown,
  options: { toolCallId: string; messages: []; abortSignal?: AbortSignal },
) => Promise<unknown>;

function executeOf(tools: ReturnType<typeof mcpToolSet>, name: string): Execute {
  const execute = tools[name]?.execute as Execute | undefined;
  if (!execute) throw new Error(`${name} is not a server tool`);
  return execute;
}

describe('the MCP hub against the reference everything server', () => {
  let http: Awaited<ReturnType<typeof startEverythingHttp>>;
  let hub: McpHub;
  let downPort: number;

  beforeAll(async () => {
    http = await startEverythingHttp();
    downPort = await freePort();
    hub = new McpHub(
      [
        {
          name: 'everything',
          transport: 'stdio',
          command: process.execPath,
          args: [everythingBin(), 'stdio'],
          maxConcurrency: 2,
        },
        { name: 'web', transport: 'http', url: http.url, timeoutMs: 800 },
        { name: 'down', transport: 'http', url: `http://127.0.0.1:${downPort}/mcp` },
      ],
      new Set(['everything_echo']),
    );
    await hub.start();
  }, 30_000);

  afterAll(async () => {
    await hub?.close();
    http?.stop();
  });

  it('lists each ready server’s tools as <server>_<tool>, and a server that is down as error', () => {
    const { tools, servers } = hub.catalog();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain('everything_get-sum');
    expect(names).toContain('web_trigger-long-running-operation');
    const sum = tools.find((tool) => tool.name === 'everything_get-sum');
    expect(sum).toMatchObject({
      runsOn: 'server',
      source: 'mcp:everything',
      requiresApproval: false,
    });
    expect(sum?.inputSchema).toMatchObject({ properties: { a: {}, b: {} } });
    // A built-in already holds everything_echo: the server's echo is refused, and says so.
    expect(names).not.toContain('everything_echo');
    const byName = Object.fromEntries(servers.map((server) => [server.name, server]));
    expect(byName.everything).toMatchObject({ transport: 'stdio', status: 'ready' });
    expect(byName.everything?.error).toContain('tool "echo" is refused');
    expect(byName.web).toMatchObject({ transport: 'http', status: 'ready' });
    expect(byName.down).toMatchObject({ transport: 'http', status: 'error', toolCount: 0 });
    expect(byName.down?.error).toMatch(/cannot reach it .*retrying in/);
  });

  it('runs a call over stdio and over Streamable HTTP, timed on the proxy clock', async () => {
    const timings = new ServerToolTimings();
    const tools = mcpToolSet(hub, { timings });
    const messages: [] = [];
    expect(
      await executeOf(tools, 'everything_get-sum')({ a: 2, b: 3 }, { toolCallId: 'c1', messages }),
    ).toBe('The sum of 2 and 3 is 5.');
    expect(
      await executeOf(tools, 'web_get-sum')({ a: 40, b: 2 }, { toolCallId: 'c2', messages }),
    ).toBe('The sum of 40 and 2 is 42.');
  });

  it('queues calls over the server’s maxConcurrency and relays progress', async () => {
    const timings = new ServerToolTimings();
    const chunks: unknown[] = [];
    // Progress is written into the answer's stream while it is open.
    const source = new ReadableStream({ start() {} });
    const reader = timings.annotate(source).getReader();
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        chunks.push(value);
      }
    })();
    const tools = mcpToolSet(hub, { timings });
    const run = executeOf(tools, 'everything_trigger-long-running-operation');
    const input = { duration: 0.4, steps: 2 };
    const recorded: Record<string, { queuedAt?: number; startedAt: number; settledAt: number }> =
      {};
    const record = timings.record.bind(timings);
    timings.record = (timing) => {
      recorded[timing.toolCallId] = timing;
      record(timing);
    };
    await Promise.all(
      ['q1', 'q2', 'q3'].map((toolCallId) => run(input, { toolCallId, messages: [] })),
    );
    // The server's cap is 2: the third call waited for a slot, and started when one was free.
    const third = recorded.q3;
    expect(third?.queuedAt).toBeDefined();
    expect(third?.startedAt).toBeGreaterThan(third?.queuedAt ?? Number.POSITIVE_INFINITY);
    // It was held: it started after both others had started (the proxy stamps a slot's release
    // and the previous call's settle a moment apart, so their order is not compared).
    const firstTwoStarted = Math.max(recorded.q1?.startedAt ?? 0, recorded.q2?.startedAt ?? 0);
    expect(third?.startedAt).toBeGreaterThan(firstTwoStarted);
    expect(recorded.q1?.queuedAt).toBeUndefined();
    expect(chunks).toContainEqual({
      type: 'data-server-tool-progress',
      data: { toolCallId: 'q1', progress: 1, total: 2 },
      transient: true,
    });
    await reader.cancel();
    await reading;
  }, 20_000);

  it('runs one of two identical read-only calls in flight; the other shares its result', async () => {
    const timings = new ServerToolTimings();
    const recorded: Record<string, { sharedWith?: string; startedAt: number }> = {};
    const record = timings.record.bind(timings);
    timings.record = (timing) => {
      recorded[timing.toolCallId] = timing;
      record(timing);
    };
    const tools = mcpToolSet(hub, { timings, inFlight: new InFlightCalls() });
    const run = executeOf(tools, 'everything_trigger-long-running-operation');
    const [first, second, other] = await Promise.all([
      run({ duration: 0.3, steps: 1 }, { toolCallId: 'd1', messages: [] }),
      // Same input in another key order: the same call.
      run({ steps: 1, duration: 0.3 }, { toolCallId: 'd2', messages: [] }),
      run({ duration: 0.2, steps: 1 }, { toolCallId: 'd3', messages: [] }),
    ]);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    expect(recorded.d2?.sharedWith).toBe('d1');
    expect(recorded.d1?.sharedWith).toBeUndefined();
    expect(recorded.d3?.sharedWith).toBeUndefined();
  }, 20_000);

  it('maps a deadline to a timeout and an abort to a cancelled request', async () => {
    const tools = mcpToolSet(hub);
    const run = executeOf(tools, 'web_trigger-long-running-operation');
    await expect(
      run({ duration: 3, steps: 1 }, { toolCallId: 't1', messages: [] }),
    ).rejects.toThrow('timed out after 800 ms');
    const controller = new AbortController();
    const stopped = executeOf(tools, 'everything_trigger-long-running-operation')(
      { duration: 5, steps: 5 },
      { toolCallId: 't2', messages: [], abortSignal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('Stop')), 100);
    await expect(stopped).rejects.toThrow('Stop');
  }, 20_000);

  // Last: it kills the HTTP server the other tests use.
  it('fails the calls in flight when a server dies, and keeps the others working', async () => {
    const tools = mcpToolSet(hub);
    const dying = executeOf(tools, 'web_trigger-long-running-operation')(
      { duration: 3, steps: 3 },
      // The chat route always passes the request's signal: the loss must win over it too.
      { toolCallId: 'k1', messages: [], abortSignal: new AbortController().signal },
    );
    setTimeout(() => http.stop(), 300);
    // Well before its 800 ms deadline could be the reason: the server is found gone.
    await expect(dying).rejects.toThrow('MCP server web stopped answering during the call');
    const web = hub.catalog().servers.find((server) => server.name === 'web');
    expect(web).toMatchObject({ status: 'error', toolCount: 0 });
    expect(web?.error).toMatch(/cannot reach it \(stopped answering\); retrying in/);
    expect(hub.tools().some((tool) => tool.connection.name === 'web')).toBe(false);
    expect(
      await executeOf(tools, 'everything_get-sum')(
        { a: 1, b: 2 },
        { toolCallId: 'k2', messages: [] },
      ),
    ).toBe('The sum of 1 and 2 is 3.');
  }, 20_000);
});

/**
 * Load test (issue 7): 200 concurrent chats against the proxy on loopback, on the offline
 * planner. Passes when every request streams to its finish with no error and the server's
 * memory returns to its baseline afterwards. `npm run bench:load`; figures in BENCHMARKS.md.
 *
 * The server runs in a child process (this file with `serve`), so the load generator's own
 * memory never counts; it reports its memory over IPC after a forced GC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

type Stats = { rss: number; heapUsed: number; openStreams: number };
type FromServer = { ready: number } | { stats: Stats };

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);
/** Allowed heap growth after the load, over the warmed-up baseline. */
const HEAP_SLACK_BYTES = 8 * 1024 * 1024;

async function serve() {
  const { serve: listen } = await import('@hono/node-server');
  const { createApp } = await import('../src/server/app');
  const { Guards } = await import('../src/server/guards');
  const guards = new Guards();
  const env = {
    ...process.env,
    FANOUT_MODEL: 'offline',
    FANOUT_OFFLINE_TTFT_MS: '20',
    FANOUT_OFFLINE_TOKENS_PER_SECOND: '2000',
    // One loopback address sends everything: the per-address limits would (rightly) refuse it.
    FANOUT_RATE_LIMIT_PER_MINUTE: '0',
    FANOUT_MAX_STREAMS_PER_IP: '0',
    // Every benchmark client shares one loopback address.
    FANOUT_MAX_CONNECTIONS_PER_IP: '0',
    FANOUT_MAX_STREAMS: '256',
  };
  const app = createApp({ env: () => env, guards });
  listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.send?.({ ready: info.port } satisfies FromServer);
  });
  process.on('message', (message) => {
    if (message !== 'stats') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const memory = process.memoryUsage();
    process.send?.({
      stats: { rss: memory.rss, heapUsed: memory.heapUsed, openStreams: guards.openStreams },
    } satisfies FromServer);
  });
}

function next(child: ChildProcess): Promise<FromServer> {
  return new Promise((resolve) =>
    child.once('message', (message) => resolve(message as FromServer)),
  );
}

async function stats(child: ChildProcess): Promise<Stats> {
  child.send('stats');
  const message = await next(child);
  if (!('stats' in message)) throw new Error('unexpected message from the server');
  return message.stats;
}

const prompts = [
  'hello',
  "What's the weather in Paris, Tokyo and New York?",
  'Compare the Aurora X1, the Nimbus Pro and the Vega Air.',
  'Show my profile, my balance and my recent orders.',
  'Convert 250 USD to EUR, GBP and JPY.',
];

function chatBody(index: number): string {
  return JSON.stringify({
    id: `load-${index}`,
    messages: [
      { id: 'm1', role: 'user', parts: [{ type: 'text', text: prompts[index % prompts.length] }] },
    ],
  });
}

async function run(port: number, amount: number) {
  let incomplete = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    requests: prompts.map((_, index) => ({
      method: 'POST' as const,
      path: '/api/chat',
      headers: { 'content-type': 'application/json' },
      body: chatBody(index),
      // A 200 is not enough: the stream must reach its finish chunk.
      onResponse: (status: number, body: string) => {
        if (status !== 200 || !body.includes('"type":"finish"')) incomplete++;
      },
    })),
  });
  return { result, incomplete };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await next(child);
    if (!('ready' in ready)) throw new Error('the server did not start');
    // Warm up (JIT, module caches), then take the baseline.
    await run(ready.ready, CONNECTIONS);
    const baseline = await stats(child);
    const { result, incomplete } = await run(ready.ready, REQUESTS);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await stats(child);

    const figures = {
      connections: CONNECTIONS,
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      incompleteStreams: incomplete,
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      durationS: result.duration,
      heapUsed: { baseline: mb(baseline.heapUsed), after: mb(after.heapUsed) },
      rss: { baseline: mb(baseline.rss), after: mb(after.rss) },
      openStreamsAfter: after.openStreams,
    };
    console.log(JSON.stringify(figures, null, 2));

    const failures: string[] = [];
    if (result.errors || result.timeouts || result.non2xx || incomplete)
      failures.push('some requests failed');
    if (result.requests.total < REQUESTS) failures.push('not every request completed');
    if (after.openStreams !== 0) failures.push(`${after.openStreams} stream slots leaked`);
    if (after.heapUsed > baseline.heapUsed + HEAP_SLACK_BYTES)
      failures.push(
        `heap did not return to its baseline (+${mb(after.heapUsed - baseline.heapUsed)})`,
      );
    if (failures.length > 0) {
      console.error(`load test FAILED: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log('load test passed');
    }
  } finally {
    child.kill();
  }
}

if (process.argv[2] === 'serve') void serve();
else await main();

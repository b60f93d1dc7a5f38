/**
 * Figure 9: MCP calls through the proxy. A Fanout server of its own with the reference
 * `everything` MCP server (stdio, `maxConcurrency` 10); the fake upstream's model calls
 * `trigger-long-running-operation` ({duration: 1, steps: 1}) ten times in one step. From the
 * proxy's own timing chunks: the wall (first start → last end on the proxy's clock) ÷ the
 * slowest call. 1.00 means the ten ran fully at once; 10 would be one after another.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serverToolTimingSchema } from '../../src/shared/server-tool-timing.ts';
import { appEnv, PORTS, startProcess, url } from '../lib/servers.ts';
import { type Summary, summarize } from '../lib/stats.ts';

const CALLS = 10;
const TOOL = 'everything_trigger-long-running-operation';

export type McpResult = {
  calls: number;
  callSeconds: number;
  runs: number;
  /** Proxy-clock wall of the ten calls ÷ the slowest call's own running time. */
  wallOverSlowest: Summary;
  /** First start → last end of the ten calls on the proxy's clock (ms). */
  wallMs: Summary;
  /** First call sent to the MCP server → last call sent (ms, proxy clock). */
  startSkewMs: Summary;
  /** The slowest call, as the proxy timed it (ms). */
  slowestMs: Summary;
  /** The whole request (model step, ten calls, answer) as the client saw it (ms). */
  requestMs: Summary;
};

function everythingBin(root: string): string {
  const require = createRequire(join(root, 'package.json'));
  const manifest = require.resolve('@modelcontextprotocol/server-everything/package.json');
  const bins = (require(manifest) as { bin: Record<string, string> }).bin;
  return join(dirname(manifest), bins['mcp-server-everything'] ?? '');
}

async function oneRun(index: number) {
  const id = `bench-mcp-${index}-${Date.now().toString(36)}`;
  const text = `MCP fan-out ${id} [fake:calls=${TOOL}*${CALLS}:1]`;
  const started = performance.now();
  const response = await fetch(`${url(PORTS.mcp)}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      model: 'openai-chat:gpt-4.1-mini',
      messages: [{ id: `${id}-u`, role: 'user', parts: [{ type: 'text', text }] }],
    }),
  });
  const body = await response.text();
  const requestMs = performance.now() - started;
  const timings = body
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line.includes('data-server-tool-timing'))
    .map((line) =>
      serverToolTimingSchema.parse((JSON.parse(line.slice(6)) as { data: unknown }).data),
    );
  if (timings.length !== CALLS)
    throw new Error(
      `expected ${CALLS} MCP timings, got ${timings.length} (HTTP ${response.status})`,
    );
  const wall =
    Math.max(...timings.map((timing) => timing.settledAt)) -
    Math.min(...timings.map((timing) => timing.startedAt));
  const slowest = Math.max(...timings.map((timing) => timing.settledAt - timing.startedAt));
  const starts = timings.map((timing) => timing.startedAt);
  const startSkewMs = Math.max(...starts) - Math.min(...starts);
  return { ratio: wall / slowest, slowest, requestMs, wallMs: wall, startSkewMs };
}

export async function measureMcp(
  root: string,
  options: { scale: number; log: (line: string) => void },
): Promise<McpResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fanout-bench-mcp-'));
  const config = join(dir, 'mcp.json');
  writeFileSync(
    config,
    JSON.stringify({
      mcpServers: {
        everything: {
          command: process.execPath,
          args: [everythingBin(root), 'stdio'],
          maxConcurrency: CALLS,
        },
      },
    }),
  );
  const server = await startProcess(
    'fanout (MCP)',
    [join(root, 'dist/server/node.js')],
    { ...appEnv(PORTS.mcp, { ttftMs: 0, tokensPerSecond: 0 }), FANOUT_MCP_CONFIG: config },
    `${url(PORTS.mcp)}/api/health`,
  );
  try {
    await oneRun(-1); // warm-up: the server's first calls load its code
    const runs = Math.max(3, Math.round(8 * options.scale));
    const results = [];
    for (let index = 0; index < runs; index++) results.push(await oneRun(index));
    options.log(
      `  wall ÷ slowest call, ${CALLS} × 1 s MCP calls: ${results.map((r) => r.ratio.toFixed(4)).join(' ')}`,
    );
    return {
      calls: CALLS,
      callSeconds: 1,
      runs,
      wallOverSlowest: summarize(results.map((result) => result.ratio)),
      wallMs: summarize(results.map((result) => result.wallMs)),
      startSkewMs: summarize(results.map((result) => result.startSkewMs)),
      slowestMs: summarize(results.map((result) => result.slowest)),
      requestMs: summarize(results.map((result) => result.requestMs)),
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

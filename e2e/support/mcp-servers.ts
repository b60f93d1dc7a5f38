import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { expect } from '@playwright/test';
import { FAKE_UPSTREAM_URL } from '../fake-upstream/scenarios.ts';
import { E2E_ANTHROPIC_KEY, E2E_HARDENING_ENV, E2E_OPENAI_KEY } from './e2e-env.ts';

/**
 * The reference MCP servers (dev dependencies) and an app server of a spec's own, started with
 * FANOUT_MCP_CONFIG pointing at a config that spec writes.
 */
const require = createRequire(import.meta.url);
function binOf(pkg: string, bin: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bins = (require(manifest) as { bin: Record<string, string> }).bin;
  return join(dirname(manifest), bins[bin] ?? '');
}
export const EVERYTHING = binOf('@modelcontextprotocol/server-everything', 'mcp-server-everything');
export const FILESYSTEM = binOf('@modelcontextprotocol/server-filesystem', 'mcp-server-filesystem');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitFor(url: string, ok: (status: number) => boolean) {
  await expect
    .poll(
      async () => {
        try {
          return ok((await fetch(url, { method: 'GET' })).status);
        } catch {
          return false;
        }
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

export function stop(child: ChildProcess | undefined) {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * Writes `config` as `<dir>/mcp.json` and starts the built app on a free port with it, the
 * fake upstream's keys and a quick offline planner; resolves once it answers its health check.
 */
export async function startAppWithMcp(
  dir: string,
  config: { mcpServers: Record<string, unknown> },
  extraEnv: Record<string, string> = {},
): Promise<{ app: ChildProcess; url: string }> {
  const configPath = join(dir, 'mcp.json');
  writeFileSync(configPath, JSON.stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, ['dist/server/node.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FANOUT_MODEL: '',
      OPENAI_API_KEY: E2E_OPENAI_KEY,
      OPENAI_BASE_URL: `${FAKE_UPSTREAM_URL}/v1`,
      ANTHROPIC_API_KEY: E2E_ANTHROPIC_KEY,
      ANTHROPIC_BASE_URL: `${FAKE_UPSTREAM_URL}/v1`,
      FANOUT_MAX_RETRIES: '0',
      FANOUT_OFFLINE_TTFT_MS: '50',
      FANOUT_OFFLINE_TOKENS_PER_SECOND: '100',
      ...E2E_HARDENING_ENV,
      FANOUT_MCP_CONFIG: configPath,
      ...extraEnv,
    },
    stdio: 'ignore',
  });
  await waitFor(`${url}/api/health`, (status) => status === 200);
  return { app, url };
}

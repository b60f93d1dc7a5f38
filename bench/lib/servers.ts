import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

export const PORTS = {
  /** The production server, offline planner without pacing, remote models on the fake upstream. */
  app: Number(process.env.BENCH_APP_PORT ?? 4310),
  /** The fake upstream (OpenAI/Anthropic wire formats on loopback). */
  fake: Number(process.env.BENCH_FAKE_PORT ?? 4311),
  /** The production server with the offline planner paced at 100 tokens/s. */
  paced: Number(process.env.BENCH_PACED_PORT ?? 4312),
  /** The bench's front: the baseline page, and every other path forwarded to `app`. */
  front: Number(process.env.BENCH_FRONT_PORT ?? 4313),
  /** The production server with the reference MCP server connected (figure 9). */
  mcp: Number(process.env.BENCH_MCP_PORT ?? 4314),
};

export const url = (port: number) => `http://127.0.0.1:${port}`;

export const BENCH_OPENAI_KEY = 'sk-bench-fanout';

async function waitForOk(target: string, child: ChildProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${target}: the process exited (${child.exitCode})`);
    try {
      const response = await fetch(target);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${target} did not answer within ${timeoutMs} ms`);
}

export type Started = { name: string; stop: () => Promise<void> };

export function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<Started> {
  const child = spawn(process.execPath, args, {
    // A bench killed outright (no chance to stop its servers) takes them with it.
    env: { ...process.env, ...env, FANOUT_EXIT_WITH_PID: String(process.pid) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return waitForOk(readyUrl, child).then(
    () => ({ name, stop }),
    async (error: unknown) => {
      await stop();
      throw new Error(`${name} failed to start: ${String(error)}\n${stderr}`);
    },
  );
}

export function appEnv(port: number, pacing: { ttftMs: number; tokensPerSecond: number }) {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    FANOUT_MODEL: '',
    OPENAI_API_KEY: BENCH_OPENAI_KEY,
    OPENAI_BASE_URL: `${url(PORTS.fake)}/v1`,
    OPENAI_MODELS: 'gpt-4.1-mini',
    ANTHROPIC_API_KEY: '',
    OPENAI_COMPATIBLE_BASE_URL: '',
    FANOUT_MAX_RETRIES: '0',
    // One loopback address sends everything: per-address limits off, as in bench:load.
    FANOUT_RATE_LIMIT_PER_MINUTE: '0',
    FANOUT_MAX_STREAMS_PER_IP: '0',
    // Every benchmark client shares one loopback address.
    FANOUT_MAX_CONNECTIONS_PER_IP: '0',
    // The front forwards the page from its own origin (it rewrites Host, as a reverse proxy does).
    FANOUT_ALLOWED_ORIGINS: `${url(PORTS.front)}`,
    FANOUT_OFFLINE_TTFT_MS: String(pacing.ttftMs),
    FANOUT_OFFLINE_TOKENS_PER_SECOND: String(pacing.tokensPerSecond),
    OTEL_EXPORTER_OTLP_ENDPOINT: '',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
  };
}

/** The fake upstream and two production servers (unpaced and paced), as child processes. */
export async function startServers(root: string): Promise<Started[]> {
  const fake = startProcess(
    'fake upstream',
    [join(root, 'e2e/fake-upstream/server.ts')],
    { FAKE_UPSTREAM_PORT: String(PORTS.fake) },
    `${url(PORTS.fake)}/health`,
  );
  const server = join(root, 'dist/server/node.js');
  const app = startProcess(
    'fanout (unpaced)',
    [server],
    appEnv(PORTS.app, { ttftMs: 0, tokensPerSecond: 0 }),
    `${url(PORTS.app)}/api/health`,
  );
  const paced = startProcess(
    'fanout (100 tokens/s)',
    [server],
    appEnv(PORTS.paced, { ttftMs: 50, tokensPerSecond: 100 }),
    `${url(PORTS.paced)}/api/health`,
  );
  return Promise.all([fake, app, paced]);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * The bench's front server: `/baseline/*` from the baseline page's build, everything else
 * forwarded to the Fanout server, so the app and the baseline share one origin, one proxy
 * and one extra hop.
 */
export function startFront(baselineDir: string, target: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://front.local').pathname;
    if (path === '/baseline' || path.startsWith('/baseline/')) {
      const relative = normalize(path.slice('/baseline'.length) || '/').replace(
        /^(\.\.[/\\])+/,
        '',
      );
      let file = join(baselineDir, relative);
      if (!existsSync(file) || statSync(file).isDirectory()) file = join(baselineDir, 'index.html');
      res.writeHead(200, {
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      });
      createReadStream(file).pipe(res);
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target,
        method: req.method,
        path: req.url,
        // The app answers only to its own Host (DNS-rebinding check), as behind any reverse proxy.
        headers: { ...req.headers, host: `127.0.0.1:${target}` },
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(PORTS.front, '127.0.0.1', () => resolve(server)));
}

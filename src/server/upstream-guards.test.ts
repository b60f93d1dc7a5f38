import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from './app';
import { createPageServer } from './page-server';
import {
  type FakeUpstreamHandle,
  serveApp,
  startFakeUpstream,
  userChat,
} from './test-kit/loopback';

/** A key nobody would type by accident: if it shows up anywhere, the proxy leaked it. */
const CANARY = 'sk-fanout-canary-7f3e9d2c41b8a6e05d';
const ANTHROPIC_CANARY = 'sk-ant-fanout-canary-a1b2c3d4e5f6';

let fake: FakeUpstreamHandle;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());

const env = (extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: CANARY,
  OPENAI_BASE_URL: `${fake.url}/v1`,
  ANTHROPIC_API_KEY: ANTHROPIC_CANARY,
  ANTHROPIC_BASE_URL: `${fake.url}/v1`,
  OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/compat/v1`,
  OPENAI_COMPATIBLE_API_KEY: CANARY,
  FANOUT_MAX_RETRIES: '0',
  FANOUT_UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '400',
  FANOUT_UPSTREAM_IDLE_TIMEOUT_MS: '400',
  ...extra,
});

function chat(app: ReturnType<typeof createApp>, text: string, model: string) {
  return app.request('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: userChat(text, { model }),
  });
}

function errorText(stream: string): string | undefined {
  const match = /"type":"error","errorText":"([^"]*)"/.exec(stream);
  return match?.[1];
}

describe('upstream timeouts', () => {
  it('a first byte slower than FANOUT_UPSTREAM_FIRST_BYTE_TIMEOUT_MS fails with a clear sentence', async () => {
    const app = createApp({ env: () => env() });
    const nonce = `fb${Date.now()}`;
    // The fake never answers: only the timeout can end this stream.
    const stream = await (await chat(app, `${nonce} [fake:hang]`, 'openai:gpt-4.1-mini')).text();
    expect(errorText(stream)).toBe(
      'OpenAI did not start answering within 0.4 s. Retry in a moment.',
    );
    // The hanging upstream request was abandoned, its connection closed.
    await expect
      .poll(async () => (await fake.requests(nonce))[0]?.outcome, { timeout: 10_000 })
      .toBe('client-closed');
  });

  it('an upstream that stalls mid-answer fails after FANOUT_UPSTREAM_IDLE_TIMEOUT_MS', async () => {
    const app = createApp({ env: () => env() });
    const stream = await (
      await chat(app, `idle${Date.now()} [fake:text@2000]`, 'anthropic:claude-sonnet-4-5')
    ).text();
    expect(errorText(stream)).toBe(
      'Anthropic stopped sending for 0.4 s in the middle of the answer. Retry to try again.',
    );
  });

  it('a normal answer is not cut by the timeouts', async () => {
    // Deltas 100 ms apart, well inside the limits even when a loaded machine stalls the loop.
    const app = createApp({
      env: () =>
        env({
          FANOUT_UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '5000',
          FANOUT_UPSTREAM_IDLE_TIMEOUT_MS: '5000',
        }),
    });
    const stream = await (
      await chat(app, `ok${Date.now()} [fake:text@100]`, 'openai:gpt-4.1-mini')
    ).text();
    expect(errorText(stream)).toBeUndefined();
    expect(stream).toContain('"finishReason":"stop"');
  });
});

describe('client disconnect', () => {
  // How soon it closes is measured by `npm run bench` (proxy figures), not asserted here.
  it('closes the upstream socket when the browser goes away', async () => {
    const server = await serveApp(createApp({ env: () => env() }).fetch);
    try {
      const nonce = `abort${Date.now()}`;
      const controller = new AbortController();
      const response = await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: userChat(`${nonce} [fake:slow]`, { model: 'openai-chat:gpt-4.1-mini' }),
        signal: controller.signal,
      });
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no body');
      // Read until the answer is really streaming from the upstream.
      let seen = '';
      while (!seen.includes('tick 2.')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended early');
        seen += new TextDecoder().decode(value);
      }
      const [request] = await fake.requests(nonce);
      if (!request) throw new Error('fake saw no request');
      controller.abort();
      await expect
        .poll(async () => (await fake.connections(request.connectionId))[0]?.closedAt ?? null, {
          timeout: 10_000,
          interval: 20,
        })
        .not.toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe('keys never leave the proxy', () => {
  it('no response and no log line carries a key, whatever the upstream does', async () => {
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(
          args
            .map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg)))
            .join(' '),
        );
      });
    }
    const server = createPageServer({
      clientRoot: '/nonexistent',
      indexHtml: '<!doctype html>',
      env: () => env(),
    });
    const bodies: string[] = [];
    const collect = async (response: Response) => {
      bodies.push(JSON.stringify([...response.headers]), await response.text());
    };
    await collect(await server.request('/api/models'));
    await collect(await server.request('/api/health'));
    await collect(await server.request('/'));
    const models = [
      'openai:gpt-4.1-mini',
      'openai-chat:gpt-4.1-mini',
      'anthropic:claude-sonnet-4-5',
      'compatible:llama3.2',
    ];
    const steps = [
      '401',
      '403',
      '429',
      '500',
      'reset',
      'stream-error',
      'hang',
      'text',
      'tools',
      'truncate',
    ];
    for (const model of models) {
      for (const step of steps) {
        await collect(
          await server.request('/api/chat', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: userChat(`leak ${model} ${step} ${Date.now()} [fake:${step}]`, { model }),
          }),
        );
      }
      await collect(
        await server.request('/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: userChat('bad model', { model: `${model.split(':')[0]}:not-allowed` }),
        }),
      );
    }
    const everything = [...bodies, ...logged].join('\n');
    expect(bodies.length).toBeGreaterThan(40);
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(ANTHROPIC_CANARY);
    expect(everything).not.toContain('fanout-canary');
    // The fake echoes the presented key in its error bodies: the proxy must have dropped those.
    expect(everything).not.toContain('fake-upstream-raw-error-body');
  }, 30_000);

  it('the built bundle has no key from the build environment, and the page has no inline script', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fanout-canary-'));
    const run = promisify(execFile);
    const buildEnv = {
      ...process.env,
      OPENAI_API_KEY: CANARY,
      ANTHROPIC_API_KEY: ANTHROPIC_CANARY,
      VITE_OPENAI_API_KEY: CANARY,
      OPENAI_COMPATIBLE_API_KEY: CANARY,
    };
    try {
      const vite = join(process.cwd(), 'node_modules', '.bin', 'vite');
      await run(vite, ['build', '--outDir', join(out, 'client'), '--logLevel', 'error'], {
        env: buildEnv,
      });
      await run(
        vite,
        [
          'build',
          '--ssr',
          'src/server/node.ts',
          '--outDir',
          join(out, 'server'),
          '--logLevel',
          'error',
        ],
        { env: buildEnv },
      );
      const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((entry) =>
        entry.isFile(),
      );
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) {
        const text = await readFile(join(file.parentPath, file.name), 'utf8');
        expect(text, file.name).not.toContain('fanout-canary');
      }
      const html = await readFile(join(out, 'client', 'index.html'), 'utf8');
      // Every script has a src (script-src 'self' would block an inline one) and no inline handlers.
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc=/);
      expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/<style\b/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});

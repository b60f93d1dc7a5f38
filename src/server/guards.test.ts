import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../shared/api-error';
import { MAX_TEXT_CHARS } from '../shared/chat-request';
import { createApp } from './app';
import { Guards } from './guards';
import { createPageServer } from './page-server';
import {
  type FakeUpstreamHandle,
  startFakeUpstream,
  startTrap,
  userChat,
} from './test-kit/loopback';

const fastOffline = { FANOUT_OFFLINE_TTFT_MS: '0', FANOUT_OFFLINE_TOKENS_PER_SECOND: '0' };

function appWith(env: Record<string, string> = {}, guards?: Guards) {
  return createApp({ env: () => ({ ...fastOffline, ...env }), guards });
}

type App = ReturnType<typeof createApp>;

function post(app: App, path: string, body: string, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

async function expectApiError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = apiErrorSchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message;
}

describe('security headers', () => {
  it('are on every API response, success or error, with a CSP that loads nothing', async () => {
    const app = appWith();
    const responses = [
      await app.request('/api/health'),
      await app.request('/api/models'),
      await app.request('/api/nope'),
      await post(app, '/api/chat', '{'),
    ];
    for (const response of responses) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('the page gets a strict CSP: own scripts only, no inline, no framing, images allow-listed', async () => {
    const server = createPageServer({
      clientRoot: '/nonexistent-client-root',
      indexHtml: '<!doctype html><title>t</title>',
      env: () => ({ FANOUT_IMAGE_HOSTS: 'images.example.com' }),
    });
    const page = await server.request('/some/page');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'https://images.example.com']);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('*');
    expect(page.headers.get('x-frame-options')).toBe('DENY');

    // The API behind the same server keeps its own, stricter policy.
    const api = await server.request('/api/health');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Without an allow-list, only our own and data: images.
    const plain = createPageServer({ clientRoot: '/nonexistent', indexHtml: 'x', env: () => ({}) });
    expect((await plain.request('/')).headers.get('content-security-policy')).toContain(
      "img-src 'self' data:;",
    );
  });
});

describe('Origin / Sec-Fetch-Site check', () => {
  const body = userChat('hello');
  for (const path of ['/api/chat', '/api/traces']) {
    it(`${path}: a cross-site browser request is refused with 403 and a JSON reason`, async () => {
      const app = appWith();
      await expectApiError(
        await post(app, path, body, { origin: 'https://evil.example' }),
        403,
        'forbidden_origin',
      );
      await expectApiError(
        await post(app, path, body, { 'sec-fetch-site': 'cross-site' }),
        403,
        'forbidden_origin',
      );
      await expectApiError(
        await post(app, path, body, { 'sec-fetch-site': 'same-site' }),
        403,
        'forbidden_origin',
      );
      await expectApiError(
        await post(app, path, body, { origin: 'null' }),
        403,
        'forbidden_origin',
      );
    });
  }

  it('same-origin requests, and clients that are not browsers, pass', async () => {
    const app = appWith();
    const sameOrigin = await post(app, '/api/chat', body, {
      origin: 'http://localhost',
      'sec-fetch-site': 'same-origin',
    });
    expect(sameOrigin.status).toBe(200);
    await sameOrigin.body?.cancel();
    const curl = await post(app, '/api/chat', body);
    expect(curl.status).toBe(200);
    await curl.body?.cancel();
  });

  it('FANOUT_ALLOWED_ORIGINS lets exactly those origins in, with CORS for them only', async () => {
    const app = appWith({ FANOUT_ALLOWED_ORIGINS: 'https://app.example.com' });
    const allowed = await post(app, '/api/chat', body, {
      origin: 'https://app.example.com',
      'sec-fetch-site': 'cross-site',
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    await allowed.body?.cancel();

    const other = await post(app, '/api/chat', body, { origin: 'https://app.example.com.evil' });
    await expectApiError(other, 403, 'forbidden_origin');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await app.request('/api/chat', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limit and stream caps', () => {
  it('answers 429 with Retry-After and a JSON reason past the per-address rate', async () => {
    const app = appWith({ FANOUT_RATE_LIMIT_PER_MINUTE: '3', FANOUT_TRUST_PROXY: '1' });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 3; i++) {
      expect((await post(app, '/api/chat', '{', from('10.0.0.1'))).status).toBe(400);
    }
    const limited = await post(app, '/api/chat', '{', from('10.0.0.1'));
    const message = await expectApiError(limited, 429, 'rate_limited');
    expect(message).toContain('3 a minute');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address has its own budget; the traces route shares the limit.
    expect((await post(app, '/api/chat', '{', from('10.0.0.2'))).status).toBe(400);
    expect((await post(app, '/api/traces', '{}', from('10.0.0.1'))).status).toBe(429);
  });

  it('ignores X-Forwarded-For unless the operator trusts a proxy', async () => {
    const app = appWith({ FANOUT_RATE_LIMIT_PER_MINUTE: '2' });
    const socket = { incoming: { socket: { remoteAddress: '192.0.2.7' } } };
    const send = (ip: string) =>
      app.request(
        '/api/chat',
        { method: 'POST', headers: { 'x-forwarded-for': ip }, body: '{' },
        socket,
      );
    expect((await send('1.1.1.1')).status).toBe(400);
    expect((await send('2.2.2.2')).status).toBe(400);
    expect((await send('3.3.3.3')).status).toBe(429);
  });

  it('caps concurrent streams per address, and gives the slot back when a stream ends', async () => {
    const guards = new Guards();
    const app = appWith(
      {
        FANOUT_OFFLINE_TTFT_MS: '5000',
        FANOUT_MAX_STREAMS_PER_IP: '2',
        FANOUT_TRUST_PROXY: '1',
      },
      guards,
    );
    const open = () =>
      post(app, '/api/chat', userChat('weather in Paris'), { 'x-forwarded-for': '10.1.1.1' });
    const first = await open();
    const second = await open();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(guards.openStreams).toBe(2);

    const third = await open();
    const message = await expectApiError(third, 429, 'too_many_streams');
    expect(message).toContain('2 streams');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // The browser goes away: its slot is free again.
    await first.body?.cancel();
    expect(guards.openStreams).toBe(1);
    const fourth = await open();
    expect(fourth.status).toBe(200);
    await second.body?.cancel();
    await fourth.body?.cancel();
    expect(guards.openStreams).toBe(0);
  });

  it('caps streams in total across addresses', async () => {
    const guards = new Guards();
    const app = appWith(
      { FANOUT_OFFLINE_TTFT_MS: '5000', FANOUT_MAX_STREAMS: '1', FANOUT_TRUST_PROXY: '1' },
      guards,
    );
    const a = await post(app, '/api/chat', userChat('hi'), { 'x-forwarded-for': '10.2.0.1' });
    expect(a.status).toBe(200);
    await expectApiError(
      await post(app, '/api/chat', userChat('hi'), { 'x-forwarded-for': '10.2.0.2' }),
      429,
      'too_many_streams',
    );
    await a.body?.cancel();
  });

  it('a stream read to its end releases its slot', async () => {
    const guards = new Guards();
    const app = appWith({}, guards);
    const response = await post(app, '/api/chat', userChat('weather in Paris'));
    expect(guards.openStreams).toBe(1);
    await response.text();
    expect(guards.openStreams).toBe(0);
  });
});

describe('request limits', () => {
  it('rejects more messages than allowed, too many parts and oversized text', async () => {
    const app = appWith();
    const message = (text: string, index = 0) => ({
      id: `m${index}`,
      role: 'user',
      parts: [{ type: 'text', text }],
    });
    const tooMany = Array.from({ length: 201 }, (_, index) => message('x', index));
    await expectApiError(
      await post(app, '/api/chat', JSON.stringify({ id: 'c', messages: tooMany })),
      400,
      'invalid_request',
    );
    const parts = Array.from({ length: 401 }, () => ({ type: 'text', text: 'x' }));
    await expectApiError(
      await post(
        app,
        '/api/chat',
        JSON.stringify({ id: 'c', messages: [{ id: 'm', role: 'user', parts }] }),
      ),
      400,
      'invalid_request',
    );
    const long = await expectApiError(
      await post(
        app,
        '/api/chat',
        JSON.stringify({ id: 'c', messages: [message('y'.repeat(MAX_TEXT_CHARS + 1))] }),
      ),
      400,
      'invalid_request',
    );
    expect(long).toContain(`longer than ${MAX_TEXT_CHARS}`);
    await expectApiError(
      await post(
        app,
        '/api/chat',
        JSON.stringify({
          id: 'c',
          messages: [{ id: 'm', role: 'user', parts: [{ type: 'text', text: 42 }] }],
        }),
      ),
      400,
      'invalid_request',
    );
  });

  it('rejects a body over 1 MB with 413', async () => {
    const app = appWith();
    await expectApiError(
      await post(app, '/api/chat', userChat('x'.repeat(1024 * 1024 + 10))),
      413,
      'body_too_large',
    );
  });
});

describe('upstreams come from configuration only', () => {
  let fake: FakeUpstreamHandle;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  beforeAll(async () => {
    fake = await startFakeUpstream();
    trap = await startTrap();
  });
  afterAll(async () => {
    await fake.close();
    await trap.close();
  });

  const env = () => ({
    OPENAI_API_KEY: 'sk-test-config-only',
    OPENAI_BASE_URL: `${fake.url}/v1`,
    OPENAI_MODELS: 'gpt-4.1-mini',
    OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/compat/v1`,
    FANOUT_MAX_RETRIES: '0',
    FANOUT_MAX_OUTPUT_TOKENS: '123',
  });

  it('no request field or header can point the proxy at another host', async () => {
    const app = createApp({ env });
    const evil = `${trap.url}/v1`;
    const nonce = `cfg${Date.now()}`;
    const response = await post(
      app,
      '/api/chat',
      JSON.stringify({
        id: 'c',
        model: 'openai-chat:gpt-4.1-mini',
        messages: [
          {
            id: 'm',
            role: 'user',
            parts: [{ type: 'text', text: `hi ${nonce}`, url: evil, baseURL: evil }],
            metadata: { baseURL: evil, url: evil },
          },
        ],
        baseURL: evil,
        baseUrl: evil,
        url: evil,
        endpoint: evil,
        host: trap.url,
        headers: { host: trap.url },
        providerOptions: { openai: { baseURL: evil } },
        maxOutputTokens: 100_000,
        max_tokens: 100_000,
      }),
      {
        host: trap.url.replace('http://', ''),
        'x-forwarded-host': trap.url,
        forwarded: `host=${trap.url}`,
      },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"delta":"Hello from"');
    const [seen] = await fake.requests(nonce);
    expect(seen?.path).toBe('/v1/chat/completions');
    // The output-token cap is the server's: a client asking for more does not raise it.
    const sent = seen?.body as { max_tokens?: number; max_completion_tokens?: number };
    expect(sent.max_tokens ?? sent.max_completion_tokens).toBe(123);
    expect(trap.hits()).toBe(0);
  });

  it('a model id cannot carry a URL or a provider outside the allow-list', async () => {
    const app = createApp({ env });
    for (const model of [
      `openai:${trap.url}/v1`,
      `compatible:${trap.url}`,
      'openai:gpt-4.1-mini@evil.example',
      'openai:../../x',
      'anthropic:claude-sonnet-4-5',
      'openai:gpt-4.1',
    ]) {
      const response = await post(app, '/api/chat', userChat('hi', { model }));
      expect(response.status, model).toBe(400);
      const body = apiErrorSchema.parse(await response.json());
      expect(['unknown_model', 'model_not_configured']).toContain(body.error.code);
    }
    expect(trap.hits()).toBe(0);
  });
});

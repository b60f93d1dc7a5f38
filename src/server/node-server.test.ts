import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../shared/api-error';
import { createApp } from './app';
import { type NodeServer, type SocketLimits, startNodeServer } from './node-server';
import { parseRawAnswer, rawExchange, userChat } from './test-kit/loopback';

/**
 * The Node server over real sockets: refusals arrive as JSON answers, never resets, and slow
 * or greedy clients are cut off by the socket limits.
 */

const roomy: SocketLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerAddress: 0,
};

let running: NodeServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(limits: Partial<SocketLimits> = {}, env: Record<string, string> = {}) {
  const app = createApp({
    env: () => ({
      FANOUT_RATE_LIMIT_PER_MINUTE: '0',
      FANOUT_OFFLINE_TTFT_MS: '0',
      FANOUT_OFFLINE_TOKENS_PER_SECOND: '0',
      ...env,
    }),
  });
  running = await startNodeServer({
    fetch: app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    limits: { ...roomy, ...limits },
  });
  return running.port;
}

type Outcome = { status?: number; body?: unknown; error?: string };

/**
 * POSTs `body` the way curl does: the headers and the whole body first, the answer read only
 * after that. Whatever the server sent meanwhile waits in the kernel's receive buffer, where a
 * reset would discard it: so a reset shows here as an error and no answer, as curl shows it.
 */
function post(port: number, path: string, body: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let text = '';
    let error: string | undefined;
    const finish = () => {
      socket.destroy();
      const answer = parseRawAnswer(text);
      resolve(
        answer ? { ...answer, ...(error ? { error } : {}) } : { error: error ?? 'no answer' },
      );
    };
    socket.pause();
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      const answer = parseRawAnswer(text);
      if (answer && typeof answer.body === 'object') finish();
    });
    socket.on('error', (failure: NodeJS.ErrnoException) => {
      error ??= failure.code ?? failure.message;
    });
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body, () => socket.resume());
    });
  });
}

describe('413 over a real socket', () => {
  it('several concurrent 5 MB bodies each get the 413 JSON, none a reset', async () => {
    const port = await start();
    const body = Buffer.alloc(5 * 1024 * 1024, 'x');
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        post(port, index % 2 ? '/api/traces' : '/api/chat', body),
      ),
    );
    for (const outcome of outcomes) {
      expect(outcome.error, 'no reset, no broken pipe').toBeUndefined();
      expect(outcome.status).toBe(413);
      expect(apiErrorSchema.parse(outcome.body).error.code).toBe('body_too_large');
    }
  });

  it('the connection stays usable after a drained 413', async () => {
    const port = await start();
    const big = 'x'.repeat(2 * 1024 * 1024);
    const small = userChat('hello');
    const exchange = await rawExchange(
      port,
      (socket) => {
        socket.write(
          `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n${big}`,
        );
        socket.write(
          `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(small)}\r\n\r\n${small}`,
        );
      },
      { until: (text) => text.includes('data: [DONE]') },
    );
    expect(exchange.error).toBeUndefined();
    expect(exchange.text.startsWith('HTTP/1.1 413')).toBe(true);
    expect(exchange.text).toContain('HTTP/1.1 200');
  });
});

describe('slow and greedy clients', () => {
  const dripping = (first: string, drip: string) => (socket: Socket) => {
    socket.write(first);
    const timer = setInterval(() => {
      if (socket.writable) socket.write(drip);
    }, 50);
    socket.on('close', () => clearInterval(timer));
  };

  it('a client dripping its headers is answered 408 JSON and closed', async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const exchanges = await Promise.all(
      Array.from({ length: 5 }, () =>
        rawExchange(
          port,
          dripping(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`, 'x-drip: 1\r\n'),
        ),
      ),
    );
    for (const exchange of exchanges) {
      const answer = parseRawAnswer(exchange.text);
      expect(answer?.status).toBe(408);
      expect(apiErrorSchema.parse(answer?.body).error.code).toBe('request_timeout');
    }
  });

  it('a client dripping its body is answered 408 JSON and closed', async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const exchange = await rawExchange(
      port,
      dripping(
        `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
        '"',
      ),
    );
    const answer = parseRawAnswer(exchange.text);
    expect(answer?.status).toBe(408);
    expect(apiErrorSchema.parse(answer?.body).error.code).toBe('request_timeout');
  });

  it('a client that connects and sends nothing is closed', async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const exchange = await rawExchange(port, () => {});
    expect(exchange.error).toBeUndefined();
  });

  it('connections past the per-address cap get a 429 JSON; the others still work', async () => {
    const port = await start({ maxConnectionsPerAddress: 3 });
    // Three idle connections, held open while a fourth tries.
    const sockets = await Promise.all(
      Array.from(
        { length: 3 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
          }),
      ),
    );
    const refused = await rawExchange(port, (socket) =>
      socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`),
    );
    const answer = parseRawAnswer(refused.text);
    expect(answer?.status).toBe(429);
    expect(apiErrorSchema.parse(answer?.body).error.code).toBe('too_many_connections');
    for (const socket of sockets) socket.destroy();
    // Once they close, the address may connect again.
    await expect
      .poll(async () => {
        const again = await rawExchange(port, (socket) =>
          socket.write(
            `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
          ),
        );
        return parseRawAnswer(again.text)?.status;
      })
      .toBe(200);
  });

  it('malformed HTTP gets a 400 JSON, not a bare 400', async () => {
    const port = await start();
    const exchange = await rawExchange(port, (socket) => socket.write('HELLO THERE\r\n\r\n'));
    const answer = parseRawAnswer(exchange.text);
    expect(answer?.status).toBe(400);
    expect(apiErrorSchema.parse(answer?.body).error.code).toBe('bad_request');
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  const get = (port: number, host: string, extra = '') =>
    rawExchange(port, (socket) =>
      socket.write(
        `GET /api/models HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n${extra}\r\n`,
      ),
    ).then((exchange) => parseRawAnswer(exchange.text));

  it('a Host and Origin naming another domain get 421 JSON, on the page and the API', async () => {
    const port = await start();
    const rebound = await get(
      port,
      `evil.example:${port}`,
      `Origin: http://evil.example:${port}\r\n`,
    );
    expect(rebound?.status).toBe(421);
    expect(apiErrorSchema.parse(rebound?.body).error.code).toBe('unknown_host');
    const post = await rawExchange(port, (socket) => {
      const body = userChat('hello');
      socket.write(
        `POST /api/chat HTTP/1.1\r\nHost: evil.example:${port}\r\nOrigin: http://evil.example:${port}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    expect(parseRawAnswer(post.text)?.status).toBe(421);
  });

  it('the loopback names and HOST pass on the server’s own port, not on another', async () => {
    const port = await start({}, { HOST: 'fanout.lan' });
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `fanout.lan:${port}`,
    ])
      expect((await get(port, host))?.status, host).toBe(200);
    expect((await get(port, `localhost:${port + 1}`))?.status).toBe(421);
  });

  it('FANOUT_ALLOWED_HOSTS adds names, any port or the one named', async () => {
    const port = await start({}, { FANOUT_ALLOWED_HOSTS: 'app.example.com, other.example:8443' });
    expect((await get(port, 'app.example.com'))?.status).toBe(200);
    expect((await get(port, 'app.example.com:443'))?.status).toBe(200);
    expect((await get(port, 'other.example:8443'))?.status).toBe(200);
    expect((await get(port, 'other.example'))?.status).toBe(421);
    expect((await get(port, 'evil.app.example.com'))?.status).toBe(421);
  });
});

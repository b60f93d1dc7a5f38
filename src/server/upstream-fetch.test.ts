import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamFetch, isUpstreamTimeout } from './upstream-fetch';

/** A loopback server whose answer each test picks by path; it counts connections. */
let server: Server;
let base: string;
const sockets = new Set<Socket>();
let connections = 0;
const closed: Promise<void>[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/echo': {
        let body = '';
        request.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        request.on('end', () => {
          response.writeHead(201, { 'content-type': 'application/json', 'x-seen': 'yes' });
          response.end(
            JSON.stringify({
              method: request.method,
              body,
              auth: request.headers.authorization,
              length: request.headers['content-length'],
            }),
          );
        });
        return;
      }
      case '/gzip':
        response.writeHead(200, { 'content-encoding': 'gzip' });
        response.end(gzipSync('data: decoded\n\n'));
        return;
      case '/reset':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: one\n\n', () =>
          setTimeout(() => request.socket.resetAndDestroy(), 20),
        );
        return;
      case '/slow':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: one\n\n');
        closed.push(new Promise((resolve) => request.socket.once('close', () => resolve())));
        return;
      case '/no-content':
        response.writeHead(204);
        response.end();
        return;
      default:
        response.writeHead(404);
        response.end('missing');
    }
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const upstream = (statuses: number[] = []) =>
  createUpstreamFetch({ firstByteMs: 2000, idleMs: 2000 }, (status) => statuses.push(status));

describe('the upstream fetch (node:http)', () => {
  it('sends the method, headers and body, and answers like fetch', async () => {
    const statuses: number[] = [];
    const response = await upstream(statuses)(`${base}/echo`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: '{"é":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen')).toBe('yes');
    expect(await response.json()).toEqual({
      method: 'POST',
      body: '{"é":1}',
      auth: 'Bearer k',
      length: '8',
    });
    expect(statuses).toEqual([201]);
  });

  it('keeps the connection for the next request', async () => {
    const fetch = upstream();
    await (await fetch(`${base}/echo`, { method: 'POST', body: 'a' })).text();
    const before = connections;
    await (await fetch(`${base}/echo`, { method: 'POST', body: 'b' })).text();
    expect(connections).toBe(before);
  });

  it('decodes a compressed body', async () => {
    expect(await (await upstream()(`${base}/gzip`)).text()).toBe('data: decoded\n\n');
  });

  it('answers a status without a body', async () => {
    const response = await upstream()(`${base}/no-content`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('reports an unreachable host as fetch does, with the network error as cause', async () => {
    const closedServer = createServer();
    await new Promise<void>((resolve) => closedServer.listen(0, '127.0.0.1', resolve));
    const port = (closedServer.address() as AddressInfo).port;
    await new Promise((resolve) => closedServer.close(resolve));
    const failure = await upstream()(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('fetch failed');
    expect(((failure as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('fails the body as "terminated" with ECONNRESET when the connection resets mid-answer', async () => {
    const response = await upstream()(`${base}/reset`);
    const failure = await response.text().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('terminated');
    expect(((failure as TypeError).cause as { code?: string }).code).toBe('ECONNRESET');
  });

  it('an abort mid-answer fails the body with its reason and closes the connection', async () => {
    const controller = new AbortController();
    const response = await upstream()(`${base}/slow`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const reason = new DOMException('stopped', 'AbortError');
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
    await closed.at(-1);
  });

  it('an idle upstream fails the body with the idle timeout', async () => {
    const fetch = createUpstreamFetch({ firstByteMs: 2000, idleMs: 100 });
    const response = await fetch(`${base}/slow`);
    const failure = await response.text().catch((error: unknown) => error);
    expect(isUpstreamTimeout(failure)).toBe(true);
    await closed.at(-1);
  });
});

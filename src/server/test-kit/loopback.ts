import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type {
  RecordedConnection,
  RecordedRequest,
} from '../../../e2e/fake-upstream/fake-upstream.ts';
import { createFakeUpstream } from '../../../e2e/fake-upstream/fake-upstream.ts';

/** Test helpers: the e2e fake upstream and servers on ephemeral loopback ports. */

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return portOf(server);
}

export type FakeUpstreamHandle = {
  url: string;
  requests: (contains: string) => Promise<RecordedRequest[]>;
  connections: (id: number) => Promise<RecordedConnection[]>;
  close: () => Promise<void>;
};

/** The fake upstream of e2e/fake-upstream, in this process. */
export async function startFakeUpstream(): Promise<FakeUpstreamHandle> {
  const server = createFakeUpstream();
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests: async (contains) =>
      (
        (await (await fetch(`${url}/__fake/requests?contains=${contains}`)).json()) as {
          requests: RecordedRequest[];
        }
      ).requests,
    connections: async (id) =>
      (
        (await (await fetch(`${url}/__fake/connections?id=${id}`)).json()) as {
          connections: RecordedConnection[];
        }
      ).connections,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A server that must never be contacted; it counts every request it gets. */
export async function startTrap(): Promise<{
  url: string;
  hits: () => number;
  close: () => Promise<void>;
}> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(500).end();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, close: () => closeServer(server) };
}

/** Serves a Hono app over real HTTP (so client disconnects reach it as they would in production). */
export async function serveApp(
  fetchHandler: (request: Request, env?: unknown) => Response | Promise<Response>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const instance = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(instance as Server),
    );
  });
  return { url: `http://127.0.0.1:${portOf(server)}`, close: () => closeServer(server) };
}

export function userChat(text: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: 'chat-1',
    messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }],
    ...extra,
  });
}

/** What one raw TCP exchange with a server produced. */
export type RawExchange = {
  /** Everything the server sent, as text. */
  text: string;
  /** The socket error, if the connection broke (`ECONNRESET`, `EPIPE`) instead of closing. */
  error?: string;
};

/**
 * Opens a TCP connection, lets `drive` write to it (at once or dripping), and resolves with
 * what came back once the server closes the connection, or once `until` is satisfied.
 */
export function rawExchange(
  port: number,
  drive: (socket: Socket) => void,
  options: { until?: (text: string) => boolean } = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let text = '';
    let error: string | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(error ? { text, error } : { text });
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (options.until?.(text)) finish();
    });
    socket.on('error', (failure: NodeJS.ErrnoException) => {
      error = failure.code ?? failure.message;
    });
    socket.on('close', finish);
    socket.on('connect', () => drive(socket));
  });
}

/** The status and JSON body of a raw HTTP/1.1 answer (the first one on the connection). */
export function parseRawAnswer(text: string): { status: number; body: unknown } | undefined {
  // Interim answers (100 Continue) come first and say nothing about the outcome.
  const final = text.replace(/^(HTTP\/1\.1 1\d\d[^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
  const match = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(final);
  if (!match) return undefined;
  const headers = match[2] ?? '';
  const length = /content-length:\s*(\d+)/i.exec(headers)?.[1];
  let raw = match[3] ?? '';
  if (length !== undefined) raw = raw.slice(0, Number(length));
  else if (/transfer-encoding:\s*chunked/i.test(headers)) raw = dechunk(raw);
  try {
    return { status: Number(match[1]), body: JSON.parse(raw) };
  } catch {
    return { status: Number(match[1]), body: raw };
  }
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const line = /^([0-9a-f]+)[^\r]*\r\n/i.exec(rest);
    if (!line) return out;
    const size = Number.parseInt(line[1] ?? '0', 16);
    if (size === 0) return out;
    const start = line[0].length;
    out += rest.slice(start, start + size);
    rest = rest.slice(start + size + 2);
  }
}

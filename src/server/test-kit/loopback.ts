import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { ApiError, ApiErrorCode } from '../shared/api-error';
import type { ServerConfig } from './config';
import { BASE_SECURITY_HEADERS } from './guards';

/**
 * The Node HTTP server under `npm start`, with the socket limits a public server needs: how
 * long a client may take to send its headers and its whole request, how long an idle
 * keep-alive connection stays open, and how many connections one address may hold. Malformed
 * HTTP and these limits are answered with the proxy's JSON error shape, not Node's bare 400.
 */

export type SocketLimits = {
  /** Time allowed to receive a request's headers; 0 = Node's default (none of our own). */
  headersTimeoutMs: number;
  /** Time allowed to receive a whole request, body included (not the answer); 0 = no limit. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept. */
  keepAliveTimeoutMs: number;
  /** Open connections one address may hold; 0 = no cap. */
  maxConnectionsPerAddress: number;
};

export function socketLimitsFrom(config: ServerConfig): SocketLimits {
  return {
    headersTimeoutMs: config.FANOUT_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.FANOUT_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.FANOUT_KEEP_ALIVE_TIMEOUT_MS,
    maxConnectionsPerAddress: config.FANOUT_MAX_CONNECTIONS_PER_IP,
  };
}

/** A complete HTTP/1.1 answer with a JSON reason, for a socket that has no response object. */
export function rawJsonResponse(status: number, code: ApiErrorCode, message: string): string {
  const body: ApiError = { error: { code, message } };
  const text = JSON.stringify(body);
  const reason =
    {
      400: 'Bad Request',
      408: 'Request Timeout',
      431: 'Request Header Fields Too Large',
      429: 'Too Many Requests',
    }[status] ?? 'Error';
  const headers = [
    `HTTP/1.1 ${status} ${reason}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(text)}`,
    'connection: close',
    ...Object.entries(BASE_SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${headers.join('\r\n')}\r\n\r\n${text}`;
}

function clientErrorAnswer(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return rawJsonResponse(431, 'headers_too_large', 'Request headers are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return rawJsonResponse(
        408,
        'request_timeout',
        'The request took too long to arrive (FANOUT_HEADERS_TIMEOUT_MS / FANOUT_REQUEST_TIMEOUT_MS).',
      );
    default:
      return rawJsonResponse(400, 'bad_request', 'The request is not well-formed HTTP.');
  }
}

type SocketWithResponse = Socket & { _httpMessage?: ServerResponse | null };

/** Answers malformed HTTP and timeouts with a JSON reason (Node's default writes a bare 400). */
function onClientError(error: NodeJS.ErrnoException, socket: SocketWithResponse): void {
  // Nothing can be said to a peer that reset, or once an answer has started on this socket.
  const answering = socket._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorAnswer(error));
}

/** Refuses connections past `max` per remote address with a 429 JSON answer. */
function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const mine = open.get(address) ?? 0;
    if (mine >= max) {
      socket.end(
        rawJsonResponse(
          429,
          'too_many_connections',
          `Too many connections from one address: at most ${max} (FANOUT_MAX_CONNECTIONS_PER_IP).`,
        ),
      );
      // A client that never reads its answer does not keep the socket either.
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    open.set(address, mine + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

export type NodeServerOptions = {
  fetch: (
    request: Request,
    env: { incoming: IncomingMessage; outgoing: ServerResponse },
  ) => Response | Promise<Response>;
  port: number;
  hostname?: string;
  limits: SocketLimits;
};

export type NodeServer = { server: Server; port: number; close: () => Promise<void> };

/** Starts the server and resolves once it listens. */
export function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const { limits } = options;
  const positive = [limits.headersTimeoutMs, limits.requestTimeoutMs].filter((ms) => ms > 0);
  // Node checks the header and request timeouts on this interval (30 s by default, which would
  // let a 10 s limit stretch to 40 s).
  const checkingInterval = Math.max(
    50,
    Math.min(1000, Math.floor(Math.min(...positive, 4000) / 4)),
  );
  const requestTimeout = limits.requestTimeoutMs;
  // Node refuses a header timeout longer than the request timeout.
  const headersTimeout =
    requestTimeout > 0 && limits.headersTimeoutMs > 0
      ? Math.min(limits.headersTimeoutMs, requestTimeout)
      : limits.headersTimeoutMs;
  const listener = getRequestListener(
    options.fetch as (request: Request, env: unknown) => Response | Promise<Response>,
    {
      hostname: options.hostname,
      // Bodies left unread (a refusal before reading) are drained by Node within
      // requestTimeout, or by body-limit's bounded drain, instead of the adapter's 500 ms
      // drain that ends in a reset while a large body is still arriving.
      autoCleanupIncoming: false,
      // A request the adapter cannot even turn into a Request (a malformed Host or URL):
      // the adapter's own answer is a bare 400.
      errorHandler: () => unreadableRequest(),
    },
  );
  const server = createServer(
    {
      requestTimeout,
      ...(headersTimeout > 0 ? { headersTimeout } : {}),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: checkingInterval,
      // Node would answer a missing Host with a bare 400; the Host check answers it in JSON.
      requireHostHeader: false,
    },
    listener,
  );
  server.on('clientError', onClientError);
  capConnectionsPerAddress(server, limits.maxConnectionsPerAddress);
  return new Promise((resolve) => {
    server.listen(options.port, options.hostname, () => {
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function unreadableRequest(): Response {
  const body: ApiError = {
    error: {
      code: 'bad_request',
      message: 'The request could not be read: its Host or URL is malformed.',
    },
  };
  return Response.json(body, { status: 400, headers: BASE_SECURITY_HEADERS });
}

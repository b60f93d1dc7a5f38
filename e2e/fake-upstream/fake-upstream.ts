import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { anthropicMessages } from './anthropic.ts';
import { openAIChat } from './openai-chat.ts';
import { openAIResponses } from './openai-responses.ts';
import { planStep } from './scenario-plan.ts';
import { type FakeProvider, type FakeStep, parseScript, RAW_ERROR_MARKER } from './scenarios.ts';
import type { Frame, Protocol, RequestView } from './wire.ts';

/** One request as the fake saw it; served at `GET /__fake/requests`. */
export type RecordedRequest = {
  id: number;
  connectionId: number;
  method: string;
  path: string;
  provider: FakeProvider | null;
  /** Header names lower-cased; credentials replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** The parsed JSON body (or the raw text when it was not JSON). */
  body: unknown;
  lastUserText: string | null;
  /** The step of the script that answered, e.g. `text`, `slow`, `401`, `tools`. */
  scenario: string | null;
  status: number | null;
  receivedAt: number;
  finishedAt: number | null;
  /**
   * How the exchange ended: `completed` (the fake wrote the whole answer), `client-closed`
   * (the client went away first), `reset` (the fake reset the connection on purpose).
   */
  outcome: 'pending' | 'completed' | 'client-closed' | 'reset';
};

/** One TCP connection; served at `GET /__fake/connections`. */
export type RecordedConnection = {
  id: number;
  remotePort: number | null;
  openedAt: number;
  closedAt: number | null;
  requestIds: number[];
};

type Route = {
  provider: FakeProvider;
  protocol: Protocol;
  credential: 'bearer' | 'x-api-key' | 'none';
};

const routes: Record<string, Route> = {
  '/v1/responses': { provider: 'openai', protocol: openAIResponses, credential: 'bearer' },
  '/v1/chat/completions': { provider: 'openai-chat', protocol: openAIChat, credential: 'bearer' },
  '/compat/v1/chat/completions': {
    provider: 'compatible',
    protocol: openAIChat,
    credential: 'none',
  },
  '/v1/messages': { provider: 'anthropic', protocol: anthropicMessages, credential: 'x-api-key' },
};

const secretHeaders = new Set([
  'x-api-key',
  'api-key',
  'openai-api-key',
  'cookie',
  'proxy-authorization',
]);
const MAX_RECORDS = 2000;
/** How many paced frames come before the first frame carrying tool-call arguments. */
function firstArgumentFrame(frames: Frame[]): number {
  let paced = 0;
  for (const frame of frames) {
    if (!frame.paced) continue;
    if (frame.bytes.includes('\\"city')) return paced;
    paced++;
  }
  return paced;
}

const DEFAULT_DELAY_MS: Record<FakeStep['kind'], number> = {
  text: 15,
  slow: 150,
  status: 0,
  reset: 30,
  'stream-error': 30,
  hang: 0,
  tools: 25,
  badtools: 25,
  injection: 25,
  cutoff: 25,
  truncate: 30,
  calls: 5,
  flood: 0,
  badjson: 15,
};

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization') {
      out[name] = text.replace(/^(\S+\s+).*$/, '$1[redacted]');
    } else if (secretHeaders.has(name)) {
      out[name] = '[redacted]';
    } else {
      out[name] = text;
    }
  }
  return out;
}

function presentedKey(req: IncomingMessage, credential: Route['credential']): string | undefined {
  if (credential === 'x-api-key') {
    const key = req.headers['x-api-key'];
    return typeof key === 'string' && key ? key : undefined;
  }
  const auth = req.headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return match?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function stepLabel(step: FakeStep): string {
  return step.kind === 'status' ? String(step.status) : step.kind;
}

/** The fake upstream: one HTTP server speaking the three wire formats, plus its control API. */
export function createFakeUpstream(): Server {
  const requests: RecordedRequest[] = [];
  const connections: RecordedConnection[] = [];
  const connectionOf = new WeakMap<Socket, RecordedConnection>();
  /** How many requests each script (keyed by the last user text) has answered. */
  const scriptProgress = new Map<string, number>();
  let nextRequestId = 1;
  let nextConnectionId = 1;

  const keep = <T>(list: T[], item: T) => {
    list.push(item);
    if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[fake-upstream] handler failed:', error);
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'fake upstream crashed' } });
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    const connection: RecordedConnection = {
      id: nextConnectionId++,
      remotePort: socket.remotePort ?? null,
      openedAt: Date.now(),
      closedAt: null,
      requestIds: [],
    };
    connectionOf.set(socket, connection);
    keep(connections, connection);
    socket.on('close', () => {
      connection.closedAt = Date.now();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { ok: true });
    if (path.startsWith('/__fake/')) return control(req, res, url);

    const connection = connectionOf.get(req.socket);
    const record: RecordedRequest = {
      id: nextRequestId++,
      connectionId: connection?.id ?? 0,
      method: req.method ?? 'GET',
      path,
      provider: null,
      headers: redactHeaders(req.headers),
      body: null,
      lastUserText: null,
      scenario: null,
      status: null,
      receivedAt: Date.now(),
      finishedAt: null,
      outcome: 'pending',
    };
    connection?.requestIds.push(record.id);
    keep(requests, record);
    let deliberateReset = false;
    res.on('close', () => {
      record.finishedAt = Date.now();
      if (deliberateReset) record.outcome = 'reset';
      else record.outcome = res.writableFinished ? 'completed' : 'client-closed';
    });
    const respond = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      sendJson(res, status, body, headers);
    };

    const text = await readBody(req);
    try {
      record.body = JSON.parse(text);
    } catch {
      record.body = text;
    }

    const route = routes[path];
    if (!route || req.method !== 'POST') {
      return respond(404, {
        error: { message: `fake upstream: no route ${req.method} ${path}`, type: 'not_found' },
      });
    }
    record.provider = route.provider;
    const { protocol } = route;
    const key = presentedKey(req, route.credential);
    if (route.credential !== 'none' && !key) {
      const error = protocol.error(401, undefined);
      return respond(error.status, error.body, error.headers);
    }
    if (typeof record.body !== 'object' || record.body === null) {
      const error = protocol.error(400, key);
      return respond(error.status, error.body, error.headers);
    }

    const view: RequestView = protocol.read(record.body);
    record.lastUserText = view.lastUserText;
    let script: FakeStep[];
    try {
      script = parseScript(view.lastUserText) ?? [{ kind: 'text' }];
    } catch (error) {
      record.scenario = 'bad-marker';
      return respond(400, {
        error: { message: `fake upstream: ${(error as Error).message}`, type: 'fake_marker' },
      });
    }
    const answered = scriptProgress.get(view.lastUserText) ?? 0;
    scriptProgress.set(view.lastUserText, answered + 1);
    const step = script[Math.min(answered, script.length - 1)] ?? { kind: 'text' };
    record.scenario = stepLabel(step);

    if (!view.stream) {
      return respond(400, {
        error: {
          message: `fake upstream only streams: send "stream": true (${RAW_ERROR_MARKER})`,
          type: 'invalid_request_error',
        },
      });
    }
    if (step.kind === 'status') {
      const error = protocol.error(step.status, key);
      return respond(error.status, error.body, error.headers);
    }

    let closed = false;
    let wake: (() => void) | undefined;
    res.on('close', () => {
      closed = true;
      wake?.();
    });
    if (step.kind === 'hang') {
      await new Promise<void>((resolve) => res.once('close', () => resolve()));
      return;
    }

    const plan = planStep(step, view, route.provider);
    const frames = protocol.frames(plan, view);
    const delayMs = step.delayMs ?? DEFAULT_DELAY_MS[step.kind];
    const faultAfter =
      step.kind === 'reset' ||
      step.kind === 'stream-error' ||
      step.kind === 'truncate' ||
      step.kind === 'badjson'
        ? 3
        : step.kind === 'cutoff'
          ? firstArgumentFrame(frames) + 1
          : undefined;

    record.status = 200;
    res.writeHead(200, protocol.headers());
    let paced = 0;
    const pause = () =>
      new Promise<void>((resolve) => {
        if (delayMs <= 0 || closed) return resolve();
        const timer = setTimeout(resolve, delayMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const write = (frame: Frame) => {
      if (!closed) res.write(frame.bytes);
    };

    for (const frame of frames) {
      if (frame.paced) {
        if (faultAfter !== undefined && paced >= faultAfter) {
          if (step.kind === 'reset') {
            deliberateReset = true;
            req.socket.resetAndDestroy();
          } else if (step.kind === 'cutoff' || step.kind === 'truncate') {
            // A clean end of the body in the middle of a call: no error, no finish event.
            res.end();
          } else if (step.kind === 'badjson') {
            // An event whose data is not JSON, quoting what an upstream might: the page and
            // the proxy's log must show neither.
            write({
              bytes: `data: {"type":"content_block_delta","delta":{"text":"${RAW_ERROR_MARKER} ${key ?? 'no-key'}\n\n`,
              paced: false,
            });
            res.end();
          } else {
            for (const errorFrame of protocol.streamErrorFrames(view)) write(errorFrame);
            res.end();
          }
          return;
        }
        await pause();
        if (closed) return;
        paced++;
      }
      write(frame);
    }
    if (!closed) res.end();
  }

  function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname;
    const query = url.searchParams;
    if (req.method === 'GET' && path === '/__fake/requests') {
      const contains = query.get('contains');
      const filterPath = query.get('path');
      const provider = query.get('provider');
      const selected = requests.filter(
        (record) =>
          (!contains || JSON.stringify(record.body ?? '').includes(contains)) &&
          (!filterPath || record.path === filterPath) &&
          (!provider || record.provider === provider),
      );
      return sendJson(res, 200, { requests: selected });
    }
    if (req.method === 'GET' && path === '/__fake/connections') {
      const id = query.get('id');
      const requestId = query.get('requestId');
      const selected = connections.filter(
        (connection) =>
          (!id || connection.id === Number(id)) &&
          (!requestId || connection.requestIds.includes(Number(requestId))),
      );
      return sendJson(res, 200, { connections: selected });
    }
    if (req.method === 'POST' && path === '/__fake/reset') {
      // For manual use only: tests run in parallel and must filter by nonce instead.
      requests.length = 0;
      connections.length = 0;
      scriptProgress.clear();
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: { message: `no control route ${req.method} ${path}` } });
  }

  return server;
}

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * A `fetch` for provider clients that enforces the proxy's upstream timeouts at the socket
 * level: no response headers within `firstByteMs`, or no body bytes for `idleMs`, aborts the
 * upstream request (closing its connection) and fails with an `UpstreamTimeoutError`.
 *
 * Why not the AI SDK's own `timeout` option: it aborts the call, which the SDK reports as a
 * cancelled stream, so the page would show a silent stop instead of a readable failure.
 *
 * Why `node:http` rather than the global fetch (undici): a CPU profile of the proxy under the
 * bench's figure 4 put undici's request and body machinery (the fetch algorithm's promise hops,
 * a web stream per body, writes deferred to the end of the loop turn on a reused connection) on
 * the path of every answer's first and last byte. Here the request leaves in one write as soon
 * as the provider asks, and the body is one web stream fed by the socket's reads. It keeps what
 * fetch gave the SDK: TLS (`node:https`, verified), keep-alive connections, decoded bodies, the
 * abort signal (closing the connection), and its error shapes (`TypeError('fetch failed')` with
 * the network error as cause, so the SDK's retries and `upstream-error.ts` read them the same).
 */

export type UpstreamTimeouts = {
  /** Time allowed until the upstream's response headers arrive; 0 disables it. */
  firstByteMs: number;
  /** Longest silence allowed between body chunks; 0 disables it. */
  idleMs: number;
};

/** The upstream was too slow; `kind` tells which limit fired. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
  constructor(
    readonly kind: 'first-byte' | 'idle',
    readonly timeoutMs: number,
  ) {
    super(
      kind === 'first-byte'
        ? `no response within ${timeoutMs} ms`
        : `the response stalled for ${timeoutMs} ms`,
    );
  }
}

export function isUpstreamTimeout(error: unknown): error is UpstreamTimeoutError {
  return error instanceof Error && error.name === 'UpstreamTimeoutError' && 'kind' in error;
}

/**
 * The upstream fetch: `node:http(s)` for the requests providers make (a URL and a JSON or byte
 * body), the global fetch with the same timeouts for anything else. `onResponse` learns each
 * response's status: an error found later inside a 200 stream can then name it.
 */
export function createUpstreamFetch(
  timeouts: UpstreamTimeouts,
  onResponse?: (status: number) => void,
): typeof fetch {
  const fallback = timedFetch(timeouts, globalThis.fetch, onResponse);
  return (input, init) => {
    const url = typeof input === 'string' ? URL.parse(input) : input instanceof URL ? input : null;
    const body = init?.body;
    if (
      url &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      (body === undefined ||
        body === null ||
        typeof body === 'string' ||
        body instanceof Uint8Array)
    )
      return nodeFetch(url, init ?? {}, body ?? undefined, timeouts, onResponse);
    return fallback(input, init);
  };
}

/** One keep-alive pool per scheme for the whole process, as undici's global dispatcher was. */
const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers))
    return Object.fromEntries(headers instanceof Headers ? headers.entries() : headers);
  return headers as Record<string, string>;
}

/** A network error as fetch reports it: the SDK turns `fetch failed` into a retryable APICallError. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
/** A body broken mid-stream, as undici reports it (`terminated`, the socket error as cause). */
const terminated = (cause: unknown) => new TypeError('terminated', { cause });

/** Statuses whose response has no body (the Response constructor refuses one). */
const nullBodyStatuses = new Set([204, 205, 304]);

/** The body's bytes as sent, or decoded the way fetch decodes them. */
function decoded(response: IncomingMessage): Readable {
  switch (response.headers['content-encoding']?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function nodeFetch(
  url: URL,
  init: RequestInit,
  body: string | Uint8Array | undefined,
  timeouts: UpstreamTimeouts,
  onResponse: ((status: number) => void) | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let responded = false;
    let finished = false;
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const headers = { ...headerRecord(init.headers) };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

    const end = () => {
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    /** Ends the exchange with `error`: the connection is closed, never reused. */
    const fail = (error: unknown) => {
      if (finished) return;
      end();
      request.destroy();
      if (responded) controller?.error(error);
      else reject(error);
    };
    const onAbort = () => fail(signal?.reason);
    const arm = (kind: UpstreamTimeoutError['kind'], ms: number) => {
      clearTimeout(timer);
      timer = ms > 0 ? setTimeout(() => fail(new UpstreamTimeoutError(kind, ms)), ms) : undefined;
    };

    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let request: ReturnType<typeof httpRequest>;
    try {
      request = send(url, {
        method: init.method ?? 'GET',
        headers,
        agent: agents[url.protocol as keyof typeof agents],
      });
    } catch (error) {
      // Node refuses a malformed header before any byte leaves; fetch would throw a TypeError.
      reject(fetchFailed(error));
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    arm('first-byte', timeouts.firstByteMs);
    request.on('error', (error) => fail(responded ? terminated(error) : fetchFailed(error)));
    request.on('response', (response) => {
      responded = true;
      const status = response.statusCode ?? 0;
      onResponse?.(status);
      const responseHeaders = new Headers();
      const raw = response.rawHeaders;
      try {
        for (let index = 0; index + 1 < raw.length; index += 2)
          responseHeaders.append(raw[index] as string, raw[index + 1] as string);
      } catch (error) {
        responded = false;
        fail(fetchFailed(error));
        return;
      }
      if (nullBodyStatuses.has(status) || init.method === 'HEAD') {
        end();
        response.resume();
        resolve(
          new Response(null, {
            status,
            statusText: response.statusMessage,
            headers: responseHeaders,
          }),
        );
        return;
      }
      arm('idle', timeouts.idleMs);
      const source = decoded(response);
      const stream = new ReadableStream<Uint8Array>({
        start(streamController) {
          controller = streamController;
        },
        pull() {
          source.resume();
        },
        cancel() {
          if (finished) return;
          end();
          request.destroy();
        },
      });
      source.on('data', (chunk: Buffer) => {
        if (finished) return;
        // Cheaper than a new timer per chunk: the same timer, pushed back.
        timer?.refresh();
        controller?.enqueue(chunk);
        // Backpressure: stop reading the socket until the provider's parser asks for more.
        if ((controller?.desiredSize ?? 0) <= 0) source.pause();
      });
      source.on('end', () => {
        if (finished) return;
        end();
        controller?.close();
      });
      const broke = (error: unknown) => fail(terminated(error));
      source.on('error', broke);
      if (source !== response) response.on('error', broke);
      response.on('close', () => {
        // A connection that closes before the body's end (without an error event) broke it.
        if (!response.complete)
          broke(Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }));
      });
      try {
        resolve(
          new Response(stream, {
            status,
            statusText: response.statusMessage,
            headers: responseHeaders,
          }),
        );
      } catch (error) {
        // A status fetch cannot represent (outside 200–599).
        responded = false;
        fail(fetchFailed(error));
      }
    });
    request.end(body);
  });
}

/** Wraps `base` with the timeouts: the path for requests `nodeFetch` does not take. */
function timedFetch(
  timeouts: UpstreamTimeouts,
  base: typeof fetch,
  onResponse?: (status: number) => void,
): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const parent = init?.signal;
    const onParentAbort = () => controller.abort(parent?.reason);
    if (parent?.aborted) controller.abort(parent.reason);
    parent?.addEventListener('abort', onParentAbort, { once: true });

    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut: UpstreamTimeoutError | undefined;
    const arm = (kind: UpstreamTimeoutError['kind'], ms: number) => {
      clearTimeout(timer);
      if (ms <= 0) return;
      timer = setTimeout(() => {
        timedOut = new UpstreamTimeoutError(kind, ms);
        controller.abort(timedOut);
      }, ms);
    };
    const done = () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    };

    arm('first-byte', timeouts.firstByteMs);
    let response: Response;
    try {
      response = await base(input, { ...init, signal: controller.signal });
    } catch (error) {
      done();
      // Our own abort surfaces as an AbortError; report the timeout instead (the SDK would
      // otherwise treat it as the user's cancel).
      throw timedOut ?? error;
    }
    onResponse?.(response.status);
    if (!response.body) {
      done();
      return response;
    }

    arm('idle', timeouts.idleMs);
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        try {
          const { done: finished, value } = await reader.read();
          if (finished) {
            done();
            stream.close();
            return;
          }
          arm('idle', timeouts.idleMs);
          stream.enqueue(value);
        } catch (error) {
          done();
          stream.error(timedOut ?? error);
        }
      },
      cancel(reason) {
        done();
        controller.abort(reason);
        return reader.cancel(reason);
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

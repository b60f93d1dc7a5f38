/**
 * A `fetch` for provider clients that enforces the proxy's upstream timeouts at the socket
 * level: no response headers within `firstByteMs`, or no body bytes for `idleMs`, aborts the
 * upstream request (closing its connection) and fails with an `UpstreamTimeoutError`.
 *
 * Why not the AI SDK's own `timeout` option: it aborts the call, which the SDK reports as a
 * cancelled stream, so the page would show a silent stop instead of a readable failure.
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
 * Wraps `base` (the global fetch by default) with the timeouts. `onResponse` learns each
 * response's status: an error found later inside a 200 stream can then name it.
 */
export function createUpstreamFetch(
  timeouts: UpstreamTimeouts,
  base: typeof fetch = globalThis.fetch,
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

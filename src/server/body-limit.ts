import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as countingBodyLimit } from 'hono/body-limit';

export type BodyLimitOptions = {
  maxSize: number;
  /** The answer for a body over `maxSize`. */
  onError: (c: Context) => Response | Promise<Response>;
};

/** How much of a refused body is read and thrown away so its 413 arrives intact. */
export const REFUSED_BODY_DRAIN_BYTES = 64 * 1024 * 1024;
export const REFUSED_BODY_DRAIN_MS = 15_000;

type NodeBindings = { incoming?: IncomingMessage };

/**
 * Reads and discards the rest of a refused body (bounded in bytes and time), so the client
 * gets its 413: closing a socket while the client is still sending makes the kernel answer
 * with a reset, and the client never reads the answer. Past the bound the socket is closed.
 * Only under Node (`c.env.incoming`); elsewhere there is no socket to care for.
 */
function drainRefusedBody(c: Context): void {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!incoming || incoming.readableEnded || incoming.destroyed) return;
  let bytes = 0;
  const done = () => {
    clearTimeout(timer);
    incoming.off('data', count);
  };
  const giveUp = () => {
    done();
    incoming.socket?.destroy();
  };
  const count = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > REFUSED_BODY_DRAIN_BYTES) giveUp();
  };
  const timer = setTimeout(giveUp, REFUSED_BODY_DRAIN_MS);
  timer.unref();
  incoming.on('data', count);
  incoming.once('end', done);
  incoming.once('error', done);
  incoming.resume();
}

/**
 * Hono's `bodyLimit`, judged from Content-Length alone when the request declares one (as
 * Hono's does), but without touching `c.req.raw.body` first. Under @hono/node-server that
 * access turns the lightweight request into a full undici `Request` whose body is a web
 * stream over the socket, and `c.req.json()` then reads through it instead of straight from
 * the socket: ~0.1 ms of a chat request's CPU. A chunked body, which has no length to trust,
 * still goes through Hono's counting reader. A declared length over the limit is answered
 * before any of the body is read, and the rest is drained within a bound.
 */
export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const counting = countingBodyLimit(options);
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined)
      return counting(c, next);
    if (Number.parseInt(length, 10) > options.maxSize) {
      const response = await options.onError(c);
      drainRefusedBody(c);
      return response;
    }
    await next();
  };
}

import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ApiError } from '../shared/api-error';
import type { EnvSource, ServerConfig } from './config';
import { readConfig } from './config';
import { jsonError } from './http-error';

/**
 * The proxy's abuse guards, shared by every route: who may call (Origin / Sec-Fetch-Site), how
 * often (a per-address rate limit) and how many streams at once (per address and in total).
 * State lives in one `Guards` per app instance, so it is per process: behind several instances
 * each enforces its own share (README "Security").
 */

/** Headers on every response the proxy sends, API and page alike. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** API answers are data, never documents: nothing in them may load or run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The page's Content-Security-Policy: scripts, styles and connections from our own origin
 * only (no inline script), images from our origin, data: URLs and the operator's allow-list.
 */
export function pageCsp(imageHosts: readonly string[]): string {
  const images = ["'self'", 'data:', ...imageHosts.map((host) => `https://${host}`)];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images.join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ');
}

/** Sets the base headers (and `csp`) on the response unless a route already chose its own. */
export function securityHeaders(csp: (c: Context) => string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
    if (!c.res.headers.has('content-security-policy'))
      c.res.headers.set('content-security-policy', csp(c));
  };
}

type NodeBindings = { incoming?: { socket?: { remoteAddress?: unknown; localPort?: unknown } } };

/** The caller's address: the socket's, or X-Forwarded-For's first hop when the operator trusts it. */
export function clientAddress(c: Context, config: ServerConfig): string {
  if (config.FANOUT_TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const env = c.env as NodeBindings | undefined;
  const address = env?.incoming?.socket?.remoteAddress;
  return typeof address === 'string' ? address : 'unknown';
}

/** Names the server always answers to, on the port it listens on. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** `host[:port]` split, lower-cased; IPv6 keeps its brackets. Undefined when unreadable. */
function splitHost(value: string): { name: string; port: string | undefined } | undefined {
  const text = value.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match?.[1]) return undefined;
  return { name: match[1], port: match[2] };
}

/** An address as it appears in a Host header: IPv6 in brackets. */
function asHostName(address: string): string {
  const name = address.trim().toLowerCase();
  return name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
}

/**
 * Whether a Host header names this server. The defaults (loopback names and `HOST`) match on the
 * port the request arrived on; `FANOUT_ALLOWED_HOSTS` entries match any port, or exactly the
 * one they name (`app.example.com:8443`).
 */
export function hostAllowed(
  host: string | undefined,
  config: ServerConfig,
  localPort: number | undefined,
): boolean {
  if (host === undefined) return false;
  const requested = splitHost(host);
  if (!requested) return false;
  const defaults = config.HOST ? [...LOOPBACK_HOSTS, asHostName(config.HOST)] : LOOPBACK_HOSTS;
  if (defaults.includes(requested.name)) {
    // Without a socket (a test's in-process request) there is no port to compare.
    if (localPort === undefined) return true;
    return Number(requested.port ?? 80) === localPort;
  }
  return config.FANOUT_ALLOWED_HOSTS.some((entry) => {
    const allowed = splitHost(entry);
    if (!allowed || allowed.name !== requested.name) return false;
    return allowed.port === undefined || allowed.port === (requested.port ?? '80');
  });
}

/**
 * Refuses a request whose Host header names another server (DNS rebinding: a page on the
 * attacker's domain, re-pointed at this machine, would otherwise be same-origin with the API).
 */
export function hostCheck(env: () => EnvSource): MiddlewareHandler {
  return async (c, next) => {
    const config = readConfig(env());
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const port = (c.env as NodeBindings | undefined)?.incoming?.socket?.localPort;
    if (!hostAllowed(host, config, typeof port === 'number' ? port : undefined)) {
      return jsonError(
        c,
        421,
        'unknown_host',
        'This server does not answer to that host name. Behind a domain, list it in FANOUT_ALLOWED_HOSTS.',
      );
    }
    await next();
  };
}

function sameOrigin(origin: string, requestUrl: string): boolean {
  try {
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}

/**
 * Rejects state-changing requests a browser sent from another site (CSRF, a drive-by page
 * spending the operator's key). A browser always sends Origin on a cross-origin POST, and
 * Sec-Fetch-Site when it supports fetch metadata; a request with neither is not from a
 * browser page (curl, a server) and is left to the rate limit.
 */
export function originCheck(env: () => EnvSource): MiddlewareHandler {
  return async (c, next) => {
    const config = readConfig(env());
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const allowed = origin
      ? origin !== 'null' &&
        (sameOrigin(origin, c.req.url) || config.FANOUT_ALLOWED_ORIGINS.includes(origin))
      : site === undefined || site === 'same-origin' || site === 'none';
    if (!allowed) {
      return jsonError(
        c,
        403,
        'forbidden_origin',
        'This server only accepts requests from its own page (set FANOUT_ALLOWED_ORIGINS to allow another origin).',
      );
    }
    await next();
  };
}

function tooMany(
  c: Context,
  code: 'rate_limited' | 'too_many_streams',
  message: string,
  retryAfterS: number,
) {
  const body: ApiError = { error: { code, message } };
  return c.json(body, 429, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterS))) });
}

/** Seconds a client is told to wait when every stream slot is taken. */
export const STREAMS_RETRY_AFTER_S = 2;

/** Per-process limiter state for one app instance. */
export class Guards {
  private limiter: RateLimiterMemory | undefined;
  private limiterPoints = -1;
  private readonly streamsByAddress = new Map<string, number>();
  private totalStreams = 0;

  /** Streams open right now (for tests and the load bench). */
  get openStreams(): number {
    return this.totalStreams;
  }

  private limiterFor(points: number): RateLimiterMemory | undefined {
    if (points <= 0) return undefined;
    // Configuration is read per request: rebuild the limiter only when the limit changes.
    if (!this.limiter || this.limiterPoints !== points) {
      this.limiter = new RateLimiterMemory({ points, duration: 60 });
      this.limiterPoints = points;
    }
    return this.limiter;
  }

  /** Per-address request rate limit: 429 with Retry-After and a JSON reason. */
  rateLimit(env: () => EnvSource): MiddlewareHandler {
    return async (c, next) => {
      const config = readConfig(env());
      const limiter = this.limiterFor(config.FANOUT_RATE_LIMIT_PER_MINUTE);
      if (limiter) {
        try {
          await limiter.consume(clientAddress(c, config));
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          return tooMany(
            c,
            'rate_limited',
            `Too many requests: at most ${config.FANOUT_RATE_LIMIT_PER_MINUTE} a minute from one address. Wait a moment, then retry.`,
            rejection.msBeforeNext / 1000,
          );
        }
      }
      await next();
    };
  }

  /**
   * Takes a stream slot for `address`, or answers why not. The caller must call the returned
   * `release` exactly once when the stream ends, however it ends (it is idempotent).
   */
  acquireStream(
    c: Context,
    config: ServerConfig,
  ): { ok: true; release: () => void } | { ok: false; response: Response } {
    const address = clientAddress(c, config);
    const mine = this.streamsByAddress.get(address) ?? 0;
    const perAddress = config.FANOUT_MAX_STREAMS_PER_IP;
    const total = config.FANOUT_MAX_STREAMS;
    if (perAddress > 0 && mine >= perAddress) {
      return {
        ok: false,
        response: tooMany(
          c,
          'too_many_streams',
          `Too many answers at once: at most ${perAddress} streams from one address. Wait for one to finish.`,
          STREAMS_RETRY_AFTER_S,
        ),
      };
    }
    if (total > 0 && this.totalStreams >= total) {
      return {
        ok: false,
        response: tooMany(
          c,
          'too_many_streams',
          'The server is answering as many chats as it can right now. Retry in a moment.',
          STREAMS_RETRY_AFTER_S,
        ),
      };
    }
    this.streamsByAddress.set(address, mine + 1);
    this.totalStreams++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.totalStreams--;
        const left = (this.streamsByAddress.get(address) ?? 1) - 1;
        if (left <= 0) this.streamsByAddress.delete(address);
        else this.streamsByAddress.set(address, left);
      },
    };
  }
}

import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { ModelsResponse } from '../shared/model-id';
import { type EnvSource, readConfig } from './config';
import { API_CSP, Guards, hostCheck, originCheck, securityHeaders } from './guards';
import { jsonError } from './http-error';
import type { McpHub } from './mcp/hub';
import { processMcpHub } from './mcp/process-hub';
import { defaultModelId, listModels } from './providers/registry';
import { chatRoute } from './routes/chat';
import { pricesRoute } from './routes/prices';
import { toolsRoute } from './routes/tools';
import { tracesRoute } from './routes/traces';

export type AppOptions = {
  /** Where configuration comes from; read on every request. */
  env?: () => EnvSource;
  /** Limiter state; one per process by default (tests and the bench pass their own to inspect it). */
  guards?: Guards;
  /** The MCP servers' hub; the process's own (FANOUT_MCP_CONFIG) by default. */
  mcp?: () => McpHub | undefined;
};

/** The proxy: every `/api/*` route, independent of how it is served (Vite in dev, Node in production). */
export function createApp(options: AppOptions = {}) {
  const env = options.env ?? (() => process.env);
  const guards = options.guards ?? new Guards();
  const mcp = options.mcp ?? processMcpHub;
  const app = new Hono();

  app.use(
    '/api/*',
    securityHeaders(() => API_CSP),
  );
  app.use('/api/*', hostCheck(env));
  // No wildcard, ever: only origins the operator listed get CORS headers (and only they can
  // read answers cross-origin); everyone else gets none and the browser blocks the read.
  app.use(
    '/api/*',
    cors({
      origin: (origin) =>
        readConfig(env()).FANOUT_ALLOWED_ORIGINS.includes(origin) ? origin : null,
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type', 'traceparent'],
      maxAge: 600,
    }),
  );
  for (const path of ['/api/chat', '/api/traces']) {
    app.post(path, originCheck(env));
    app.post(path, guards.rateLimit(env));
  }

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/models', (c) => {
    const config = readConfig(env());
    const body: ModelsResponse = {
      defaultModel: defaultModelId(config),
      models: listModels(config),
      imageHosts: config.FANOUT_IMAGE_HOSTS,
      ...(config.FANOUT_FAULT_TOOLS ? { faultTools: true } : {}),
    };
    return c.json(body, 200, { 'cache-control': 'no-store' });
  });
  app.route('/api/chat', chatRoute(env, guards, mcp));
  app.route(
    '/api/tools',
    toolsRoute(env, async () => mcp()?.catalog() ?? { tools: [], servers: [] }),
  );
  app.route('/api/prices', pricesRoute(env));
  app.route('/api/traces', tracesRoute(env));
  app.all('/api/*', (c) =>
    jsonError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path.slice(0, 200)}.`),
  );

  app.onError((error, c) => {
    // A request whose client left mid-body: nobody will read the answer, and it is no fault.
    if (c.req.raw.signal.aborted)
      return jsonError(c, 400, 'bad_request', 'The request broke off before it was read.');
    console.error('[fanout] unhandled error:', error instanceof Error ? error.message : error);
    return jsonError(c, 500, 'internal', 'The proxy hit an unexpected error.');
  });
  return app;
}

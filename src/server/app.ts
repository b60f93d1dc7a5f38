import { Hono } from 'hono';
import type { ModelsResponse } from '../shared/model-id';
import { type EnvSource, readConfig } from './config';
import { jsonError } from './http-error';
import { defaultModelId, listModels } from './providers/registry';
import { chatRoute } from './routes/chat';
import { tracesRoute } from './routes/traces';

export type AppOptions = {
  /** Where configuration comes from; read on every request. */
  env?: () => EnvSource;
};

/** The proxy: every `/api/*` route, independent of how it is served (Vite in dev, Node in production). */
export function createApp(options: AppOptions = {}) {
  const env = options.env ?? (() => process.env);
  const app = new Hono();

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/models', (c) => {
    const config = readConfig(env());
    const body: ModelsResponse = {
      defaultModel: defaultModelId(config),
      models: listModels(config),
    };
    return c.json(body, 200, { 'cache-control': 'no-store' });
  });
  app.route('/api/chat', chatRoute(env));
  app.route('/api/traces', tracesRoute(env));
  app.all('/api/*', (c) =>
    jsonError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}.`),
  );

  app.onError((error, c) => {
    console.error('[fanout] unhandled error:', error instanceof Error ? error.message : error);
    return jsonError(c, 500, 'internal', 'The proxy hit an unexpected error.');
  });
  return app;
}

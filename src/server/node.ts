import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createApp } from './app';
import { shutdownServerTelemetry } from './telemetry/model-telemetry';

/** `npm start`: the built page and the proxy from one Node process. */
const clientRoot = fileURLToPath(new URL('../client', import.meta.url));
if (!existsSync(clientRoot)) {
  console.error(`[fanout] ${clientRoot} is missing: run "npm run build" first.`);
  process.exit(1);
}
const indexHtml = await readFile(`${clientRoot}/index.html`, 'utf8');

const server = new Hono();
server.route('/', createApp());
server.use('/assets/*', async (c, next) => {
  await next();
  if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
});
server.use('*', compress());
server.use('*', serveStatic({ root: clientRoot }));
// A missing asset is a 404, not the page: a stale tab must not parse HTML as JavaScript.
server.get('/assets/*', (c) => c.text('Not found', 404));
server.get('*', (c) => c.html(indexHtml, 200, { 'cache-control': 'no-cache' }));

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST;
const instance = serve({ fetch: server.fetch, port, hostname }, (info) => {
  console.log(`[fanout] serving on http://${hostname ?? 'localhost'}:${info.port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    setTimeout(() => process.exit(0), 2000).unref();
    // Spans still in flight reach the collector before the process goes.
    void shutdownServerTelemetry().finally(() => instance.close(() => process.exit(0)));
  });
}

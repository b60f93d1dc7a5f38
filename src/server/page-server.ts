import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createApp } from './app';
import { type EnvSource, readConfig } from './config';
import { API_CSP, type Guards, hostCheck, pageCsp, securityHeaders } from './guards';
import { jsonError } from './http-error';

export type PageServerOptions = {
  /** The built page (`dist/client`). */
  clientRoot: string;
  /** Its index.html, served for every page route. */
  indexHtml: string;
  env?: () => EnvSource;
  guards?: Guards;
};

/**
 * `npm start`'s app: the proxy plus the built page, every response with the security headers
 * and the page with a strict Content-Security-Policy. (In `npm run dev` Vite serves the page
 * with its inline HMR preamble, so the page CSP applies to the production build only.)
 */
export function createPageServer(options: PageServerOptions) {
  const env = options.env ?? (() => process.env);
  const server = new Hono();
  server.use(
    '*',
    securityHeaders((c) =>
      c.req.path.startsWith('/api/') ? API_CSP : pageCsp(readConfig(env()).FANOUT_IMAGE_HOSTS),
    ),
  );
  // The page too: a rebound name must not get the page (the API checks on its own as well).
  server.use('*', hostCheck(env));
  server.route('/', createApp({ env, guards: options.guards }));
  server.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  server.use('*', compress());
  server.use('*', serveStatic({ root: options.clientRoot }));
  // A missing asset is a 404, not the page: a stale tab must not parse HTML as JavaScript.
  server.get('/assets/*', (c) => jsonError(c, 404, 'not_found', 'No such asset.'));
  server.get('*', (c) => c.html(options.indexHtml, 200, { 'cache-control': 'no-cache' }));
  // Every other refusal in the proxy's JSON shape too (a POST to a page path, say).
  server.notFound((c) => jsonError(c, 404, 'not_found', 'Nothing here answers that method.'));
  server.onError((error, c) => {
    console.error('[fanout] unhandled error:', error instanceof Error ? error.name : 'unknown');
    return jsonError(c, 500, 'internal', 'The server hit an unexpected error.');
  });
  return server;
}

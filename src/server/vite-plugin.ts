import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Plugin, ViteDevServer } from 'vite';

type AppModule = typeof import('./app');
type HubModule = typeof import('./mcp/process-hub');

/**
 * Mounts the Hono app on Vite's dev server for `/api/*`, loading it through Vite's module
 * graph so server edits apply on the next request without a restart.
 */
export function fanoutApiPlugin(): Plugin {
  return {
    name: 'fanout-api',
    configureServer(server: ViteDevServer) {
      // The MCP servers of FANOUT_MCP_CONFIG, connected once for the dev server's life.
      const hubReady = server
        .ssrLoadModule('/src/server/mcp/process-hub.ts')
        .then((module) => (module as HubModule).startProcessMcpHub(process.env))
        .catch((error: unknown) => {
          console.error(`[fanout] ${error instanceof Error ? error.message : String(error)}`);
        });
      server.middlewares.use(async (req: IncomingMessage, res: ServerResponse, next) => {
        if (!req.url?.startsWith('/api/')) return next();
        try {
          await hubReady;
          const { createApp } = (await server.ssrLoadModule('/src/server/app.ts')) as AppModule;
          const listener = getRequestListener(createApp().fetch, {
            // As under `npm start`: a refused body is drained by body-limit, not cut after 500 ms.
            autoCleanupIncoming: false,
          });
          await listener(req, res);
        } catch (error) {
          next(error);
        }
      });
    },
  };
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config';
import { exitWithPidFrom, exitWithProcess } from './exit-with-process';
import { McpConfigError } from './mcp/config';
import { processMcpHub, startProcessMcpHub } from './mcp/process-hub';
import { socketLimitsFrom, startNodeServer } from './node-server';
import { createPageServer } from './page-server';
import { shutdownServerTelemetry } from './telemetry/model-telemetry';

/** `npm start`: the built page and the proxy from one Node process. */
const clientRoot = fileURLToPath(new URL('../client', import.meta.url));
if (!existsSync(clientRoot)) {
  console.error(`[fanout] ${clientRoot} is missing: run "npm run build" first.`);
  process.exit(1);
}
// MCP servers connect before the first request; one that is down does not hold the start.
try {
  await startProcessMcpHub(process.env);
} catch (error) {
  if (!(error instanceof McpConfigError)) throw error;
  console.error(`[fanout] ${error.message}`);
  process.exit(1);
}
const indexHtml = await readFile(`${clientRoot}/index.html`, 'utf8');
const server = createPageServer({ clientRoot, indexHtml });

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST;
// Socket limits are the Node server's own options: read once, at startup.
const instance = await startNodeServer({
  fetch: server.fetch,
  port,
  hostname,
  limits: socketLimitsFrom(readConfig(process.env)),
});
console.log(`[fanout] serving on http://${hostname ?? 'localhost'}:${instance.port}`);

// A test runner that dies without stopping its servers takes this one with it (the same path
// as a SIGTERM, so MCP child processes go too).
exitWithProcess(exitWithPidFrom(process.env), () => process.kill(process.pid, 'SIGTERM'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    setTimeout(() => process.exit(0), 2000).unref();
    // Spans still in flight reach the collector before the process goes; MCP servers the
    // proxy started as child processes are closed with it.
    void Promise.all([shutdownServerTelemetry(), processMcpHub()?.close()]).finally(() =>
      instance.server.close(() => process.exit(0)),
    );
  });
}

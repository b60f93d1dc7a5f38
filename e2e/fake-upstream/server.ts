/**
 * Starts the fake upstream: `node e2e/fake-upstream/server.ts` (Node ≥ 22.18 strips the types).
 * Listens on 127.0.0.1:$FAKE_UPSTREAM_PORT (default 4010). See scenarios.ts for the scripting.
 */
import { exitWithPidFrom, exitWithProcess } from '../../src/server/exit-with-process.ts';
import { createFakeUpstream } from './fake-upstream.ts';
import { FAKE_UPSTREAM_PORT } from './scenarios.ts';

const port = Number(process.env.FAKE_UPSTREAM_PORT ?? FAKE_UPSTREAM_PORT);
const host = process.env.FAKE_UPSTREAM_HOST ?? '127.0.0.1';
const server = createFakeUpstream();
server.listen(port, host, () => {
  console.log(`[fake-upstream] listening on http://${host}:${port}`);
});

// The test runner that started it may die without stopping it: go with it.
exitWithProcess(exitWithPidFrom(process.env), () => process.kill(process.pid, 'SIGTERM'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 1000).unref();
  });
}

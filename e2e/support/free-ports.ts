import { execFileSync } from 'node:child_process';

/**
 * The end-to-end servers listen on ports the operating system hands out, so an interrupted run
 * that left a server behind never collides with (or is mistaken for) the next run's. The runner
 * loads playwright.config.ts first and passes its environment to every worker, so the ports
 * chosen here once are the ones every spec reads. Set a variable to pin its port instead.
 *
 * Node offers no synchronous way to ask for a free port, and the config must know its servers'
 * URLs before anything asynchronous can run: a short child process asks for them.
 */
const PORT_VARIABLES = ['FANOUT_E2E_PORT', 'FAKE_UPSTREAM_PORT', 'FANOUT_E2E_SPARE_PORT'] as const;

const ASK_FOR_PORTS = `
const net = require('node:net');
const count = Number(process.argv[1]);
const servers = [];
const next = () => {
  if (servers.length === count) {
    console.log(servers.map((server) => server.address().port).join(' '));
    for (const server of servers) server.close();
    return;
  }
  const server = net.createServer();
  servers.push(server);
  server.listen(0, '127.0.0.1', next);
};
next();
`;

export function assignFreePorts(env: NodeJS.ProcessEnv = process.env): void {
  const missing = PORT_VARIABLES.filter((name) => !env[name]);
  if (missing.length === 0) return;
  const ports = execFileSync(process.execPath, ['-e', ASK_FOR_PORTS, String(missing.length)], {
    encoding: 'utf8',
  })
    .trim()
    .split(' ');
  missing.forEach((name, index) => {
    env[name] = ports[index];
  });
}

assignFreePorts();

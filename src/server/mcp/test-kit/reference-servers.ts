import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function binOf(pkg: string, bin: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin: bins } = require(manifest) as { bin: Record<string, string> };
  const relative = bins[bin];
  if (!relative) throw new Error(`${pkg} has no bin ${bin}`);
  return join(dirname(manifest), relative);
}

/** The reference "everything" server's entry point (run with `node <it> stdio|streamableHttp`). */
export const everythingBin = (): string =>
  binOf('@modelcontextprotocol/server-everything', 'mcp-server-everything');

/** The reference filesystem server's entry point (run with `node <it> <allowed dir>`). */
export const filesystemBin = (): string =>
  binOf('@modelcontextprotocol/server-filesystem', 'mcp-server-filesystem');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The everything server over Streamable HTTP on a free port; resolves once it listens. */
export async function startEverythingHttp(): Promise<{
  url: string;
  process: ChildProcess;
  stop: () => void;
}> {
  const port = await freePort();
  const child = spawn(process.execPath, [everythingBin(), 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server-everything did not start')), 15_000);
    child.stderr?.on('data', (data: Buffer) => {
      if (data.toString().includes('listening on port')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, process: child, stop: () => child.kill('SIGKILL') };
}

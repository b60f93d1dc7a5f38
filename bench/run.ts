/**
 * `npm run bench`: builds what is missing or stale, starts the production server (twice: with
 * and without model pacing), the fake upstream and the bench's front server on 127.0.0.1:4310-4313,
 * drives headless Chromium, prints a table, writes bench/results.json and draws its charts
 * (bench/charts.ts) into bench/charts/ (a partial or quick run: bench/out/ and bench/out/charts/).
 *
 *   node bench/run.ts                  every figure
 *   node bench/run.ts --only steps,bundle   some of them
 *   node bench/run.ts --quick          fewer repetitions (development; figures are noisier)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawCharts } from './charts.ts';
import { measureBigRun } from './figures/big-run.ts';
import { measureBundle } from './figures/bundle.ts';
import { measureEager } from './figures/eager.ts';
import { measureMcp } from './figures/mcp.ts';
import { measureOtlp } from './figures/otlp.ts';
import { measureProxy } from './figures/proxy.ts';
import { measureRendering } from './figures/rendering.ts';
import { measureScale } from './figures/scale.ts';
import { measureSteps } from './figures/steps.ts';
import { launch } from './lib/browser.ts';
import { PORTS, startFront, startServers, url } from './lib/servers.ts';
import { printTable, type Results } from './report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : undefined;
const wanted = (name: string) => !only || only.has(name);
const scale = quick ? 0.4 : 1;
const started = performance.now();
const log = (line: string) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[bench ${seconds}s] ${line}`);
};

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function npx(...command: string[]) {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), ...command], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Rebuilds the app when src, public or index.html is newer than dist; always the baseline page. */
function build() {
  const server = join(root, 'dist/server/node.js');
  const client = join(root, 'dist/client/index.html');
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'public')),
    newestMtime(join(root, 'index.html')),
  );
  if (!existsSync(server) || !existsSync(client) || statSync(client).mtimeMs < sources) {
    log('building the app (npm run build)…');
    npx('build');
    npx('build', '--ssr', 'src/server/node.ts');
  }
  log('building the baseline page…');
  npx('build', '--config', 'bench/baseline/vite.config.ts');
}

function machine() {
  const cpu = cpus();
  let chromium = 'unknown';
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // reported as unknown
  }
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Runs one figure; a failure is recorded in the results instead of ending the whole bench. */
async function guarded<T>(
  name: string,
  measure: () => Promise<T> | T,
): Promise<T | { error: string }> {
  try {
    return await measure();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  ${name} FAILED: ${message.split('\n')[0]}`);
    return { error: message };
  }
}

async function main() {
  const loadBefore = loadavg();
  build();
  const results: Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    quick,
    ...(only ? { only: [...only] } : {}),
    machine: machine(),
    loadAverage: { before: loadBefore },
  };
  if (wanted('bundle')) {
    log('7 bundle');
    results.bundle = await guarded('bundle', () => measureBundle(join(root, 'dist/client')));
  }
  if (wanted('otlp')) {
    log('10 OTLP protobuf transcoding and round trip');
    results.otlp = await guarded('otlp', () => measureOtlp(root, { scale }));
  }
  const servers = await startServers(root);
  const front = await startFront(join(root, 'bench/out/baseline'), PORTS.app);
  const browser = await launch();
  try {
    if (wanted('proxy')) {
      log('4 proxy overhead');
      results.proxy = await guarded('proxy', () => measureProxy({ scale, log }));
    }
    if (wanted('steps')) {
      log('1 step efficiency, 2 dispatch, 8 timing fidelity');
      results.steps = await guarded('steps', () =>
        measureSteps(browser, url(PORTS.front), { scale, log }),
      );
    }
    if (wanted('eager')) {
      log('3 eager gain');
      results.eager = await guarded('eager', () =>
        measureEager(browser, url(PORTS.app), { scale, log }),
      );
    }
    if (wanted('rendering')) {
      log('5 rendering');
      results.rendering = await guarded('rendering', () =>
        measureRendering(browser, url(PORTS.paced), { scale, log }),
      );
    }
    if (wanted('scale')) {
      log('6 scale');
      results.scale = await guarded('scale', () =>
        measureScale(browser, url(PORTS.app), { scale, log }),
      );
    }
    if (wanted('mcp')) {
      log('9 MCP calls through the proxy');
      results.mcp = await guarded('mcp', () => measureMcp(root, { scale, log }));
    }
    if (wanted('bigrun')) {
      log('11 a 1,000-call run: import, filter, zoom, key move');
      results.bigrun = await guarded('bigrun', () =>
        measureBigRun(browser, url(PORTS.app), { scale, log }),
      );
    }
  } finally {
    await browser.close();
    front.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
  results.loadAverage = { before: loadBefore, after: loadavg() };
  results.durationSeconds = Math.round((performance.now() - started) / 1000);
  const partial = Boolean(only || quick);
  const path = join(root, partial ? 'bench/out/results.json' : 'bench/results.json');
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results as Results);
  log(`wrote ${path.replace(root, '')} in ${results.durationSeconds} s`);
  // The results are already written: a chart that cannot be drawn costs only the charts.
  try {
    const charts = await drawCharts(
      results,
      join(root, partial ? 'bench/out/charts' : 'bench/charts'),
    );
    log(`drew ${charts.map((chart) => chart.replace(root, '')).join(', ')}`);
  } catch (error) {
    log(`charts FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await main();

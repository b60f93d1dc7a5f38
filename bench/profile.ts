/**
 * `node bench/profile.ts [n] [latencyMs] [policy]`: one Fanout run under the Chrome CPU
 * profiler (CDP), with long tasks and timer overshoot; prints the hottest functions by self
 * time, mapped to source through the build's source maps. Writes bench/out/run.cpuprofile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { calculations } from './figures/steps.ts';
import { finishedRun, freshPage, launch, openFanout, ranSpans, send } from './lib/browser.ts';
import type { Profile, TraceEvent } from './lib/devtools-types.ts';
import { installProbes, type ProbeWindow } from './lib/page-probes.ts';
import { PORTS, startServers, url } from './lib/servers.ts';

/** Main-thread time by trace event name (nested events count in their parents too). */
function summarizeTrace(trace: { traceEvents: TraceEvent[] }) {
  const mains = trace.traceEvents.filter(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  let best: TraceEvent | undefined;
  let bestCount = 0;
  for (const main of mains) {
    const count = trace.traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid).length;
    if (count > bestCount) {
      best = main;
      bestCount = count;
    }
  }
  if (!best) return;
  const totals = new Map<string, number>();
  for (const event of trace.traceEvents) {
    if (event.pid !== best.pid || event.tid !== best.tid || event.ph !== 'X' || !event.dur)
      continue;
    totals.set(event.name, (totals.get(event.name) ?? 0) + event.dur / 1000);
  }
  console.log('trace, renderer main thread (ms, nested events counted in their parents too):');
  for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const [n = '10', latency = '1000', policy = 'parallel', port = String(PORTS.app)] =
  process.argv.slice(2);
const servers = await startServers(root);
const browser = await launch();
try {
  // BENCH_WIDTH=900: under 1100 px the timeline is a closed sheet, not mounted at all.
  const width = Number(process.env.BENCH_WIDTH ?? 1280);
  const { page } = await freshPage(browser, { width, height: 800 });
  await page.addInitScript(installProbes, 1_000_000);
  await openFanout(
    page,
    url(Number(port)),
    `?latency=${latency}&concurrency=64&policy=${policy}&clock=1`,
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const tracing = Boolean(process.env.BENCH_TRACE);
  if (tracing) {
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'blink.user_timing',
      ],
    });
    // A trace event stamped with the page clock, so the trace can be read in run time.
    await page.evaluate(() => console.timeStamp(`fanout-clock ${performance.now()}`));
  }
  await page.evaluate(() => (window as unknown as ProbeWindow).__probe.startFrames());
  await send(page, calculations(Number(n)));
  const { run, clock } = await finishedRun(page, 120_000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  if (tracing) {
    const buffer = await browser.stopTracing();
    writeFileSync(join(root, 'bench/out/run-trace.json'), buffer);
    summarizeTrace(JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] });
  }
  writeFileSync(join(root, 'bench/out/run.cpuprofile'), JSON.stringify(profile));
  const probe = await page.evaluate(() => {
    const { frames, longtasks } = (window as unknown as ProbeWindow).__probe;
    return { frames, longtasks };
  });
  const spans = ranSpans(run);
  const wall =
    Math.max(...spans.map((s) => s.settledAt)) - Math.min(...spans.map((s) => s.startedAt));
  const overshoot = clock
    .map((entry) => entry.sleptAt - entry.enteredAt - Number(latency))
    .sort((a, b) => a - b);
  console.log(
    `run ${run.status}: wall ${wall.toFixed(1)} ms, run ${run.endedAt?.toFixed(0)} ms, started at performance.now() ${run.startedAtPerf.toFixed(1)}`,
  );
  for (const span of spans.sort((a, b) => a.startedAt - b.startedAt)) {
    console.log(
      `  ${span.callId.slice(-6)} available ${span.inputAvailableAt?.toFixed(1)} started ${span.startedAt.toFixed(1)} settled ${span.settledAt.toFixed(1)}`,
    );
  }
  console.log(`timer overshoot ms: ${overshoot.map((v) => v.toFixed(1)).join(' ')}`);
  const from = run.startedAtPerf;
  console.log(
    `long tasks (ms from run start: duration): ${probe.longtasks
      .filter(([start]) => start >= from)
      .map(([start, duration]) => `${(start - from).toFixed(0)}:${duration.toFixed(0)}`)
      .join(' ')}`,
  );
  const frames = probe.frames
    .filter(([t]) => t >= from)
    .map(([, d]) => d)
    .sort((a, b) => a - b);
  console.log(
    `frames: n=${frames.length} median ${frames[Math.floor(frames.length / 2)]?.toFixed(1)} p95 ${frames[Math.floor(frames.length * 0.95)]?.toFixed(1)} max ${frames.at(-1)?.toFixed(1)}`,
  );

  // Self time per function, mapped to source.
  const interval = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    interval.set(id, (interval.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const maps = new Map<string, TraceMap | null>();
  const mapFor = (scriptUrl: string) => {
    if (!maps.has(scriptUrl)) {
      const match = /\/assets\/([^?]+\.js)$/.exec(scriptUrl);
      try {
        maps.set(
          scriptUrl,
          match
            ? new TraceMap(
                readFileSync(join(root, 'dist/client/assets', `${match[1]}.map`), 'utf8'),
              )
            : null,
        );
      } catch {
        maps.set(scriptUrl, null);
      }
    }
    return maps.get(scriptUrl) ?? null;
  };
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = interval.get(node.id) ?? 0;
    if (!ms) continue;
    const frame = node.callFrame;
    const map = frame.url ? mapFor(frame.url) : null;
    let where = frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber}` : '';
    if (map) {
      const position = originalPositionFor(map, {
        line: frame.lineNumber + 1,
        column: frame.columnNumber,
      });
      if (position.source)
        where = `${position.source.replace(/^.*node_modules\//, '~/').replace(/^(\.\.\/)+/, '')}:${position.line}`;
    }
    const key = `${frame.functionName || '(anonymous)'} ${where}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`profile: ${total.toFixed(0)} ms sampled`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.stop()));
}

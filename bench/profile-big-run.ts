/**
 * `node bench/profile-big-run.ts [import|zoom|keys|filter]…`: figure 11's interactions on a
 * 1,000-call run under the Chrome CPU profiler and a timeline trace (CDP). For every main-thread
 * task of 50 ms or more it prints what the task spent its time on (trace events: script, style,
 * layout, GC) and the hottest functions sampled inside it, mapped to source through the build's
 * source maps (`LONG_MS=30` for shorter tasks, `COLD=1` for the page's first import, after the
 * page has been idle as figure 11's is). Needs
 * `npm run build`. Writes bench/out/big-run.cpuprofile and big-run-trace.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { bigTraceFile } from '../e2e/support/big-trace.ts';
import { pickFile } from './figures/big-run.ts';
import { freshPage, idleAfterLoad, launch, openFanout } from './lib/browser.ts';
import type { Profile, ProfileNode, TraceEvent } from './lib/devtools-types.ts';
import { PORTS, startServers, url } from './lib/servers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const parts = process.argv.slice(2);
const wanted = (part: string) => parts.length === 0 || parts.includes(part);
const LONG_MS = Number(process.env.LONG_MS ?? 50);

const maps = new Map<string, TraceMap | null>();
function where(frame: ProfileNode['callFrame']): string {
  const match = /\/assets\/([^?]+\.js)$/.exec(frame.url);
  if (match && !maps.has(frame.url)) {
    try {
      maps.set(
        frame.url,
        new TraceMap(readFileSync(join(root, 'dist/client/assets', `${match[1]}.map`), 'utf8')),
      );
    } catch {
      maps.set(frame.url, null);
    }
  }
  const map = maps.get(frame.url);
  if (map) {
    const position = originalPositionFor(map, {
      line: frame.lineNumber + 1,
      column: frame.columnNumber,
    });
    if (position.source)
      return `${position.source.replace(/^.*node_modules\//, '~/').replace(/^(\.\.\/)+/, '')}:${position.line}`;
  }
  return frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber}` : '';
}

const servers = await startServers(root);
const browser = await launch();
try {
  const { page } = await freshPage(browser);
  await openFanout(page, url(PORTS.app), '');
  // As figure 11: the page idle first, as a person's is before they pick a file.
  await idleAfterLoad(page);
  const importFile = async (runId: string) => {
    await pickFile(page, `${runId}.json`, bigTraceFile({ calls: 1000, runId }));
    await page
      .locator(`[data-testid=waterfall][data-run-id="${runId}"] .waterfall[data-row-count]`)
      .waitFor();
    await page.waitForTimeout(500);
  };
  // A warm-up import (code loaded, JIT warm), as the bench's later rounds are; COLD=1 profiles
  // the page's first import instead.
  if (!process.env.COLD) await importFile('warm-up');

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel'],
  });
  await cdp.send('Profiler.start');
  const rows = '[data-testid=waterfall] .waterfall [role=listbox] [role=option]';
  if (wanted('import'))
    for (const round of process.env.COLD ? [1] : [1, 2, 3, 4])
      await importFile(`profiled-${round}`);
  if (wanted('filter')) {
    const filter = page.getByLabel('Filter calls by tool name or input');
    await filter.focus();
    for (const letter of ['g', 'e', 't', '_', 'w']) {
      await page.keyboard.press(letter);
      await page.waitForTimeout(120);
    }
    await filter.fill('');
    await page.waitForTimeout(300);
  }
  if (wanted('zoom') || wanted('keys')) await page.locator(rows).first().focus();
  if (wanted('zoom')) {
    for (const key of ['+', '+', '-', '-', '+', '+', '-', '-']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(120);
    }
  }
  if (wanted('keys')) {
    for (let press = 0; press < 30; press++) {
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(80);
    }
  }
  await page.waitForTimeout(300);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const buffer = await browser.stopTracing();
  mkdirSync(join(root, 'bench/out'), { recursive: true });
  writeFileSync(join(root, 'bench/out/big-run.cpuprofile'), JSON.stringify(profile));
  writeFileSync(join(root, 'bench/out/big-run-trace.json'), buffer);

  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  const mains = traceEvents.filter(
    (event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  const counts = mains.map(
    (main) => traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid).length,
  );
  const main = mains[counts.indexOf(Math.max(...counts))];
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = traceEvents.filter(
    (event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur,
  );
  const tasks = onMain.filter(
    (event) => event.name === 'RunTask' && (event.dur ?? 0) >= LONG_MS * 1000,
  );

  // Sample times (µs, the trace's clock) with their node.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node);
  const sampleTimes: number[] = [];
  let time = profile.startTime;
  for (const delta of profile.timeDeltas) {
    time += delta;
    sampleTimes.push(time);
  }
  if (process.env.TIMELINE) {
    // Every task of 3 ms or more, from the first, with its main trace events: where the wall
    // time between the file's change event and the painted run went.
    const all = onMain.filter((event) => event.name === 'RunTask' && (event.dur ?? 0) >= 3000);
    const first = all[0]?.ts ?? 0;
    for (const task of all) {
      const end = task.ts + (task.dur ?? 0);
      const inside = new Map<string, number>();
      for (const event of onMain) {
        if (event.ts < task.ts || event.ts >= end || event === task) continue;
        inside.set(event.name, (inside.get(event.name) ?? 0) + (event.dur ?? 0) / 1000);
      }
      console.log(
        `  +${((task.ts - first) / 1000).toFixed(0).padStart(5)} ms  ${((task.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${[
          ...inside,
        ]
          .filter(([name]) => !/RunTask|mojo|OnHandleReady|ThreadController/.test(name))
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
          .join(', ')}`,
      );
    }
  }
  if (process.env.TIMELINE) {
    const first = onMain.find((event) => event.name === 'RunTask')?.ts ?? 0;
    for (const thread of traceEvents.filter(
      (event) => event.name === 'thread_name' && event.args?.name === 'DedicatedWorker thread',
    )) {
      console.log('  worker:');
      for (const event of traceEvents.filter(
        (e) =>
          e.pid === thread.pid &&
          e.tid === thread.tid &&
          e.ph === 'X' &&
          (e.dur ?? 0) >= 3000 &&
          /RunTask|v8.compile|evaluate|FunctionCall|v8.callFunction/.test(e.name),
      ))
        console.log(
          `  +${((event.ts - first) / 1000).toFixed(0).padStart(5)} ms  ${((event.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${event.name}`,
        );
    }
  }
  // On a shared machine a task's wall time includes the time the OS ran other processes; its
  // thread time (tdur) does not. Both, over every task but the profiler's own start.
  const profilerStart = new Set(
    onMain.filter((event) => event.name === 'CpuProfiler::StartProfiling').map((event) => event.ts),
  );
  const measured = onMain.filter(
    (event) =>
      event.name === 'RunTask' &&
      !onMain.some(
        (inner) =>
          profilerStart.has(inner.ts) &&
          inner.ts >= event.ts &&
          inner.ts < event.ts + (event.dur ?? 0),
      ),
  );
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  console.log(
    `main-thread tasks ${measured.length}: ≥ ${LONG_MS} ms wall ${measured.filter((t) => ms(t.dur) >= LONG_MS).length}, ≥ ${LONG_MS} ms thread time ${measured.filter((t) => ms(t.tdur) >= LONG_MS).length}; longest wall ${Math.max(0, ...measured.map((t) => ms(t.dur))).toFixed(1)} ms, longest thread time ${Math.max(0, ...measured.map((t) => ms(t.tdur))).toFixed(1)} ms`,
  );
  console.log(`${tasks.length} tasks ≥ ${LONG_MS} ms`);
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    console.log(
      `\ntask ${((task.dur ?? 0) / 1000).toFixed(1)} ms (thread time ${ms(task.tdur).toFixed(1)} ms)`,
    );
    const inside = new Map<string, number>();
    for (const event of onMain) {
      if (event.ts < task.ts || event.ts >= end || event === task) continue;
      inside.set(event.name, (inside.get(event.name) ?? 0) + (event.dur ?? 0) / 1000);
    }
    console.log(
      `  events: ${[...inside]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
        .join(', ')}`,
    );
    const self = new Map<string, number>();
    sampleTimes.forEach((at, index) => {
      if (at < task.ts || at >= end) return;
      const node = byId.get(profile.samples[index] ?? -1);
      if (!node) return;
      const key = `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame)}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index + 1] ?? 250) / 1000);
    });
    for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
    }
    // Inclusive time of the app's own functions (each counted once per sample): which
    // component, hook or layout step the task's time was spent under.
    const inclusive = new Map<string, number>();
    sampleTimes.forEach((at, index) => {
      if (at < task.ts || at >= end) return;
      const seen = new Set<string>();
      for (let node = byId.get(profile.samples[index] ?? -1); node; node = parentOf.get(node.id)) {
        const place = where(node.callFrame);
        if (!place.startsWith('src/')) continue;
        const key = `${node.callFrame.functionName || '(anonymous)'} ${place}`;
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(
          key,
          (inclusive.get(key) ?? 0) + (profile.timeDeltas[index + 1] ?? 250) / 1000,
        );
      }
    });
    console.log('  inclusive (src/):');
    for (const [key, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
      console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.stop()));
}

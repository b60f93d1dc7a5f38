/**
 * `node bench/turn-timeline.ts [n] [latencyMs] [reps] [variants]`: where a whole turn's time
 * goes, on Fanout (`parallel`, `sequential`) and on the AI SDK's documented pattern
 * (`baseline`), with the same probes in both pages: the send, each /api/chat request (sent,
 * headers, first and last chunk read off its body), and the final answer painted; on Fanout also
 * its trace and any `performance.mark('fo:…')` left in its code while investigating. Prints one
 * timeline per variant (medians over `reps` rounds, ms from the send), variants interleaved.
 *
 * Each page sends once it is idle after loading, as a person's does (`idleAfterLoad`);
 * `BENCH_AT_LOAD=1` sends as soon as the page can, beside its start-up work.
 *
 * A/B of two builds: `BENCH_AB_ROOT=<another checkout, built>` serves that build on
 * BENCH_AB_PORT (default 4435), and a variant ending in `@ab` (`parallel@ab`) runs on it, to
 * compare with `parallel@direct` (this build, also without the bench's front in between).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { calculations } from './figures/steps.ts';
import { freshPage, idleAfterLoad, launch, openFanout, send } from './lib/browser.ts';
import { appEnv, PORTS, startFront, startProcess, startServers, url } from './lib/servers.ts';
import { summarize } from './lib/stats.ts';

type RequestMark = {
  sentAt: number;
  headersAt?: number;
  firstChunkAt?: number;
  lastChunkAt?: number;
};
type TimelineWindow = {
  __turn: { sentAt?: number; requests: RequestMark[]; answerAt?: number; answerPaintedAt?: number };
};

/** Runs in the page before its scripts: wraps fetch and watches for the final answer. */
function installTurnProbes(n: number) {
  const done = new RegExp(`returned[\\s\\S]*${n}\\+${n}\\S* = \\**${2 * n}`);
  const turn: TimelineWindow['__turn'] = { requests: [] };
  Object.assign(window, { __turn: turn });
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter') turn.sentAt = performance.now();
    },
    true,
  );
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const target =
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!target.includes('/api/chat')) return original(input, init);
    const mark: RequestMark = { sentAt: performance.now() };
    turn.requests.push(mark);
    const response = await original(input, init);
    mark.headersAt = performance.now();
    if (!response.body) return response;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const at = performance.now();
          mark.firstChunkAt ??= at;
          mark.lastChunkAt = at;
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  // The offline planner's answer after the calls names each result; both pages show it as text.
  const start = () =>
    new MutationObserver(() => {
      if (turn.answerAt !== undefined || turn.requests.length < 2) return;
      const text = document.body.textContent ?? '';
      if (!done.test(text)) return;
      turn.answerAt = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        turn.answerPaintedAt = performance.now();
      };
      requestAnimationFrame(() => channel.port2.postMessage(null));
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

type Timeline = Record<string, number>;

async function readTimeline(page: Page, extra: Timeline): Promise<Timeline> {
  await page.waitForFunction(
    () => (window as unknown as TimelineWindow).__turn.answerPaintedAt !== undefined,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const turn = await page.evaluate(() => (window as unknown as TimelineWindow).__turn);
  const from = turn.sentAt ?? Number.NaN;
  const out: Timeline = {};
  turn.requests.forEach((request, index) => {
    out[`req${index + 1} sent`] = request.sentAt - from;
    if (request.headersAt) out[`req${index + 1} headers`] = request.headersAt - from;
    if (request.firstChunkAt) out[`req${index + 1} first chunk read`] = request.firstChunkAt - from;
    if (request.lastChunkAt) out[`req${index + 1} last chunk read`] = request.lastChunkAt - from;
  });
  for (const [key, value] of Object.entries(extra)) out[key] = value - from;
  out['answer in DOM'] = (turn.answerAt ?? Number.NaN) - from;
  out['answer painted'] = (turn.answerPaintedAt ?? Number.NaN) - from;
  return out;
}

type RunTimes = {
  startedAtPerf: number;
  endedAt?: number;
  spans: Record<string, { startedAt?: number; settledAt?: number }>;
};

async function fanout(base: string, n: number, latency: number, policy: string, page: Page) {
  await page.addInitScript(installTurnProbes, n);
  await openFanout(page, base, `?latency=${latency}&concurrency=64&policy=${policy}&clock=1`);
  if (!process.env.BENCH_AT_LOAD) await idleAfterLoad(page);
  await send(page, calculations(n));
  const timeline = await readTimeline(page, {});
  const run = await page.evaluate(() => {
    const state = (
      window as unknown as {
        __fanoutTrace: { getState(): { runs: Record<string, RunTimes>; runOrder: string[] } };
      }
    ).__fanoutTrace.getState();
    return state.runs[state.runOrder.at(-1) as string] as RunTimes;
  });
  const sentAt = await page.evaluate(
    () => (window as unknown as TimelineWindow).__turn.sentAt ?? 0,
  );
  const spans = Object.values(run.spans);
  const base0 = run.startedAtPerf - sentAt;
  timeline['run-started (trace)'] = base0;
  timeline['first call started'] = base0 + Math.min(...spans.map((s) => s.startedAt ?? Number.NaN));
  timeline['last call settled'] = base0 + Math.max(...spans.map((s) => s.settledAt ?? Number.NaN));
  timeline['run-ended (trace)'] = base0 + (run.endedAt ?? Number.NaN);
  // Marks the page's code left (performance.mark 'fo:*'), first and last of each, per request.
  const marks = await page.evaluate(() =>
    performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const),
  );
  const requests = await page.evaluate(() =>
    (window as unknown as TimelineWindow).__turn.requests.map((r) => r.sentAt),
  );
  for (const [name, at] of marks) {
    if (!name.startsWith('fo:')) continue;
    const step = requests.filter((r) => r <= at).length;
    const key = `${name} (req${step})`;
    const first = `${key} first`;
    const last = `${key} last`;
    if (timeline[first] === undefined) timeline[first] = at - sentAt;
    timeline[last] = at - sentAt;
  }
  return timeline;
}

async function baseline(base: string, n: number, latency: number, page: Page) {
  await page.addInitScript(installTurnProbes, n);
  await page.goto(`${base}/baseline/?latency=${latency}`);
  await page.waitForFunction(() =>
    Boolean((window as unknown as { __baseline: { send?: unknown } }).__baseline.send),
  );
  if (!process.env.BENCH_AT_LOAD) await idleAfterLoad(page);
  await page.evaluate((text) => {
    (window as unknown as TimelineWindow).__turn.sentAt = performance.now();
    (window as unknown as { __baseline: { send: (t: string) => void } }).__baseline.send(text);
  }, calculations(n));
  const timeline = await readTimeline(page, {});
  const state = await page.evaluate(() => {
    const s = (
      window as unknown as {
        __baseline: {
          startedAt: number;
          endedAt?: number;
          calls: { startedAt: number; settledAt: number }[];
        };
      }
    ).__baseline;
    const sentAt = (window as unknown as TimelineWindow).__turn.sentAt ?? 0;
    return {
      first: Math.min(...s.calls.map((c) => c.startedAt)) - sentAt,
      last: Math.max(...s.calls.map((c) => c.settledAt)) - sentAt,
      ended: (s.endedAt ?? Number.NaN) - sentAt,
    };
  });
  timeline['first call started'] = state.first;
  timeline['last call settled'] = state.last;
  timeline['onFinish (baseline endedAt)'] = state.ended;
  return timeline;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const [n = '3', latency = '50', repsArg = '5', which = 'parallel,sequential,baseline'] =
  process.argv.slice(2);
const reps = Number(repsArg);
const servers = await startServers(root);
const abRoot = process.env.BENCH_AB_ROOT;
const abPort = Number(process.env.BENCH_AB_PORT ?? 4435);
if (abRoot) {
  servers.push(
    await startProcess(
      'fanout (A/B build)',
      [join(abRoot, 'dist/server/node.js')],
      appEnv(abPort, { ttftMs: 0, tokensPerSecond: 0 }),
      `${url(abPort)}/api/health`,
    ),
  );
}
const front = await startFront(join(root, 'bench/out/baseline'), PORTS.app);
const browser = await launch();
try {
  const base = url(PORTS.front);
  const variants = which.split(',');
  const results = new Map<string, Timeline[]>(variants.map((v) => [v, []]));
  for (let round = -1; round < reps; round++) {
    for (const variant of variants) {
      const { context, page } = await freshPage(browser, {
        width: Number(process.env.BENCH_WIDTH ?? 1280),
        height: 800,
      });
      try {
        const [policy = variant, build] = variant.split('@');
        const timeline =
          variant === 'baseline'
            ? await baseline(base, Number(n), Number(latency), page)
            : await fanout(
                build === 'ab' ? url(abPort) : build === 'direct' ? url(PORTS.app) : base,
                Number(n),
                Number(latency),
                policy,
                page,
              );
        if (round >= 0) results.get(variant)?.push(timeline);
      } finally {
        await context.close();
      }
    }
  }
  for (const [variant, timelines] of results) {
    console.log(
      `\n${variant} (N=${n}, L=${latency} ms, medians of ${timelines.length}, ms from the send):`,
    );
    const keys = [...new Set(timelines.flatMap((t) => Object.keys(t)))];
    const rows = keys
      .map((key) => [key, summarize(timelines.map((t) => t[key] ?? Number.NaN)).median] as const)
      .sort((a, b) => a[1] - b[1]);
    for (const [key, median] of rows) console.log(`${median.toFixed(1).padStart(8)}  ${key}`);
  }
} finally {
  await browser.close();
  front.close();
  await Promise.all(servers.map((server) => server.stop()));
}

/**
 * Figure 4: what the proxy adds. The same fake upstream answers the same request straight and
 * through `POST /api/chat` (`openai-chat:gpt-4.1-mini` pointed at it); pairs are interleaved.
 * Twice: unpaced (the whole answer in one read, so the proxy's per-chunk work all lands on the
 * last byte) and paced like a real upstream (`PACED_DELTA_MS` between deltas, so what shows is
 * the proxy's start and its handling of the last chunks). Then 100 concurrent streams on the
 * offline planner, against the same request on its own.
 */
import { BENCH_OPENAI_KEY, PORTS, url } from '../lib/servers.ts';
import { type Summary, summarize } from '../lib/stats.ts';

type Timing = {
  ttfbMs: number;
  ttlbMs: number;
  ok: boolean;
  bytes: number;
  body: string;
  /** Body chunks the client read: how the answer was cut into writes on the way. */
  reads: number;
};

async function timed(target: string, init: RequestInit, keepBody = false): Promise<Timing> {
  const start = performance.now();
  const response = await fetch(target, init);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let ttfbMs = Number.NaN;
  let bytes = 0;
  let reads = 0;
  const decoder = new TextDecoder();
  let body = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(ttfbMs)) ttfbMs = performance.now() - start;
    bytes += value.length;
    reads++;
    if (keepBody) body += decoder.decode(value, { stream: true });
  }
  return { ttfbMs, ttlbMs: performance.now() - start, ok: response.ok, bytes, body, reads };
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Pause before each streamed delta in the paced pairs: the fast end of real services' 20–50 ms. */
export const PACED_DELTA_MS = 20;

function direct(text: string): Promise<Timing> {
  const init = json({
    model: 'gpt-4.1-mini',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: text }],
  });
  init.headers = {
    ...(init.headers as Record<string, string>),
    authorization: `Bearer ${BENCH_OPENAI_KEY}`,
  };
  return timed(`${url(PORTS.fake)}/v1/chat/completions`, init);
}

let requestCounter = 0;
function viaProxy(port: number, text: string, model: string, keepBody = false): Promise<Timing> {
  const id = `bench-${++requestCounter}`;
  return timed(
    `${url(port)}/api/chat`,
    json({
      id,
      model,
      messages: [{ id: `${id}-u`, role: 'user', parts: [{ type: 'text', text }] }],
    }),
    keepBody,
  );
}

/** Interleaved pairs of one request, straight to the fake upstream and through the proxy. */
export type PairsFigure = {
  /** The fake upstream's pause before each delta (0: the whole answer at once). */
  upstreamPacingMs: number;
  pairs: number;
  direct: { ttfbMs: Summary; ttlbMs: Summary };
  proxied: { ttfbMs: Summary; ttlbMs: Summary };
  /** Per pair, proxied − direct. */
  addedTtfbMs: Summary;
  addedTtlbMs: Summary;
  /** Body chunks the client read per answer: each one is at least one write on the way. */
  reads: { direct: Summary; proxied: Summary };
};

/** The added-time target (ms), on the median, for TTFB and TTLB, paced and unpaced. */
export const PROXY_ADDED_TARGET_MS = 3;

/** The unpaced pairs at the top level (as before); the paced pairs beside them. */
export type ProxyResult = PairsFigure & {
  /** The same pairs with the upstream paced at `PACED_DELTA_MS` between deltas. */
  paced?: PairsFigure;
  /**
   * The client aborts a proxied answer that the upstream is still streaming: abort → the
   * fake upstream's socket closed, both read on this machine's wall clock.
   */
  abortToUpstreamClosedMs: Summary;
  concurrent: {
    streams: number;
    pacing: string;
    errors: number;
    alone: { ttfbMs: Summary; ttlbMs: Summary };
    together: { ttfbMs: Summary; ttlbMs: Summary };
    /** Each concurrent stream's time to last byte minus the median alone. */
    addedTtlbMs: Summary;
    addedTtfbMs: Summary;
  }[];
};

async function concurrent(port: number, pacing: string, streams: number, aloneCount: number) {
  const prompt = "What's the weather in Paris, Tokyo and New York?";
  const alone: Timing[] = [];
  for (let index = 0; index < aloneCount; index++)
    alone.push(await viaProxy(port, prompt, 'offline'));
  const together = await Promise.all(
    Array.from({ length: streams }, () =>
      viaProxy(port, prompt, 'offline', true).catch(
        (): Timing => ({
          ttfbMs: Number.NaN,
          ttlbMs: Number.NaN,
          ok: false,
          bytes: 0,
          body: '',
          reads: 0,
        }),
      ),
    ),
  );
  const errors = together.filter(
    (timing) =>
      !timing.ok ||
      timing.body.includes('"type":"error"') ||
      !timing.body.includes('"type":"finish"'),
  ).length;
  const aloneTtlb = summarize(alone.map((timing) => timing.ttlbMs));
  const aloneTtfb = summarize(alone.map((timing) => timing.ttfbMs));
  return {
    streams,
    pacing,
    errors,
    alone: { ttfbMs: aloneTtfb, ttlbMs: aloneTtlb },
    together: {
      ttfbMs: summarize(together.map((timing) => timing.ttfbMs)),
      ttlbMs: summarize(together.map((timing) => timing.ttlbMs)),
    },
    addedTtlbMs: summarize(together.map((timing) => timing.ttlbMs - aloneTtlb.median)),
    addedTtfbMs: summarize(together.map((timing) => timing.ttfbMs - aloneTtfb.median)),
  };
}

type FakeRecord = { connectionId?: number; closedAt?: number | null };

async function fakeJson(path: string, query: Record<string, string>): Promise<FakeRecord[]> {
  const response = await fetch(`${url(PORTS.fake)}${path}?${new URLSearchParams(query)}`);
  const body = (await response.json()) as { requests?: FakeRecord[]; connections?: FakeRecord[] };
  return body.requests ?? body.connections ?? [];
}

/** Aborts a slow proxied answer mid-stream and times until the upstream socket closes. */
async function abortToClose(index: number): Promise<number> {
  const nonce = `abortbench${Date.now()}x${index}`;
  const controller = new AbortController();
  const response = await fetch(`${url(PORTS.app)}/api/chat`, {
    ...json({
      id: nonce,
      model: 'openai-chat:gpt-4.1-mini',
      messages: [
        { id: `${nonce}-u`, role: 'user', parts: [{ type: 'text', text: `${nonce} [fake:slow]` }] },
      ],
    }),
    signal: controller.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let seen = '';
  while (!seen.includes('tick 2.')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the slow answer ended early');
    seen += decoder.decode(value, { stream: true });
  }
  const [request] = await fakeJson('/__fake/requests', { contains: nonce });
  const abortedAt = Date.now();
  controller.abort();
  for (let attempt = 0; attempt < 500; attempt++) {
    const [connection] = await fakeJson('/__fake/connections', {
      id: String(request?.connectionId),
    });
    if (connection?.closedAt) return connection.closedAt - abortedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the upstream socket stayed open after the abort');
}

/** `pairs` interleaved pairs (after 10 warm-ups) with the upstream paced at `pacingMs`. */
async function measurePairs(pacingMs: number, pairs: number): Promise<PairsFigure> {
  const text = `Say hello to the benchmark. [fake:text@${pacingMs}]`;
  const model = 'openai-chat:gpt-4.1-mini';
  for (let index = 0; index < 10; index++) {
    await direct(text);
    await viaProxy(PORTS.app, text, model);
  }
  const straight: Timing[] = [];
  const proxied: Timing[] = [];
  for (let index = 0; index < pairs; index++) {
    // Alternate which goes first, so neither always runs on a warmer process.
    if (index % 2 === 0) {
      straight.push(await direct(text));
      proxied.push(await viaProxy(PORTS.app, text, model));
    } else {
      proxied.push(await viaProxy(PORTS.app, text, model));
      straight.push(await direct(text));
    }
  }
  if (proxied.some((timing) => !timing.ok)) throw new Error('a proxied request failed');
  const added = (key: 'ttfbMs' | 'ttlbMs') =>
    summarize(proxied.map((timing, index) => timing[key] - (straight[index] as Timing)[key]));
  return {
    upstreamPacingMs: pacingMs,
    pairs,
    direct: {
      ttfbMs: summarize(straight.map((timing) => timing.ttfbMs)),
      ttlbMs: summarize(straight.map((timing) => timing.ttlbMs)),
    },
    proxied: {
      ttfbMs: summarize(proxied.map((timing) => timing.ttfbMs)),
      ttlbMs: summarize(proxied.map((timing) => timing.ttlbMs)),
    },
    addedTtfbMs: added('ttfbMs'),
    addedTtlbMs: added('ttlbMs'),
    reads: {
      direct: summarize(straight.map((timing) => timing.reads)),
      proxied: summarize(proxied.map((timing) => timing.reads)),
    },
  };
}

export async function measureProxy(options: {
  scale: number;
  log: (line: string) => void;
}): Promise<ProxyResult> {
  const pairs = Math.max(10, Math.round(60 * options.scale));
  const logPairs = (figure: PairsFigure, label: string) =>
    options.log(
      `  ${label}: added TTFB p50 ${figure.addedTtfbMs.median.toFixed(2)} ms, TTLB p50 ${figure.addedTtlbMs.median.toFixed(2)} ms (p95 ${figure.addedTtlbMs.p95.toFixed(2)}); body reads per answer p50 ${figure.reads.proxied.median} proxied, ${figure.reads.direct.median} direct`,
    );
  const unpaced = await measurePairs(0, pairs);
  logPairs(unpaced, 'unpaced');
  const paced = await measurePairs(PACED_DELTA_MS, pairs);
  logPairs(paced, `paced ${PACED_DELTA_MS} ms/delta`);
  const result: ProxyResult = {
    ...unpaced,
    paced,
    abortToUpstreamClosedMs: summarize([]),
    concurrent: [],
  };
  const aborts: number[] = [];
  for (let index = 0; index < Math.max(5, Math.round(20 * options.scale)); index++) {
    aborts.push(await abortToClose(index));
  }
  result.abortToUpstreamClosedMs = summarize(aborts);
  options.log(
    `  abort → upstream socket closed p50 ${result.abortToUpstreamClosedMs.median.toFixed(1)} ms, max ${result.abortToUpstreamClosedMs.max.toFixed(1)} ms`,
  );
  const aloneCount = Math.max(5, Math.round(15 * options.scale));
  for (const [port, pacing] of [
    [PORTS.paced, 'offline planner at 100 tokens/s, 50 ms to first token'],
    [PORTS.app, 'offline planner unpaced (pure CPU)'],
  ] as const) {
    const figure = await concurrent(port, pacing, 100, aloneCount);
    result.concurrent.push(figure);
    options.log(
      `  100 concurrent (${pacing}): ${figure.errors} errors, added TTLB p99 ${figure.addedTtlbMs.p99.toFixed(1)} ms`,
    );
  }
  return result;
}

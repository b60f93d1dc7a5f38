/**
 * Figures 1, 2 and 8: step efficiency against the limit, `sequential` and the AI SDK baseline
 * (side by side, interleaved), dispatch latency, batch start skew, and timing fidelity.
 */
import type { Browser } from '@playwright/test';
import {
  finishedRun,
  freshPage,
  type HandlerClockEntry,
  openFanout,
  type RunView,
  ranSpans,
  send,
} from '../lib/browser.ts';
import { type Summary, summarize } from '../lib/stats.ts';

/** A request the offline planner answers with n independent `calculate` calls in one step. */
export function calculations(n: number): string {
  const list = Array.from({ length: n }, (_, index) => `calculate ${index + 1}+${index + 1}`);
  return `C${list.join('; ').slice(1)}`;
}

export type StepConfig = { n: number; latencyMs: number };

type FanoutSample = {
  runMs: number;
  wallMs: number;
  /** The longest call as its own handler measured it (latency + work + timer lateness). */
  handlerMaxMs: number;
  calls: number;
  dispatch: number[];
  fidelity: number[];
  overshoot: number[];
  skew: number;
};

function analyse(run: RunView, clock: HandlerClockEntry[], latencyMs: number): FanoutSample {
  const spans = ranSpans(run);
  const starts = spans.map((span) => span.startedAt);
  const byCall = new Map(clock.map((entry) => [entry.callId, entry]));
  const fidelity: number[] = [];
  const overshoot: number[] = [];
  for (const span of spans) {
    const own = byCall.get(span.callId);
    if (!own) continue;
    fidelity.push(span.settledAt - span.startedAt - (own.returnedAt - own.enteredAt));
    overshoot.push(own.sleptAt - own.enteredAt - latencyMs);
  }
  const own = spans.flatMap((span) => {
    const entry = byCall.get(span.callId);
    return entry ? [entry.returnedAt - entry.enteredAt] : [];
  });
  return {
    handlerMaxMs: own.length ? Math.max(...own) : Number.NaN,
    runMs: run.endedAt ?? Number.NaN,
    wallMs: Math.max(...spans.map((span) => span.settledAt)) - Math.min(...starts),
    calls: spans.length,
    dispatch: spans
      .filter((span) => span.inputAvailableAt !== undefined)
      .map((span) => span.startedAt - (span.inputAvailableAt as number)),
    fidelity,
    overshoot,
    skew: Math.max(...starts) - Math.min(...starts),
  };
}

async function fanoutRun(
  browser: Browser,
  base: string,
  config: StepConfig,
  policy: 'parallel' | 'sequential' | 'batch',
): Promise<FanoutSample> {
  const { context, page } = await freshPage(browser);
  try {
    await openFanout(
      page,
      base,
      `?latency=${config.latencyMs}&concurrency=64&policy=${policy}&clock=1`,
    );
    await send(page, calculations(config.n));
    const { run, clock } = await finishedRun(page, 30_000 + config.n * config.latencyMs * 2);
    if (run.status !== 'complete') throw new Error(`run ended ${run.status}`);
    const sample = analyse(run, clock, config.latencyMs);
    if (sample.calls !== config.n)
      throw new Error(`expected ${config.n} calls, ran ${sample.calls}`);
    return sample;
  } finally {
    await context.close();
  }
}

type BaselineWindow = {
  __baseline: {
    startedAt?: number;
    endedAt?: number;
    error?: string;
    calls: unknown[];
    send?: (text: string) => void;
  };
};

async function baselineRun(browser: Browser, base: string, config: StepConfig): Promise<number> {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(`${base}/baseline/?latency=${config.latencyMs}`);
    await page.waitForFunction(() =>
      Boolean((window as unknown as BaselineWindow).__baseline.send),
    );
    await page.evaluate(
      (text) => (window as unknown as BaselineWindow).__baseline.send?.(text),
      calculations(config.n),
    );
    await page.waitForFunction(
      () => {
        const state = (window as unknown as BaselineWindow).__baseline;
        return state.endedAt !== undefined || state.error !== undefined;
      },
      undefined,
      { timeout: 30_000 + config.n * config.latencyMs * 2, polling: 100 },
    );
    const state = await page.evaluate(() => {
      const { startedAt, endedAt, error, calls } = (window as unknown as BaselineWindow).__baseline;
      return { startedAt, endedAt, error, calls: calls.length };
    });
    if (state.error) throw new Error(`baseline: ${state.error}`);
    if (state.calls !== config.n)
      throw new Error(`baseline ran ${state.calls} of ${config.n} calls`);
    return (state.endedAt as number) - (state.startedAt as number);
  } finally {
    await context.close();
  }
}

export type StepFigure = {
  n: number;
  latencyMs: number;
  /** Step wall (first start → last settle) ÷ the latency: the limit is 1. */
  wallOverLimit: Summary;
  /** Step wall minus the latency, ms over the limit. */
  overLimitMs: Summary;
  /** Step wall ÷ the longest call as its handler measured it: the executor's own share. */
  wallOverHandlers: Summary;
  /** Whole run (request → final answer), ms, per variant. */
  runMs: { parallel: Summary; sequential: Summary; baseline: Summary };
  /** Ratios of the medians of runs measured side by side. */
  speedupVsSequential: number;
  speedupVsBaseline: number;
  reps: { parallel: number; sequential: number; baseline: number };
};

export type StepsResult = {
  figures: StepFigure[];
  dispatch: Summary;
  batchSkew: Summary;
  fidelity: { errorMs: Summary; absErrorMs: Summary; sleepOvershootMs: Summary };
};

function repsFor(config: StepConfig, slowBudgetMs: number, scale: number) {
  const slow = config.n * config.latencyMs;
  const slowReps = Math.max(1, Math.min(3, Math.floor(slowBudgetMs / slow)));
  return {
    parallel: Math.max(1, Math.round(5 * scale)),
    slow: Math.max(1, Math.round(slowReps * scale)),
  };
}

export async function measureSteps(
  browser: Browser,
  base: string,
  options: { scale: number; log: (line: string) => void },
): Promise<StepsResult> {
  const configs: StepConfig[] = [
    { n: 3, latencyMs: 50 },
    { n: 10, latencyMs: 50 },
    { n: 50, latencyMs: 50 },
    { n: 3, latencyMs: 1000 },
    { n: 10, latencyMs: 1000 },
    { n: 50, latencyMs: 1000 },
  ];
  const figures: StepFigure[] = [];
  const dispatch: number[] = [];
  const fidelity: number[] = [];
  const overshoot: number[] = [];
  // Warm-up: the first page load compiles everything; not counted.
  await fanoutRun(browser, base, { n: 3, latencyMs: 50 }, 'parallel');
  await baselineRun(browser, base, { n: 3, latencyMs: 50 });

  for (const config of configs) {
    const reps = repsFor(config, 30_000, options.scale);
    const parallel: FanoutSample[] = [];
    const sequential: FanoutSample[] = [];
    const baseline: number[] = [];
    const rounds = Math.max(reps.parallel, reps.slow);
    for (let round = 0; round < rounds; round++) {
      if (round < reps.parallel) parallel.push(await fanoutRun(browser, base, config, 'parallel'));
      if (round < reps.slow) {
        sequential.push(await fanoutRun(browser, base, config, 'sequential'));
        baseline.push(await baselineRun(browser, base, config));
      }
    }
    for (const sample of parallel) {
      dispatch.push(...sample.dispatch);
      fidelity.push(...sample.fidelity);
      overshoot.push(...sample.overshoot);
    }
    for (const sample of sequential) {
      fidelity.push(...sample.fidelity);
      overshoot.push(...sample.overshoot);
    }
    const runMs = {
      parallel: summarize(parallel.map((sample) => sample.runMs)),
      sequential: summarize(sequential.map((sample) => sample.runMs)),
      baseline: summarize(baseline),
    };
    const figure: StepFigure = {
      ...config,
      wallOverLimit: summarize(parallel.map((sample) => sample.wallMs / config.latencyMs)),
      overLimitMs: summarize(parallel.map((sample) => sample.wallMs - config.latencyMs)),
      wallOverHandlers: summarize(parallel.map((sample) => sample.wallMs / sample.handlerMaxMs)),
      runMs,
      speedupVsSequential: runMs.sequential.median / runMs.parallel.median,
      speedupVsBaseline: runMs.baseline.median / runMs.parallel.median,
      reps: { parallel: parallel.length, sequential: sequential.length, baseline: baseline.length },
    };
    figures.push(figure);
    options.log(
      `  N=${config.n} L=${config.latencyMs} ms: wall/limit ${figure.wallOverLimit.median.toFixed(3)}, ` +
        `+${figure.overLimitMs.median.toFixed(1)} ms; run ${runMs.parallel.median.toFixed(0)} ms vs ` +
        `sequential ${runMs.sequential.median.toFixed(0)} ms, baseline ${runMs.baseline.median.toFixed(0)} ms`,
    );
  }

  const skews: number[] = [];
  const skewReps = Math.max(3, Math.round(10 * options.scale));
  for (let round = 0; round < skewReps; round++) {
    const sample = await fanoutRun(browser, base, { n: 10, latencyMs: 50 }, 'batch');
    skews.push(sample.skew);
  }
  return {
    figures,
    dispatch: summarize(dispatch),
    batchSkew: summarize(skews),
    fidelity: {
      errorMs: summarize(fidelity),
      absErrorMs: summarize(fidelity.map(Math.abs)),
      sleepOvershootMs: summarize(overshoot),
    },
  };
}

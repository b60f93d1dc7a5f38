/**
 * Figures 1, 2 and 8: step efficiency against the limit, `sequential` and the AI SDK baseline
 * (side by side, interleaved), dispatch latency, batch start skew, and timing fidelity.
 */
import type { Browser, Page } from '@playwright/test';
import {
  finishedRun,
  freshPage,
  type HandlerClockEntry,
  idleAfterLoad,
  openFanout,
  type RunView,
  ranSpans,
  send,
} from '../lib/browser.ts';
import { installTurnProbe, type TurnProbeWindow } from '../lib/page-probes.ts';
import { type Summary, summarize } from '../lib/stats.ts';

/** A request the offline planner answers with n independent `calculate` calls in one step. */
export function calculations(n: number): string {
  const list = Array.from({ length: n }, (_, index) => `calculate ${index + 1}+${index + 1}`);
  return `C${list.join('; ').slice(1)}`;
}

export type StepConfig = { n: number; latencyMs: number };

type FanoutSample = {
  /** Send → final answer painted (installTurnProbe), as for the baseline page. */
  turnMs: number;
  /** The trace's own run: run-started → run-ended (the tap read the model's finish). */
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

function analyse(
  run: RunView,
  clock: HandlerClockEntry[],
  latencyMs: number,
  turnMs: number,
): FanoutSample {
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
    turnMs,
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
    await page.addInitScript(installTurnProbe, config.n);
    await openFanout(
      page,
      base,
      `?latency=${config.latencyMs}&concurrency=64&policy=${policy}&clock=1`,
    );
    await idleAfterLoad(page);
    await send(page, calculations(config.n));
    const { run, clock } = await finishedRun(page, 30_000 + config.n * config.latencyMs * 2);
    if (run.status !== 'complete') throw new Error(`run ended ${run.status}`);
    const sample = analyse(run, clock, config.latencyMs, await turnTime(page));
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

/** Send → final answer painted, by the probe both pages carry. */
async function turnTime(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (window as unknown as TurnProbeWindow).__turn.answerPaintedAt !== undefined,
    undefined,
    { timeout: 10_000, polling: 50 },
  );
  return page.evaluate(() => {
    const { sentAt, answerPaintedAt } = (window as unknown as TurnProbeWindow).__turn;
    return (answerPaintedAt as number) - (sentAt as number);
  });
}

async function baselineRun(browser: Browser, base: string, config: StepConfig): Promise<number> {
  const { context, page } = await freshPage(browser);
  try {
    await page.addInitScript(installTurnProbe, config.n);
    await page.goto(`${base}/baseline/?latency=${config.latencyMs}`);
    await page.waitForFunction(() =>
      Boolean((window as unknown as BaselineWindow).__baseline.send),
    );
    await idleAfterLoad(page);
    await page.evaluate((text) => {
      (window as unknown as TurnProbeWindow).__turn.sentAt = performance.now();
      (window as unknown as BaselineWindow).__baseline.send?.(text);
    }, calculations(config.n));
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
    return await turnTime(page);
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
  /**
   * Whole turn, ms, per variant: the send (Enter in Fanout's composer, the baseline's send call)
   * → the final answer painted, by the same in-page probe on both pages (installTurnProbe).
   */
  runMs: { parallel: Summary; sequential: Summary; baseline: Summary };
  /** Fanout's own trace of the `parallel` runs: run-started → run-ended (the model's finish read). */
  traceRunMs: Summary;
  /** Ratios of the medians of runs measured side by side. */
  speedupVsSequential: number;
  speedupVsBaseline: number;
  /** Issue 15 part 0: `parallel`'s turn ÷ the AI SDK pattern's (≤ 1), and ÷ `sequential`'s (≤ 1). */
  parallelOverBaseline: number;
  parallelOverSequential: number;
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
      parallel: summarize(parallel.map((sample) => sample.turnMs)),
      sequential: summarize(sequential.map((sample) => sample.turnMs)),
      baseline: summarize(baseline),
    };
    const figure: StepFigure = {
      ...config,
      wallOverLimit: summarize(parallel.map((sample) => sample.wallMs / config.latencyMs)),
      overLimitMs: summarize(parallel.map((sample) => sample.wallMs - config.latencyMs)),
      wallOverHandlers: summarize(parallel.map((sample) => sample.wallMs / sample.handlerMaxMs)),
      runMs,
      traceRunMs: summarize(parallel.map((sample) => sample.runMs)),
      speedupVsSequential: runMs.sequential.median / runMs.parallel.median,
      speedupVsBaseline: runMs.baseline.median / runMs.parallel.median,
      parallelOverBaseline: runMs.parallel.median / runMs.baseline.median,
      parallelOverSequential: runMs.parallel.median / runMs.sequential.median,
      reps: { parallel: parallel.length, sequential: sequential.length, baseline: baseline.length },
    };
    figures.push(figure);
    options.log(
      `  N=${config.n} L=${config.latencyMs} ms: wall/limit ${figure.wallOverLimit.median.toFixed(3)}, ` +
        `+${figure.overLimitMs.median.toFixed(1)} ms; turn ${runMs.parallel.median.toFixed(0)} ms vs ` +
        `sequential ${runMs.sequential.median.toFixed(0)} ms, baseline ${runMs.baseline.median.toFixed(0)} ms ` +
        `(÷ baseline ${figure.parallelOverBaseline.toFixed(2)}, ÷ sequential ${figure.parallelOverSequential.toFixed(2)})`,
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

/**
 * Figure 3: eager dispatch. The fake upstream streams five `get_weather` calls, one about every
 * 200 ms (three argument deltas per call, 67 ms apart); each call takes 1 s. Parallel (start each
 * call when its input is complete) against batch (start them all when the step ends), through
 * the OpenAI Responses API (the AI SDK completes each call as its item ends) and through Chat
 * Completions (the AI SDK's tracker completes every call only when the stream ends; the proxy's
 * `server/providers/eager-tool-calls.ts` ends each one once its input is over).
 */
import type { Browser } from '@playwright/test';
import { finishedRun, freshPage, openFanout, ranSpans, send } from '../lib/browser.ts';
import { type Summary, summarize } from '../lib/stats.ts';

const CITIES = ['Paris', 'Tokyo', 'New York', 'London', 'Sydney'];
const LATENCY_MS = 1000;
const DELTA_PAUSE_MS = 67;

type EagerSample = {
  firstOutputMs: number;
  lastOutputMs: number;
  meanOutputMs: number;
  callSpacingMs: number;
  stepEndMs: number;
};

async function eagerRun(
  browser: Browser,
  base: string,
  model: string,
  policy: 'parallel' | 'batch',
  nonce: string,
): Promise<EagerSample> {
  const { context, page } = await freshPage(browser);
  try {
    await openFanout(page, base, `?latency=${LATENCY_MS}&policy=${policy}`);
    await page.getByRole('combobox', { name: 'Model' }).selectOption(model);
    await send(
      page,
      `Weather, please. [fake:tools=${CITIES.join('|')}@${DELTA_PAUSE_MS}] ${nonce}`,
    );
    const { run } = await finishedRun(page, 30_000);
    if (run.status !== 'complete') throw new Error(`eager run ended ${run.status}`);
    const spans = ranSpans(run);
    if (spans.length !== CITIES.length) throw new Error(`eager run ran ${spans.length} calls`);
    const settled = spans.map((span) => span.settledAt);
    const available = spans
      .map((span) => span.inputAvailableAt ?? Number.NaN)
      .sort((a, b) => a - b);
    const gaps = available.slice(1).map((at, index) => at - (available[index] as number));
    return {
      firstOutputMs: Math.min(...settled),
      lastOutputMs: Math.max(...settled),
      meanOutputMs: settled.reduce((sum, at) => sum + at, 0) / settled.length,
      callSpacingMs: gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length,
      stepEndMs: run.steps[0]?.finishedAt ?? Number.NaN,
    };
  } finally {
    await context.close();
  }
}

export const EAGER_MODELS = [
  { label: 'OpenAI Responses API', model: 'openai:gpt-4.1-mini' },
  { label: 'OpenAI Chat Completions', model: 'openai-chat:gpt-4.1-mini' },
];

export type EagerResult = {
  label: string;
  model: string;
  calls: number;
  latencyMs: number;
  callSpacingMs: Summary;
  parallel: Record<keyof Omit<EagerSample, 'callSpacingMs'>, Summary>;
  batch: Record<keyof Omit<EagerSample, 'callSpacingMs'>, Summary>;
  /** batch − parallel, medians (ms): what starting calls early saved. */
  gainLastOutputMs: number;
  gainFirstOutputMs: number;
  gainMeanOutputMs: number;
};

function summary(samples: EagerSample[]) {
  return {
    firstOutputMs: summarize(samples.map((sample) => sample.firstOutputMs)),
    lastOutputMs: summarize(samples.map((sample) => sample.lastOutputMs)),
    meanOutputMs: summarize(samples.map((sample) => sample.meanOutputMs)),
    stepEndMs: summarize(samples.map((sample) => sample.stepEndMs)),
  };
}

export async function measureEager(
  browser: Browser,
  base: string,
  options: { scale: number; log: (line: string) => void },
): Promise<EagerResult[]> {
  const results: EagerResult[] = [];
  for (const { label, model } of EAGER_MODELS) {
    results.push(await measureEagerWith(browser, base, label, model, options));
  }
  return results;
}

async function measureEagerWith(
  browser: Browser,
  base: string,
  label: string,
  model: string,
  options: { scale: number; log: (line: string) => void },
): Promise<EagerResult> {
  const reps = Math.max(2, Math.round(3 * options.scale));
  const parallel: EagerSample[] = [];
  const batch: EagerSample[] = [];
  const stamp = Date.now().toString(36);
  for (let round = 0; round < reps; round++) {
    parallel.push(await eagerRun(browser, base, model, 'parallel', `p${round}${stamp}`));
    batch.push(await eagerRun(browser, base, model, 'batch', `b${round}${stamp}`));
  }
  const p = summary(parallel);
  const b = summary(batch);
  const result: EagerResult = {
    label,
    model,
    calls: CITIES.length,
    latencyMs: LATENCY_MS,
    callSpacingMs: summarize([...parallel, ...batch].map((sample) => sample.callSpacingMs)),
    parallel: p,
    batch: b,
    gainLastOutputMs: b.lastOutputMs.median - p.lastOutputMs.median,
    gainFirstOutputMs: b.firstOutputMs.median - p.firstOutputMs.median,
    gainMeanOutputMs: b.meanOutputMs.median - p.meanOutputMs.median,
  };
  options.log(
    `  ${label}: last output: parallel ${p.lastOutputMs.median.toFixed(0)} ms, batch ${b.lastOutputMs.median.toFixed(0)} ms; first output ${p.firstOutputMs.median.toFixed(0)} vs ${b.firstOutputMs.median.toFixed(0)} ms`,
  );
  return result;
}

import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-precise-memory-info',
];

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export const VIEWPORT = { width: 1280, height: 800 };

/** A fresh context (empty storage) with one page, closed by the caller. */
export async function freshPage(
  browser: Browser,
  viewport = VIEWPORT,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { context, page };
}

/** A ToolSpan as the page's trace store holds it (the fields the bench reads). */
export type SpanView = {
  callId: string;
  toolName: string;
  status?: string;
  inputAvailableAt?: number;
  queuedAt?: number;
  startedAt?: number;
  settledAt?: number;
};
export type StepView = {
  id: string;
  requestAt: number;
  firstByteAt?: number;
  finishedAt?: number;
  callIds: string[];
  usage?: { outputTokens?: number };
};
export type RunView = {
  id: string;
  status: string;
  policy: string;
  startedAtPerf: number;
  endedAt?: number;
  steps: StepView[];
  spans: Record<string, SpanView>;
};
export type HandlerClockEntry = {
  callId: string;
  enteredAt: number;
  sleptAt: number;
  returnedAt: number;
};

type TraceWindow = {
  __fanoutTrace: { getState(): { runs: Record<string, RunView>; runOrder: string[] } };
  __fanoutHandlerClock?: HandlerClockEntry[];
};

/** Opens the Fanout page and waits until the model list has loaded. */
export async function openFanout(page: Page, base: string, query: string) {
  await page.goto(`${base}/${query}`);
  await page.getByRole('combobox', { name: 'Model' }).waitFor();
  await page.waitForFunction(
    () => !(document.querySelector('select') as HTMLSelectElement | null)?.disabled,
  );
}

/**
 * Waits as a person's page is idle before they act (type a message, pick a file): a moment for
 * the first screen to settle, then an idle period (requestIdleCallback), then another; the
 * page's own idle work (preloading lazy parts, warming the importer) has run by then. Figures
 * that time one action use it so they measure the action, not the page's start-up beside it.
 */
export async function idleAfterLoad(page: Page) {
  await page.waitForTimeout(2000);
  for (let round = 0; round < 2; round++)
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          requestIdleCallback(() => resolve(), { timeout: 5000 });
        }),
    );
  await page.waitForTimeout(500);
}

/** Types a message into the composer and sends it. */
export async function send(page: Page, text: string) {
  const composer = page.getByLabel('Message');
  await composer.fill(text);
  await composer.press('Enter');
}

/** Waits for the latest run to end and reads it, with the handler clock's entries. */
export async function finishedRun(
  page: Page,
  timeoutMs: number,
): Promise<{ run: RunView; clock: HandlerClockEntry[] }> {
  await page.waitForFunction(
    () => {
      const state = (window as unknown as TraceWindow).__fanoutTrace.getState();
      const id = state.runOrder.at(-1);
      const run = id ? state.runs[id] : undefined;
      return run !== undefined && run.status !== 'running' && run.endedAt !== undefined;
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  return page.evaluate(() => {
    const w = window as unknown as TraceWindow;
    const state = w.__fanoutTrace.getState();
    const run = state.runs[state.runOrder.at(-1) as string] as RunView;
    return { run, clock: [...(w.__fanoutHandlerClock ?? [])] };
  });
}

/** The tool spans of a run that started and settled. */
export function ranSpans(
  run: RunView,
): Array<Required<Pick<SpanView, 'startedAt' | 'settledAt'>> & SpanView> {
  return Object.values(run.spans).filter(
    (span): span is SpanView & { startedAt: number; settledAt: number } =>
      span.startedAt !== undefined && span.settledAt !== undefined,
  );
}

import { expect, type Locator, type Page } from '@playwright/test';

export type Bar = {
  tool: string;
  callId: string;
  status: string;
  start: number;
  end: number;
  critical: boolean;
};

/** The waterfall of the run shown in the timeline panel. */
export function waterfall(page: Page): Locator {
  return page.getByTestId('waterfall');
}

/** Waits until the shown run has `count` settled tool bars and reads them. */
export async function settledBars(page: Page, count: number): Promise<Bar[]> {
  const bars = waterfall(page).locator('[data-tool]');
  await expect(bars).toHaveCount(count);
  await expect(
    waterfall(page).locator('[data-tool][data-end-ms]:not([data-end-ms=""])'),
  ).toHaveCount(count);
  return bars.evaluateAll((elements) =>
    elements.map((element) => {
      const bar = element as HTMLElement;
      return {
        tool: bar.dataset.tool ?? '',
        callId: bar.dataset.callId ?? '',
        status: bar.dataset.status ?? '',
        start: Number(bar.dataset.startMs),
        end: Number(bar.dataset.endMs),
        critical: bar.dataset.critical === 'true',
      };
    }),
  );
}

/** The shown run's summary figures, as the waterfall container states them. */
export async function runFigures(page: Page) {
  const container = waterfall(page);
  await expect(container).toHaveAttribute('data-status', /complete|stopped|error|interrupted/);
  return container.evaluate((element) => {
    const data = (element as HTMLElement).dataset;
    return {
      runId: data.runId ?? '',
      status: data.status ?? '',
      policy: data.policy ?? '',
      wall: Number(data.wallMs),
      sum: Number(data.sumMs),
      speedup: Number(data.speedup),
      ideal: Number(data.idealSpeedup),
      maxConcurrency: Number(data.maxConcurrency),
    };
  });
}

/** The page's own measurements of a run's calls, read from the trace store the executor feeds. */
export async function measuredSpans(page: Page, runId: string) {
  return page.evaluate((id) => {
    type Span = { callId: string; startedAt?: number; settledAt?: number };
    const store = (
      window as unknown as {
        __fanoutTrace: { getState(): { runs: Record<string, { spans: Record<string, Span> }> } };
      }
    ).__fanoutTrace;
    return Object.values(store.getState().runs[id]?.spans ?? {});
  }, runId);
}

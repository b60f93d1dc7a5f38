import { expect, type Locator, type Page } from '@playwright/test';

/** A lane of race mode (`parallel` or `sequential`). */
export function raceLane(page: Page, policy: 'parallel' | 'sequential'): Locator {
  return page.getByTestId(`race-lane-${policy}`);
}

/** Waits for the race to finish and reads its verdict from the data attributes. */
export async function raceVerdict(page: Page) {
  const verdict = page.getByTestId('race-verdict');
  await expect(verdict).toHaveAttribute('data-race-status', 'done', { timeout: 20_000 });
  return verdict.evaluate((element) => {
    const data = (element as HTMLElement).dataset;
    return {
      speedup: Number(data.raceSpeedup),
      savedMs: Number(data.raceSavedMs),
      parallelWallMs: Number(data.raceParallelWallMs),
      sequentialWallMs: Number(data.raceSequentialWallMs),
    };
  });
}

/** Every tool bar inside `scope`, with the attributes a replay must reproduce. */
export async function barsIn(scope: Locator) {
  return scope.locator('[data-tool]').evaluateAll((elements) =>
    elements.map((element) => {
      const data = (element as HTMLElement).dataset;
      return {
        tool: data.tool ?? '',
        callId: data.callId ?? '',
        status: data.status ?? '',
        startMs: data.startMs ?? '',
        endMs: data.endMs ?? '',
      };
    }),
  );
}

/** Counts requests to the chat route from now on. */
export function countChatRequests(page: Page): { count: () => number } {
  let count = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/chat') count++;
  });
  return { count: () => count };
}

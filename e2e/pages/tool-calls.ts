import { expect, type Locator, type Page } from '@playwright/test';

/** One tool call as the page shows it, with the times it measured (ms from the run's start). */
export type ShownCall = {
  tool: string;
  callId: string;
  status: string;
  args: string;
  start: number;
  end: number;
};

/** The calls listed in the conversation, in the order shown. */
export function toolCallRows(page: Page): Locator {
  return page.locator('ol[aria-label="Conversation"] li.tool-call');
}

/** Waits until `count` calls have settled with a measured start and end, and reads them. */
export async function settledCalls(page: Page, count: number): Promise<ShownCall[]> {
  const rows = toolCallRows(page);
  await expect(rows).toHaveCount(count);
  await expect(rows.and(page.locator('[data-end-ms]'))).toHaveCount(count);
  return rows.evaluateAll((elements) =>
    elements.map((element) => {
      const row = element as HTMLElement;
      return {
        tool: row.dataset.tool ?? '',
        callId: row.dataset.callId ?? '',
        status: row.dataset.status ?? '',
        args: row.querySelector('.tool-call-args')?.textContent ?? '',
        start: Number(row.dataset.startMs),
        end: Number(row.dataset.endMs),
      };
    }),
  );
}

type Interval = { start: number; end: number };

/** True when every pair of calls overlapped in time: each started before the other ended. */
export function allOverlap(calls: Interval[]): boolean {
  return calls.every((a) => calls.every((b) => a === b || (a.start < b.end && b.start < a.end)));
}

/** True when no two calls overlapped: each started after the previous one ended. */
export function noneOverlap(calls: Interval[]): boolean {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  return sorted.every((call, index) => index === 0 || call.start >= (sorted[index - 1]?.end ?? 0));
}

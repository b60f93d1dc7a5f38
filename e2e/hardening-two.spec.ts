import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { settledBars } from './pages/timeline.ts';

/** Issue 12, the page's side: collector failures are said, and an import asks before replacing. */

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

async function runOnce(page: Page) {
  const chat = new ChatPage(page);
  await page.goto('/?latency=50');
  await expect(chat.modelPicker).toBeEnabled();
  await chat.send(WEATHER);
  await settledBars(page, 3);
  await chat.expectAnswer('Warmest right now');
  return chat;
}

test('a collector that refuses the trace is said quietly, once per run, with the reason', async ({
  page,
}) => {
  let posts = 0;
  await page.route('**/api/traces', (route) => {
    posts++;
    return route.fulfill({
      status: 502,
      json: { error: { code: 'collector_rejected', message: 'The trace collector answered 415.' } },
    });
  });
  const chat = await runOnce(page);
  const notice = page.getByTestId('collector-notice');
  await expect(notice).toHaveText(/not sent to the collector: The trace collector answered 415\./);
  await expect(notice).toHaveAttribute('role', 'status');
  expect(posts).toBe(1);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  // The next run fails too and says so again: once per run.
  await chat.send('What time is it in Tokyo?');
  await expect(notice).toBeVisible();
  expect(posts).toBe(2);
});

test('importing a run the page already has asks first; declining changes nothing', async ({
  page,
}) => {
  await runOnce(page);
  await page.getByText('Export', { exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Trace JSON/ }).click();
  const file = await (await download).path();

  const questions: string[] = [];
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByLabel('Import a trace file').setInputFiles(file);
  await expect(page.getByRole('alert')).toContainText('your runs are unchanged');
  expect(questions).toHaveLength(1);
  expect(questions[0]).toMatch(/holds a run you already have \(.+\)\. Replace it/);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByLabel('Import a trace file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 run' })).toBeVisible();
});

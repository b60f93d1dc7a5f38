import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';

/**
 * Parts the first screen does not load (src/platform/lazy-part.tsx): a slow chunk shows an
 * announced loading line in the dialog it belongs to, and a chunk that fails to load gives a
 * readable sentence and a retry that loads it, instead of a blank.
 */
async function open(page: Page) {
  const chat = new ChatPage(page);
  await page.goto('/');
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

test('a dialog whose chunk is slow says it is loading, then opens', async ({ page }) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Held until the loading line has been seen (the idle preload waits here too).
  await page.route(/\/assets\/demo-controls-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await open(page);
  await page.getByTestId('controls-button').click();
  const loading = page.getByRole('dialog', { name: 'Demo controls' });
  await expect(loading.getByRole('status')).toHaveText('Loading demo controls…');
  release();
  const controls = page.getByTestId('demo-controls');
  await expect(controls).toBeVisible();
  await expect(controls).toContainText('Changes apply to the next message.');
  await expect(page.getByTestId('dialog-loading')).toHaveCount(0);
});

test('a dialog whose chunk fails to load says so, and Try again opens it', async ({ page }) => {
  let failing = true;
  await page.route(/\/assets\/tools-dialog-[^/]+\.js$/, (route) =>
    failing ? route.abort('internetdisconnected') : route.continue(),
  );
  await open(page);
  await page.getByRole('button', { name: 'Tools', exact: true }).click();
  const failed = page.getByTestId('dialog-failed');
  await expect(failed.getByRole('alert')).toContainText('The tools panel could not be loaded');

  failing = false;
  await failed.getByRole('button', { name: 'Try again' }).click();
  const tools = page.getByTestId('tools-dialog');
  await expect(tools).toBeVisible();
  await expect(tools.locator('[data-tool-name="calculate"]')).toBeVisible();
});

test('the waterfall is fetched before the first send, not during the turn', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  const chat = await open(page);
  await chat.send('What is the weather in Paris and Tokyo?');
  await expect(page.getByTestId('waterfall')).toHaveAttribute('data-tool-count', '2');
  const waterfall = requests.findIndex((path) => /\/assets\/run-timeline-[^/]+\.js$/.test(path));
  const firstTurn = requests.indexOf('/api/chat');
  expect(waterfall).toBeGreaterThanOrEqual(0);
  expect(firstTurn).toBeGreaterThan(waterfall);
});

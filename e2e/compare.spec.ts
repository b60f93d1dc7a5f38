import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { settledBars } from './pages/timeline.ts';

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

test('compare shows what differs between a parallel and a sequential run', async ({ page }) => {
  const chat = new ChatPage(page);
  await page.goto('/?latency=500');
  await expect(chat.modelPicker).toBeEnabled();
  await chat.send(WEATHER);
  await settledBars(page, 3);
  await chat.expectAnswer('Warmest right now');
  await page.getByRole('radio', { name: 'Sequential' }).check({ force: true });
  await chat.send(WEATHER);
  await chat.expectAnswer('Warmest right now');

  await page
    .getByRole('navigation', { name: 'Modes' })
    .getByRole('button', { name: 'Compare' })
    .click();
  const compare = page.getByTestId('compare');
  await expect(compare.getByTestId('waterfall')).toHaveCount(2);
  await expect(compare.getByTestId('compare-side-a').getByTestId('waterfall')).toHaveAttribute(
    'data-policy',
    'parallel',
  );
  await expect(compare.getByTestId('compare-side-b').getByTestId('waterfall')).toHaveAttribute(
    'data-policy',
    'sequential',
  );
  const figure = (key: string) => compare.locator(`[data-figure=${key}]`);
  // One after another takes longer than all at once: the sequential side's wall is the larger.
  const wallA = Number(await figure('wallMs').getAttribute('data-a'));
  const wallB = Number(await figure('wallMs').getAttribute('data-b'));
  expect(wallB).toBeGreaterThan(wallA);
  expect(Number(await figure('wallMs').getAttribute('data-delta'))).toBeGreaterThan(0);
  await expect(figure('maxConcurrency')).toHaveAttribute('data-a', '3');
  await expect(figure('maxConcurrency')).toHaveAttribute('data-b', '1');
  await expect(figure('calls')).toHaveAttribute('data-delta', '0');
  expect(Number(await figure('outputTokens').getAttribute('data-a'))).toBeGreaterThan(0);
  // The same three calls, all ok in both.
  await expect(compare.getByTestId('compare-calls')).toHaveAttribute('data-same', '3');
  await expect(compare.locator('[data-change]')).toHaveCount(3);
  // One scale for both.
  const lastTick = (side: string) =>
    compare.getByTestId(`compare-side-${side}`).locator('.wf-tick-last').textContent();
  expect(await lastTick('a')).toBe(await lastTick('b'));
});

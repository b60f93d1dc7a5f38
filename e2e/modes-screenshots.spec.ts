import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { raceVerdict } from './pages/modes.ts';

/** Screenshots of race, replay and compare for a look by eye: `SHOTS=dir npx playwright test e2e/modes-screenshots.spec.ts`. */
const dir = process.env.SHOTS;
test.skip(!dir, 'screenshots only on request (SHOTS=<dir>)');

const WEATHER = "What's the weather in Paris, Tokyo and New York?";
const CHAIN =
  'Which is cheapest: the Aurora X1, the Nimbus Pro or the Vega Air? Then check its stock at my home store.';
const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function twoRuns(page: Page) {
  const chat = new ChatPage(page);
  await page.goto('/?latency=400');
  await expect(chat.modelPicker).toBeEnabled();
  await chat.send(CHAIN);
  await chat.expectAnswer(/stock/i);
  await page.getByRole('radio', { name: 'Sequential' }).check({ force: true });
  await chat.send(CHAIN);
  await chat.expectAnswer(/stock/i);
}

for (const size of sizes) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`modes ${size.name} ${scheme}`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/?race=1&latency=700&prompt=${encodeURIComponent(WEATHER)}`);
      await raceVerdict(page);
      await page.screenshot({ path: `${dir}/race-${size.name}-${scheme}.png`, fullPage: true });

      await page.goto('/?latency=400');
      await twoRuns(page);
      // On phones the chat's header offers Race only; the mode screens offer all three.
      await page.locator('.mode-nav-race:visible').click();
      await page.locator('.mode-nav-replay:visible').click();
      const replay = page.getByTestId('replay');
      await expect(replay.locator('[data-tool=check_inventory]')).toHaveCount(0);
      await page.waitForTimeout(1200);
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.screenshot({
        path: `${dir}/replay-mid-${size.name}-${scheme}.png`,
        fullPage: true,
      });
      await page.getByRole('radio', { name: '4×' }).check({ force: true });
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect(replay).toHaveAttribute('data-replay-state', 'ended', { timeout: 20_000 });
      await page.screenshot({
        path: `${dir}/replay-end-${size.name}-${scheme}.png`,
        fullPage: true,
      });

      await page
        .getByRole('navigation', { name: 'Modes' })
        .getByRole('button', { name: 'Compare' })
        .click();
      await expect(page.getByTestId('compare').getByTestId('waterfall')).toHaveCount(2);
      await page.screenshot({ path: `${dir}/compare-${size.name}-${scheme}.png`, fullPage: true });
    });
  }
}

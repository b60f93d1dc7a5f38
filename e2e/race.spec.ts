import { expect, test } from '@playwright/test';
import { barsIn, raceLane, raceVerdict } from './pages/modes.ts';

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

test.describe('race mode', () => {
  test('a shared link races the weather scenario: two timelines, one scale, parallel ahead', async ({
    page,
  }) => {
    await page.goto(`/?race=1&latency=1000&prompt=${encodeURIComponent(WEATHER)}`);
    const parallel = raceLane(page, 'parallel');
    const sequential = raceLane(page, 'sequential');
    await expect(parallel.getByTestId('waterfall')).toBeVisible();
    await expect(sequential.getByTestId('waterfall')).toBeVisible();
    const verdict = await raceVerdict(page);
    // Three calls one after another take longer than the same three at once.
    expect(verdict.sequentialWallMs).toBeGreaterThan(verdict.parallelWallMs);
    expect(verdict.speedup).toBeGreaterThan(1);
    expect(verdict.savedMs).toBeGreaterThan(0);

    // Each lane ran under its own policy, with the same three calls.
    await expect(parallel.getByTestId('waterfall')).toHaveAttribute('data-policy', 'parallel');
    await expect(sequential.getByTestId('waterfall')).toHaveAttribute('data-policy', 'sequential');
    const parallelBars = await barsIn(parallel);
    const sequentialBars = await barsIn(sequential);
    expect(parallelBars.map((bar) => bar.tool)).toEqual(Array(3).fill('get_weather'));
    expect(sequentialBars.map((bar) => bar.status)).toEqual(['ok', 'ok', 'ok']);
    await expect(sequential.getByTestId('waterfall')).toHaveAttribute('data-max-concurrency', '1');

    // One time scale: both axes end on the same tick.
    const lastTick = (lane: typeof parallel) => lane.locator('.wf-tick-last').textContent();
    expect(await lastTick(parallel)).toBe(await lastTick(sequential));

    // The race stays out of the chat: nothing in its trace store or its conversation.
    const mainRuns = await page.evaluate(
      () =>
        (
          window as unknown as { __fanoutTrace: { getState(): { runOrder: string[] } } }
        ).__fanoutTrace.getState().runOrder.length,
    );
    expect(mainRuns).toBe(0);
  });

  test('the header opens race mode; a scenario chip starts it', async ({ page }) => {
    await page.goto('/?latency=300');
    await page
      .getByRole('navigation', { name: 'Modes' })
      .getByRole('button', { name: 'Race' })
      .click();
    await expect(page).toHaveURL(/race=1/);
    await page.locator('[data-race-scenario=weather-three-cities]').click();
    const verdict = await raceVerdict(page);
    expect(verdict.speedup).toBeGreaterThan(1);
    await expect(page).toHaveURL(/prompt=/);
    await page.getByRole('button', { name: '← Chat' }).click();
    await expect(page.getByLabel('Message')).toBeVisible();
  });
});

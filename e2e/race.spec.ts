import { expect, test } from '@playwright/test';
import { barsIn, raceLane, raceVerdict } from './pages/modes.ts';

const WEATHER = "What's the weather in Paris, Tokyo and New York?";
const CART = 'Add the Vega Air to my cart and show my balance.';
const POLICIES = ['parallel', 'sequential'] as const;

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

  test('race with approval: the cart call waits in both lanes, Approve runs it, both finish', async ({
    page,
  }) => {
    await page.goto(`/?race=1&latency=300&prompt=${encodeURIComponent(CART)}`);
    for (const policy of POLICIES) {
      const lane = raceLane(page, policy);
      await expect(lane.locator('[data-tool=add_to_cart]')).toHaveAttribute(
        'data-status',
        'awaiting-approval',
      );
      const approve = lane.getByRole('button', { name: 'Approve' });
      await expect(approve).toBeEnabled();
      await approve.click();
    }
    await raceVerdict(page);
    for (const policy of POLICIES) {
      const lane = raceLane(page, policy);
      await expect(lane.getByTestId('waterfall')).toHaveAttribute('data-status', 'complete');
      await expect(lane.locator('[data-tool=add_to_cart]')).toHaveAttribute('data-status', 'ok');
      await expect(lane.getByRole('button', { name: 'Approve' })).toHaveCount(0);
      await lane.getByText('The answer').click();
      await expect(lane.locator('.race-answer')).toContainText('Added 1 × Vega Air');
    }
  });

  test('a denial in one lane reaches that lane’s model; the other lane runs its call', async ({
    page,
  }) => {
    await page.goto(`/?race=1&latency=300&prompt=${encodeURIComponent(CART)}`);
    await raceLane(page, 'parallel').getByRole('button', { name: 'Deny' }).click();
    await raceLane(page, 'sequential').getByRole('button', { name: 'Approve' }).click();
    await raceVerdict(page);
    const parallel = raceLane(page, 'parallel');
    await expect(parallel.locator('[data-tool=add_to_cart]')).toHaveAttribute(
      'data-status',
      'denied',
    );
    await parallel.getByText('The answer').click();
    await expect(parallel.locator('.race-answer')).toContainText('the user denied it');
  });

  test('each lane’s answer is rendered Markdown: a table, no raw pipes or asterisks', async ({
    page,
  }) => {
    await page.goto(`/?race=1&latency=200&prompt=${encodeURIComponent(WEATHER)}`);
    await raceVerdict(page);
    for (const policy of POLICIES) {
      const answer = raceLane(page, policy).locator('.race-answer');
      await answer.getByText('The answer').click();
      await expect(answer.locator('table')).toBeVisible();
      await expect(answer.locator('th').first()).toHaveText('City');
      const text = (await answer.textContent()) ?? '';
      expect(text).not.toContain('|');
      expect(text).not.toContain('**');
    }
  });

  test('at 1280×800 the verdict and both waterfalls are on screen together, no scrolling', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/?race=1&latency=300&prompt=${encodeURIComponent(WEATHER)}`);
    await raceVerdict(page);
    await expect(page.getByTestId('race-verdict')).toBeInViewport({ ratio: 1 });
    for (const policy of POLICIES) {
      // The whole waterfall: axis, both model steps and the three calls.
      const waterfall = raceLane(page, policy).locator('.waterfall');
      await expect(waterfall.locator('[data-tool]')).toHaveCount(3);
      await expect(waterfall).toBeInViewport({ ratio: 1 });
    }
  });

  test('the verdict is computed from the figures each lane shows', async ({ page }) => {
    await page.goto(`/?race=1&latency=300&prompt=${encodeURIComponent(WEATHER)}`);
    const verdict = await raceVerdict(page);
    const shown = async (policy: (typeof POLICIES)[number]) =>
      Number(await raceLane(page, policy).getByTestId('waterfall').getAttribute('data-wall-ms'));
    expect(verdict.parallelWallMs).toBe(await shown('parallel'));
    expect(verdict.sequentialWallMs).toBe(await shown('sequential'));
    expect(verdict.speedup).toBeCloseTo(verdict.sequentialWallMs / verdict.parallelWallMs, 2);
    // Each lane's own figures, in words, beside its waterfall.
    for (const policy of POLICIES) {
      const figures = raceLane(page, policy).getByTestId('race-lane-figures');
      await expect(figures).toHaveAttribute('data-wall-ms', String(await shown(policy)));
    }
  });
});

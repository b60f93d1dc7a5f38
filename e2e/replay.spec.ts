import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { barsIn, countChatRequests } from './pages/modes.ts';
import { settledBars, waterfall } from './pages/timeline.ts';

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

async function exportTrace(page: Page): Promise<string> {
  await page.getByText('Export', { exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Trace JSON/ }).click();
  return (await download).path();
}

test.describe('replay', () => {
  test('an exported trace replays into the same bars, with no request to /api/chat', async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    await page.goto('/?latency=400');
    await expect(chat.modelPicker).toBeEnabled();
    await chat.send(WEATHER);
    await settledBars(page, 3);
    await chat.expectAnswer('Warmest right now');
    const original = await barsIn(waterfall(page));
    const file = await exportTrace(page);
    expect(JSON.parse(await readFile(file, 'utf8')).format).toBe('fanout-trace');

    // A fresh page, straight into replay: the trace comes from the file alone.
    await page.goto('/?replay=1');
    const requests = countChatRequests(page);
    await page.getByLabel('Import a trace file to replay or compare').setInputFiles(file);
    const replay = page.getByTestId('replay');
    // The import starts the replay; a 2 s trace at 1× may already be over on a slow machine
    // (building up is checked in the next test).
    await expect(replay).toHaveAttribute('data-replay-state', /playing|ended/);
    await page.getByRole('radio', { name: '4×' }).check();
    await expect(replay).toHaveAttribute('data-replay-speed', '4');
    await expect(replay).toHaveAttribute('data-replay-state', 'ended', { timeout: 15_000 });
    const replayed = await barsIn(replay.getByTestId('waterfall'));
    expect(replayed).toEqual(original);
    await expect(replay.getByTestId('waterfall')).toHaveAttribute('data-status', 'complete');
    expect(requests.count()).toBe(0);
  });

  test('replay builds up: calls appear, run and settle as the clock passes them', async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    // Long calls, so each phase of the replay lasts long enough to be seen on a loaded machine.
    await page.goto('/?latency=1500&policy=sequential');
    await expect(chat.modelPicker).toBeEnabled();
    await chat.send(WEATHER);
    await settledBars(page, 3);
    await chat.expectAnswer('Warmest right now');
    await page.getByRole('button', { name: 'Replay run' }).click();
    const replay = page.getByTestId('replay');
    await expect(replay).toHaveAttribute('data-replay-state', 'playing');
    const requests = countChatRequests(page);
    const bars = replay.locator('[data-tool]');
    // While replaying a staircase, a call is running while later ones are still queued.
    await expect(replay.locator('[data-tool][data-status=running]')).toHaveCount(1);
    await expect(replay.getByTestId('waterfall')).toHaveAttribute('data-status', 'running');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(replay).toHaveAttribute('data-replay-state', 'paused');
    const at = Number(await replay.getAttribute('data-replay-ms'));
    await page.waitForTimeout(300);
    expect(Number(await replay.getAttribute('data-replay-ms'))).toBe(at);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('radio', { name: '4×' }).check();
    await expect(replay).toHaveAttribute('data-replay-state', 'ended', { timeout: 15_000 });
    await expect(bars.and(page.locator('[data-status=ok]'))).toHaveCount(3);
    expect(requests.count()).toBe(0);
  });
});

test.describe('dependencies', () => {
  test('the chaining scenario links the cheapest product’s lookup to the inventory check', async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    await page.goto('/?latency=100');
    await expect(chat.modelPicker).toBeEnabled();
    await page.locator('[data-scenario=cheapest-then-stock]').click();
    await chat.expectAnswer(/stock/i);
    const stock = waterfall(page).locator('[data-tool=check_inventory]');
    await expect(stock).toHaveCount(1);
    await expect(stock).toHaveAttribute('data-status', 'ok');
    const source = await stock.getAttribute('data-depends-on');
    expect(source).toBeTruthy();
    const lookup = waterfall(page).locator(`[data-call-id="${source}"]`);
    await expect(lookup).toHaveAttribute('data-tool', 'lookup_product');
    // It is the cheapest product's lookup: the one whose output held the SKU asked about.
    const input = await page.evaluate(
      ({ from }) => {
        type Span = { callId: string; toolName: string; input?: unknown; output?: unknown };
        const state = (
          window as unknown as {
            __fanoutTrace: {
              getState(): { runs: Record<string, { spans: Record<string, Span> }> };
            };
          }
        ).__fanoutTrace.getState();
        const run = Object.values(state.runs).at(-1);
        const spans = Object.values(run?.spans ?? {});
        return {
          stockSku: (
            spans.find((span) => span.toolName === 'check_inventory')?.input as { sku?: string }
          )?.sku,
          sourceSku: (spans.find((span) => span.callId === from)?.output as { sku?: string })?.sku,
          prices: spans
            .filter((span) => span.toolName === 'lookup_product')
            .map((span) => span.output as { sku: string; priceUsd: number }),
        };
      },
      { from: source ?? '' },
    );
    expect(input.sourceSku).toBe(input.stockSku);
    const cheapest = [...input.prices].sort((a, b) => a.priceUsd - b.priceUsd)[0];
    expect(cheapest?.sku).toBe(input.stockSku);
    // No other call depends on anything: the three lookups are a plain fan-out.
    await expect(waterfall(page).locator('[data-depends-on]')).toHaveCount(1);
    await expect(
      waterfall(page).getByTestId('dependency-links').locator('path.wf-link'),
    ).toHaveCount(1);
    // The inspector names the source.
    await stock.click();
    await expect(page.getByTestId('inspector')).toContainText('Input from lookup_product');
  });
});

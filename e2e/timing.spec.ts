import { expect, type Page, test } from '@playwright/test';
import { fakeConnections, fakeRequests } from './fake-upstream/client.ts';
import { fake, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { measuredSpans, runFigures, settledBars } from './pages/timeline.ts';
import { allOverlap, settledCalls } from './pages/tool-calls.ts';
import { E2E_MODELS } from './support/e2e-env.ts';

/*
 * Checks that compare measured times with configured latencies. They run in their own
 * Playwright project, after every other spec and one at a time, so no other browser competes
 * for the two cores while they measure.
 */
test.describe.configure({ mode: 'serial' });

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

async function openWith(page: Page, query: string) {
  const chat = new ChatPage(page);
  await page.goto(`/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

/** Counts the page's requests to /api/chat. */
function countChatRequests(page: Page) {
  const counter = { value: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith('/api/chat')) counter.value++;
  });
  return counter;
}

test.describe('timing fidelity', () => {
  test('three weather calls overlap and the step takes about the slowest call, not the sum', async ({
    page,
  }) => {
    const requests = countChatRequests(page);
    const chat = await openWith(page, '?latency=1000');
    await chat.send(WEATHER);
    const calls = await settledCalls(page, 3);
    expect(calls.map((call) => call.args)).toEqual([
      'city: "Paris"',
      'city: "Tokyo"',
      'city: "New York"',
    ]);
    expect(calls.every((call) => call.status === 'ok')).toBe(true);
    expect(allOverlap(calls)).toBe(true);
    const toolPhase =
      Math.max(...calls.map((call) => call.end)) - Math.min(...calls.map((call) => call.start));
    expect(toolPhase).toBeLessThan(1500);
    await chat.expectAnswer('Warmest right now');
    // One request for the calls, exactly one follow-up carrying all three outputs.
    expect(requests.value).toBe(2);
  });

  test('a parallel run draws three overlapping bars that match the measurements', async ({
    page,
  }) => {
    const chat = await openWith(page, '?latency=1000');
    await chat.send(WEATHER);
    const bars = await settledBars(page, 3);
    await chat.expectAnswer('Warmest right now');
    expect(bars.every((bar) => bar.tool === 'get_weather' && bar.status === 'ok')).toBe(true);
    expect(allOverlap(bars)).toBe(true);

    const figures = await runFigures(page);
    const measured = await measuredSpans(page, figures.runId);
    for (const bar of bars) {
      const span = measured.find((item) => item.callId === bar.callId);
      // The bar states exactly what the executor measured (to the 0.1 ms the attribute keeps).
      expect(Math.abs(bar.start - (span?.startedAt ?? Number.NaN))).toBeLessThan(0.06);
      expect(Math.abs(bar.end - (span?.settledAt ?? Number.NaN))).toBeLessThan(0.06);
      // A 1 s simulated service, measured end to end in the page.
      expect(Math.abs(bar.end - bar.start - 1000)).toBeLessThan(50);
    }
    expect(figures.speedup).toBeGreaterThan(2.5);
    expect(figures.maxConcurrency).toBe(3);
    await expect(page.getByTestId('run-summary')).toContainText('faster than one at a time');
  });

  test('Stop closes the upstream socket within 200 ms', async ({ page }) => {
    const chat = new ChatPage(page);
    const nonce = uniqueNonce('stoptiming');
    await chat.goto();
    await chat.selectModel(E2E_MODELS.openai.label);
    await chat.send(`Take your time ${nonce} ${fake('slow')}`);
    await expect(chat.lastAssistant()).toContainText('tick 3.');
    const [request] = await fakeRequests({ contains: nonce });
    // Click Stop inside the page and note the moment, on the same clock the fake logs with.
    const stoppedAt = await chat.stopButton.evaluate((button) => {
      const at = Date.now();
      (button as HTMLButtonElement).click();
      return at;
    });
    await expect
      .poll(async () => (await fakeConnections({ id: request?.connectionId }))[0]?.closedAt, {
        timeout: 5_000,
        intervals: [20],
      })
      .not.toBeNull();
    const closedAt = (await fakeConnections({ id: request?.connectionId }))[0]?.closedAt ?? 0;
    expect(closedAt - stoppedAt).toBeLessThan(200);
  });
});

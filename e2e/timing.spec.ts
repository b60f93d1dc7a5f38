import { expect, type Page, test } from '@playwright/test';
import { fakeConnections, fakeRequests } from './fake-upstream/client.ts';
import { fake, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { measuredSpans, runFigures, settledBars } from './pages/timeline.ts';
import { allOverlap, settledCalls } from './pages/tool-calls.ts';
import { E2E_MODELS } from './support/e2e-env.ts';

/*
 * Checks of what the timeline measures against what happened: overlap, the bars stating the
 * executor's own readings, a simulated latency never cut short, Stop closing the upstream.
 * They run in their own Playwright project, after every other spec and one at a time. How
 * fast things are (step wall against the slowest call, Stop → socket closed) is measured by
 * `npm run bench`, not asserted here: a loaded machine moves those figures by 2×.
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
      // A 1 s simulated service is never measured shorter than its second.
      expect(bar.end - bar.start).toBeGreaterThanOrEqual(999);
    }
    // Three overlapping calls: more than one call's worth of work at once.
    expect(figures.speedup).toBeGreaterThan(1);
    expect(figures.maxConcurrency).toBe(3);
    await expect(page.getByTestId('run-summary')).toContainText('faster than one at a time');
  });

  test('Stop closes the upstream socket', async ({ page }) => {
    const chat = new ChatPage(page);
    const nonce = uniqueNonce('stoptiming');
    await chat.goto();
    await chat.selectModel(E2E_MODELS.openai.label);
    await chat.send(`Take your time ${nonce} ${fake('slow')}`);
    await expect(chat.lastAssistant()).toContainText('tick 3.');
    const [request] = await fakeRequests({ contains: nonce });
    await chat.stopButton.click();
    // The slow fake would keep sending for many seconds: only Stop reaching it closes this.
    await expect
      .poll(async () => (await fakeConnections({ id: request?.connectionId }))[0]?.closedAt, {
        timeout: 10_000,
        intervals: [20],
      })
      .not.toBeNull();
  });
});

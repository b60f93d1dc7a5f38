import { expect, type Page, test } from '@playwright/test';
import { fakeRequests, type RecordedRequest } from './fake-upstream/client.ts';
import { type FakeProvider, fake, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import { allOverlap, noneOverlap, settledCalls, toolCallRows } from './pages/tool-calls.ts';
import { E2E_MODELS } from './support/e2e-env.ts';

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

/** Counts the page's requests to /api/chat. */
function countChatRequests(page: Page) {
  const counter = { value: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith('/api/chat')) counter.value++;
  });
  return counter;
}

async function openWith(page: Page, query: string) {
  const chat = new ChatPage(page);
  await page.goto(`/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

test.describe('offline planner, browser tools', () => {
  test('under the sequential policy the same calls run one after another, in order', async ({
    page,
  }) => {
    const chat = await openWith(page, '?latency=600&policy=sequential');
    await expect(page.getByRole('radio', { name: 'Sequential' })).toBeChecked();
    await chat.send(WEATHER);
    const calls = await settledCalls(page, 3);
    expect(noneOverlap(calls)).toBe(true);
    const byStart = [...calls].sort((a, b) => a.start - b.start).map((call) => call.args);
    expect(byStart).toEqual(['city: "Paris"', 'city: "Tokyo"', 'city: "New York"']);
    await chat.expectAnswer('Warmest right now');
  });

  test('with parallel calls switched off the model emits one call per step', async ({ page }) => {
    const requests = countChatRequests(page);
    const chat = await openWith(page, '?latency=100');
    await page.getByRole('switch', { name: 'Parallel tool calls' }).uncheck();
    await expect(page).toHaveURL(/parallel=0/);
    await chat.send(WEATHER);
    await chat.expectAnswer('over 3 steps');
    await expect(page.locator('.tool-calls')).toHaveCount(3);
    expect(requests.value).toBe(4);
  });

  test('the chained scenario looks up three products, then checks the cheapest one’s stock', async ({
    page,
  }) => {
    const chat = await openWith(page, '?latency=200');
    await page.locator('[data-scenario="cheapest-then-stock"]').click();
    const calls = await settledCalls(page, 4);
    const lookups = calls.filter((call) => call.tool === 'lookup_product');
    const stock = calls.find((call) => call.tool === 'check_inventory');
    expect(lookups).toHaveLength(3);
    expect(allOverlap(lookups)).toBe(true);
    expect(stock?.args).toContain('VEGA-AIR-13');
    // The dependent call starts only after every lookup it depends on has ended.
    expect(lookups.every((lookup) => (stock?.start ?? 0) >= lookup.end)).toBe(true);
    await chat.expectAnswer('over 2 steps');
    await expect(chat.lastAssistant()).toContainText('Kestrel Market Street');
  });

  test('one failing call does not sink its siblings and the answer says what failed', async ({
    page,
  }) => {
    const chat = await openWith(page, '?latency=200');
    await page.locator('[data-scenario="one-call-fails"]').click();
    const calls = await settledCalls(page, 3);
    expect(calls.map((call) => call.status)).toEqual(['ok', 'ok', 'error']);
    await chat.expectAnswer('2 of 3 tool calls succeeded');
    await expect(chat.lastAssistant()).toContainText('get_weather (Atlantis) failed');
  });

  for (const scenario of [
    'compare-products',
    'account-overview',
    'search-everywhere',
    'currency-three-ways',
  ]) {
    test(`scenario ${scenario} fans out three calls and answers from all of them`, async ({
      page,
    }) => {
      const chat = await openWith(page, '?latency=150');
      await page.locator(`[data-scenario="${scenario}"]`).click();
      const calls = await settledCalls(page, 3);
      expect(calls.every((call) => call.status === 'ok')).toBe(true);
      await chat.expectAnswer('Here is what all 3 tool calls returned');
    });
  }

  test('Stop cancels the running calls and no follow-up is sent', async ({ page }) => {
    const requests = countChatRequests(page);
    // The knowledge-base tool's deadline is the longest (8 s): calls of 7.5 s leave a slow
    // machine seconds to land the click while they run.
    const chat = await openWith(page, '?latency=7500');
    await chat.send('Search the docs, the FAQ and the forum for battery life.');
    await expect(toolCallRows(page).filter({ hasText: 'running' })).toHaveCount(3);
    await chat.stopButton.click();
    await chat.waitUntilIdle();
    await expect(toolCallRows(page).and(page.locator('[data-status="cancelled"]'))).toHaveCount(3);
    await expect(waterfall(page)).toHaveAttribute('data-status', 'stopped');
    await expect(waterfall(page).locator('[data-tool][data-status="cancelled"]')).toHaveCount(3);
    // The next message starts a new run with its own request: the stopped run sent nothing more.
    await chat.send('hello');
    await chat.expectAnswer('offline planner');
    expect(requests.value).toBe(2);
    const stepsPerRun = await page.evaluate(() => {
      const trace = (
        window as unknown as {
          __fanoutTrace: {
            getState(): { runOrder: string[]; runs: Record<string, { steps: unknown[] }> };
          };
        }
      ).__fanoutTrace.getState();
      return trace.runOrder.map((id) => trace.runs[id]?.steps.length);
    });
    // One request for the stopped run (no follow-up), one for the greeting.
    expect(stepsPerRun).toEqual([1, 1]);
    await expect(toolCallRows(page).and(page.locator('[data-status="ok"]'))).toHaveCount(0);
  });
});

/** The ids of the outputs a follow-up request carries, however its wire format spells them. */
function outputCallIds(provider: FakeProvider, request: RecordedRequest): string[] {
  const body = request.body as Record<string, unknown>;
  if (provider === 'openai') {
    return (body.input as Array<Record<string, unknown>>)
      .filter((item) => item.type === 'function_call_output')
      .map((item) => String(item.call_id));
  }
  if (provider === 'anthropic') {
    return (body.messages as Array<{ content: unknown }>).flatMap((message) =>
      Array.isArray(message.content)
        ? (message.content as Array<Record<string, unknown>>)
            .filter((block) => block.type === 'tool_result')
            .map((block) => String(block.tool_use_id))
        : [],
    );
  }
  return (body.messages as Array<Record<string, unknown>>)
    .filter((message) => message.role === 'tool')
    .map((message) => String(message.tool_call_id));
}

test.describe('real wire formats through the proxy', () => {
  for (const provider of ['openai', 'openai-chat', 'anthropic', 'compatible'] as const) {
    const model = E2E_MODELS[provider];

    test(`${provider}: three parallel calls run concurrently and return in one follow-up`, async ({
      page,
    }) => {
      const chat = await openWith(page, '?latency=800');
      await chat.selectModel(model.label);
      const nonce = uniqueNonce(provider.replace('-', ''));
      await chat.send(`Weather please ${nonce} ${fake('tools')}`);
      const calls = await settledCalls(page, 3);
      expect(allOverlap(calls)).toBe(true);
      await chat.expectAnswer('from 3 tool results');

      const requests = await fakeRequests({ contains: nonce });
      expect(requests).toHaveLength(2);
      const followUp = requests[1];
      if (!followUp) throw new Error('no follow-up request');
      expect(outputCallIds(provider, followUp).sort()).toEqual(
        calls.map((call) => call.callId).sort(),
      );
    });
  }

  for (const provider of ['openai', 'anthropic'] as const) {
    test(`${provider}: the parallel switch reaches the provider and the model answers one call per step`, async ({
      page,
    }) => {
      const chat = await openWith(page, '?latency=50&parallel=0');
      await chat.selectModel(E2E_MODELS[provider].label);
      const nonce = uniqueNonce(`seq${provider}`);
      await chat.send(`Weather please ${nonce} ${fake('tools')}`);
      await chat.expectAnswer('from 3 tool results');
      const requests = await fakeRequests({ contains: nonce });
      expect(requests).toHaveLength(4);
      const body = requests[0]?.body as Record<string, unknown>;
      if (provider === 'openai') expect(body.parallel_tool_calls).toBe(false);
      else expect(body.tool_choice).toMatchObject({ disable_parallel_tool_use: true });
    });
  }

  test('bad model output: an unknown tool and an invalid input are shown and returned as errors', async ({
    page,
  }) => {
    const chat = await openWith(page, '?latency=100');
    await chat.selectModel(E2E_MODELS.openai.label);
    const nonce = uniqueNonce('bad');
    await chat.send(`Do things ${nonce} ${fake('badtools')}`);
    const calls = await settledRows(page);
    expect(calls.map((call) => [call.tool, call.status])).toEqual([
      ['get_weather', 'ok'],
      ['teleport', 'error'],
      ['get_weather', 'invalid-input'],
    ]);
    await expect(toolCallRows(page).nth(1)).toContainText('unknown tool teleport');
    await expect(toolCallRows(page).nth(2)).toContainText('invalid input for get_weather');
    await chat.expectAnswer('got 3 results back');
    const requests = await fakeRequests({ contains: nonce });
    expect(requests).toHaveLength(2);
  });

  test('a response cut off in the middle of a call is reported and Retry recovers', async ({
    page,
  }) => {
    const chat = await openWith(page, '?latency=100');
    await chat.selectModel(E2E_MODELS.anthropic.label);
    const nonce = uniqueNonce('cut');
    await chat.send(`Weather ${nonce} ${fake('cutoff', 'tools')}`);
    await expect(chat.errorBanner).toContainText('cut off');
    await expect(toolCallRows(page).first()).toContainText('ended before this call');
    await chat.waitUntilIdle();
    await chat.retryButton.click();
    await chat.expectAnswer('from 3 tool results');
    await expect(chat.errorBanner).toBeHidden();
  });
});

/** Rows whose calls settled without a measured run time (rejected before running). */
async function settledRows(page: Page) {
  const rows = toolCallRows(page);
  await expect(rows).toHaveCount(3);
  await expect(
    rows.and(
      page.locator('[data-status="ok"], [data-status="error"], [data-status="invalid-input"]'),
    ),
  ).toHaveCount(3);
  return rows.evaluateAll((elements) =>
    elements.map((element) => {
      const row = element as HTMLElement;
      return { tool: row.dataset.tool ?? '', status: row.dataset.status ?? '' };
    }),
  );
}

import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import { settledCalls, toolCallRows } from './pages/tool-calls.ts';

/** Leaves the keyboard to the page: whatever had focus (the composer) lets go of it. */
async function blurFocus(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

type ChatBody = Record<string, unknown> & { messages: unknown[] };

function recordChatBodies(page: Page): ChatBody[] {
  const bodies: ChatBody[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/chat') && request.method() === 'POST')
      bodies.push(request.postDataJSON() as ChatBody);
  });
  return bodies;
}

async function open(page: Page, query = '') {
  const chat = new ChatPage(page);
  await page.goto(`/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

function controls(page: Page) {
  return page.getByTestId('demo-controls');
}

async function openControls(page: Page) {
  await page.getByTestId('controls-button').click();
  await expect(controls(page)).toBeVisible();
  return controls(page);
}

const DEMO_LINK =
  '?policy=batch&parallel=0&concurrency=3&latency=900&jitter=100&latency.get_weather=1500' +
  '&fault.get_weather=timeout&fault.convert_currency=error&slow=6&concurrency.check_inventory=1' +
  '&ttft=40&tps=300&present=1';

test.describe('demo controls', () => {
  test('a demo link restores every setting, and a run honours them', async ({ page }) => {
    const bodies = recordChatBodies(page);
    const chat = await open(page, DEMO_LINK);
    await expect(page.locator('html')).toHaveAttribute('data-present', '');
    // The quick controls under the composer agree with the link.
    await expect(page.getByRole('radio', { name: 'Batch' })).toBeChecked();
    await expect(page.getByRole('switch', { name: 'Parallel tool calls' })).not.toBeChecked();

    const panel = await openControls(page);
    await expect(panel.getByRole('radio', { name: 'Batch' })).toBeChecked();
    await expect(panel.getByRole('switch', { name: /Parallel tool calls/ })).not.toBeChecked();
    await expect(panel.getByLabel('Concurrency cap (all tools)')).toHaveValue('3');
    await expect(panel.getByLabel('Simulated latency, every tool')).toHaveValue('900');
    await expect(panel.getByLabel('Jitter, every tool')).toHaveValue('100');
    await expect(panel.getByLabel('get_weather simulated latency')).toHaveValue('1500');
    await expect(panel.getByLabel('get_weather jitter')).toHaveValue('100');
    await expect(panel.getByLabel('get_weather failure')).toHaveValue('timeout');
    await expect(panel.getByLabel('convert_currency failure')).toHaveValue('error');
    await expect(panel.getByLabel('lookup_product failure')).toHaveValue('');
    await expect(panel.getByLabel('Slow means ×')).toHaveValue('6');
    await expect(panel.getByLabel('check_inventory concurrency cap (0 = none)')).toHaveValue('1');
    await expect(panel.getByLabel('Time to first token')).toHaveValue('40');
    await expect(panel.getByLabel('Tokens per second (0 = no delay)')).toHaveValue('300');
    await expect(panel.getByRole('switch', { name: /Presentation size/ })).toBeChecked();
    await panel.getByRole('button', { name: 'Close' }).click();

    // The run: parallel calls off (one call per step), batch policy, the server tool's
    // injected error and the pacing all travel with the requests.
    await chat.send('Convert 250 USD to EUR and GBP.');
    await chat.expectAnswer('0 of 2 tool calls succeeded');
    await expect(chat.lastAssistant()).toContainText('Injected failure: convert_currency');
    expect(bodies.length).toBe(3);
    for (const body of bodies) {
      expect(body).toMatchObject({
        policy: 'batch',
        parallelToolCalls: false,
        // The page's cap, which the proxy applies to its server calls too.
        maxConcurrency: 3,
        offlinePacing: { timeToFirstTokenMs: 40, tokensPerSecond: 300 },
        serverTools: {
          convert_currency: { fault: 'error', latency: { baseMs: 900, jitterMs: 100 } },
        },
      });
    }
    await expect(waterfall(page)).toHaveAttribute('data-policy', 'batch');
    await expect(waterfall(page)).toHaveAttribute('data-step-count', '3');
    const bars = waterfall(page).locator('[data-tool=convert_currency]');
    await expect(bars).toHaveCount(2);
    for (const bar of await bars.all()) await expect(bar).toHaveAttribute('data-status', 'error');
  });

  test('an injected timeout gives a timeout bar and an answer that says so', async ({ page }) => {
    const chat = await open(page, '?fault.get_weather=timeout&latency.get_account_balance=200');
    await chat.send("What's the weather in Paris? And show my balance.");
    const balance = toolCallRows(page).filter({ hasText: 'get_account_balance' });
    await expect(balance).toHaveAttribute('data-status', 'ok');
    const bar = waterfall(page).locator('[data-tool=get_weather][data-status=timeout]');
    await expect(bar).toHaveCount(1, { timeout: 15_000 });
    await chat.expectAnswer(/get_weather \(Paris\) timed out/);
    await expect(chat.lastAssistant()).toContainText('timed out after 6000 ms');
    await expect(chat.lastAssistant()).toContainText('Available');
  });

  test('changes go into the link, and Reset returns to the defaults', async ({ page }) => {
    await open(page, '?run=keep');
    const panel = await openControls(page);
    await panel.getByRole('radio', { name: 'Sequential' }).check();
    await panel.getByLabel('calculate failure').selectOption('slow');
    await panel.getByLabel('lookup_product simulated latency').fill('1200');
    await panel.getByLabel('Time to first token').fill('0');
    await expect
      .poll(() => new URL(page.url()).searchParams.toString())
      .toBe(
        'run=keep&policy=sequential&latency.lookup_product=1200&jitter.lookup_product=200&fault.calculate=slow&ttft=0',
      );
    await expect(page.getByTestId('controls-button')).toHaveAccessibleName(
      'Demo controls (changed)',
    );

    // A copied link reproduces it.
    await page.reload();
    const again = await openControls(page);
    await expect(again.getByLabel('calculate failure')).toHaveValue('slow');
    await expect(again.getByLabel('lookup_product simulated latency')).toHaveValue('1200');

    await again.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?run=keep');
    await expect(again.getByLabel('calculate failure')).toHaveValue('');
    await expect(again.getByLabel('lookup_product simulated latency')).toHaveValue('');
    await expect(again.getByRole('radio', { name: 'Parallel', exact: true })).toBeChecked();
    await expect(again.getByRole('button', { name: 'Reset' })).toBeDisabled();
  });

  test('a per-tool cap overrides the spec: one weather call at a time', async ({ page }) => {
    const chat = await open(page, '?concurrency.get_weather=1&latency=300');
    await chat.send("What's the weather in Paris, Tokyo and New York?");
    const calls = await settledCalls(page, 3);
    const sorted = [...calls].sort((a, b) => a.start - b.start);
    for (let index = 1; index < sorted.length; index++)
      expect(sorted[index]?.start ?? 0).toBeGreaterThanOrEqual(sorted[index - 1]?.end ?? 0);
    await chat.expectAnswer('Warmest right now');
  });
});

test.describe('scenarios, shortcuts and themes', () => {
  test('the gallery opens during a conversation and one click runs a scenario', async ({
    page,
  }) => {
    const chat = await open(page, '?latency=100');
    await expect(chat.examplePrompts.first()).toContainText('Watch:');
    await chat.send('hello');
    await chat.expectAnswer('offline planner');
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const gallery = page.getByTestId('scenario-dialog');
    await expect(gallery.locator('.scenario-card')).toHaveCount(8);
    await expect(gallery).toContainText('Three bars overlap');
    await gallery.getByRole('button', { name: /Weather in three cities/ }).click();
    await expect(gallery).toBeHidden();
    await expect(chat.userMessages.last()).toHaveText(
      "What's the weather in Paris, Tokyo and New York?",
    );
    await chat.expectAnswer('Warmest right now');
  });

  test('keyboard shortcuts and their help dialog', async ({ page }) => {
    const chat = await open(page, '?latency=100');
    // Nothing focused (a click on the page's middle could land on an example prompt and send it).
    await blurFocus(page);
    await page.keyboard.press('?');
    const help = page.getByTestId('help-dialog');
    await expect(help).toBeVisible();
    await expect(help).toContainText('Show or hide the timeline');
    await expect(help).toContainText('Previous run in the timeline');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    await page.keyboard.press('d');
    await expect(controls(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(controls(page)).toBeHidden();

    // Two runs; [ and ] move between them in the timeline.
    await chat.send("What's the weather in Paris?");
    await chat.expectAnswer('Paris');
    await chat.send('Show my balance.');
    await chat.expectAnswer('Available');
    const second = await waterfall(page).getAttribute('data-run-id');
    await blurFocus(page);
    await page.keyboard.press('[');
    await expect(waterfall(page)).not.toHaveAttribute('data-run-id', second ?? '');
    await expect(waterfall(page).locator('[data-tool=get_weather]')).toHaveCount(1);
    await page.keyboard.press(']');
    await expect(waterfall(page)).toHaveAttribute('data-run-id', second ?? '');

    await page.keyboard.press('t');
    await expect(page.getByRole('complementary', { name: 'Timeline' })).toBeHidden();
    await page.keyboard.press('t');
    await expect(page.getByRole('complementary', { name: 'Timeline' })).toBeVisible();

    // Esc stops a running answer, even from the message box (a call just under its deadline).
    await page.goto('/?latency=5500');
    await expect(chat.modelPicker).toBeEnabled();
    await chat.send("What's the weather in Paris?");
    await expect(chat.lastAssistant().locator('li.tool-call')).toHaveCount(1);
    await expect(waterfall(page).locator('[data-tool=get_weather]')).toHaveAttribute(
      'data-status',
      'running',
    );
    await chat.composer.press('Escape');
    await chat.waitUntilIdle();
    await expect(waterfall(page)).toHaveAttribute('data-status', 'stopped');
  });

  test('the theme follows the system until overridden, and the override is kept', async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const panel = await openControls(page);
    await panel.getByRole('radio', { name: 'Light' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const again = await openControls(page);
    await again.getByRole('radio', { name: 'System' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { settledBars, waterfall } from './pages/timeline.ts';

/**
 * What a presenter rehearsing a five-minute demo stumbled on (issue 16): one test per item.
 */

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

async function open(page: Page, query = '') {
  const chat = new ChatPage(page);
  await page.goto(`/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

function controls(page: Page) {
  return page.getByTestId('demo-controls');
}

/** Each call of the latest run: its tool, input and status, as the trace store holds them. */
async function latestCalls(page: Page) {
  return page.evaluate(() => {
    type Span = { toolName: string; input?: unknown; status?: string };
    const state = (
      window as unknown as {
        __fanoutTrace: {
          getState(): { runOrder: string[]; runs: Record<string, { spans: Record<string, Span> }> };
        };
      }
    ).__fanoutTrace.getState();
    const run = state.runs[state.runOrder.at(-1) ?? ''];
    return Object.values(run?.spans ?? {}).map((span) => ({
      tool: span.toolName,
      input: span.input as Record<string, unknown> | undefined,
      status: span.status,
    }));
  });
}

test.describe('rehearsal polish', () => {
  test('1. shortcuts work from the message box with Alt+Shift, plain keys outside it', async ({
    page,
  }) => {
    const chat = await open(page, '?latency=100');
    await expect(chat.composer).toBeFocused();
    // A plain ? is typed, as it should be.
    await chat.composer.press('?');
    await expect(chat.composer).toHaveValue('?');
    await expect(page.getByTestId('help-dialog')).toBeHidden();
    await chat.composer.fill('');

    // Alt+Shift+/ opens the help from the message box, and types nothing.
    await chat.composer.press('Alt+Shift+Slash');
    const help = page.getByTestId('help-dialog');
    await expect(help).toBeVisible();
    await expect(chat.composer).toHaveValue('');
    await expect(help).toContainText('work anywhere, the message box included');
    await expect(help.locator('[data-shortcut=controls]')).toContainText('Alt + Shift + D');
    await expect(help.locator('[data-shortcut="Next event"]')).toContainText('.');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    await chat.composer.focus();
    await page.keyboard.press('Alt+Shift+KeyD');
    await expect(controls(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(controls(page)).toBeHidden();

    await chat.composer.focus();
    await page.keyboard.press('Alt+Shift+KeyS');
    await expect(page.getByTestId('scenario-dialog')).toBeVisible();
    await page.keyboard.press('Escape');

    const timeline = page.getByRole('complementary', { name: 'Timeline' });
    await expect(timeline).toBeVisible();
    await chat.composer.focus();
    await page.keyboard.press('Alt+Shift+KeyW');
    await expect(timeline).toBeHidden();
    await page.keyboard.press('Alt+Shift+KeyW');
    await expect(timeline).toBeVisible();

    // Outside a text field the plain keys still work.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    await expect(help).toBeVisible();
  });

  test('2. the offline planner’s examples send themselves when clicked', async ({ page }) => {
    const chat = await open(page, '?latency=100');
    await chat.send('What can you do?');
    await chat.expectAnswer('Things to try');
    const examples = chat.lastAssistant().locator('button.prompt-link');
    expect(await examples.count()).toBeGreaterThanOrEqual(5);
    // An example is a button, not a link that would navigate.
    await expect(chat.lastAssistant().locator('a[href^="fanout-prompt"]')).toHaveCount(0);
    await examples.filter({ hasText: 'weather in Paris, Tokyo' }).click();
    await expect(chat.userMessages).toHaveCount(2);
    await expect(chat.userMessages.last()).toHaveText(WEATHER);
    await chat.expectAnswer('Warmest right now');
  });

  test('3. a stopped answer says so in the chat, after a reload too', async ({ page }) => {
    const chat = await open(page, '?latency=5000');
    await chat.send("What's the weather in Paris?");
    await expect(waterfall(page).locator('[data-tool=get_weather]')).toHaveAttribute(
      'data-status',
      'running',
    );
    await chat.stopButton.click();
    await chat.waitUntilIdle();
    const note = chat.conversation.getByTestId('message-stopped');
    await expect(note).toHaveCount(1);
    await expect(chat.lastAssistant().getByTestId('message-stopped')).toContainText('Stopped');
    await page.reload();
    await expect(chat.lastAssistant().getByTestId('message-stopped')).toContainText('Stopped');

    // A finished answer says nothing of the kind.
    await chat.send('hello');
    await chat.expectAnswer('Hello!');
    await expect(chat.conversation.getByTestId('message-stopped')).toHaveCount(1);
  });

  test('4. counts read right: one call, both, three calls, one message', async ({ page }) => {
    const chat = await open(page, '?latency=100');
    await chat.send("What's the weather in Paris?");
    await chat.expectAnswer('Paris');
    const callCount = () => chat.lastAssistant().locator('.tool-calls-header > span').first();
    await expect(callCount()).toHaveText('1 tool call');
    const headline = page.getByTestId('run-summary').locator('.run-headline');
    await expect(headline).toContainText(/(^|\D)1 call(?!s)/);
    await chat.send(WEATHER);
    await chat.expectAnswer('Warmest right now');
    await expect(callCount()).toHaveText('3 tool calls');
    await expect(headline).toContainText('3 calls');
    await page.getByRole('button', { name: 'History' }).click();
    await expect(page.locator('.history-meta').first()).toContainText('4 messages');
    await page.keyboard.press('Escape');
    // The run library names a one-call run "1 call".
    await page
      .getByRole('navigation', { name: 'Modes' })
      .getByRole('button', { name: 'Replay' })
      .click();
    await expect(page.getByTestId('replay-run').locator('option')).toContainText([
      /· 1 call ·/,
      /· 3 calls ·/,
    ]);
  });

  test('5. every demo control fits in its drawer at 1024–1440 and on a phone', async ({ page }) => {
    for (const [width, height, query] of [
      [1024, 768, ''],
      [1280, 800, ''],
      [1440, 900, ''],
      [390, 844, ''],
      [1280, 800, '?present=1'],
      [390, 844, '?present=1'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await open(page, query);
      await page.getByTestId('controls-button').click();
      await expect(controls(page)).toBeVisible();
      const overflow = await controls(page).evaluate((dialog) => {
        const box = dialog.getBoundingClientRect();
        const outside: string[] = [];
        if (box.right > window.innerWidth + 1 || box.left < -1) outside.push('the drawer');
        if (box.bottom > window.innerHeight + 1) outside.push('the drawer’s foot');
        for (const element of dialog.querySelectorAll(
          'input, select, button, label, th, td, output, p, h3, li',
        )) {
          const rect = element.getBoundingClientRect();
          if (rect.width === 0) continue;
          if (rect.right > box.right + 1 || rect.left < box.left - 1) {
            outside.push(`${element.tagName} ${element.textContent?.slice(0, 30) ?? ''}`);
          }
        }
        for (const scroller of dialog.querySelectorAll('.side-dialog-body, .control-table-wrap')) {
          if (scroller.scrollWidth > scroller.clientWidth + 1) outside.push(scroller.className);
        }
        return outside;
      });
      expect(overflow, `${width}×${height}${query}`).toEqual([]);
      // The cap column is on screen, not cut off.
      const cap = controls(page).getByLabel('get_weather concurrency cap (0 = none)');
      await cap.scrollIntoViewIfNeeded();
      await expect(cap).toBeInViewport({ ratio: 1 });
    }
  });

  test('6. a fault for one call: Tokyo times out while Paris and New York succeed', async ({
    page,
  }) => {
    const chat = await open(page, '?latency=200');
    await page.getByTestId('controls-button').click();
    const rules = controls(page).getByTestId('call-faults');
    await rules.getByLabel('Tool').selectOption('get_weather');
    await rules.getByLabel('Input value').fill('Tokyo');
    await rules.getByLabel('Failure').selectOption('timeout');
    await rules.getByRole('button', { name: 'Add' }).click();
    await expect(rules.locator('[data-call-fault="get_weather@Tokyo"]')).toContainText('timeout');
    await expect(page).toHaveURL(/fault\.get_weather@Tokyo=timeout/);
    await page.keyboard.press('Escape');

    // The link alone carries the rule.
    await page.reload();
    await expect(chat.modelPicker).toBeEnabled();
    await chat.send(WEATHER);
    await settledBars(page, 3);
    await chat.waitUntilIdle();
    const calls = await latestCalls(page);
    const statusOf = (city: string) => calls.find((call) => call.input?.city === city)?.status;
    expect(statusOf('Tokyo')).toBe('timeout');
    expect(statusOf('Paris')).toBe('ok');
    expect(statusOf('New York')).toBe('ok');
  });

  test('7. a link runs its prompt once, and Copy link can carry the prompt', async ({ page }) => {
    const chat = new ChatPage(page);
    await page.goto(`/?latency=100&prompt=${encodeURIComponent(WEATHER)}&run=1`);
    await expect(chat.userMessages).toHaveText([WEATHER]);
    await chat.expectAnswer('Warmest right now');
    // Sent once: the address bar no longer asks for it, and the settings stay.
    await expect(page).not.toHaveURL(/run=1|prompt=/);
    await expect(page).toHaveURL(/latency=100/);
    await page.reload();
    await expect(chat.userMessages).toHaveText([WEATHER]);
    await chat.waitUntilIdle();

    // The controls offer the last prompt for the link; the link then runs it.
    await page.getByTestId('controls-button').click();
    await expect(controls(page).getByLabel('Prompt the link runs (optional)')).toHaveValue(WEATHER);
    const link = (await controls(page).getByTestId('controls-link').textContent()) ?? '';
    const url = new URL(link);
    expect(url.searchParams.get('prompt')).toBe(WEATHER);
    expect(url.searchParams.get('run')).toBe('1');
    expect(url.searchParams.get('latency')).toBe('100');
    // Copy link copies exactly that link.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await controls(page).getByRole('button', { name: 'Copy link' }).click();
    await expect(controls(page)).toContainText('Link copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Opened over a conversation in storage, the scene starts in a new one.
    url.searchParams.set('prompt', 'hello');
    await page.goto(`${url.pathname}${url.search}`);
    await expect(chat.userMessages).toHaveText(['hello']);
    await chat.expectAnswer('Hello!');
  });

  test('8. replay at 0.25× and 0.5×, stepping event by event with the keyboard', async ({
    page,
  }) => {
    const chat = await open(page, '?latency=300');
    await chat.send(WEATHER);
    await settledBars(page, 3);
    await chat.expectAnswer('Warmest right now');
    await page.getByRole('button', { name: 'Replay run' }).click();
    const replay = page.getByTestId('replay');
    await expect(replay).toBeVisible();
    await page.getByRole('radio', { name: '0.25×' }).check({ force: true });
    await expect(replay).toHaveAttribute('data-replay-speed', '0.25');
    await page.getByRole('radio', { name: '0.5×' }).check({ force: true });
    await expect(replay).toHaveAttribute('data-replay-speed', '0.5');

    // Back to the start, paused; then . steps forward to each next event, , steps back.
    await page.getByRole('button', { name: 'Restart' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await replay.focus();
    await page.keyboard.press('Home'); // nothing: only , . and the arrows step
    const ms = async () => Number(await replay.getAttribute('data-replay-ms'));
    const start = await ms();
    await page.keyboard.press('.');
    await expect(replay).toHaveAttribute('data-replay-state', 'paused');
    const first = await ms();
    expect(first).toBeGreaterThan(start);
    await page.keyboard.press('.');
    await page.keyboard.press('ArrowRight');
    const third = await ms();
    expect(third).toBeGreaterThan(first);
    await page.keyboard.press(',');
    const back = await ms();
    expect(back).toBeLessThan(third);
    expect(back).toBeGreaterThan(first);
    // Stepping to the end shows the finished run.
    for (let step = 0; step < 60; step++) await page.keyboard.press('.');
    await expect(replay).toHaveAttribute('data-replay-state', 'ended');
    await expect(replay.getByTestId('waterfall')).toHaveAttribute('data-status', 'complete');
  });

  test('12. a deleted conversation can be restored with Undo', async ({ page }) => {
    const chat = await open(page, '?latency=50');
    await chat.send('hello');
    await chat.expectAnswer('Hello!');
    await page.getByRole('button', { name: 'History' }).click();
    const list = page.getByRole('list', { name: 'Saved conversations' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await list.getByRole('button', { name: /Delete “hello/ }).click();
    const undo = page.getByTestId('history-undo').filter({ visible: true });
    await expect(undo).toContainText('Deleted “hello”');
    await expect(list).toHaveCount(0);
    await expect(chat.userMessages).toHaveCount(0);
    // Deleting the open conversation closed the drawer: the offer waits in the chat.
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect(undo).toHaveCount(0);
    // It was the open conversation: it is on screen again, in the history, and it lasts.
    await expect(chat.userMessages).toHaveText(['hello']);
    await page.getByRole('button', { name: 'History' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await page.reload();
    await expect(chat.userMessages).toHaveText(['hello']);
  });

  test('13. compare shows starts, output diffs and a context warning', async ({ page }) => {
    const chat = await open(page, '?latency=200');
    await chat.send(WEATHER);
    await settledBars(page, 3);
    await chat.expectAnswer('Warmest right now');
    await page.getByText('Export', { exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Trace JSON/ }).click();
    const exported = JSON.parse(await readFile(await (await download).path(), 'utf8'));

    // Run B: the same calls, one output changed, after four earlier messages.
    const original = exported.runs[0];
    const changed = structuredClone(original);
    changed.id = 'run-b';
    changed.priorMessages = 4;
    const tokyo = Object.values(
      changed.spans as Record<
        string,
        { input: { city?: string }; output: Record<string, unknown> }
      >,
    ).find((span) => span.input.city === 'Tokyo');
    if (!tokyo) throw new Error('no Tokyo call');
    const field = Object.keys(tokyo.output).find((key) => typeof tokyo.output[key] !== 'object');
    if (!field) throw new Error('no plain field in the Tokyo output');
    tokyo.output = { ...tokyo.output, [field]: 'Snow, changed for the test' };
    const first = changed.steps[0];
    first.usage = { ...first.usage, inputTokens: (first.usage?.inputTokens ?? 100) + 600 };
    const a = { ...structuredClone(original), id: 'run-a', priorMessages: 0 };
    const file = test.info().outputPath('two-runs.json');
    await writeFile(file, JSON.stringify({ ...exported, runs: [changed, a] }));

    await page
      .getByRole('navigation', { name: 'Modes' })
      .getByRole('button', { name: 'Compare' })
      .click();
    const compare = page.getByTestId('compare');
    await page.getByLabel('Import a trace file to replay or compare').setInputFiles(file);
    await expect(compare.getByTestId('compare-a')).toHaveValue('run-a');
    await expect(compare.getByTestId('compare-b')).toHaveValue('run-b');

    await expect(compare.getByTestId('compare-context')).toContainText(
      'Different conversation context',
    );
    await expect(compare.getByTestId('compare-context')).toContainText('4 earlier messages');
    const calls = compare.getByTestId('compare-calls');
    await expect(calls).toHaveAttribute('data-output-changed', '1');
    await expect(calls).toHaveAttribute('data-same', '2');
    await expect(calls.locator('[data-change=same]').first()).toContainText(/started \d.*ran \d/);
    const startA = await calls.locator('[data-change]').first().getAttribute('data-a-start-ms');
    expect(Number(startA)).toBeGreaterThanOrEqual(0);
    const row = calls.locator('[data-change=output]');
    await expect(row).toContainText('output changed');
    await calls.locator('.compare-output summary').click();
    const diff = calls.getByTestId('output-diff');
    await expect(diff.locator('[data-diff=added]')).toContainText('Snow, changed for the test');
    await expect(diff.locator('[data-diff=removed]')).toHaveCount(1);
  });
});

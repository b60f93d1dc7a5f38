import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { countChatRequests } from './pages/modes.ts';
import { settledBars, waterfall } from './pages/timeline.ts';

/**
 * The inspector an operator asks for (copy, folded searchable outputs, cost, figure
 * explanations, what went back to the model) and sharing a run by link.
 */

type Span = Record<string, unknown> & { callId: string };

/** A settled weather call of step 1, ms from the run's start. */
function call(callId: string, start: number, end: number, extra: Record<string, unknown> = {}) {
  return {
    callId,
    toolName: 'get_weather',
    stepId: 'step-1',
    runsOn: 'browser',
    state: 'settled',
    status: 'ok',
    input: { city: callId },
    output: { city: callId, tempC: 21 },
    inputStartedAt: start - 20,
    inputAvailableAt: start - 1,
    startedAt: start,
    settledAt: end,
    ...extra,
  } satisfies Span;
}

/** A native trace file holding one run of the given calls (two model steps). */
function traceFile(id: string, spans: Span[], modelId = 'offline'): string {
  const lastEnd = 1400;
  const run = {
    id,
    prompt: `Weather, run ${id}`,
    modelId,
    policy: 'parallel',
    parallelToolCalls: true,
    status: 'complete',
    startedAtEpochMs: 1_767_225_600_000,
    startedAtPerf: 1000,
    endedAt: lastEnd + 500,
    steps: [
      {
        id: 'step-1',
        index: 0,
        requestAt: 0,
        firstByteAt: 100,
        firstContentAt: 150,
        finishedAt: 300,
        outputsReturnedAt: lastEnd,
        callIds: spans.map((span) => span.callId),
        finishReason: 'tool-calls',
        usage: { inputTokens: 800, outputTokens: 100, totalTokens: 900 },
      },
      {
        id: 'step-2',
        index: 1,
        requestAt: lastEnd + 1,
        firstByteAt: lastEnd + 100,
        firstContentAt: lastEnd + 150,
        finishedAt: lastEnd + 500,
        callIds: [],
        finishReason: 'stop',
        usage: { inputTokens: 1200, outputTokens: 150, totalTokens: 1350 },
      },
    ],
    spanOrder: spans.map((span) => span.callId),
    spans: Object.fromEntries(spans.map((span) => [span.callId, span])),
  };
  return JSON.stringify({
    format: 'fanout-trace',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    runs: [run],
  });
}

const threeCalls = () => [
  call('Paris', 300, 900),
  call('Tokyo', 305, 1200),
  call('Lima', 310, 700, {
    status: 'error',
    output: undefined,
    errorText: 'The weather service answered 503',
  }),
];

/** Opens the chat and imports a trace file through the timeline's Import button. */
async function importRun(page: Page, text: string, name = 'run.json') {
  await page
    .getByLabel('Import a trace file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByText(`from ${name}`)).toBeVisible();
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('copy buttons put the input, output, error and the whole call on the clipboard', async ({
  page,
}) => {
  await new ChatPage(page).goto();
  await importRun(page, traceFile('copy', threeCalls()));
  const inspector = page.getByTestId('inspector');

  await waterfall(page).locator('[data-call-id=Paris]').click();
  await inspector.getByRole('button', { name: 'Copy input' }).click();
  await expect(inspector.getByTestId('copy-input')).toHaveText(/Copied/);
  expect(JSON.parse(await clipboard(page))).toEqual({ city: 'Paris' });
  // Keyboard: the output's copy button is reached and pressed without a pointer.
  await inspector.getByRole('button', { name: 'Copy output' }).focus();
  await page.keyboard.press('Enter');
  await expect(inspector.getByTestId('copy-output')).toHaveText(/Copied/);
  expect(JSON.parse(await clipboard(page))).toEqual({ city: 'Paris', tempC: 21 });
  await inspector.getByRole('button', { name: 'Copy call as JSON' }).click();
  const whole = JSON.parse(await clipboard(page));
  expect(whole).toMatchObject({ callId: 'Paris', toolName: 'get_weather', startedAt: 300 });

  await waterfall(page).locator('[data-call-id=Lima]').click();
  await inspector.getByRole('button', { name: 'Copy error' }).click();
  await expect(inspector.getByTestId('copy-error')).toHaveText(/Copied/);
  expect(await clipboard(page)).toBe('The weather service answered 503');
});

test('a share link opens the run read-only with replay in a new page, with no server', async ({
  page,
  context,
}) => {
  await new ChatPage(page).goto();
  await importRun(page, traceFile('shared-run', threeCalls()));
  await page.getByTestId('share-link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Share link copied' })).toBeVisible();
  const link = await clipboard(page);
  expect(link).toMatch(/#run=[A-Za-z0-9_-]+$/);

  const other = await context.newPage();
  const chats = countChatRequests(other);
  const traceRequests: string[] = [];
  other.on('request', (request) => {
    if (request.url().includes('run=')) traceRequests.push(request.url());
  });
  await other.goto(link);
  await expect(other.getByTestId('shared-run-note')).toContainText('read-only');
  const replay = other.getByTestId('replay');
  await expect(replay).toHaveAttribute('data-replay-run-id', 'shared-run');
  await expect(replay).toHaveAttribute('data-replay-state', /playing|ended/);
  await other.getByRole('radio', { name: '4×' }).check();
  await expect(replay).toHaveAttribute('data-replay-state', 'ended', { timeout: 15_000 });
  await expect(replay.locator('[data-tool]')).toHaveCount(3);
  await expect(replay.locator('[data-call-id=Lima]')).toHaveAttribute('data-status', 'error');
  // The fragment never left the page, and nothing was asked of the model.
  expect(traceRequests).toEqual([]);
  expect(chats.count()).toBe(0);

  // While the shared run is shown its link stays in the address bar: a reload (or a bookmark)
  // opens it again.
  expect(new URL(other.url()).hash).toMatch(/^#run=/);
  await other.reload();
  await expect(other.getByTestId('shared-run-note')).toContainText('read-only');
  await expect(other.getByTestId('replay')).toHaveAttribute('data-replay-run-id', 'shared-run');
  // Leaving the shared view takes the link out: a reload then opens the chat the person went
  // back to, not the shared run again.
  await other.getByRole('button', { name: 'Fanout: back to the chat' }).click();
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  await other.reload();
  await expect(new ChatPage(other).composer).toBeEditable();
  await expect(other.getByTestId('replay')).toHaveCount(0);
  await expect(other.getByTestId('shared-run-note')).toHaveCount(0);
  await other.close();
});

test('a run too large for a link says so and offers the file', async ({ page }) => {
  await new ChatPage(page).goto();
  // 40 KB of random text does not compress: the link would be far over the limit.
  const noise = randomBytes(30_000).toString('base64');
  await importRun(page, traceFile('too-big', [call('Paris', 300, 900, { output: { noise } })]));
  await page.getByTestId('share-link').click();
  await expect(page.getByRole('alert')).toContainText('too large for a link');
  const download = page.waitForEvent('download');
  await page.getByTestId('share-as-file').click();
  expect((await download).suggestedFilename()).toMatch(/^fanout-trace-.*\.json$/);
});

test('a damaged link says so, and the app still works', async ({ page }) => {
  const chat = new ChatPage(page);
  await page.goto('/#run=eJzLSM3JyVcozy_KSQEAGgQEXQ-cut-off');
  await expect(page.getByTestId('shared-run-error')).toContainText('damaged');
  await page.getByRole('button', { name: 'Fanout: back to the chat' }).click();
  await expect(chat.modelPicker).toBeEnabled();
  await expect(chat.composer).toBeEditable();
  // The damaged link is gone from the address bar: a reload does not say so again.
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  await page.reload();
  await expect(chat.composer).toBeEditable();
  await expect(page.getByTestId('shared-run-error')).toHaveCount(0);
});

test('a 2 MB output opens folded, unfolds lazily and is searchable with a count', async ({
  page,
}) => {
  await new ChatPage(page).goto();
  const items = Array.from({ length: 20_000 }, (_, index) => ({
    index,
    name: `item ${index} of a long listing`,
    tags: ['alpha', 'beta', 'gamma'],
  }));
  const big = call('Paris', 300, 900, { output: { items } });
  await importRun(page, traceFile('big', [big]), 'big.json');
  await waterfall(page).locator('[data-call-id=Paris]').click();
  const block = page.getByTestId('inspector').getByTestId('text-block');
  await expect(block).toBeVisible();
  expect(Number(await block.getAttribute('data-rows'))).toBeGreaterThan(100_000);
  await expect(block.locator('.text-row')).toHaveCount(40);
  await block.getByRole('button', { name: /Show all [\d,]+ lines/ }).click();
  // Only the rows in view are drawn, whatever the output's length.
  expect(await block.locator('.text-row').count()).toBeLessThan(100);

  const search = block.getByRole('searchbox', { name: 'Search output' });
  await search.fill('item 19999 of');
  await expect(block.getByTestId('match-count')).toHaveText('1 of 1 match');
  await expect(block.locator('mark.text-match-current')).toHaveText('item 19999 of');
  await search.fill('gamma');
  await expect(block.getByTestId('match-count')).toHaveText('1 of 10,000+ matches');
  await search.press('Enter');
  await expect(block.getByTestId('match-count')).toHaveText('2 of 10,000+ matches');
  // The folded block, its search and the copy buttons pass an accessibility scan.
  const scan = await new AxeBuilder({ page }).include('[data-testid=inspector]').analyze();
  const serious = scan.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});

test('cost shows for a priced model, per run and per model step, and nowhere otherwise', async ({
  page,
}) => {
  await new ChatPage(page).goto();
  await importRun(page, traceFile('priced', threeCalls(), 'offline'), 'priced.json');
  // (800 + 1200) × 1000 + (100 + 150) × 2000, per million: $2.50 (test prices).
  await expect(page.getByTestId('run-cost')).toContainText('$2.5');
  await waterfall(page).locator('[data-model-step=step-1]').click();
  // 800 × 1000 + 100 × 2000, per million.
  await expect(page.getByTestId('step-cost')).toHaveText('$1');

  await importRun(page, traceFile('unpriced', threeCalls(), 'compatible:llama3.2'), 'free.json');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-run-id', 'unpriced');
  await expect(page.getByTestId('run-cost')).toHaveCount(0);
  await waterfall(page).locator('[data-model-step=step-1]').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('step-cost')).toHaveCount(0);
});

test('figure explanations open from the keyboard and are read as descriptions', async ({
  page,
}) => {
  await new ChatPage(page).goto();
  await importRun(page, traceFile('figures', threeCalls()));
  const about = page.getByRole('button', { name: 'About Wall' });
  await expect(about).toHaveAccessibleDescription(/time at least one tool call was running/);
  await about.focus();
  await page.keyboard.press('Enter');
  await expect(about).toHaveAttribute('aria-expanded', 'true');
  const tip = page.getByRole('tooltip').filter({ hasText: 'time at least one tool call' });
  await expect(tip).toBeVisible();
  const scan = await new AxeBuilder({ page }).include('[data-testid=run-summary]').analyze();
  const serious = scan.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(about).toBeFocused();
});

test('the follow-up step’s inspector lists every tool result it carried, by call id', async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.send("What's the weather in Paris, Tokyo and New York?");
  const bars = await settledBars(page, 3);
  await chat.expectAnswer('Warmest right now');
  const steps = waterfall(page).locator('[data-model-step]');
  await expect(steps).toHaveCount(2);
  await steps.nth(1).click();
  const carried = page.getByTestId('carried-outputs');
  await expect(carried).toContainText('3 tool results in this one request');
  const carriedIds = await carried
    .locator('li')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.callId));
  expect(carriedIds.sort()).toEqual(bars.map((bar) => bar.callId).sort());
  await expect(carried.locator('li[data-carried-state=output]')).toHaveCount(3);
  await steps.nth(0).click();
  await expect(page.getByTestId('carried-pointer')).toContainText('3 results went back');
});

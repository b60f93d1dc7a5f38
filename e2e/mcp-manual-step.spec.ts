import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import { allOverlap, settledCalls } from './pages/tool-calls.ts';
import { EVERYTHING, startAppWithMcp, stop } from './support/mcp-servers.ts';

/**
 * Issue 13's Done-when: with no key at all (the offline planner answers), a user runs MCP tools
 * of the reference `everything` server by hand, as one parallel step, typed or from the tools
 * panel.
 */
test.describe.configure({ mode: 'serial' });

let dir = '';
let appUrl = '';
let app: ChildProcess | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fanout-e2e-mcp-manual-'));
  const started = await startAppWithMcp(
    dir,
    { mcpServers: { everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] } } },
    // No key: the offline planner is the only model.
    { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' },
  );
  app = started.app;
  appUrl = started.url;
});

test.afterAll(() => {
  stop(app);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const LONG = 'everything_trigger-long-running-operation';
const SUM = 'everything_get-sum';

async function open(page: Page, query = ''): Promise<ChatPage> {
  const chat = new ChatPage(page);
  await page.goto(`${appUrl}/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  await expect(page.locator('html[data-proxy-tools="ready"]')).toHaveCount(1);
  return chat;
}

function bars(page: Page, tool: string) {
  return waterfall(page).locator(`[data-tool="${tool}"]`);
}

test('three typed /call lines on MCP tools run at once, with progress, and the answer shows 42', async ({
  page,
}) => {
  const chat = await open(page);
  await chat.send(
    [
      `/call ${LONG} {"duration":2,"steps":2}`,
      `/call ${LONG} {"duration":3,"steps":2}`,
      `/call ${SUM} {"a":19,"b":23}`,
    ].join('\n'),
  );
  // The server's progress shows inside a running bar.
  await expect(bars(page, LONG).and(page.locator('[data-progress]')).first()).toBeVisible();
  const calls = await settledCalls(page, 3);
  expect(calls.map((call) => call.tool)).toEqual([LONG, LONG, SUM]);
  expect(calls.every((call) => call.status === 'ok')).toBe(true);
  expect(allOverlap(calls)).toBe(true);
  await chat.expectAnswer('3 of 3 calls returned a result');
  await expect(chat.lastAssistant()).toContainText('The sum of 19 and 23 is 42');
  for (const each of await bars(page, LONG).all()) {
    await expect(each).toHaveAttribute('data-runs-on', 'server');
  }
});

test('the tools panel lists MCP tools; a filled form runs beside a second call', async ({
  page,
}) => {
  const chat = await open(page);
  await page.getByRole('button', { name: 'Tools' }).click();
  const dialog = page.getByTestId('tools-dialog');
  await expect(dialog).toBeVisible();
  const card = (name: string) => dialog.locator(`[data-tool-name="${name}"]`);
  await expect(card(SUM)).toContainText('mcp:everything');

  await card(SUM).locator('summary').click();
  await card(SUM).locator('[data-field="a"]').fill('19');
  await card(SUM).locator('[data-field="b"]').fill('23');
  await card(SUM).getByRole('button', { name: 'Add to step' }).click();

  await card(LONG).locator('summary').click();
  await card(LONG).locator('[data-field="duration"]').fill('2');
  await card(LONG).locator('[data-field="steps"]').fill('2');
  await card(LONG).getByRole('button', { name: 'Add to step' }).click();

  await dialog.getByRole('button', { name: 'Run 2 calls at once' }).click();
  await expect(dialog).toBeHidden();
  await expect(chat.userMessages.first()).toContainText(`/call ${SUM} {"a":19,"b":23}`);
  const calls = await settledCalls(page, 2);
  expect(calls.map((call) => call.tool)).toEqual([SUM, LONG]);
  expect(calls.every((call) => call.status === 'ok')).toBe(true);
  expect(allOverlap(calls)).toBe(true);
  await chat.expectAnswer('2 of 2 calls returned a result');
  await expect(chat.lastAssistant()).toContainText('The sum of 19 and 23 is 42');
});

test('two identical MCP calls in one step: the first runs, the second shares its result', async ({
  page,
}) => {
  const chat = await open(page);
  await chat.send(
    [
      `/call ${LONG} {"duration":2,"steps":2}`,
      `/call ${LONG} {"steps":2,"duration":2}`,
      `/call ${SUM} {"a":19,"b":23}`,
    ].join('\n'),
  );
  // Live: the duplicate is drawn as sharing (waiting for the first) while the first runs.
  await expect(waterfall(page).locator('[data-tool] .wf-seg-sharing.wf-seg-open')).toHaveCount(1);
  await expect(waterfall(page).locator('[data-tool] .wf-seg-running.wf-seg-open')).toHaveCount(1);
  const calls = await settledCalls(page, 3);
  expect(calls.map((call) => [call.tool, call.status])).toEqual([
    [LONG, 'ok'],
    [LONG, 'deduplicated'],
    [SUM, 'ok'],
  ]);
  const longs = bars(page, LONG);
  await expect(longs.nth(0)).toHaveAttribute('data-status', 'ok');
  await expect(longs.nth(1)).toHaveAttribute('data-status', 'deduplicated');
  await expect(page.locator(`li.tool-call[data-call-id="${calls[1]?.callId}"]`)).toContainText(
    'shared result',
  );
  await chat.expectAnswer('3 of 3 calls returned a result');
  await expect(chat.lastAssistant()).toContainText('Long running operation completed');
  await page.screenshot({ path: '/tmp/shots-mcp2/dedup-1280.png' });
});

test('the page’s concurrency cap holds MCP calls too: at 1 they run one after another, queued', async ({
  page,
}) => {
  const chat = await open(page, '?concurrency=1');
  await chat.send(
    [
      // The first call lasts long enough that "two waiting" is still true when a loaded machine
      // looks (the states below are live, so each must last longer than a slow check).
      `/call ${LONG} {"duration":4,"steps":1}`,
      `/call ${LONG} {"duration":3,"steps":1}`,
      `/call ${SUM} {"a":19,"b":23}`,
    ].join('\n'),
  );
  // Live: while the first runs, the others wait on the proxy, shown queued as they wait; then
  // the second's bar turns running while the third still waits.
  const openPhase = (phase: string) =>
    waterfall(page).locator(`[data-tool] .wf-seg-${phase}.wf-seg-open`);
  await expect(openPhase('queued')).toHaveCount(2);
  await expect(page.locator('li.tool-call[data-status="queued"]')).toHaveCount(2);
  await expect(openPhase('queued')).toHaveCount(1);
  await expect(openPhase('running')).toHaveCount(1);
  await settledCalls(page, 3);
  await chat.expectAnswer('3 of 3 calls returned a result');
  await expect(chat.lastAssistant()).toContainText('The sum of 19 and 23 is 42');
  const ran = await waterfall(page)
    .locator('[data-tool][data-runs-on="server"]')
    .evaluateAll((elements) =>
      elements.map((element) => {
        const data = (element as HTMLElement).dataset;
        const start = Number(data.startMs);
        return { start, end: start + Number(data.durationMs), queued: data.queuedMs ?? '' };
      }),
    );
  expect(ran).toHaveLength(3);
  // Their running phases (the proxy's readings) never overlap.
  const sorted = [...ran].sort((a, b) => a.start - b.start);
  for (let index = 1; index < sorted.length; index++)
    // (Less the 0.1 ms rounding of each of the three figures in the bars' data attributes.)
    expect(sorted[index]?.start).toBeGreaterThanOrEqual((sorted[index - 1]?.end ?? Infinity) - 0.3);
  // Two of them waited, and their bars keep that wait as a queued phase; the first did not.
  await expect(waterfall(page).locator('[data-tool] .wf-seg-queued')).toHaveCount(2);
  await page.screenshot({ path: '/tmp/shots-mcp2/cap-1280.png' });
});

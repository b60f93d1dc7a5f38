import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { toolCatalogSchema } from '../src/shared/tool-catalog.ts';
import { fake, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import { E2E_MODELS } from './support/e2e-env.ts';
import {
  EVERYTHING,
  FILESYSTEM,
  freePort,
  startAppWithMcp,
  stop,
  waitFor,
} from './support/mcp-servers.ts';

/**
 * Issue 13: MCP servers nobody here wrote (the reference `everything` and `filesystem`
 * servers), connected through FANOUT_MCP_CONFIG to an app server this spec owns, driven by the
 * fake upstream's models in every wire format.
 */
test.describe.configure({ mode: 'serial' });

let dir = '';
let appUrl = '';
let app: ChildProcess | undefined;
let web: ChildProcess | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fanout-e2e-mcp-'));
  writeFileSync(join(dir, 'hello.txt'), 'hello from the filesystem server');
  const [webPort, downPort] = [await freePort(), await freePort()];
  // `web`: the everything server over Streamable HTTP, which a test kills mid-call.
  web = spawn(process.execPath, [EVERYTHING, 'streamableHttp'], {
    env: { ...process.env, PORT: String(webPort) },
    stdio: 'ignore',
  });
  await waitFor(`http://127.0.0.1:${webPort}/mcp`, (status) => status > 0);
  const config = {
    mcpServers: {
      everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] },
      fs: { command: process.execPath, args: [FILESYSTEM, dir] },
      web: { url: `http://127.0.0.1:${webPort}/mcp`, timeoutMs: 8000 },
      // Nothing listens here: the server is down from the start. Its token is a `${NAME}`
      // reference the proxy resolves from its own environment.
      down: {
        url: `http://127.0.0.1:${downPort}/mcp`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own syntax
        headers: { authorization: 'Bearer ${E2E_MCP_TOKEN}' },
      },
    },
  };
  const started = await startAppWithMcp(dir, config, { E2E_MCP_TOKEN: 'not-a-real-token' });
  app = started.app;
  appUrl = started.url;
});

test.afterAll(() => {
  stop(app);
  stop(web);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(page: Page, modelLabel?: string): Promise<ChatPage> {
  const chat = new ChatPage(page);
  await page.goto(appUrl);
  await expect(chat.modelPicker).toBeEnabled();
  // The page knows the proxy's MCP tools once it has read /api/tools.
  await expect(page.locator('html[data-proxy-tools="ready"]')).toHaveCount(1);
  if (modelLabel) await chat.selectModel(modelLabel);
  return chat;
}

function bar(page: Page, tool: string) {
  return waterfall(page).locator(`[data-tool="${tool}"]`);
}

async function interval(locator: ReturnType<typeof bar>) {
  return locator.evaluate((element) => {
    const data = (element as HTMLElement).dataset;
    return { start: Number(data.startMs), end: Number(data.endMs), status: data.status ?? '' };
  });
}

const LONG = 'everything_trigger-long-running-operation';
const SUM = 'everything_get-sum';

for (const provider of ['openai', 'openai-chat', 'anthropic'] as const) {
  test(`${provider}: two 2 s operations and a sum run as one step beside a browser tool, with progress`, async ({
    page,
  }) => {
    const chat = await open(page, E2E_MODELS[provider].label);
    await chat.send(
      `Run them ${uniqueNonce(`mcp${provider.replace('-', '')}`)} ${fake(`calls=${LONG}*2|${SUM}|get_weather`)}`,
    );
    // While the operations run, their servers' progress shows inside the running bars.
    await expect(bar(page, LONG).and(page.locator('[data-progress]')).first()).toBeVisible();
    await chat.expectAnswer('The sum of 19 and 23 is 42.');
    const longs = bar(page, LONG);
    await expect(longs).toHaveCount(2);
    const calls = [
      await interval(longs.nth(0)),
      await interval(longs.nth(1)),
      await interval(bar(page, SUM)),
    ];
    for (const call of calls) expect(call.status).toBe('ok');
    // Both operations were running at once, and the sum ran while they did.
    const [a, b, sum] = calls as [(typeof calls)[0], (typeof calls)[0], (typeof calls)[0]];
    expect(a.start < b.end && b.start < a.end).toBe(true);
    expect(sum.start < Math.min(a.end, b.end)).toBe(true);
    for (const tool of [LONG, SUM]) {
      for (const each of await bar(page, tool).all()) {
        await expect(each).toHaveAttribute('data-runs-on', 'server');
        await expect(each).toHaveAttribute('data-timed-on', 'proxy');
      }
    }
    await expect(bar(page, 'get_weather')).toHaveAttribute('data-runs-on', 'browser');
    await expect(bar(page, 'get_weather')).toHaveAttribute('data-status', 'ok');
    await expect(chat.lastAssistant()).toContainText('Long running operation completed');
  });
}

test('a server killed mid-call fails that call alone', async ({ page }) => {
  const chat = await open(page, E2E_MODELS.openai.label);
  await chat.send(
    `Kill it ${uniqueNonce('mcpkill')} ${fake('calls=web_trigger-long-running-operation|everything_get-sum')}`,
  );
  const webBar = bar(page, 'web_trigger-long-running-operation');
  await expect(webBar.and(page.locator('[data-progress]'))).toBeVisible();
  stop(web);
  await chat.expectAnswer('The sum of 19 and 23 is 42.');
  await expect(webBar).toHaveAttribute('data-status', 'error');
  await expect(
    page.locator('li.tool-call[data-tool="web_trigger-long-running-operation"]'),
  ).toContainText('MCP server web stopped answering during the call');
  await expect(bar(page, SUM)).toHaveAttribute('data-status', 'ok');
});

test('a server down at start shows in /api/tools and in the page; built-in tools still work', async ({
  page,
  request,
}) => {
  const catalog = toolCatalogSchema.parse(await (await request.get(`${appUrl}/api/tools`)).json());
  const down = catalog.servers.find((server) => server.name === 'down');
  expect(down).toMatchObject({ transport: 'http', status: 'error', toolCount: 0 });
  expect(down?.error).toMatch(/cannot reach it/);
  // The token it was configured with never leaves the proxy.
  expect(JSON.stringify(catalog)).not.toContain('not-a-real-token');
  expect(catalog.servers.find((server) => server.name === 'everything')?.status).toBe('ready');
  expect(catalog.tools.map((tool) => tool.name)).toEqual(
    expect.arrayContaining(['get_weather', SUM, 'fs_write_file', 'fs_read_text_file']),
  );
  expect(catalog.tools.some((tool) => tool.source === 'mcp:down')).toBe(false);

  const chat = await open(page);
  const notice = page.getByTestId('mcp-server-notice');
  await expect(notice).toContainText('down');
  await expect(notice).toContainText('cannot reach it');
  await chat.send('What is the weather in Paris?');
  await chat.expectAnswer('Paris');
  await expect(bar(page, 'get_weather')).toHaveAttribute('data-status', 'ok');
});

test('filesystem write_file waits for approval; read_file does not', async ({ page }) => {
  rmSync(join(dir, 'approved.txt'), { force: true });
  const chat = await open(page, E2E_MODELS.openai.label);
  await chat.send(`Files ${uniqueNonce('mcpfs')} ${fake('calls=fs_write_file|fs_read_text_file')}`);
  const writeRow = page.locator('li.tool-call[data-tool="fs_write_file"]');
  const readRow = page.locator('li.tool-call[data-tool="fs_read_text_file"]');
  await expect(writeRow.getByRole('button', { name: 'Approve' })).toBeVisible();
  // The read ran without asking while the write waits; nothing is written yet.
  await expect(readRow).toHaveAttribute('data-status', 'ok');
  await expect(readRow.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  expect(existsSync(join(dir, 'approved.txt'))).toBe(false);
  await writeRow.getByRole('button', { name: 'Approve' }).click();
  await chat.expectAnswer('hello from the filesystem server');
  await expect(writeRow).toHaveAttribute('data-status', 'ok');
  expect(readFileSync(join(dir, 'approved.txt'), 'utf8')).toBe('written after approval');
});

test('denying write_file never reaches the filesystem server', async ({ page }) => {
  rmSync(join(dir, 'approved.txt'), { force: true });
  const chat = await open(page, E2E_MODELS.openai.label);
  await chat.send(
    `Deny ${uniqueNonce('mcpdeny')} ${fake('calls=fs_write_file|everything_get-sum')}`,
  );
  const writeRow = page.locator('li.tool-call[data-tool="fs_write_file"]');
  await writeRow.getByRole('button', { name: 'Deny' }).click();
  await chat.expectAnswer('The sum of 19 and 23 is 42.');
  await expect(writeRow).toHaveAttribute('data-status', 'denied');
  await expect(bar(page, 'fs_write_file')).toHaveAttribute('data-status', 'denied');
  await expect(bar(page, SUM)).toHaveAttribute('data-status', 'ok');
  expect(existsSync(join(dir, 'approved.txt'))).toBe(false);
});

test('Stop cancels a running MCP call', async ({ page }) => {
  const chat = await open(page, E2E_MODELS.openai.label);
  await chat.send(`Stop it ${uniqueNonce('mcpstop')} ${fake(`calls=${LONG}`)}`);
  const running = bar(page, LONG);
  await expect(running.and(page.locator('[data-progress]'))).toBeVisible();
  await chat.stopButton.click();
  await chat.waitUntilIdle();
  await expect(running).toHaveAttribute('data-status', 'cancelled');
  await expect(page.locator(`li.tool-call[data-tool="${LONG}"]`)).toHaveAttribute(
    'data-status',
    'cancelled',
  );
});

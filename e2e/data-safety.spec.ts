import { type ChildProcess, spawn } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import { FAKE_UPSTREAM_URL, fake, fakeGreeting, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import {
  E2E_HARDENING_ENV,
  E2E_MODELS,
  E2E_OPENAI_KEY,
  SPARE_APP_PORT,
} from './support/e2e-env.ts';

/**
 * Issue 7, data: a proxy that dies mid-answer, a corrupt stored entry and a full disk never
 * cost the user what they already had. (A reload mid-run is covered in timeline.spec.ts.)
 */

/** A second app server this spec owns, so it can kill it without touching the shared one. */
const OWN_PORT = SPARE_APP_PORT;
const OWN_URL = `http://127.0.0.1:${OWN_PORT}`;

function startOwnServer(): ChildProcess {
  return spawn(process.execPath, ['dist/server/node.js'], {
    env: {
      ...process.env,
      PORT: String(OWN_PORT),
      HOST: '127.0.0.1',
      FANOUT_MODEL: '',
      OPENAI_API_KEY: E2E_OPENAI_KEY,
      OPENAI_BASE_URL: `${FAKE_UPSTREAM_URL}/v1`,
      FANOUT_MAX_RETRIES: '0',
      FANOUT_OFFLINE_TTFT_MS: '50',
      FANOUT_OFFLINE_TOKENS_PER_SECOND: '100',
      ...E2E_HARDENING_ENV,
    },
    stdio: 'ignore',
  });
}

async function waitForHealth() {
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${OWN_URL}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 15_000 },
    )
    .toBe(200);
}

async function stopServer(server: ChildProcess | undefined, signal: NodeJS.Signals) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill(signal);
  await exited;
}

test.describe('a crash of the proxy', () => {
  test.describe.configure({ mode: 'serial' });
  let server: ChildProcess | undefined;
  test.afterEach(async () => stopServer(server, 'SIGTERM'));

  test('mid-answer: a clear error, everything kept, Retry works once the server is back', async ({
    page,
  }) => {
    server = startOwnServer();
    await waitForHealth();
    const chat = new ChatPage(page);
    await page.goto(`${OWN_URL}/`);
    await expect(chat.modelPicker).toBeEnabled();
    await chat.selectModel(E2E_MODELS.openai.label);
    const nonce = uniqueNonce('crash');
    const message = `Question ${nonce} ${fake('slow', 'text')}`;
    await chat.send(message);
    await expect(chat.lastAssistant()).toContainText('tick 3.');

    // The proxy dies with no chance to answer anything.
    await stopServer(server, 'SIGKILL');

    await expect(chat.errorBanner).toContainText('connection to the Fanout server was lost');
    await chat.waitUntilIdle();
    await expect(chat.waitingIndicator).toHaveCount(0);
    await expect(chat.userMessages).toHaveText([message]);
    await expect(chat.lastAssistant()).toContainText('tick 3.');
    await expect(waterfall(page)).toHaveAttribute('data-status', 'error');

    // Back up: Retry answers (the fake's script moves on to plain text).
    server = startOwnServer();
    await waitForHealth();
    await chat.retryButton.click();
    await chat.expectAnswer(fakeGreeting('openai'));
    await expect(chat.errorBanner).toBeHidden();

    // And it all survives a reload.
    await page.reload();
    await expect(chat.userMessages).toHaveText([message]);
    await expect(chat.lastAssistant()).toContainText(fakeGreeting('openai'));
  });
});

async function openOffline(page: Page) {
  const chat = new ChatPage(page);
  await page.goto('/?latency=50');
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

test('a corrupt stored entry is skipped with a notice, not a blank app', async ({ page }) => {
  const chat = await openOffline(page);
  await chat.send('hello');
  await chat.expectAnswer('Hello!');
  await expect.poll(() => countStored(page, 'conversations')).toBe(1);

  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('fanout');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const transaction = db.transaction(['conversations', 'runs'], 'readwrite');
    // Newer than anything real, so the app would open it first if it trusted it.
    transaction.objectStore('conversations').put({
      id: 'corrupt-1',
      title: 42,
      updatedAt: Date.now() + 60_000,
      createdAt: 'yesterday',
      messages: 'not a list',
    });
    transaction.objectStore('runs').put({ id: 'corrupt-run', conversationId: 'corrupt-1' });
    await new Promise((resolve) => {
      transaction.oncomplete = resolve;
    });
    db.close();
  });
  await page.reload();

  await expect(page.locator('.storage-notice')).toContainText(/could not be read/);
  await expect(chat.userMessages).toHaveText(['hello']);
  await expect(chat.lastAssistant()).toContainText('Hello!');
  await chat.send("What's the weather in Paris?");
  await chat.expectAnswer(/Paris/);
});

async function countStored(page: Page, store: string): Promise<number> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('fanout');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction(name).objectStore(name).count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  }, store);
}

test('a full disk is reported and nothing already saved is lost', async ({ page }) => {
  const chat = await openOffline(page);
  await chat.send('hello');
  await chat.expectAnswer('Hello!');
  await expect.poll(() => countStored(page, 'conversations')).toBe(1);

  // From now on every write fails the way a full disk does.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await chat.send("What's the weather in Paris?");
  await chat.expectAnswer(/Paris/);
  await expect(page.locator('.storage-notice')).toContainText(/storage for this site is full/);

  await page.reload();
  await expect(chat.userMessages.first()).toHaveText('hello');
  await expect(chat.assistantMessages.first()).toContainText('Hello!');
  // The app goes on working: a new question is answered.
  await chat.send("What's the weather in Tokyo?");
  await chat.expectAnswer(/Tokyo/);
});

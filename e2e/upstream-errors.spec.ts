import { expect, test } from '@playwright/test';
import { fakeRequests } from './fake-upstream/client.ts';
import {
  type FakeProvider,
  fake,
  fakeGreeting,
  RAW_ERROR_MARKER,
  uniqueNonce,
} from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import { E2E_ANTHROPIC_KEY, E2E_MODELS, E2E_OPENAI_KEY } from './support/e2e-env.ts';

/** Text that must never reach the page: keys and anything from an upstream error body. */
const forbidden = [
  E2E_OPENAI_KEY,
  E2E_ANTHROPIC_KEY,
  RAW_ERROR_MARKER,
  'Incorrect API key',
  'invalid x-api-key',
  'sk-',
  '{',
];

async function expectCleanBanner(chat: ChatPage, readable: RegExp) {
  await expect(chat.errorBanner).toBeVisible();
  await expect(chat.errorBanner).toContainText(readable);
  const text = (await chat.errorBanner.textContent()) ?? '';
  for (const secret of forbidden) expect(text).not.toContain(secret);
  // Nothing leaks anywhere else on the page either.
  const body = (await chat.page.locator('body').textContent()) ?? '';
  for (const secret of [E2E_OPENAI_KEY, E2E_ANTHROPIC_KEY, RAW_ERROR_MARKER]) {
    expect(body).not.toContain(secret);
  }
}

/** The failed run shows on the timeline: the run is `error` and its model step carries the error. */
async function expectFailureOnTimeline(chat: ChatPage) {
  const timeline = waterfall(chat.page);
  await expect(timeline).toHaveAttribute('data-status', 'error');
  await expect(timeline.locator('.wf-icon-model-error').first()).toBeVisible();
  // Nothing keeps spinning: no open bar, no typing indicator, the answer is not busy.
  await expect(timeline.locator('.wf-bar-open')).toHaveCount(0);
  await expect(chat.waitingIndicator).toHaveCount(0);
}

const cases: Array<{ status: number; provider: FakeProvider; readable: RegExp }> = [
  { status: 401, provider: 'openai', readable: /OpenAI rejected the credentials.*API key/i },
  { status: 401, provider: 'anthropic', readable: /Anthropic rejected the credentials/i },
  { status: 429, provider: 'openai-chat', readable: /rate-limiting.*retry/i },
  { status: 429, provider: 'anthropic', readable: /Anthropic is rate-limiting/i },
  { status: 500, provider: 'anthropic', readable: /Anthropic had a server error.*Retry/i },
  { status: 500, provider: 'compatible', readable: /OpenAI-compatible server had a server error/i },
];

for (const { status, provider, readable } of cases) {
  test(`${provider} ${status}: a readable error, the conversation stays, Retry answers`, async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const nonce = uniqueNonce(`e${status}`);
    await chat.goto();
    await chat.selectModel(E2E_MODELS[provider].label);

    const message = `Question ${nonce} ${fake(String(status), 'text')}`;
    await chat.send(message);

    await expectCleanBanner(chat, readable);
    await chat.waitUntilIdle();
    await expectFailureOnTimeline(chat);
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toHaveText(message);

    await chat.retryButton.click();

    await chat.expectAnswer(fakeGreeting(provider));
    await expect(chat.errorBanner).toBeHidden();
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.assistantMessages).toHaveCount(1);
    await expect(chat.lastAssistant()).toContainText(nonce);

    const requests = await fakeRequests({ contains: nonce });
    expect(requests.map((request) => request.scenario)).toEqual([String(status), 'text']);
    expect(requests.map((request) => request.status)).toEqual([status, 200]);
  });
}

test('Dismiss hides the error and keeps the conversation', async ({ page }) => {
  const chat = new ChatPage(page);
  const nonce = uniqueNonce('dismiss');
  await chat.goto();
  await chat.selectModel(E2E_MODELS.openai.label);
  await chat.send(`Question ${nonce} ${fake('500')}`);

  await expectCleanBanner(chat, /OpenAI had a server error/i);
  await chat.dismissButton.click();
  await expect(chat.errorBanner).toBeHidden();
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.composer).toBeEditable();
});

test('a connection reset mid-answer keeps the partial text and says what happened', async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const nonce = uniqueNonce('reset');
  await chat.goto();
  await chat.selectModel(E2E_MODELS['openai-chat'].label);
  await chat.send(`Question ${nonce} ${fake('reset', 'text')}`);

  await expectCleanBanner(chat, /connection to OpenAI was reset in the middle of the answer/i);
  await chat.waitUntilIdle();
  await expectFailureOnTimeline(chat);
  await expect(chat.lastAssistant()).toContainText('Partial answer');

  await chat.retryButton.click();
  await chat.expectAnswer(fakeGreeting('openai-chat'));
  await expect(chat.assistantMessages).toHaveCount(1);
});

test('an error event inside the stream becomes a readable message', async ({ page }) => {
  const chat = new ChatPage(page);
  const nonce = uniqueNonce('streamerr');
  await chat.goto();
  await chat.selectModel(E2E_MODELS.anthropic.label);
  await chat.send(`Question ${nonce} ${fake('stream-error', 'text')}`);

  await expectCleanBanner(chat, /Anthropic is overloaded/i);
  await chat.waitUntilIdle();
  await expectFailureOnTimeline(chat);
  await expect(chat.lastAssistant()).toContainText('Partial answer');

  await chat.retryButton.click();
  await chat.expectAnswer(fakeGreeting('anthropic'));
});

test('a stream that ends without finishing keeps the partial text and says it was cut off', async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const nonce = uniqueNonce('truncate');
  await chat.goto();
  await chat.selectModel(E2E_MODELS.openai.label);
  await chat.send(`Question ${nonce} ${fake('truncate', 'text')}`);

  await expectCleanBanner(chat, /cut off before it finished/i);
  await chat.waitUntilIdle();
  await expectFailureOnTimeline(chat);
  await expect(chat.lastAssistant()).toContainText('Partial answer');

  await chat.retryButton.click();
  await chat.expectAnswer(fakeGreeting('openai'));
  await expect(chat.errorBanner).toBeHidden();
  await expect(chat.assistantMessages).toHaveCount(1);
});

test('an OpenAI error event inside the stream is named by its code, never by its raw message', async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const nonce = uniqueNonce('oaistreamerr');
  await chat.goto();
  await chat.selectModel(E2E_MODELS.openai.label);
  await chat.send(`Question ${nonce} ${fake('stream-error', 'text')}`);

  await expectCleanBanner(chat, /OpenAI reported an error \(server_error\)/i);
  await chat.waitUntilIdle();
  await expectFailureOnTimeline(chat);
  await expect(chat.lastAssistant()).toContainText('Partial answer');
  await chat.retryButton.click();
  await chat.expectAnswer(fakeGreeting('openai'));
});

test('a first byte slower than the timeout fails clearly, and Retry answers', async ({ page }) => {
  const chat = new ChatPage(page);
  const nonce = uniqueNonce('firstbyte');
  await chat.goto();
  await chat.selectModel(E2E_MODELS['openai-chat'].label);
  // The fake never answers: only the proxy's first-byte timeout can end this turn.
  await chat.send(`Question ${nonce} ${fake('hang', 'text')}`);

  await expectCleanBanner(chat, /OpenAI did not start answering within \d/i);
  await chat.waitUntilIdle();
  await expectFailureOnTimeline(chat);
  // The proxy gave up on the upstream request: its connection is closed.
  await expect
    .poll(async () => (await fakeRequests({ contains: nonce }))[0]?.outcome)
    .toBe('client-closed');

  await chat.retryButton.click();
  await chat.expectAnswer(fakeGreeting('openai-chat'));
  await expect(chat.errorBanner).toBeHidden();
});

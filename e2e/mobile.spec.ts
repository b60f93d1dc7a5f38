import { expect, test } from '@playwright/test';
import { fake, fakeGreeting, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { E2E_MODELS } from './support/e2e-env.ts';

test.use({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
});

async function expectInsideViewport(
  chat: ChatPage,
  locator: ReturnType<ChatPage['lastAssistant']>,
) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  const width = chat.page.viewportSize()?.width ?? 0;
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width + 1);
}

test.describe('phone 390×844', () => {
  test('the empty page fits the screen and the composer is reachable', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    expect(await chat.hasHorizontalOverflow()).toBe(false);
    await expect(chat.composer).toBeInViewport();
    await expect(chat.modelPicker).toBeInViewport();
    await expect(chat.examplePrompts.first()).toBeVisible();
  });

  test('an answer is readable and nothing overflows sideways', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();

    await chat.composer.fill('hello');
    await chat.sendButton.tap();

    await chat.expectAnswer(/Hello! I'm the offline planner/);
    await expect(chat.lastAssistant()).toBeVisible();
    await expectInsideViewport(chat, chat.lastAssistant());
    await expectInsideViewport(chat, chat.userMessages.first());
    await expect(chat.composer).toBeInViewport();
    expect(await chat.hasHorizontalOverflow()).toBe(false);
  });

  test('a long unbroken remote answer wraps instead of overflowing', async ({ page }) => {
    const chat = new ChatPage(page);
    const nonce = uniqueNonce('phone');
    await chat.goto();
    await chat.selectModel(E2E_MODELS.compatible.label);

    const longWord = `${nonce}${'x'.repeat(120)}`;
    await chat.send(`${longWord} ${fake('text')}`);

    await chat.expectAnswer(fakeGreeting('compatible'));
    await expectInsideViewport(chat, chat.lastAssistant());
    await expectInsideViewport(chat, chat.userMessages.first());
    await expect(chat.composer).toBeInViewport();
    expect(await chat.hasHorizontalOverflow()).toBe(false);
  });
});

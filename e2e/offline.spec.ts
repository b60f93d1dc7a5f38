import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { OFFLINE_LABEL } from './support/e2e-env.ts';

test.describe('offline planner', () => {
  test('the model picker defaults to the offline planner', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await expect(chat.selectedModel()).toHaveText(OFFLINE_LABEL);
    await expect(chat.modelPicker.getByRole('option', { name: OFFLINE_LABEL })).toHaveCount(1);
  });

  test('"hello" + Enter streams a greeting', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.startRecordingAnswer();

    await chat.composer.fill('hello');
    await chat.composer.press('Enter');

    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toHaveText('hello');
    await expect(chat.composer).toHaveValue('');
    await chat.expectAnswer(/Hello! I'm the offline planner/);
    const final = (await chat.lastAssistant().textContent()) ?? '';
    expect(final).toContain('rule-based, no LLM');

    // Streamed, not delivered at once: while the answer was running the page showed the
    // greeting's beginning without the rest.
    const samples = await chat.recordedAnswer();
    const partial = samples.filter(
      (sample) =>
        sample.busy === 'true' &&
        sample.text.includes('Hello!') &&
        sample.text.length < final.length * 0.9,
    );
    expect(partial.length).toBeGreaterThanOrEqual(1);
  });

  test('Shift+Enter inserts a new line instead of sending', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();

    await chat.composer.fill('first line');
    await chat.composer.press('Shift+Enter');
    await chat.composer.pressSequentially('second line');

    await expect(chat.composer).toHaveValue('first line\nsecond line');
    await expect(chat.userMessages).toHaveCount(0);
    await expect(chat.examplePrompts.first()).toBeVisible();

    await chat.composer.press('Enter');
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toContainText('first line');
    await expect(chat.userMessages.first()).toContainText('second line');
    await chat.expectAnswer(/rule-based planner/);
  });

  test('clicking an example prompt sends it', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();

    await chat.examplePrompts.filter({ hasText: 'What can the offline planner do?' }).click();

    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toHaveText('What can you do?');
    await chat.expectAnswer(/offline planner/);
    await expect(chat.lastAssistant()).toContainText('Find the independent needs');
    await expect(chat.examplePrompts).toHaveCount(0);
  });
});

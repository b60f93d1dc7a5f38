import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import { toolCallRows } from './pages/tool-calls.ts';

const REQUEST = 'Add the Vega Air to my cart and show my balance.';

type ChatBody = {
  messages: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
};

/** Every /api/chat request body the page sends, in order. */
function recordChatBodies(page: Page): ChatBody[] {
  const bodies: ChatBody[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/chat') && request.method() === 'POST')
      bodies.push(request.postDataJSON() as ChatBody);
  });
  return bodies;
}

async function askToAdd(page: Page) {
  const chat = new ChatPage(page);
  await page.goto('/?latency.get_account_balance=300');
  await expect(chat.modelPicker).toBeEnabled();
  await chat.send(REQUEST);
  const cartRow = toolCallRows(page).filter({ hasText: 'add_to_cart' });
  await expect(cartRow.getByRole('button', { name: 'Approve' })).toBeVisible();
  return { chat, cartRow };
}

test.describe('tool approval', () => {
  test('the cart call waits for approval while its sibling runs; approving runs it', async ({
    page,
  }) => {
    const { chat, cartRow } = await askToAdd(page);
    // The balance does not wait for the person: it settles while the cart call is held.
    const balanceRow = toolCallRows(page).filter({ hasText: 'get_account_balance' });
    await expect(balanceRow).toHaveAttribute('data-status', 'ok');
    await expect(cartRow).toContainText('awaiting approval');
    const cartBar = waterfall(page).locator('[data-tool=add_to_cart]');
    await expect(cartBar).toHaveAttribute('data-status', 'awaiting-approval');
    await expect(cartBar.locator('.wf-seg-awaiting-approval')).toHaveCount(1);
    await expect(page.getByTestId('cart-button')).toHaveAttribute('data-count', '0');

    await cartRow.getByRole('button', { name: 'Approve' }).click();
    await chat.expectAnswer('Added 1 × Vega Air');
    await expect(cartRow).toHaveAttribute('data-status', 'ok');
    await expect(cartBar).toHaveAttribute('data-status', 'ok');
    // Waiting for approval stays on the bar as its own phase, before the running phase.
    await expect(cartBar.locator('.wf-seg-awaiting-approval')).toHaveCount(1);
    await expect(page.getByTestId('cart-button')).toHaveAttribute('data-count', '1');
    await page.getByTestId('cart-button').click();
    await expect(page.getByRole('region', { name: 'Cart' })).toContainText('1 × Vega Air');
  });

  test('a 3 s approval is a person’s wait: no speed-up lost, shown as approval', async ({
    page,
  }) => {
    const { chat, cartRow } = await askToAdd(page);
    await expect(toolCallRows(page).filter({ hasText: 'get_account_balance' })).toHaveAttribute(
      'data-status',
      'ok',
    );
    // The person takes their time before deciding.
    await page.waitForTimeout(3000);
    await cartRow.getByRole('button', { name: 'Approve' }).click();
    await chat.expectAnswer('Added 1 × Vega Air');
    const timeline = waterfall(page);
    await expect(timeline).toHaveAttribute('data-status', 'complete');
    // The wait is not tool time: running the two calls never took longer than one at a time.
    expect(Number(await timeline.getAttribute('data-speedup'))).toBeGreaterThanOrEqual(1);
    expect(Number(await timeline.getAttribute('data-saved-ms'))).toBeGreaterThanOrEqual(0);
    const summary = page.getByTestId('run-summary');
    expect(Number(await summary.getAttribute('data-human-ms'))).toBeGreaterThanOrEqual(3000);
    await expect(summary.locator('.critical-chip-approval')).toHaveCount(1);
    // The inspector names the wait as approval, apart from dispatch.
    await timeline.locator('[data-tool=add_to_cart]').click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector).toContainText('Awaiting approval');
    await expect(inspector).toContainText('Approved');
  });

  test('denying never runs the call, and the model is told it was denied', async ({ page }) => {
    const bodies = recordChatBodies(page);
    const { chat, cartRow } = await askToAdd(page);
    await expect(toolCallRows(page).filter({ hasText: 'get_account_balance' })).toHaveAttribute(
      'data-status',
      'ok',
    );
    await cartRow.getByRole('button', { name: 'Deny' }).click();
    await chat.expectAnswer('was not run');
    await expect(chat.lastAssistant()).toContainText('the user denied it');
    await expect(chat.lastAssistant()).toContainText('Available');
    await expect(cartRow).toContainText('denied, not run');
    await expect(waterfall(page).locator('[data-tool=add_to_cart]')).toHaveAttribute(
      'data-status',
      'denied',
    );
    await expect(page.getByTestId('cart-button')).toHaveAttribute('data-count', '0');

    // Exactly one follow-up, carrying the denial as the AI SDK's own approval response.
    expect(bodies).toHaveLength(2);
    const followUp = bodies[1];
    const parts = followUp?.messages.at(-1)?.parts ?? [];
    const cartPart = parts.find((part) => part.type === 'tool-add_to_cart');
    expect(cartPart).toMatchObject({
      state: 'approval-responded',
      approval: { approved: false, reason: 'the user denied it' },
    });
    expect(cartPart).not.toHaveProperty('output');
    const balancePart = parts.find((part) => part.type === 'tool-get_account_balance');
    expect(balancePart).toMatchObject({ state: 'output-available' });
  });

  test('Stop cancels a waiting approval', async ({ page }) => {
    const bodies = recordChatBodies(page);
    const { chat, cartRow } = await askToAdd(page);
    await chat.stopButton.click();
    await chat.waitUntilIdle();
    await expect(cartRow.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(waterfall(page).locator('[data-tool=add_to_cart]')).toHaveAttribute(
      'data-status',
      'cancelled',
    );
    expect(bodies).toHaveLength(1);
  });
});

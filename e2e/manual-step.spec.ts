import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { allOverlap, settledCalls, toolCallRows } from './pages/tool-calls.ts';

async function openWith(page: Page, query: string) {
  const chat = new ChatPage(page);
  await page.goto(`/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

test.describe('manual step (/call)', () => {
  test('three /call lines run as one parallel step and the answer shows each value', async ({
    page,
  }) => {
    const chat = await openWith(page, '?latency=600');
    await chat.send(
      [
        '/call calculate {"expression":"19 + 23"}',
        '/call get_weather {"city":"Paris"}',
        '/call convert_currency {"amount":250,"from":"USD","to":"EUR"}',
      ].join('\n'),
    );
    const calls = await settledCalls(page, 3);
    expect(calls.map((call) => call.tool)).toEqual([
      'calculate',
      'get_weather',
      'convert_currency',
    ]);
    expect(calls.every((call) => call.status === 'ok')).toBe(true);
    expect(allOverlap(calls)).toBe(true);
    await chat.expectAnswer('3 of 3 calls returned a result');
    const answer = chat.lastAssistant();
    await expect(answer).toContainText('"result":42');
    await expect(answer).toContainText('"city":"Paris"');
    await expect(answer).toContainText('"to":"EUR"');
  });

  test('an invalid line gets a reply naming it, and nothing runs', async ({ page }) => {
    const chat = await openWith(page, '?latency=100');
    await chat.send(
      [
        '/call calculate {"expression":"1 + 1"}',
        '/call get_weather {city: Paris}',
        '/call teleport {"to":"Mars"}',
      ].join('\n'),
    );
    await chat.expectAnswer(/I ran nothing/);
    const answer = chat.lastAssistant();
    await expect(answer).toContainText('Line 2');
    await expect(answer).toContainText('not valid JSON');
    await expect(answer).toContainText('Line 3');
    await expect(answer).toContainText('no tool named teleport');
    await expect(toolCallRows(page)).toHaveCount(0);
  });
});

test.describe('tools panel', () => {
  test('lists every tool, fills two forms and fires both calls at once', async ({ page }) => {
    const chat = await openWith(page, '?latency=600');
    await page.getByRole('button', { name: 'Tools' }).click();
    const dialog = page.getByTestId('tools-dialog');
    await expect(dialog).toBeVisible();

    const card = (name: string) => dialog.locator(`[data-tool-name="${name}"]`);
    const catalog = (await (await page.request.get('/api/tools')).json()) as {
      tools: Array<{ name: string }>;
    };
    await expect(dialog.locator('[data-tool-name]')).toHaveCount(catalog.tools.length);
    await expect(card('calculate')).toContainText('builtin');
    await expect(card('convert_currency')).toContainText('runs on server');
    await expect(card('add_to_cart')).toContainText('needs approval');
    await expect(card('calculate')).not.toContainText('needs approval');

    // A required field left empty is refused with a readable message.
    await card('calculate').locator('summary').click();
    await card('calculate').getByRole('button', { name: 'Add to step' }).click();
    await expect(card('calculate').getByRole('alert')).toHaveText('Required.');
    await card('calculate').locator('[data-field="expression"]').fill('6 * 7');
    await card('calculate').getByRole('button', { name: 'Add to step' }).click();

    await card('search_knowledge_base').locator('summary').click();
    await card('search_knowledge_base').locator('[data-field="source"]').selectOption('faq');
    await card('search_knowledge_base').locator('[data-field="query"]').fill('returns');
    await card('search_knowledge_base').locator('[data-field="limit"]').fill('2');
    await card('search_knowledge_base').getByRole('button', { name: 'Add to step' }).click();

    await expect(dialog.getByRole('region', { name: 'Calls in this step' })).toContainText(
      '/call search_knowledge_base {"source":"faq","query":"returns","limit":2}',
    );
    await dialog.getByRole('button', { name: 'Run 2 calls at once' }).click();
    await expect(dialog).toBeHidden();

    await expect(chat.userMessages.first()).toContainText('/call calculate {"expression":"6 * 7"}');
    const calls = await settledCalls(page, 2);
    expect(calls.map((call) => call.tool)).toEqual(['calculate', 'search_knowledge_base']);
    expect(allOverlap(calls)).toBe(true);
    await chat.expectAnswer('2 of 2 calls returned a result');
    await expect(chat.lastAssistant()).toContainText('"result":42');
  });
});

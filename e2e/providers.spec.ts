import { expect, test } from '@playwright/test';
import { fakeRequests } from './fake-upstream/client.ts';
import { type FakeProvider, fake, fakeGreeting, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { E2E_MODELS } from './support/e2e-env.ts';

type Body = Record<string, unknown>;

/** What each wire format must carry, beyond the model and `stream: true`. */
const expectedShape: Record<FakeProvider, (body: Body, headers: Record<string, string>) => void> = {
  openai: (body, headers) => {
    expect(headers.authorization).toBe('Bearer [redacted]');
    expect(Array.isArray(body.input)).toBe(true);
    expect(body.messages).toBeUndefined();
    const input = body.input as Body[];
    const instructions =
      typeof body.instructions === 'string'
        ? body.instructions
        : JSON.stringify(
            input.filter((item) => item.role === 'system' || item.role === 'developer'),
          );
    expect(instructions).toContain('You are Fanout');
    const user = input.findLast((item) => item.role === 'user');
    expect(user?.content).toEqual([expect.objectContaining({ type: 'input_text' })]);
  },
  'openai-chat': (body, headers) => {
    expect(headers.authorization).toBe('Bearer [redacted]');
    const messages = body.messages as Body[];
    expect(messages[0]).toMatchObject({ role: 'system' });
    expect(String(messages[0]?.content)).toContain('You are Fanout');
    expect(messages.at(-1)).toMatchObject({ role: 'user' });
    expect(body.input).toBeUndefined();
  },
  anthropic: (body, headers) => {
    expect(headers['x-api-key']).toBe('[redacted]');
    expect(headers['anthropic-version']).toBeTruthy();
    expect(JSON.stringify(body.system)).toContain('You are Fanout');
    const messages = body.messages as Body[];
    expect(messages.every((message) => message.role !== 'system')).toBe(true);
    expect(messages.at(-1)).toMatchObject({ role: 'user' });
    expect(typeof body.max_tokens).toBe('number');
  },
  compatible: (body) => {
    const messages = body.messages as Body[];
    expect(messages[0]).toMatchObject({ role: 'system' });
    expect(messages.at(-1)).toMatchObject({ role: 'user' });
    expect(body.stream_options).toEqual({ include_usage: true });
  },
};

for (const provider of Object.keys(E2E_MODELS) as FakeProvider[]) {
  const model = E2E_MODELS[provider];

  test(`${provider}: the page streams the fake ${provider} server's answer`, async ({ page }) => {
    const chat = new ChatPage(page);
    const nonce = uniqueNonce(provider.replace('-', ''));
    await chat.goto();
    await chat.selectModel(model.label);

    await chat.send(`Say hi ${nonce} ${fake('text')}`);

    await chat.expectAnswer(fakeGreeting(provider));
    await expect(chat.lastAssistant()).toContainText(nonce);
    await expect(chat.lastAssistant()).toContainText(model.label);
    await expect(chat.errorBanner).toBeHidden();

    const requests = await fakeRequests({ contains: nonce });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.path).toBe(model.path);
    expect(request?.method).toBe('POST');
    expect(request?.outcome).toBe('completed');
    const body = request?.body as Body;
    expect(body.stream).toBe(true);
    expect(body.model).toBe(model.id.slice(model.id.indexOf(':') + 1));
    expectedShape[provider](body, request?.headers ?? {});
  });
}

test('the picker lists every configured provider and remembers the choice', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  for (const model of Object.values(E2E_MODELS)) {
    await expect(
      chat.modelPicker.getByRole('option', { name: model.label, exact: true }),
    ).toHaveCount(1);
  }
  await chat.selectModel(E2E_MODELS.anthropic.label);
  await page.reload();
  await expect(chat.modelPicker).toBeEnabled();
  await expect(chat.selectedModel()).toHaveText(E2E_MODELS.anthropic.label);
});

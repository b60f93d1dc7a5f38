import { expect, type Page, test } from '@playwright/test';
import { fakeRequests } from './fake-upstream/client.ts';
import { type FakeProvider, fake, fakeGreeting, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { settledCalls } from './pages/tool-calls.ts';
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

type EagerSpan = {
  callId: string;
  inputStartedAt?: number;
  inputAvailableAt?: number;
  startedAt?: number;
};
type EagerRun = {
  status: string;
  spans: Record<string, EagerSpan>;
  steps: { finishedAt?: number }[];
};

/** The last run of the page's trace store, once it has ended. */
async function endedRun(page: Page): Promise<EagerRun> {
  const read = () =>
    page.evaluate(() => {
      const store = (
        window as unknown as {
          __fanoutTrace: {
            getState(): {
              runOrder: string[];
              runs: Record<string, EagerRun & { endedAt?: number }>;
            };
          };
        }
      ).__fanoutTrace.getState();
      const run = store.runs[store.runOrder.at(-1) ?? ''];
      return run?.endedAt === undefined ? null : run;
    });
  await expect.poll(read, { timeout: 20_000 }).not.toBeNull();
  return (await read()) as EagerRun;
}

// Every wire format starts a call when its input is complete, not when the response ends.
// Through Chat Completions (OpenAI's and compatible servers') the AI SDK alone would complete
// every call only at the end of the stream; the proxy ends each one as soon as it is over.
for (const provider of Object.keys(E2E_MODELS) as FakeProvider[]) {
  const model = E2E_MODELS[provider];

  test(`${provider}: the first call starts while the response is still streaming`, async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const nonce = uniqueNonce(`eager${provider.replace('-', '')}`);
    await chat.goto();
    await chat.selectModel(model.label);

    await chat.send(`Weather in three cities ${nonce} ${fake('tools=Paris|Tokyo|Oslo@120')}`);

    const calls = await settledCalls(page, 3);
    // Each call ran with the whole input the model streamed, split across deltas as it was.
    expect(calls.map((call) => call.args)).toEqual([
      'city: "Paris"',
      'city: "Tokyo"',
      'city: "Oslo"',
    ]);
    const run = await endedRun(page);
    expect(run.status).toBe('complete');
    const spans = Object.values(run.spans).sort(
      (a, b) => (a.inputAvailableAt ?? 0) - (b.inputAvailableAt ?? 0),
    );
    expect(spans).toHaveLength(3);
    const [first, , last] = spans;
    const firstStart = first?.startedAt ?? Number.NaN;
    // Order, not milliseconds: the first call's handler started before the model even began
    // the last call's input (ending every call at the stream's end starts none before that),
    // and so before the response ended.
    expect(firstStart).toBeLessThan(last?.inputStartedAt ?? Number.NaN);
    expect(firstStart).toBeLessThan(run.steps[0]?.finishedAt ?? Number.NaN);
    // One dispatch per call: three calls, three requests' worth of outputs, no duplicates.
    expect(new Set(spans.map((span) => span.callId)).size).toBe(3);
    const requests = await fakeRequests({ contains: nonce });
    expect(requests).toHaveLength(2);
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

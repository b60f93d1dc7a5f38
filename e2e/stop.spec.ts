import { expect, test } from '@playwright/test';
import { fakeConnections, fakeRequests } from './fake-upstream/client.ts';
import { type FakeProvider, fake, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { E2E_MODELS } from './support/e2e-env.ts';

for (const provider of Object.keys(E2E_MODELS) as FakeProvider[]) {
  test(`${provider}: Stop closes the upstream connection and keeps the partial answer`, async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const nonce = uniqueNonce('stop');
    await chat.goto();
    await chat.selectModel(E2E_MODELS[provider].label);

    await chat.send(`Take your time ${nonce} ${fake('slow')}`);
    await expect(chat.lastAssistant()).toContainText('tick 3.');
    await expect(chat.stopButton).toBeVisible();

    const [request] = await fakeRequests({ contains: nonce });
    expect(request?.scenario).toBe('slow');
    const [connection] = await fakeConnections({ id: request?.connectionId });
    expect(connection?.closedAt).toBeNull();

    // Click Stop inside the page and note the moment, on the same clock the fake logs with.
    const stoppedAt = await chat.stopButton.evaluate((button) => {
      const at = Date.now();
      (button as HTMLButtonElement).click();
      return at;
    });

    // The proxy aborts its upstream request: the fake sees its socket close. (Within 200 ms
    // is checked in timing.spec.ts, where no other browser competes for the CPU.)
    await expect
      .poll(async () => (await fakeConnections({ id: request?.connectionId }))[0]?.closedAt, {
        message: 'the upstream connection should close after Stop',
        timeout: 5_000,
        intervals: [20],
      })
      .not.toBeNull();
    const closedAt = (await fakeConnections({ id: request?.connectionId }))[0]?.closedAt ?? 0;
    expect(closedAt).toBeGreaterThanOrEqual(stoppedAt);
    await expect
      .poll(async () => (await fakeRequests({ contains: nonce }))[0]?.outcome, { timeout: 5_000 })
      .toBe('client-closed');

    await chat.waitUntilIdle();
    await expect(chat.waitingIndicator).toHaveCount(0);
    await expect(chat.lastAssistant()).toHaveAttribute('aria-busy', 'false');
    await expect(chat.lastAssistant()).toContainText('Slow stream from the fake');
    await expect(chat.lastAssistant()).toContainText('tick 3.');
    await expect(chat.errorBanner).toBeHidden();
    await expect(chat.userMessages).toHaveCount(1);
  });
}

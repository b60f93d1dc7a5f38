import { expect, type Page, test } from '@playwright/test';
import { fakeRequests } from './fake-upstream/client.ts';
import { fake, uniqueNonce } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { waterfall } from './pages/timeline.ts';
import { APP_URL, E2E_ANTHROPIC_KEY, E2E_MODELS, E2E_OPENAI_KEY } from './support/e2e-env.ts';

/** Issue 7: the page under a strict CSP, hostile tool output, tool faults, and 100 calls at once. */

const EXFIL_HOST = 'exfil.invalid';

/** Everything the page requests, CSP violations it reports, and every response body. */
function watchPage(page: Page) {
  const requests: string[] = [];
  const violations: string[] = [];
  const bodies: Promise<string>[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('response', (response) => {
    bodies.push(response.text().catch(() => ''));
  });
  return { requests, violations, bodies: () => Promise.all(bodies) };
}

async function openWithFaultTools(page: Page, query = '') {
  const chat = new ChatPage(page);
  await page.goto(`/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  await expect(page.locator('html')).toHaveAttribute('data-fault-tools', 'ready');
  await chat.selectModel(E2E_MODELS.openai.label);
  return chat;
}

test('the page is served with security headers and works under its strict CSP', async ({
  page,
}) => {
  const watch = watchPage(page);
  const response = await page.goto('/?latency=50');
  const headers = response?.headers() ?? {};
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['access-control-allow-origin']).toBeUndefined();

  // A whole run with tools, markdown and the timeline: nothing the page needs is blocked.
  const chat = new ChatPage(page);
  await expect(chat.modelPicker).toBeEnabled();
  await chat.send("What's the weather in Paris, Tokyo and New York?");
  await chat.expectAnswer('Warmest right now');
  await expect(waterfall(page)).toHaveAttribute('data-status', 'complete');
  expect(watch.violations).toEqual([]);
  // An inline script injected now is refused by the policy.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  for (const body of await watch.bodies()) {
    expect(body).not.toContain(E2E_OPENAI_KEY);
    expect(body).not.toContain(E2E_ANTHROPIC_KEY);
  }
});

test('POST /api/chat and /api/traces refuse another site; the page’s own origin passes', async ({
  request,
}) => {
  const body = JSON.stringify({
    id: 'x',
    messages: [{ id: 'm', role: 'user', parts: [{ type: 'text', text: 'hello' }] }],
  });
  for (const path of ['/api/chat', '/api/traces']) {
    const refused = await request.post(path, {
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      data: body,
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'forbidden_origin',
    );
    expect(refused.headers()['access-control-allow-origin']).toBeUndefined();
  }
  const own = await request.post('/api/chat', {
    headers: { 'content-type': 'application/json', origin: APP_URL },
    data: body,
  });
  expect(own.status()).toBe(200);
});

test('tool faults: throw, never settle, huge, hostile HTML, unknown tool, invalid input — each settles its own way', async ({
  page,
}) => {
  const watch = watchPage(page);
  const chat = await openWithFaultTools(page);
  const nonce = uniqueNonce('faults');
  await chat.send(
    `Faults ${nonce} ${fake('calls=fault_throw|fault_hang|fault_huge|fault_html|teleport|check_inventory')}`,
  );

  // The model gets every result back in one follow-up and answers.
  await chat.expectAnswer(/got 6 results back/);
  const bars = waterfall(page).locator('[data-tool]');
  await expect(bars).toHaveCount(6);
  const status = (tool: string) => bars.and(page.locator(`[data-tool="${tool}"]`));
  await expect(status('fault_throw')).toHaveAttribute('data-status', 'error');
  await expect(status('fault_hang')).toHaveAttribute('data-status', 'timeout');
  await expect(status('fault_huge')).toHaveAttribute('data-status', 'ok');
  await expect(status('fault_html')).toHaveAttribute('data-status', 'ok');
  await expect(status('teleport')).toHaveAttribute('data-status', 'error');
  await expect(status('check_inventory')).toHaveAttribute('data-status', 'invalid-input');

  // The huge output reached the model capped, with a marker; the inspector keeps it whole.
  const requests = await fakeRequests({ contains: nonce });
  expect(requests).toHaveLength(2);
  const followUp = JSON.stringify(requests[1]?.body);
  expect(followUp.length).toBeLessThan(60_000);
  expect(followUp).toContain('truncated');
  expect(followUp).toContain('fault_throw failed on purpose');
  expect(followUp).toMatch(/timed out after 1500 ms/);
  expect(followUp).toMatch(/unknown tool teleport/i);
  await status('fault_huge').click();
  // The inspector folds a long output; searching finds its last row and unfolds to it.
  await page.getByRole('searchbox', { name: 'Search output' }).fill('row 3999 of');
  await expect(page.getByTestId('match-count')).toHaveText('1 of 1 match');
  await expect(page.locator('.inspector-json').last()).toContainText('row 3999 of a deliberately');

  // Hostile output is shown as JSON text in the inspector, never as markup.
  await status('fault_html').click();
  const output = page.locator('.inspector-json').last();
  await expect(output).toContainText('<script>window.__pwned = 1</script>');
  await expect(output).toContainText('javascript:window.__pwned=1');
  expect(await output.locator('script, img, a').count()).toBe(0);

  // The model echoed the output into its answer (the exfiltration pattern): rendered safely.
  const answer = chat.lastAssistant();
  await expect(answer).toContainText('[image: logo]');
  expect(await answer.locator('img, script, iframe').count()).toBe(0);
  const hrefs = await answer
    .locator('a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  expect(hrefs.filter((href) => /^\s*javascript:/i.test(href))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBe(
    undefined,
  );
  expect(watch.requests.filter((url) => url.includes(EXFIL_HOST))).toEqual([]);
  expect(watch.violations).toEqual([]);
  await expect(chat.errorBanner).toBeHidden();
});

test('100 calls in one step: the concurrency cap holds and the page stays responsive', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const chat = await openWithFaultTools(page, '?concurrency=4&latency.calculate=120');
  const nonce = uniqueNonce('hundred');
  await chat.send(`Many ${nonce} ${fake('calls=calculate*100')}`);
  await expect(waterfall(page).locator('[data-tool][data-status="running"]').first()).toBeVisible();
  // The page takes input while the calls run (how long its frames take is measured by
  // `npm run bench`, not asserted here: a loaded machine moves it by 2×).
  await chat.composer.fill('still typing');
  await expect(chat.composer).toHaveValue('still typing');

  // A loaded 2-core machine can take several times the ideal 3 s for 25 rounds of 4 calls.
  await expect(chat.lastAssistant()).toContainText(/got 100 results back/, { timeout: 60_000 });
  await chat.waitUntilIdle();
  const timeline = waterfall(page);
  await expect(timeline).toHaveAttribute('data-status', 'complete');
  await expect(timeline).toHaveAttribute('data-tool-count', '100');
  const maxConcurrency = Number(await timeline.getAttribute('data-max-concurrency'));
  expect(maxConcurrency).toBeGreaterThanOrEqual(2);
  expect(maxConcurrency).toBeLessThanOrEqual(4);
  await expect(timeline.locator('[data-tool][data-status="ok"]')).toHaveCount(100);
  const requests = await fakeRequests({ contains: nonce });
  expect(requests).toHaveLength(2);
});

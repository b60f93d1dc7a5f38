import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4380';
const out = '/tmp/shots-inspector';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [w, h, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.getByRole('combobox', { name: 'Model' }).waitFor();
  await page.waitForTimeout(500);
  await page.getByLabel('Message').fill("What's the weather in Paris, Tokyo and New York?");
  await page.getByLabel('Message').press('Enter');
  await page.getByText('Warmest right now').first().waitFor({ timeout: 20000 });
  await page.waitForTimeout(800);
  if (tag === 'phone') {
    const open = page.getByRole('button', { name: /timeline/i }).first();
    await open.click();
    await page.waitForTimeout(500);
  }
  const wf = page.getByTestId('waterfall');
  // figure explanation open
  await page.getByRole('button', { name: 'About Wall' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/${tag}-summary-cost-explanation.png` });
  await page.keyboard.press('Escape');
  // step 2 carried
  await wf.locator('[data-model-step]').nth(1).click();
  await page.waitForTimeout(300);
  await page.getByTestId('carried-outputs').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/${tag}-step-carried.png` });
  // a call inspector with copy buttons
  await wf.locator('[data-tool]').first().click();
  await page.waitForTimeout(300);
  await page.getByTestId('inspector').getByRole('button', { name: 'Copy output' }).click();
  await page.screenshot({ path: `${out}/${tag}-call-copy.png` });
  // share
  await page.getByTestId('share-link').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/${tag}-share-copied.png` });
  const link = await page.evaluate(() => navigator.clipboard.readText());
  console.log(tag, 'link length', link.length);
  const other = await context.newPage();
  await other.goto(link);
  await other.getByTestId('shared-run-note').waitFor();
  await other.waitForTimeout(1500);
  await other.screenshot({ path: `${out}/${tag}-shared-open.png` });
  await other.goto(base + '/#run=eJzLSM3JyVcozy_KSQEAGgQEXQ-cut-off');
  await other.getByTestId('shared-run-error').waitFor();
  await other.screenshot({ path: `${out}/${tag}-shared-damaged.png` });
  await other.close();
  await context.close();
}
// big output
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.getByRole('combobox', { name: 'Model' }).waitFor();
  const items = Array.from({ length: 20000 }, (_, i) => ({ index: i, name: `item ${i} of a long listing`, tags: ['alpha', 'beta', 'gamma'] }));
  const span = { callId: 'Paris', toolName: 'get_weather', stepId: 'step-1', runsOn: 'browser', state: 'settled', status: 'ok', input: { city: 'Paris' }, output: { items }, inputStartedAt: 280, inputAvailableAt: 299, startedAt: 300, settledAt: 900 };
  const run = { id: 'big', prompt: 'big', modelId: 'offline', policy: 'parallel', parallelToolCalls: true, status: 'complete', startedAtEpochMs: 1767225600000, startedAtPerf: 1000, endedAt: 1900,
    steps: [{ id: 'step-1', index: 0, requestAt: 0, firstByteAt: 100, firstContentAt: 150, finishedAt: 300, callIds: ['Paris'], usage: { inputTokens: 800, outputTokens: 100 } },
            { id: 'step-2', index: 1, requestAt: 1401, finishedAt: 1900, callIds: [] }],
    spanOrder: ['Paris'], spans: { Paris: span } };
  const text = JSON.stringify({ format: 'fanout-trace', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', runs: [run] });
  console.log('big file bytes', text.length);
  await page.getByLabel('Import a trace file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByText('from big.json').waitFor();
  // measure click -> inspector text block painted
  const ms = [];
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('inspector').getByLabel('Close details').click().catch(() => {});
    await page.waitForTimeout(300);
    const t0 = Date.now();
    await page.getByTestId('waterfall').locator('[data-call-id=Paris]').click();
    await page.getByTestId('text-block').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    ms.push(Date.now() - t0);
  }
  console.log('2MB output open (click→painted, ms):', ms);
  await page.screenshot({ path: `${out}/desktop-big-folded.png` });
  await page.getByRole('searchbox', { name: 'Search output' }).fill('item 19999 of');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/desktop-big-search.png` });
  // too large share
  await page.getByTestId('share-link').click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/desktop-share-too-large.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/phone-big-search.png` });
  await context.close();
}
await browser.close();

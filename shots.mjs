import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
async function shot(name, size, query, prompt, approve) {
  const page = await browser.newPage({ viewport: size });
  await page.goto('http://127.0.0.1:4173/' + query);
  await page.getByRole('combobox', { name: 'Model' }).waitFor();
  await page.waitForTimeout(400);
  await page.getByLabel('Message').fill(prompt);
  await page.getByLabel('Message').press('Enter');
  if (approve) {
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await page.waitForTimeout(2000);
    await page.getByRole('button', { name: 'Approve' }).click();
  }
  await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await page.close();
}
await shot('weather-1280', { width: 1280, height: 800 }, '?latency=400&jitter=200', "What's the weather in Paris, Tokyo and New York?");
await shot('approval-1280', { width: 1280, height: 800 }, '?latency=300', 'Add the Vega Air to my cart and show my balance.', true);
await shot('currency-1280', { width: 1280, height: 800 }, '?latency.convert_currency=400&jitter.convert_currency=350', 'Convert 250 USD to EUR, GBP and JPY.');
await shot('weather-390', { width: 390, height: 844 }, '?latency=400', "What's the weather in Paris, Tokyo and New York?");
await browser.close();

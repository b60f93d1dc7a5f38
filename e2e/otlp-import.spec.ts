import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  lookupThenStock,
  otlpFile,
  sequentialWeather,
} from '../src/trace/otlp-import/test-fixtures.ts';
import { ChatPage } from './pages/chat-page.ts';
import { settledBars, waterfall } from './pages/timeline.ts';

/**
 * Importing other agents' OTLP/JSON traces: hand-written files in the OpenTelemetry GenAI
 * conventions, as any agent writes them. The opportunity figure is a property of the FILE (its
 * spans' times), not a measurement, so asserting its range is not asserting timing.
 */

async function open(page: Page) {
  const chat = new ChatPage(page);
  await page.goto('/');
  await expect(chat.modelPicker).toBeEnabled();
}

async function importFile(page: Page, name: string, content: unknown) {
  await page.getByLabel('Import a trace file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(content)),
  });
}

test.describe('importing an OTLP trace', () => {
  test('the importer is ready before the first import: its worker starts once the page is idle', async ({
    page,
  }) => {
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await open(page);
    // Nobody pressed Import: the page warmed the importer in its idle time.
    await expect.poll(() => workers.some((url) => url.includes('import-worker'))).toBe(true);
    await importFile(page, 'weather-genai.json', otlpFile([sequentialWeather('genai')]));
    await expect(page.getByRole('status').filter({ hasText: 'Imported 1 run' })).toBeVisible();
    // One worker for the page's imports.
    expect(workers.filter((url) => url.includes('import-worker'))).toHaveLength(1);
    // The confirmation floats over the run's headline, so it leaves by itself once read.
    await expect(page.getByRole('status').filter({ hasText: 'Imported 1 run' })).toBeHidden({
      timeout: 20_000,
    });
    await expect(page.getByTestId('parallel-opportunity')).toBeVisible();
  });

  test('three sequential independent get_weather calls: three bars and about 2 s of parallel opportunity', async ({
    page,
  }) => {
    await open(page);
    await importFile(page, 'weather-genai.json', otlpFile([sequentialWeather('genai')]));
    await expect(page.getByRole('status').filter({ hasText: 'Imported 1 run' })).toBeVisible();
    const bars = await settledBars(page, 3);
    expect(bars.map((bar) => bar.tool)).toEqual(['get_weather', 'get_weather', 'get_weather']);
    // One after another: each starts after the one before has ended.
    for (let i = 1; i < bars.length; i++)
      expect(bars[i]?.start).toBeGreaterThanOrEqual(bars[i - 1]?.end ?? Number.POSITIVE_INFINITY);
    const saved = Number(await waterfall(page).getAttribute('data-parallel-opportunity-ms'));
    expect(saved).toBeGreaterThan(1500);
    expect(saved).toBeLessThan(2500);
    await expect(page.getByTestId('parallel-opportunity')).toContainText('Parallel opportunity');
    await expect(waterfall(page).locator('[data-parallel-opportunity="true"]')).toHaveCount(3);
  });

  test('the opportunity and the picker pass an axe scan, light and dark', async ({ page }) => {
    test.setTimeout(60_000);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await open(page);
      await importFile(page, 'weather.json', otlpFile([sequentialWeather('genai')]));
      await expect(page.getByTestId('parallel-opportunity')).toBeVisible();
      await importFile(
        page,
        'two.json',
        otlpFile([sequentialWeather('openinference', 'abc3'), lookupThenStock('ai-sdk')]),
      );
      await expect(page.getByTestId('trace-picker')).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      );
      expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    }
  });

  test('a stock check that used the lookup’s result is no opportunity', async ({ page }) => {
    await open(page);
    await importFile(page, 'shop-genai.json', otlpFile([lookupThenStock('genai')]));
    await settledBars(page, 2);
    await expect(waterfall(page)).toHaveAttribute('data-parallel-opportunity-ms', '0');
    await expect(page.getByTestId('parallel-opportunity')).toHaveCount(0);
    await expect(waterfall(page).locator('[data-parallel-opportunity="true"]')).toHaveCount(0);
  });

  test('a file with two traces lists them to pick from', async ({ page }) => {
    await open(page);
    await importFile(
      page,
      'two-traces.json',
      otlpFile([sequentialWeather('genai'), lookupThenStock('genai')]),
    );
    const picker = page.getByTestId('trace-picker');
    await expect(picker).toBeVisible();
    const choices = picker.locator('.trace-picker-choice');
    await expect(choices).toHaveCount(2);
    await expect(choices.nth(1)).toContainText('invoke_agent shop-bot');
    await choices.nth(1).click();
    await expect(picker).toBeHidden();
    const bars = await settledBars(page, 2);
    expect(bars.map((bar) => bar.tool)).toEqual(['lookup_product', 'check_inventory']);
  });

  test('a bad file names the span and the field', async ({ page }) => {
    await open(page);
    const file = otlpFile([sequentialWeather('genai')]);
    const span = file.resourceSpans[0]?.scopeSpans[0]?.spans[4];
    if (!span) throw new Error('fixture changed');
    span.endTimeUnixNano = 'soon';
    await importFile(page, 'broken.json', file);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Could not import broken.json');
    await expect(alert).toContainText('span "execute_tool get_weather"');
    await expect(alert).toContainText('endTimeUnixNano');
  });
});

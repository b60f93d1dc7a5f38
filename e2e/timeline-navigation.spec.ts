import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';
import { raceLane, raceVerdict } from './pages/modes.ts';
import { settledBars, waterfall } from './pages/timeline.ts';
import { bigTraceFile, bigTraceTraits, countWhere } from './support/big-trace.ts';

const WEATHER = "What's the weather in Paris, Tokyo and New York?";
const BIG = 1000;

async function importTrace(page: Page, file: string, name = 'generated.json') {
  await page.locator('input[aria-label="Import a trace file"]').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
}

async function openApp(page: Page, query = '?latency=100') {
  const chat = new ChatPage(page);
  await page.goto(`/${query}`);
  await expect(chat.modelPicker).toBeEnabled();
  return chat;
}

/** The waterfall proper (inside the run's section), with its window and row figures. */
function drawn(page: Page) {
  return waterfall(page).locator('.waterfall');
}

async function windowOf(page: Page) {
  return drawn(page).evaluate((element) => ({
    start: Number((element as HTMLElement).dataset.windowStartMs),
    end: Number((element as HTMLElement).dataset.windowEndMs),
    zoomed: (element as HTMLElement).dataset.zoomed,
  }));
}

/** A quick toggle of the filter bar (other buttons on the page share some words). */
function toggle(page: Page, name: string) {
  return page.getByTestId('filter-bar').getByRole('button', { name, exact: true });
}

const focusedKey = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.rowKey ?? '');

test.describe('finding a call among 1,000', () => {
  test('a generated 1,000-call trace renders virtual rows; toggles and text narrow them and count the matches', async ({
    page,
  }) => {
    await openApp(page);
    await importTrace(page, bigTraceFile({ calls: BIG }));
    await expect(waterfall(page)).toHaveAttribute('data-tool-count', String(BIG));
    // Virtual: every row counted, only those in view (and a margin) drawn.
    await expect(drawn(page)).toHaveAttribute('data-virtual', 'true');
    const rendered = Number(await drawn(page).getAttribute('data-rendered-rows'));
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    expect(await drawn(page).locator('[role=option]').count()).toBeLessThan(100);

    const count = page.getByTestId('filter-count');
    await expect(count).toHaveText(`${BIG} calls`);
    await toggle(page, 'Errors').click();
    const failed = countWhere(BIG, bigTraceTraits.failed);
    await expect(count).toHaveAttribute('data-matches', String(failed));
    await expect(drawn(page)).toHaveAttribute('data-row-count', String(failed));
    // Every drawn bar is a failed call.
    const statuses = await drawn(page)
      .locator('[data-tool]')
      .evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).dataset.status));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 'error')).toBe(true);

    // Toggles are alternatives: errors or server.
    await toggle(page, 'Server').click();
    const either = countWhere(BIG, (i) => bigTraceTraits.failed(i) || bigTraceTraits.server(i));
    await expect(count).toHaveAttribute('data-matches', String(either));
    await toggle(page, 'Errors').click();
    await toggle(page, 'Server').click();
    await expect(count).toHaveText(`${BIG} calls`);

    // Free text over inputs: exactly one call asked for SYM333.
    const filter = page.getByLabel('Filter calls by tool name or input');
    await filter.fill('sym333');
    await expect(count).toHaveAttribute('data-matches', '1');
    await expect(drawn(page).locator('[data-tool]')).toHaveCount(1);
    await expect(drawn(page).locator('[data-tool]')).toHaveAttribute('data-call-id', 'call-333');
    // Tool names too.
    await filter.fill('get_weather');
    await expect(count).toHaveAttribute('data-matches', String(BIG / 4));
    await expect(drawn(page)).toHaveAttribute('data-virtual', 'true');
  });

  test('next/previous step through the matches, with the buttons and the keyboard', async ({
    page,
  }) => {
    await openApp(page);
    await importTrace(page, bigTraceFile({ calls: 200 }));
    await toggle(page, 'Errors').click();
    const failed = [...Array(200).keys()].filter(bigTraceTraits.failed);
    await expect(page.getByTestId('filter-count')).toHaveAttribute(
      'data-matches',
      String(failed.length),
    );
    await page.getByRole('button', { name: 'Next match (n)' }).click();
    // From the first match (the tab stop) to the second.
    expect(await focusedKey(page)).toBe(`call-${failed[1]}`);
    await expect(page.getByTestId('filter-count')).toContainText(`2 of ${failed.length}`);
    await page.keyboard.press('n');
    expect(await focusedKey(page)).toBe(`call-${failed[2]}`);
    await page.keyboard.press('N');
    await page.keyboard.press('N');
    expect(await focusedKey(page)).toBe(`call-${failed[0]}`);
    // Wraps around from the first to the last.
    await page.keyboard.press('N');
    expect(await focusedKey(page)).toBe(`call-${failed.at(-1)}`);
    // Enter in the filter field steps forward as a browser's find does; f comes back to it.
    await page.keyboard.press('f');
    await expect(page.getByLabel('Filter calls by tool name or input')).toBeFocused();
    await page.keyboard.press('Enter');
    expect(await focusedKey(page)).toBe(`call-${failed[0]}`);
  });

  test('PageDown/PageUp move a page of rows and type-ahead jumps to a tool by name', async ({
    page,
  }) => {
    await openApp(page);
    await importTrace(page, bigTraceFile({ calls: BIG }));
    await expect(drawn(page)).toHaveAttribute('data-virtual', 'true');
    const options = drawn(page).getByRole('listbox').getByRole('option');
    await options.first().focus();
    expect(await focusedKey(page)).toBe('big-run-step-1');
    await page.keyboard.press('PageDown');
    const afterPage = await page.evaluate(() =>
      Number((document.activeElement as HTMLElement).getAttribute('aria-posinset')),
    );
    expect(afterPage).toBeGreaterThan(2);
    await page.keyboard.press('PageDown');
    const afterTwo = await page.evaluate(() =>
      Number((document.activeElement as HTMLElement).getAttribute('aria-posinset')),
    );
    expect(afterTwo).toBeGreaterThan(afterPage);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    expect(await focusedKey(page)).toBe('big-run-step-1');
    // End reaches the last row, drawn although it was far out of view.
    await page.keyboard.press('End');
    expect(await focusedKey(page)).toBe('big-run-step-4');
    await page.keyboard.press('Home');
    // Type-ahead: "lo" lands on the first lookup_product, "s" on the next name starting with s.
    await page.keyboard.type('lo');
    expect(await focusedKey(page)).toBe('call-2');
    await page.waitForTimeout(1000);
    await page.keyboard.type('s');
    expect(await focusedKey(page)).toBe('call-3');
    await expect(page.locator(':focus')).toContainText('search_docs');
  });
});

test.describe('zoom and the overview', () => {
  test('zoom in, out and fit change the visible window; the overview frames it', async ({
    page,
  }) => {
    await openApp(page);
    await importTrace(page, bigTraceFile({ calls: 40, steps: 1 }));
    await expect(waterfall(page)).toHaveAttribute('data-tool-count', '40');
    const whole = await windowOf(page);
    expect(whole.zoomed).toBe('false');
    const overview = page.getByTestId('overview');
    await expect(overview).toHaveAttribute('data-window-start-pct', '0.0');
    await expect(overview).toHaveAttribute('data-window-end-pct', '100.0');

    await page.getByRole('button', { name: 'Zoom in (+)' }).click();
    const zoomed = await windowOf(page);
    expect(zoomed.zoomed).toBe('true');
    expect(zoomed.end - zoomed.start).toBeLessThan(whole.end - whole.start);
    expect(Number(await overview.getAttribute('data-window-end-pct'))).toBeLessThan(100);
    expect(Number(await overview.getAttribute('data-window-start-pct'))).toBeGreaterThan(0);

    // The keyboard zooms further, and → pans later.
    await drawn(page).getByRole('listbox').getByRole('option').first().focus();
    await page.keyboard.press('+');
    const closer = await windowOf(page);
    expect(closer.end - closer.start).toBeLessThan(zoomed.end - zoomed.start);
    await page.keyboard.press('ArrowRight');
    const panned = await windowOf(page);
    expect(panned.start).toBeGreaterThan(closer.start);
    expect(panned.end - panned.start).toBeCloseTo(closer.end - closer.start, 0);

    // 0 fits the tool calls: they start after the model's first 200 ms.
    await page.keyboard.press('0');
    const fitted = await windowOf(page);
    const starts = await drawn(page)
      .locator('[data-tool]')
      .evaluateAll((bars) => bars.map((bar) => Number((bar as HTMLElement).dataset.startMs)));
    expect(fitted.start).toBeGreaterThan(0);
    expect(fitted.start).toBeLessThanOrEqual(Math.min(...starts));

    // Out, step by step, back to the whole run.
    for (let step = 0; step < 12 && (await windowOf(page)).zoomed === 'true'; step++)
      await page.keyboard.press('-');
    expect((await windowOf(page)).zoomed).toBe('false');
    await expect(overview).toHaveAttribute('data-whole', 'true');

    // Ctrl+wheel over the bars zooms around the pointer; "Whole run" undoes it.
    const bar = drawn(page).locator('[data-tool]').first();
    await bar.hover();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await expect(drawn(page)).toHaveAttribute('data-zoomed', 'true');
    await page.getByRole('button', { name: 'Whole run' }).click();
    await expect(drawn(page)).toHaveAttribute('data-zoomed', 'false');
  });

  test('dragging the overview window pans the axis', async ({ page }) => {
    await openApp(page);
    await importTrace(page, bigTraceFile({ calls: 40, steps: 2 }));
    await page.getByRole('button', { name: 'Zoom in (+)' }).click();
    await page.getByRole('button', { name: 'Zoom in (+)' }).click();
    const before = await windowOf(page);
    const frame = page.locator('.wf-overview-window');
    const box = await frame.boundingBox();
    if (!box) throw new Error('no overview window');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const after = await windowOf(page);
    expect(after.start).toBeGreaterThan(before.start);
    expect(after.end - after.start).toBeCloseTo(before.end - before.start, 0);
  });
});

test.describe('chat and timeline point at each other', () => {
  test('a call clicked in the chat selects its bar; a bar clicked highlights its chat row', async ({
    page,
  }) => {
    const chat = await openApp(page);
    await chat.send(WEATHER);
    const bars = await settledBars(page, 3);
    await chat.expectAnswer('Warmest right now');
    const tokyo = bars.find((bar) => bar.callId && bar.tool === 'get_weather');
    expect(tokyo).toBeTruthy();
    const chatRows = page.locator('.tool-call');
    const second = chatRows.nth(1);
    const callId = (await second.getAttribute('data-call-id')) ?? '';
    await second.locator('.tool-call-args').click();
    const row = waterfall(page).locator(`[data-row-key="${callId}"]`);
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await expect(second).toHaveAttribute('data-selected', 'true');

    // The other way: a bar chosen in the waterfall lights up its call in the chat.
    const third = chatRows.nth(2);
    const otherId = (await third.getAttribute('data-call-id')) ?? '';
    await waterfall(page).locator(`[data-row-key="${otherId}"]`).click();
    await expect(third).toHaveAttribute('data-selected', 'true');
    await expect(second).not.toHaveAttribute('data-selected', 'true');
    // The chat row's name is its keyboard way to the bar.
    await chatRows.nth(0).getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    await expect(chatRows.nth(0)).toHaveAttribute('data-selected', 'true');
  });

  test('a step of 160 calls draws only the chat rows in view, and they still point at their bars', async ({
    page,
  }) => {
    const chat = await openApp(page, '?latency=20&concurrency=64');
    const calls = 160;
    const list = Array.from({ length: calls }, (_, index) => `calculate ${index + 1}+${index + 1}`);
    await chat.send(`C${list.join('; ').slice(1)}`);
    await expect(waterfall(page)).toHaveAttribute('data-tool-count', String(calls), {
      timeout: 30_000,
    });
    const virtual = page.locator('.tool-call-list-virtual');
    await expect(virtual).toBeVisible();
    await expect(page.locator('.tool-calls-header').first()).toContainText(`${calls} tool calls`);
    const drawnRows = await virtual.locator('.tool-call').count();
    expect(drawnRows).toBeGreaterThan(0);
    expect(drawnRows).toBeLessThan(80);
    // Scrolled to its end, the list draws its last calls.
    await virtual.evaluate((element) => {
      const scroller = element.closest('.message-scroller');
      if (scroller)
        scroller.scrollTop =
          element.getBoundingClientRect().bottom -
          scroller.getBoundingClientRect().top +
          scroller.scrollTop -
          scroller.clientHeight;
    });
    const last = virtual.locator(`.tool-call[data-index="${calls - 1}"]`);
    await expect(last).toBeVisible();
    // A far call clicked in the chat is brought into view in the (virtual) waterfall.
    const callId = (await last.getAttribute('data-call-id')) ?? '';
    await last.locator('.tool-call-args').click();
    const row = waterfall(page).locator(`[data-row-key="${callId}"]`);
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await expect(row).toBeInViewport();
  });

  test('a chaining link is drawn thick enough to read and stands out when its call is selected', async ({
    page,
  }) => {
    await openApp(page);
    await page.locator('[data-scenario=cheapest-then-stock]').click();
    const stock = waterfall(page).locator('[data-tool=check_inventory]');
    await expect(stock).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
    const link = waterfall(page).getByTestId('dependency-links').locator('g');
    await expect(link).toHaveCount(1);
    const width = await link
      .locator('path.wf-link')
      .evaluate((path) => Number.parseFloat(getComputedStyle(path).strokeWidth));
    expect(width).toBeGreaterThanOrEqual(2);
    await stock.click();
    await expect(link).toHaveAttribute('data-emphasis', 'on');
    // Polled: the stroke eases over 120 ms, so a read right after the class change can see the
    // old width on a busy machine.
    await expect
      .poll(() =>
        link
          .locator('path.wf-link')
          .evaluate((path) => Number.parseFloat(getComputedStyle(path).strokeWidth)),
      )
      .toBeGreaterThan(width);
  });
});

test.describe('phone 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the waterfall gets the screen’s width: names pinned, bars scroll sideways', async ({
    page,
  }) => {
    const chat = await openApp(page);
    await chat.send(WEATHER);
    await chat.expectAnswer('Warmest right now');
    await page.getByTestId('timeline-toggle').click();
    await settledBars(page, 3);
    const track = await drawn(page).locator('.wf-axis-track').boundingBox();
    expect(track?.width ?? 0).toBeGreaterThan(390 * 0.85);
    const scroller = drawn(page).locator('.wf-hscroll');
    const label = drawn(page).locator('.wf-row-tool .wf-label').first();
    const before = await label.boundingBox();
    const scrolled = await scroller.evaluate((element) => {
      element.scrollLeft = 200;
      return element.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(50);
    const after = await label.boundingBox();
    // The name stays where it was while the bars moved under it.
    expect(Math.abs((after?.x ?? 0) - (before?.x ?? 100))).toBeLessThan(2);
    // Nothing but the bars' own scroller overflows sideways.
    expect(await chat.hasHorizontalOverflow()).toBe(false);
  });

  test('race lanes stack below the verdict', async ({ page }) => {
    await page.goto(`/?race=1&latency=100&prompt=${encodeURIComponent(WEATHER)}`);
    await raceVerdict(page);
    const verdict = await page.getByTestId('race-verdict').boundingBox();
    const parallel = await raceLane(page, 'parallel').boundingBox();
    const sequential = await raceLane(page, 'sequential').boundingBox();
    if (!verdict || !parallel || !sequential) throw new Error('race not drawn');
    expect(verdict.y + verdict.height).toBeLessThanOrEqual(parallel.y + 1);
    expect(parallel.y + parallel.height).toBeLessThanOrEqual(sequential.y + 1);
    expect(parallel.width).toBeGreaterThan(390 * 0.8);
  });
});

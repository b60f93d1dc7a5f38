import { expect, type Page, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page.ts';

/** Widths around every header breakpoint, plus the common screens. */
const widths = [390, 768, 1024, 1100, 1117, 1280, 1440] as const;
const cases = [
  ...widths.map((width) => ({ width, present: false })),
  // Presentation mode zooms the page 1.25×: a 1280 px window lays out like a 1024 px one.
  { width: 1280, present: true },
];

type HeaderFit = { viewport: number; pageWidth: number; outside: string[] };

/** What of the visible header lies outside the window, and how wide the page is. */
async function headerFit(page: Page): Promise<HeaderFit> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const header = [...document.querySelectorAll('.app-header')].find(
      (element) => element.getBoundingClientRect().width > 0,
    );
    const outside = [...(header?.querySelectorAll('*') ?? [])]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        return box.left < -0.5 || box.right > viewport + 0.5;
      })
      .map((element) => element.getAttribute('aria-label') ?? element.textContent ?? '');
    return {
      viewport,
      pageWidth: document.documentElement.scrollWidth,
      outside: header ? outside : ['(no visible header)'],
    };
  });
}

test.describe('the header fits', () => {
  for (const { width, present } of cases) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`at ${width} px${present ? ' in presentation mode' : ''}, ${colorScheme}`, async ({
        page,
      }) => {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme });
        const chat = new ChatPage(page);
        await page.goto(present ? '/?present=1' : '/');
        await expect(chat.modelPicker).toBeEnabled();

        const inChat = await headerFit(page);
        expect(inChat.outside).toEqual([]);
        expect(inChat.pageWidth).toBeLessThanOrEqual(inChat.viewport);
        // Every control is still there to be used, not pushed out of reach.
        for (const name of ['Model', 'Scenarios', 'Race', 'History', 'New chat']) {
          await expect(
            page.getByRole(name === 'Model' ? 'combobox' : 'button', { name, exact: true }),
          ).toBeInViewport({ ratio: 1 });
        }

        await page.getByRole('button', { name: 'Race', exact: true }).click();
        await expect(page.getByRole('navigation', { name: 'Modes' })).toBeVisible();
        const inRace = await headerFit(page);
        expect(inRace.outside).toEqual([]);
        expect(inRace.pageWidth).toBeLessThanOrEqual(inRace.viewport);
      });
    }
  }
});

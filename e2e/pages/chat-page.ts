import { expect, type Locator, type Page } from '@playwright/test';

/** The chat screen, addressed the way a person (or a screen reader) finds things on it. */
export class ChatPage {
  readonly page: Page;
  readonly modelPicker: Locator;
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly conversation: Locator;
  readonly userMessages: Locator;
  readonly assistantMessages: Locator;
  readonly errorBanner: Locator;
  readonly retryButton: Locator;
  readonly dismissButton: Locator;
  readonly examplePrompts: Locator;
  /** The typing indicator shown while waiting for the first token. */
  readonly waitingIndicator: Locator;

  constructor(page: Page) {
    this.page = page;
    this.modelPicker = page.getByRole('combobox', { name: 'Model' });
    this.composer = page.getByLabel('Message');
    this.sendButton = page.getByRole('button', { name: 'Send' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.conversation = page.getByRole('list', { name: 'Conversation' });
    this.userMessages = this.conversation.locator('li[data-role="user"]');
    this.assistantMessages = this.conversation.locator('li[data-role="assistant"]');
    this.errorBanner = page.getByRole('alert');
    this.retryButton = this.errorBanner.getByRole('button', { name: 'Retry' });
    this.dismissButton = this.errorBanner.getByRole('button', { name: /dismiss/i });
    this.examplePrompts = page.getByRole('list', { name: 'Example prompts' }).getByRole('button');
    this.waitingIndicator = page.getByRole('status', { name: 'Waiting for the model' });
  }

  /** Opens the page and waits until the model list has loaded. */
  async goto() {
    await this.page.goto('/');
    await expect(this.modelPicker).toBeEnabled();
  }

  /** Picks a model by the label the picker shows. */
  async selectModel(label: string) {
    await this.modelPicker.selectOption({ label });
    await expect(this.selectedModel()).toHaveText(label);
  }

  selectedModel(): Locator {
    return this.modelPicker.locator('option:checked');
  }

  /** Types a message and sends it with Enter. */
  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  lastAssistant(): Locator {
    return this.assistantMessages.last();
  }

  /** Waits until no answer is running: Stop is gone and Send is back. */
  async waitUntilIdle() {
    await expect(this.stopButton).toBeHidden();
    await expect(this.sendButton).toBeVisible();
  }

  /** Waits for the last answer to finish and to contain `text`. */
  async expectAnswer(text: string | RegExp) {
    await expect(this.lastAssistant()).toContainText(text);
    await this.waitUntilIdle();
    await expect(this.lastAssistant()).toHaveAttribute('aria-busy', 'false');
  }

  /**
   * Records the last assistant message's text each time the page changes, so a test can tell a
   * streamed answer (many growing snapshots) from one that appeared all at once.
   */
  async startRecordingAnswer() {
    await this.page.evaluate(() => {
      type Sample = { busy: string | null; text: string };
      const target = window as unknown as { __answerSamples: Sample[] };
      target.__answerSamples = [];
      const record = () => {
        const items = document.querySelectorAll(
          'ol[aria-label="Conversation"] li[data-role="assistant"]',
        );
        const last = items[items.length - 1];
        if (!last) return;
        const sample = { busy: last.getAttribute('aria-busy'), text: last.textContent ?? '' };
        const previous = target.__answerSamples.at(-1);
        if (previous?.text !== sample.text || previous?.busy !== sample.busy) {
          target.__answerSamples.push(sample);
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
  }

  async recordedAnswer(): Promise<Array<{ busy: string | null; text: string }>> {
    return this.page.evaluate(
      () =>
        (window as unknown as { __answerSamples: Array<{ busy: string | null; text: string }> })
          .__answerSamples,
    );
  }

  /** True when the page is wider than the viewport (something overflows horizontally). */
  async hasHorizontalOverflow(): Promise<boolean> {
    return this.page.evaluate(() => {
      const width = window.innerWidth;
      return document.documentElement.scrollWidth > width || document.body.scrollWidth > width;
    });
  }
}

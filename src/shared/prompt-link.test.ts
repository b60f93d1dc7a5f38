import { describe, expect, it } from 'vitest';
import { promptFromHref, promptHref, promptLink } from './prompt-link';

describe('prompt links', () => {
  it('round-trip any text, parentheses and quotes included', () => {
    for (const text of [
      "What's the weather in Paris, Tokyo and New York?",
      'Compare (a) and (b)! *now*',
      'ünïcödé & 100% = ok',
    ]) {
      expect(promptHref(text)).not.toMatch(/[()\s'!*]/);
      expect(promptFromHref(promptHref(text))).toBe(text);
    }
  });

  it('writes a Markdown link with the label escaped', () => {
    expect(promptLink('a [b]')).toBe('[a \\[b\\]](fanout-prompt:a%20%5Bb%5D)');
  });

  it('reads nothing from other schemes, broken encodings or empty prompts', () => {
    expect(promptFromHref('https://example.com')).toBeUndefined();
    expect(promptFromHref('javascript:alert(1)')).toBeUndefined();
    expect(promptFromHref('fanout-prompt:%E0%A4%A')).toBeUndefined();
    expect(promptFromHref('fanout-prompt:%20')).toBeUndefined();
    expect(promptFromHref(`fanout-prompt:${'a'.repeat(2001)}`)).toBeUndefined();
  });
});

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { promptHref } from '../shared/prompt-link';
import { HOSTILE_OUTPUT } from '../shared/tools/fault-tools';
import { Markdown } from './markdown';
import { allowedImageUrl, safeLinkUrl } from './markdown-policy';
import { PromptLinkContext } from './prompt-link-context';

const render = (text: string, imageHosts?: string[]) =>
  renderToStaticMarkup(<Markdown text={text} imageHosts={imageHosts} />);

describe('safeLinkUrl', () => {
  it.each([
    'https://example.com/a',
    'http://example.com',
    'mailto:a@example.com',
    '#section',
    '/docs/page',
  ])('keeps %s', (url) => expect(safeLinkUrl(url)).toBe(url));

  it('keeps a fanout-prompt: link, re-encoded', () => {
    expect(safeLinkUrl('fanout-prompt:Hi%20there')).toBe('fanout-prompt:Hi%20there');
    expect(safeLinkUrl('fanout-prompt:')).toBe('');
  });

  it.each([
    'javascript:alert(1)',
    'fanout-prompts:x',
    'fanout:x',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/x',
    'file:///etc/passwd',
  ])('drops %s', (url) => expect(safeLinkUrl(url)).toBe(''));
});

describe('allowedImageUrl', () => {
  it('allows nothing by default', () => {
    expect(allowedImageUrl('https://images.example.com/a.png', [])).toBeUndefined();
  });
  it('allows https images from listed hosts only', () => {
    const hosts = ['images.example.com'];
    expect(allowedImageUrl('https://images.example.com/a.png', hosts)).toBe(
      'https://images.example.com/a.png',
    );
    expect(allowedImageUrl('https://IMAGES.example.com/a.png', ['Images.Example.com'])).toBe(
      'https://images.example.com/a.png',
    );
    expect(allowedImageUrl('http://images.example.com/a.png', hosts)).toBeUndefined();
    expect(allowedImageUrl('https://evil.example/a.png', hosts)).toBeUndefined();
    expect(allowedImageUrl('https://images.example.com.evil.example/a', hosts)).toBeUndefined();
    expect(allowedImageUrl('https://user:pw@images.example.com/a', hosts)).toBeUndefined();
    expect(allowedImageUrl('javascript:alert(1)', hosts)).toBeUndefined();
    expect(allowedImageUrl('/relative.png', hosts)).toBeUndefined();
  });
});

describe('<Markdown>', () => {
  it('never renders raw HTML or a script', () => {
    const html = render(`${HOSTILE_OUTPUT.html}\n\n${HOSTILE_OUTPUT.script}\n\nafter`);
    expect(html).not.toMatch(/<script|<img|onerror|<b>/i);
    expect(html).toContain('after');
  });

  it('strips javascript: links but keeps their text', () => {
    const html = render(`${HOSTILE_OUTPUT.link} and [ok](https://example.com)`);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('click me');
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('shows a remote image as text (the exfiltration pattern) unless its host is allowed', () => {
    const blocked = render(HOSTILE_OUTPUT.image);
    expect(blocked).not.toContain('<img');
    expect(blocked).not.toContain('exfil.invalid');
    expect(blocked).toContain('[image: logo]');

    const allowed = render('![chart](https://images.example.com/c.png)', ['images.example.com']);
    expect(allowed).toContain('<img src="https://images.example.com/c.png"');
    expect(allowed).toMatch(/referrerpolicy="no-referrer"/i);
  });

  it('does not load data: or other hosts even with an allow-list', () => {
    const html = render('![x](https://exfil.invalid/a.png) ![y](data:image/png;base64,AAAA)', [
      'images.example.com',
    ]);
    expect(html).not.toContain('<img');
  });

  it('renders a fanout-prompt: link as a button that sends its prompt, never a link', () => {
    const prompt = "What's the weather in Paris (today)?";
    const text = `- [Try it](${promptHref(prompt)}) and [bad](javascript:alert(1))`;
    const html = renderToStaticMarkup(
      <PromptLinkContext value={{ send: () => undefined, disabled: false }}>
        <Markdown text={text} />
      </PromptLinkContext>,
    );
    expect(html).toContain('<button type="button" class="prompt-link"');
    expect(html).toContain('data-prompt="What&#x27;s the weather in Paris (today)?"');
    expect(html).not.toContain('href="fanout-prompt');
    expect(html).not.toContain('javascript:');
    // Where nothing can send (a race lane), the example is plain text.
    expect(render(text)).not.toContain('<button');
    expect(render(text)).toContain('<em>Try it</em>');
  });
});

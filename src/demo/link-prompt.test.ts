import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkThatRuns, readLinkPrompt, withoutLinkPrompt } from './link-prompt';
import { scenarios } from './scenarios';

describe('links that run a prompt', () => {
  it('runs only with run=1 and a prompt', () => {
    expect(readLinkPrompt('?prompt=Hello%20there&run=1')).toBe('Hello there');
    expect(readLinkPrompt('?prompt=Hello')).toBeUndefined();
    expect(readLinkPrompt('?run=1')).toBeUndefined();
    expect(readLinkPrompt('?prompt=%20&run=1')).toBeUndefined();
    // A race link races its prompt; the chat does not send it as well.
    expect(readLinkPrompt('?race=1&prompt=Hello&run=1')).toBeUndefined();
    expect(readLinkPrompt(`?prompt=${'a'.repeat(2001)}&run=1`)).toBeUndefined();
  });

  it('writes the prompt beside the settings and drops it again, keeping the settings', () => {
    const link = linkThatRuns(
      'http://localhost:5173/?latency=900&prompt=old&run=1',
      "What's the weather in Paris & Tokyo?",
    );
    const search = new URL(link).search;
    expect(readLinkPrompt(search)).toBe("What's the weather in Paris & Tokyo?");
    expect(new URL(link).searchParams.get('latency')).toBe('900');
    expect(withoutLinkPrompt(search)).toBe('?latency=900');
    expect(linkThatRuns('http://localhost:5173/?latency=900', '  ')).toBe(
      'http://localhost:5173/?latency=900',
    );
  });
});

describe('the README’s demo', () => {
  it('has a link that runs each scenario', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const prompts = [...readme.matchAll(/http:\/\/localhost:5173\/\?\S+/g)].map((match) =>
      readLinkPrompt(new URL(match[0]).search),
    );
    for (const scenario of scenarios) expect(prompts).toContain(scenario.prompt);
  });
});

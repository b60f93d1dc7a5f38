import { describe, expect, it } from 'vitest';
import { readAppMode, writeAppMode } from './app-mode-store';

describe('app mode in the URL', () => {
  it('reads race with a prompt, which starts it', () => {
    expect(readAppMode('?race=1&prompt=Weather%20in%20Paris&latency=1000')).toEqual({
      mode: 'race',
      racePrompt: 'Weather in Paris',
      raceAutostart: true,
    });
  });

  it('reads replay and compare; anything else is the chat', () => {
    expect(readAppMode('?replay=1').mode).toBe('replay');
    expect(readAppMode('?compare=1').mode).toBe('compare');
    expect(readAppMode('?race=0').mode).toBe('chat');
    expect(readAppMode('').mode).toBe('chat');
    expect(readAppMode('?race=1').raceAutostart).toBe(false);
  });

  it('writes the mode and keeps the demo settings', () => {
    expect(writeAppMode('race', '?latency=1000&compare=1', 'hi there')).toBe(
      '?latency=1000&race=1&prompt=hi+there',
    );
    expect(writeAppMode('chat', '?latency=1000&race=1&prompt=x')).toBe('?latency=1000');
  });
});

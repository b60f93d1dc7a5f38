import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('reuses the last parse while the variables are unchanged, in any env object', () => {
    const first = readConfig({ OPENAI_MODELS: 'a,b', FANOUT_MAX_STREAMS: '5' });
    const again = readConfig({ OPENAI_MODELS: 'a,b', FANOUT_MAX_STREAMS: '5', UNRELATED: 'x' });
    expect(again).toBe(first);
    expect(first.OPENAI_MODELS).toEqual(['a', 'b']);
  });

  it('parses again as soon as one variable changes, set or unset', () => {
    const before = readConfig({ FANOUT_MAX_STREAMS: '5' });
    const changed = readConfig({ FANOUT_MAX_STREAMS: '6' });
    expect(changed).not.toBe(before);
    expect(changed.FANOUT_MAX_STREAMS).toBe(6);
    expect(readConfig({ FANOUT_MAX_STREAMS: '6', FANOUT_TRUST_PROXY: '' })).not.toBe(changed);
  });

  it('hands out a frozen value, so no caller can change what the next request reads', () => {
    const config = readConfig({ FANOUT_ALLOWED_ORIGINS: 'https://a.example' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.FANOUT_ALLOWED_ORIGINS)).toBe(true);
  });

  it('still throws for an invalid value', () => {
    expect(() => readConfig({ FANOUT_MAX_STREAMS: 'many' })).toThrow(/Invalid configuration/);
  });
});

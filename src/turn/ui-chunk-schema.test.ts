import { describe, expect, it } from 'vitest';
import { validateChunk } from './ui-chunk-schema';

async function accepts(value: unknown) {
  return (await validateChunk(value)).success;
}

describe('validateChunk', () => {
  it('accepts plain deltas', async () => {
    expect(await accepts({ type: 'text-delta', id: 't1', delta: 'Hello' })).toBe(true);
    expect(await accepts({ type: 'reasoning-delta', id: 'r1', delta: 'hm' })).toBe(true);
    expect(
      await accepts({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"a"' }),
    ).toBe(true);
    expect(
      await accepts({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'get_weather' }),
    ).toBe(true);
  });

  it('hands deltas with more keys and every other type to the SDK’s schema', async () => {
    expect(
      await accepts({
        type: 'text-delta',
        id: 't1',
        delta: 'x',
        providerMetadata: { openai: { itemId: 'i1' } },
      }),
    ).toBe(true);
    expect(
      await accepts({
        type: 'tool-input-available',
        toolCallId: 'c1',
        toolName: 'get_weather',
        input: { city: 'Paris' },
      }),
    ).toBe(true);
    expect(
      await accepts({
        type: 'tool-input-start',
        toolCallId: 'c1',
        toolName: 'get_weather',
        dynamic: true,
        title: 'Weather',
      }),
    ).toBe(true);
    expect(await accepts({ type: 'finish', finishReason: 'stop' })).toBe(true);
  });

  it('rejects malformed chunks', async () => {
    expect(await accepts({ type: 'text-delta', id: 7, delta: 'x' })).toBe(false);
    expect(await accepts({ type: 'tool-input-delta', toolCallId: 'c1' })).toBe(false);
    expect(await accepts({ type: 'tool-input-start', toolCallId: 'c1' })).toBe(false);
    expect(
      await accepts({ type: 'tool-input-available', toolCallId: 'c1', toolName: 3, input: {} }),
    ).toBe(false);
    expect(
      await accepts({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'x', dynamic: 'yes' }),
    ).toBe(false);
    expect(await accepts({ type: 'no-such-chunk' })).toBe(false);
    expect(await accepts({ type: 'constructor' })).toBe(false);
    expect(await accepts(null)).toBe(false);
    expect(await accepts('text-delta')).toBe(false);
  });
});

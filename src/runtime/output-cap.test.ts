import { describe, expect, it } from 'vitest';
import { capOutput, type TruncatedOutput, utf8ByteLength } from './output-cap';

const encoder = new TextEncoder();

describe('utf8ByteLength', () => {
  it('matches TextEncoder for ASCII, accents, CJK, emoji and lone surrogates', () => {
    for (const text of ['', 'hello', 'café', '東京', '🌧️ rain', 'a\ud800b', '\udc00'])
      expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
  });
});

describe('capOutput', () => {
  it('passes small outputs through by reference', () => {
    const output = { a: 1 };
    expect(capOutput(output, 100)).toEqual({ modelOutput: output, truncated: false, bytes: 7 });
  });

  it('turns outputs JSON cannot express into null', () => {
    expect(capOutput(undefined, 100)).toEqual({ modelOutput: null, truncated: false, bytes: 4 });
  });

  it('throws on outputs that cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => capOutput(cyclic, 100)).toThrow();
  });

  it('counts bytes, not characters, and never cuts a character in half', () => {
    const output = '🌧'.repeat(2000);
    const capped = capOutput(output, 1000);
    const model = capped.modelOutput as TruncatedOutput;
    expect(capped.truncated).toBe(true);
    expect(model.originalBytes).toBe(encoder.encode(JSON.stringify(output)).length);
    expect(encoder.encode(JSON.stringify(model)).length).toBeLessThanOrEqual(1000);
    expect(model.preview).not.toMatch(/[\ud800-\udbff]$/);
    expect(model.preview.length).toBeGreaterThan(0);
  });

  it('keeps the marker under an absurdly small cap rather than hiding the truncation', () => {
    const model = capOutput('x'.repeat(1000), 10).modelOutput as TruncatedOutput;
    expect(model).toMatchObject({ truncated: true, preview: '' });
  });
});

import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { finishedRun, manyCallsRun } from './export-test-runs';
import {
  decodeSharePayload,
  encodeShareFragment,
  MAX_SHARE_FRAGMENT_CHARS,
  sharePayloadOf,
} from './share-link';

function payloadOf(fragment: string): string {
  const payload = sharePayloadOf(`#${fragment}`);
  if (payload === undefined) throw new Error('no payload');
  return payload;
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

describe('share links', () => {
  it('round-trips a run through the fragment unchanged', () => {
    const run = finishedRun();
    const encoded = encodeShareFragment(run);
    if (!encoded.ok) throw new Error('should fit');
    expect(encoded.fragment).toMatch(/^run=[A-Za-z0-9_-]+$/);
    const decoded = decodeSharePayload(payloadOf(encoded.fragment));
    expect(decoded).toMatchObject({ ok: true });
    if (decoded.ok) expect(decoded.runs).toEqual([run]);
  });

  it('carries a few hundred calls within the limit, and refuses a run past it', () => {
    const fits = encodeShareFragment(manyCallsRun(300));
    expect(fits.ok).toBe(true);
    expect(fits.chars).toBeLessThanOrEqual(MAX_SHARE_FRAGMENT_CHARS);
    const tooBig = encodeShareFragment(manyCallsRun(3000));
    expect(tooBig).toMatchObject({ ok: false, limit: MAX_SHARE_FRAGMENT_CHARS });
    expect(tooBig.chars).toBeGreaterThan(MAX_SHARE_FRAGMENT_CHARS);
  });

  it('reads only #run= fragments', () => {
    expect(sharePayloadOf('#run=abc')).toBe('abc');
    expect(sharePayloadOf('run=abc')).toBe('abc');
    expect(sharePayloadOf('#other=abc')).toBeUndefined();
    expect(sharePayloadOf('')).toBeUndefined();
  });

  it('answers a damaged link with a sentence, never a throw', () => {
    const encoded = encodeShareFragment(finishedRun());
    if (!encoded.ok) throw new Error('should fit');
    const cut = payloadOf(encoded.fragment).slice(0, 40);
    for (const payload of [cut, '!!!not base64!!!', 'AAAA', '']) {
      const result = decodeSharePayload(payload);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/link/);
    }
  });

  it('checks the unpacked run with the import schema, naming the field', () => {
    const bad = { format: 'fanout-trace', version: 1, exportedAt: 'yesterday', runs: [] };
    const result = decodeSharePayload(base64Url(deflateSync(strToU8(JSON.stringify(bad)))));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/^The link’s run is invalid — exportedAt/);
  });

  it('refuses a payload that unpacks to far more than a run (a compression bomb)', () => {
    const bomb = base64Url(deflateSync(new Uint8Array(17 * 1024 * 1024), { level: 9 }));
    const result = decodeSharePayload(bomb);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/more than a run/);
  });
});

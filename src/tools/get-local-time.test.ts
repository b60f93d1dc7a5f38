import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLocalTimeHandler, resolveTimeZone, zonedIso } from './get-local-time';
import { testContext } from './test-data-loader';

afterEach(() => {
  vi.useRealTimers();
});

describe('get_local_time', () => {
  it('computes the wall-clock time and offset of an IANA zone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T22:43:05Z'));
    const tokyo = await getLocalTimeHandler({ timezone: 'Asia/Tokyo' }, testContext());
    expect(tokyo).toMatchObject({
      timezone: 'Asia/Tokyo',
      iso: '2026-11-25T07:43:05+09:00',
      utcOffset: '+09:00',
    });
    expect(tokyo.formatted).toMatch(/Wednesday, November 25, 2026 at 7:43/);
    const india = await getLocalTimeHandler({ timezone: 'Asia/Kolkata' }, testContext());
    expect(india.iso).toBe('2026-11-25T04:13:05+05:30');
    const utc = await getLocalTimeHandler({ timezone: 'UTC' }, testContext());
    expect(utc.iso).toBe('2026-11-24T22:43:05+00:00');
  });

  it('follows daylight saving time', () => {
    expect(zonedIso(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(
      '2026-07-01T08:00:00-04:00',
    );
    expect(zonedIso(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(
      '2026-01-15T07:00:00-05:00',
    );
  });

  it('accepts any casing and a bare city name', () => {
    expect(resolveTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('New York')).toBe('America/New_York');
    expect(resolveTimeZone('Tokyo')).toBe('Asia/Tokyo');
  });

  it('throws a helpful error for an unknown zone', async () => {
    await expect(getLocalTimeHandler({ timezone: 'Mars/Olympus' }, testContext())).rejects.toThrow(
      /Unknown time zone "Mars\/Olympus". Use an IANA name such as Europe\/Paris/,
    );
  });

  it('honours an aborted signal', async () => {
    await expect(
      getLocalTimeHandler({ timezone: 'UTC' }, testContext(AbortSignal.abort())),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

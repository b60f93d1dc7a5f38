import { describe, expect, it } from 'vitest';
import { getWeatherHandler } from './get-weather';
import { testContext } from './test-data-loader';

describe('get_weather', () => {
  it('returns the conditions for a city', async () => {
    const weather = await getWeatherHandler({ city: 'Paris' }, testContext());
    expect(weather).toMatchObject({
      city: 'Paris',
      country: 'France',
      condition: expect.any(String),
    });
    expect(weather.tempF).toBe(Math.round((weather.tempC * 9) / 5 + 32));
    expect(weather.observedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('ignores case, accents, a trailing country and small typos', async () => {
    const ctx = testContext();
    expect((await getWeatherHandler({ city: 'sao paulo' }, ctx)).city).toBe('São Paulo');
    expect((await getWeatherHandler({ city: 'ZURICH' }, ctx)).city).toBe('Zürich');
    expect((await getWeatherHandler({ city: 'Tokyo, Japan' }, ctx)).city).toBe('Tokyo');
    expect((await getWeatherHandler({ city: 'NYC' }, ctx)).city).toBe('New York');
    expect((await getWeatherHandler({ city: 'Berlinn' }, ctx)).city).toBe('Berlin');
  });

  it('throws a helpful error for an unknown city', async () => {
    await expect(getWeatherHandler({ city: 'Atlantis' }, testContext())).rejects.toThrow(
      /No weather data for "Atlantis".*Covered: .*Paris/,
    );
  });

  it('stops when the signal aborts while the data is loading', async () => {
    const controller = new AbortController();
    const ctx = { signal: controller.signal, load: () => new Promise<never>(() => {}) };
    const pending = getWeatherHandler({ city: 'Paris' }, ctx);
    controller.abort(new Error('timed out after 10 ms'));
    await expect(pending).rejects.toThrow('timed out after 10 ms');
  });
});

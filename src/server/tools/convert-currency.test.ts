import { afterEach, describe, expect, it, vi } from 'vitest';
import { toolSpecs } from '../../shared/tools';
import { convertCurrency, executeConvertCurrency } from './convert-currency';
import { serverToolExecutors } from './index';

afterEach(() => {
  vi.useRealTimers();
});

describe('convert_currency (server)', () => {
  it('converts from the base currency and rounds to the minor unit', () => {
    expect(convertCurrency({ amount: 100, from: 'USD', to: 'EUR' })).toMatchObject({
      from: 'USD',
      to: 'EUR',
      rate: 0.9214,
      result: 92.14,
      formatted: '€92.14',
      asOf: '2026-11-24',
    });
    const yen = convertCurrency({ amount: 12.34, from: 'USD', to: 'JPY' });
    expect(Number.isInteger(yen.result)).toBe(true);
  });

  it('computes cross rates through the base and accepts lower case and symbols', () => {
    const result = convertCurrency({ amount: 50, from: 'eur', to: '£' });
    expect(result.from).toBe('EUR');
    expect(result.to).toBe('GBP');
    expect(result.rate).toBeCloseTo(0.7862 / 0.9214, 5);
    expect(result.result).toBeCloseTo(50 * (0.7862 / 0.9214), 2);
  });

  it('rejects unknown currencies with the supported list', () => {
    expect(() => convertCurrency({ amount: 1, from: 'USD', to: 'XYZ' })).toThrow(
      /Unknown currency "XYZ".*supported: .*EUR/,
    );
  });

  it('validates raw input from the model', async () => {
    await expect(
      executeConvertCurrency({ amount: 'ten', from: 'USD', to: 'EUR' }, { simulatedLatency: null }),
    ).rejects.toThrow();
  });

  it('waits its own simulated latency, abortably', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    const call = executeConvertCurrency(
      { amount: 10, from: 'USD', to: 'CAD' },
      { simulatedLatency: { baseMs: 300, jitterMs: 0 } },
    ).then(done);
    await vi.advanceTimersByTimeAsync(299);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ to: 'CAD', result: 13.72 }));

    const controller = new AbortController();
    const aborted = executeConvertCurrency(
      { amount: 10, from: 'USD', to: 'CAD' },
      { abortSignal: controller.signal },
    );
    controller.abort(new Error('timed out after 6000 ms'));
    await expect(aborted).rejects.toThrow('timed out after 6000 ms');
  });

  it('is the executor for every server-side spec', () => {
    const serverSpecs = toolSpecs.filter((spec) => spec.runsOn === 'server').map((s) => s.name);
    expect(Object.keys(serverToolExecutors)).toEqual(serverSpecs);
  });
});

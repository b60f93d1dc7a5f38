import { describe, expect, it } from 'vitest';
import { run, span, step, threeCityRun } from '../timeline/trace-fixtures';
import {
  dependencyLinks,
  leavesOf,
  linksByTarget,
  linksSignature,
  significantKey,
} from './dependencies';

const product = (sku: string, name: string, priceUsd: number) => ({
  sku,
  name,
  brand: 'Acme',
  category: 'laptop',
  priceUsd,
  rating: 4.5,
  inStock: true,
  matchedBy: 'name',
});

/** The chaining scenario: three lookups in step 1, a stock check of the cheapest in step 2. */
function cheapestThenStock() {
  return run(
    [
      step('step-1', 0, 100, 300),
      step('step-2', 900, 1000, 1100),
      step('step-3', 1500, 1600, 1800),
    ],
    [
      span('lookup-a', 200, 700, {
        toolName: 'lookup_product',
        input: { product: 'Aurora X1' },
        output: product('AUR-X1-14', 'Aurora X1', 1299),
      }),
      span('lookup-n', 210, 720, {
        toolName: 'lookup_product',
        input: { product: 'Nimbus Pro' },
        output: product('NIM-PRO-16', 'Nimbus Pro', 1899),
      }),
      span('lookup-v', 220, 760, {
        toolName: 'lookup_product',
        input: { product: 'Vega Air' },
        output: product('VEGA-AIR-13', 'Vega Air', 999),
      }),
      span('stock', 1100, 1400, {
        toolName: 'check_inventory',
        stepId: 'step-2',
        input: { sku: 'VEGA-AIR-13', storeId: 'sf-market' },
        output: { store: 'SF Market', quantity: 4 },
      }),
    ],
    {
      prompt:
        'Which is cheapest: the Aurora X1, the Nimbus Pro or the Vega Air? Then check its stock at my home store.',
    },
  );
}

describe('leavesOf and significantKey', () => {
  it('walks objects and arrays with paths', () => {
    expect(leavesOf({ a: 'x', b: [1, { c: 'y' }], d: true, e: null })).toEqual([
      { path: 'a', value: 'x' },
      { path: 'b.0', value: 1 },
      { path: 'b.1.c', value: 'y' },
    ]);
  });

  it('ignores trivial values', () => {
    expect(significantKey(3)).toBeUndefined();
    expect(significantKey(-9.5)).toBeUndefined();
    expect(significantKey('EUR')).toBeUndefined();
    expect(significantKey('  ok ')).toBeUndefined();
    expect(significantKey(999)).toBe('n:999');
    expect(significantKey('VEGA-AIR-13')).toBe('s:vega-air-13');
  });
});

describe('dependencyLinks', () => {
  it('links the stock check to the lookup whose output held its SKU, and only that one', () => {
    const links = dependencyLinks(cheapestThenStock());
    expect(links).toEqual([
      { fromCallId: 'lookup-v', toCallId: 'stock', value: 'VEGA-AIR-13', inputPath: 'sku' },
    ]);
    expect(
      linksByTarget(links)
        .get('stock')
        ?.map((link) => link.fromCallId),
    ).toEqual(['lookup-v']);
    expect(linksSignature(links)).toBe('lookup-v>stock');
  });

  it('finds no link in a pure fan-out (one step)', () => {
    expect(dependencyLinks(threeCityRun())).toEqual([]);
  });

  it('never links calls of the same step, even when values match', () => {
    const same = run(
      [step('step-1', 0, 100, 300)],
      [
        span('a', 200, 500, { output: { code: 'ABCDEF' } }),
        span('b', 210, 520, { input: { code: 'ABCDEF' } }),
      ],
    );
    expect(dependencyLinks(same)).toEqual([]);
  });

  it('makes no link from common values: small numbers, booleans, short strings', () => {
    const common = run(
      [step('step-1', 0, 100, 300), step('step-2', 900, 1000, 1100)],
      [
        span('a', 200, 500, { output: { limit: 5, ok: true, cur: 'USD', tier: 'gold' } }),
        span('b', 1100, 1300, { stepId: 'step-2', input: { limit: 5, ok: true, cur: 'USD' } }),
      ],
    );
    expect(dependencyLinks(common)).toEqual([]);
  });

  it('makes no link for a value the user typed, even if an earlier output repeats it', () => {
    const typed = run(
      [step('step-1', 0, 100, 300), step('step-2', 900, 1000, 1100)],
      [
        span('a', 200, 500, { input: { q: 'x' }, output: { city: 'Paris', country: 'France' } }),
        span('b', 1100, 1300, { stepId: 'step-2', input: { city: 'Paris' } }),
      ],
      { prompt: 'Weather in Paris, then the local time there' },
    );
    expect(dependencyLinks(typed)).toEqual([]);
  });

  it('ignores values a source merely echoed from its own input', () => {
    const echo = run(
      [step('step-1', 0, 100, 300), step('step-2', 900, 1000, 1100)],
      [
        span('a', 200, 500, { input: { id: 'ORDER-77' }, output: { id: 'ORDER-77' } }),
        span('b', 1100, 1300, { stepId: 'step-2', input: { id: 'ORDER-77' } }),
      ],
      { prompt: 'something' },
    );
    expect(dependencyLinks(echo)).toEqual([]);
  });

  it('links numbers too, and to every source holding the value', () => {
    const both = run(
      [step('step-1', 0, 100, 300), step('step-2', 900, 1000, 1100)],
      [
        span('a', 200, 500, { input: { x: 'q' }, output: { total: 1249.5 } }),
        span('b', 210, 520, { input: { x: 'r' }, output: { amounts: [1249.5, 12] } }),
        span('c', 1100, 1300, {
          stepId: 'step-2',
          toolName: 'convert_currency',
          input: { amount: 1249.5, from: 'USD', to: 'EUR' },
        }),
      ],
      { prompt: 'total in euros' },
    );
    expect(dependencyLinks(both).map((link) => link.fromCallId)).toEqual(['a', 'b']);
  });

  it('has no links out of a call that has not returned yet', () => {
    const open = cheapestThenStock();
    const lookup = open.spans['lookup-v'];
    if (lookup) open.spans['lookup-v'] = { ...lookup, output: undefined };
    expect(dependencyLinks(open)).toEqual([]);
  });
});

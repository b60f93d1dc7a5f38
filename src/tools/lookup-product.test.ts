import { describe, expect, it } from 'vitest';
import { lookupProductHandler } from './lookup-product';
import { testContext } from './test-data-loader';

describe('lookup_product', () => {
  it('finds a product by exact name', async () => {
    const product = await lookupProductHandler({ product: 'Aurora X1' }, testContext());
    expect(product).toMatchObject({
      sku: 'AUR-X1-14',
      name: 'Aurora X1',
      brand: 'Lumina',
      inStock: true,
      matchedBy: 'name',
    });
    expect(product.priceUsd).toBeGreaterThan(0);
    expect(product.specs).toHaveProperty('processor');
  });

  it('finds a product by SKU, ignoring case and separators', async () => {
    const product = await lookupProductHandler({ product: 'vega air 13' }, testContext());
    expect(product).toMatchObject({ name: 'Vega Air', matchedBy: 'sku' });
  });

  it('finds the longest name mentioned in a phrase, and tolerates typos', async () => {
    const ctx = testContext();
    expect((await lookupProductHandler({ product: 'the Nova 8 Ultra phone' }, ctx)).name).toBe(
      'Nova 8 Ultra',
    );
    expect((await lookupProductHandler({ product: 'Stratus Nimbus Pro' }, ctx)).name).toBe(
      'Nimbus Pro',
    );
    const typo = await lookupProductHandler({ product: 'Nimbus Por' }, ctx);
    expect(typo).toMatchObject({ name: 'Nimbus Pro', matchedBy: 'fuzzy' });
    expect((await lookupProductHandler({ product: 'halcyon' }, ctx)).name).toBe('Halcyon 700');
  });

  it('refuses to guess between products sharing a name', async () => {
    await expect(lookupProductHandler({ product: 'Pulse Buds' }, testContext())).rejects.toThrow(
      /matches several products: Pulse Buds 2 \(PLS-BUDS2-WH\), Pulse Buds Lite/,
    );
  });

  it('throws a helpful error listing real products for an unknown one', async () => {
    await expect(
      lookupProductHandler({ product: 'Quantum Toaster 9000' }, testContext()),
    ).rejects.toThrow(/No product matches "Quantum Toaster 9000".*The catalogue has Aurora X1/);
  });

  it('honours an aborted signal', async () => {
    await expect(
      lookupProductHandler({ product: 'Aurora X1' }, testContext(AbortSignal.abort())),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

import { describe, expect, it } from 'vitest';
import { checkInventoryHandler } from './check-inventory';
import { testContext } from './test-data-loader';

describe('check_inventory', () => {
  it('reports every store when no store is given', async () => {
    const stock = await checkInventoryHandler({ sku: 'NIM-PRO-15' }, testContext());
    expect(stock.productName).toBe('Nimbus Pro');
    expect(stock.stores.length).toBe(5);
    expect(stock.totalQuantity).toBe(stock.stores.reduce((sum, row) => sum + row.quantity, 0));
    const austin = stock.stores.find((row) => row.storeId === 'aus-domain');
    expect(austin).toMatchObject({ quantity: 0, status: 'out-of-stock' });
    expect(austin?.restockDate).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('reports one store, found by id or by city', async () => {
    const ctx = testContext();
    const home = await checkInventoryHandler({ sku: 'vega-air-13', storeId: 'sf-market' }, ctx);
    expect(home.stores).toEqual([
      expect.objectContaining({ storeId: 'sf-market', quantity: 3, status: 'low-stock' }),
    ]);
    const byCity = await checkInventoryHandler({ sku: 'HAL-700-BK', storeId: 'Seattle' }, ctx);
    expect(byCity.stores[0]).toMatchObject({ storeId: 'sea-pike', status: 'in-stock' });
  });

  it('points a product name passed as SKU at the real SKU', async () => {
    await expect(checkInventoryHandler({ sku: 'Vega Air' }, testContext())).rejects.toThrow(
      /Unknown SKU "Vega Air". "Vega Air" looks like the product Vega Air, whose SKU is VEGA-AIR-13/,
    );
  });

  it('lists known SKUs and stores for unknown ones', async () => {
    const ctx = testContext();
    await expect(checkInventoryHandler({ sku: 'NOPE-1' }, ctx)).rejects.toThrow(
      /Unknown SKU "NOPE-1".*lookup_product.*AUR-X1-14/,
    );
    await expect(
      checkInventoryHandler({ sku: 'AUR-X1-14', storeId: 'moon-base' }, ctx),
    ).rejects.toThrow(/Unknown store "moon-base". Stores: sf-market \(San Francisco\)/);
  });

  it('honours an aborted signal', async () => {
    await expect(
      checkInventoryHandler({ sku: 'AUR-X1-14' }, testContext(AbortSignal.abort())),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

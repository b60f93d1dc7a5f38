import type { CheckInventoryInput, CheckInventoryOutput } from '../shared/tools/check-inventory';
import type { Store } from '../shared/tools/data-files';
import { matchProduct } from './product-match';
import { compactText, listSome, normalizeText } from './text-match';
import { loadData, type ToolHandler } from './tool-context';

/** At or below this many units a store shows "low stock", as the product pages do. */
export const LOW_STOCK_THRESHOLD = 3;

function findStore(stores: readonly Store[], query: string): Store | undefined {
  const id = compactText(query);
  const byId = stores.find((store) => compactText(store.id) === id);
  if (byId) return byId;
  // Models sometimes pass the store's city or name instead of its id; both are unambiguous here.
  const key = normalizeText(query);
  return stores.find(
    (store) => normalizeText(store.city) === key || normalizeText(store.name) === key,
  );
}

/** check_inventory: units on the shelf for one SKU, at one store or all of them. */
export const checkInventoryHandler: ToolHandler<CheckInventoryInput, CheckInventoryOutput> = async (
  input,
  ctx,
) => {
  const [{ products }, { stores }] = await Promise.all([
    loadData(ctx, 'catalogue'),
    loadData(ctx, 'stores'),
  ]);
  const product = products.find((entry) => compactText(entry.sku) === compactText(input.sku));
  if (!product) {
    const byName = matchProduct(products, input.sku);
    const hint =
      byName.kind === 'found'
        ? ` "${input.sku}" looks like the product ${byName.product.name}, whose SKU is ${byName.product.sku}.`
        : ' Call lookup_product to find a SKU from a product name.';
    throw new Error(
      `Unknown SKU "${input.sku}".${hint} Known SKUs include ${listSome(
        products.map((entry) => entry.sku),
        6,
      )}.`,
    );
  }

  let selected: readonly Store[] = stores;
  if (input.storeId !== undefined) {
    const store = findStore(stores, input.storeId);
    if (!store) {
      const known = stores.map((entry) => `${entry.id} (${entry.city})`).join(', ');
      throw new Error(`Unknown store "${input.storeId}". Stores: ${known}.`);
    }
    selected = [store];
  }

  const rows = selected.map((store) => {
    const stock = store.inventory[product.sku] ?? { quantity: 0, restockDate: null };
    const status =
      stock.quantity === 0
        ? ('out-of-stock' as const)
        : stock.quantity <= LOW_STOCK_THRESHOLD
          ? ('low-stock' as const)
          : ('in-stock' as const);
    return {
      storeId: store.id,
      storeName: store.name,
      city: store.city,
      quantity: stock.quantity,
      status,
      restockDate: stock.restockDate,
    };
  });
  return {
    sku: product.sku,
    productName: product.name,
    totalQuantity: rows.reduce((sum, row) => sum + row.quantity, 0),
    stores: rows,
  };
};

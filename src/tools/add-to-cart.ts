import type { AddToCartInput, AddToCartOutput } from '../shared/tools/add-to-cart';
import { cartItemCount, cartTotalUsd, useCartStore } from './cart-store';
import { matchProduct } from './product-match';
import { listSome } from './text-match';
import { loadData, type ToolHandler } from './tool-context';

/** add_to_cart: puts units of a catalogue product in the page's cart and returns the cart. */
export const addToCartHandler: ToolHandler<AddToCartInput, AddToCartOutput> = async (
  input,
  ctx,
) => {
  const { products } = await loadData(ctx, 'catalogue');
  const match = matchProduct(products, input.sku);
  if (match.kind !== 'found') {
    throw new Error(
      `Unknown product "${input.sku}". Known SKUs include ${listSome(
        products.map((product) => product.sku),
        6,
      )}.`,
    );
  }
  // The state changes only if the call is still wanted (not timed out, not stopped).
  ctx.signal.throwIfAborted();
  const { product } = match;
  const cart = useCartStore.getState();
  cart.add({
    sku: product.sku,
    name: product.name,
    quantity: input.quantity,
    unitPriceUsd: product.priceUsd,
  });
  const items = useCartStore.getState().items;
  return {
    added: { sku: product.sku, name: product.name, quantity: input.quantity },
    items,
    itemCount: cartItemCount(items),
    totalUsd: cartTotalUsd(items),
  };
};

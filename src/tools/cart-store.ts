import { create } from 'zustand';
import type { CartLine } from '../shared/tools/add-to-cart';

type CartState = {
  items: CartLine[];
  /** Adds units of a product, merging with a line for the same SKU. */
  add: (line: CartLine) => void;
  clear: () => void;
};

/** The page's shopping cart: the state add_to_cart changes (in memory, for the demo). */
export const useCartStore = create<CartState>()((set) => ({
  items: [],
  add: (line) =>
    set((state) => {
      const existing = state.items.find((item) => item.sku === line.sku);
      if (!existing) return { items: [...state.items, line] };
      return {
        items: state.items.map((item) =>
          item.sku === line.sku ? { ...item, quantity: item.quantity + line.quantity } : item,
        ),
      };
    }),
  clear: () => set({ items: [] }),
}));

/** Units in the cart across every line. */
export function cartItemCount(items: readonly CartLine[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0);
}

/** The cart's total in USD, rounded to cents. */
export function cartTotalUsd(items: readonly CartLine[]): number {
  return (
    Math.round(items.reduce((sum, item) => sum + item.quantity * item.unitPriceUsd, 0) * 100) / 100
  );
}

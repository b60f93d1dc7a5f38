import { memo, useEffect, useRef, useState } from 'react';
import { countOf } from '../shared/words';
import { cartItemCount, cartTotalUsd, useCartStore } from '../tools/cart-store';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** The header's cart: the count of what add_to_cart put in it, and a small list on click. */
export const CartBadge = memo(function CartBadge() {
  const items = useCartStore((state) => state.items);
  const clear = useCartStore((state) => state.clear);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const count = cartItemCount(items);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="cart" ref={ref}>
      <button
        type="button"
        className="button button-ghost cart-button"
        aria-expanded={open}
        aria-controls="cart-panel"
        aria-label={`Cart, ${countOf(count, 'item')}`}
        data-testid="cart-button"
        data-count={count}
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="cart-icon">
          <path d="M1 2h2l1.6 7.2a1 1 0 0 0 1 .8h6.1a1 1 0 0 0 1-.75L14.5 5H4.2" />
          <circle cx="6.5" cy="13" r="1.1" />
          <circle cx="11.5" cy="13" r="1.1" />
        </svg>
        <span className="cart-count" aria-hidden="true">
          {count}
        </span>
      </button>
      {open ? (
        <section id="cart-panel" className="cart-panel" aria-label="Cart">
          {items.length === 0 ? (
            <p className="control-hint">The cart is empty. Ask to add a product to it.</p>
          ) : (
            <>
              <ul className="cart-lines">
                {items.map((item) => (
                  <li key={item.sku}>
                    <span>
                      {item.quantity} × {item.name}
                    </span>
                    <span>{usd.format(item.quantity * item.unitPriceUsd)}</span>
                  </li>
                ))}
              </ul>
              <div className="cart-total">
                <span>Total</span>
                <span>{usd.format(cartTotalUsd(items))}</span>
              </div>
              <button type="button" className="button button-ghost button-small" onClick={clear}>
                Empty the cart
              </button>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
});

import type { Product } from '../shared/tools/data-files';
import {
  closestMatches,
  compactText,
  editDistance,
  listSome,
  normalizeText,
  typoBudget,
} from './text-match';

export type ProductMatch =
  | { kind: 'found'; product: Product; matchedBy: 'sku' | 'name' | 'fuzzy' }
  | { kind: 'ambiguous'; candidates: Product[] }
  | { kind: 'none' };

function containsPhrase(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

/** Finds a product by SKU, by name (whole or inside a longer phrase) or by a name with a typo. */
export function matchProduct(products: readonly Product[], query: string): ProductMatch {
  const compact = compactText(query);
  const bySku = products.find((product) => compactText(product.sku) === compact);
  if (bySku) return { kind: 'found', product: bySku, matchedBy: 'sku' };

  const key = normalizeText(query);
  const names = products.map((product) => ({
    product,
    name: normalizeText(product.name),
    branded: normalizeText(`${product.brand} ${product.name}`),
  }));
  const exact = names.find((entry) => entry.name === key || entry.branded === key);
  if (exact) return { kind: 'found', product: exact.product, matchedBy: 'name' };

  // "the Nova 8 Ultra phone" mentions both "nova 8" and "nova 8 ultra": the longest name wins.
  const mentioned = names
    .filter((entry) => containsPhrase(key, entry.name))
    .sort((a, b) => b.name.length - a.name.length);
  if (mentioned[0]) return { kind: 'found', product: mentioned[0].product, matchedBy: 'name' };

  const partial = names.filter((entry) => key.length >= 3 && containsPhrase(entry.name, key));
  if (partial.length === 1 && partial[0]) {
    return { kind: 'found', product: partial[0].product, matchedBy: 'name' };
  }
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial.map((e) => e.product) };

  const scored = names
    .map((entry) => ({
      product: entry.product,
      distance: Math.min(
        editDistance(key, entry.name),
        editDistance(compact, compactText(entry.product.sku)),
      ),
    }))
    .sort((a, b) => a.distance - b.distance);
  const [best, second] = scored;
  if (!best || best.distance > typoBudget(key.length)) return { kind: 'none' };
  if (second && second.distance === best.distance) {
    return { kind: 'ambiguous', candidates: [best.product, second.product] };
  }
  return { kind: 'found', product: best.product, matchedBy: 'fuzzy' };
}

function label(product: Product): string {
  return `${product.name} (${product.sku})`;
}

/** An error message for a query that matched no single product, listing real alternatives. */
export function productMatchError(
  products: readonly Product[],
  query: string,
  match: Exclude<ProductMatch, { kind: 'found' }>,
): string {
  if (match.kind === 'ambiguous') {
    return `"${query}" matches several products: ${match.candidates.map(label).join(', ')}. Use the full name or the SKU.`;
  }
  const closest = closestMatches(
    query,
    products.map((product) => product.name),
  );
  return (
    `No product matches "${query}". Closest names: ${closest.join(', ')}. ` +
    `The catalogue has ${listSome(products.map(label), 6)}.`
  );
}

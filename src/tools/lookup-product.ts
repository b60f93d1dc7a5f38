import type { LookupProductInput, LookupProductOutput } from '../shared/tools/lookup-product';
import { matchProduct, productMatchError } from './product-match';
import { loadData, type ToolHandler } from './tool-context';

/** lookup_product: one catalogue entry by SKU or (fuzzy) name. */
export const lookupProductHandler: ToolHandler<LookupProductInput, LookupProductOutput> = async (
  input,
  ctx,
) => {
  const { products } = await loadData(ctx, 'catalogue');
  const match = matchProduct(products, input.product);
  if (match.kind !== 'found') throw new Error(productMatchError(products, input.product, match));
  return { ...match.product, matchedBy: match.matchedBy };
};

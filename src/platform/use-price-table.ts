import { useQuery } from '@tanstack/react-query';
import { type PriceTable, pricesResponseSchema } from '../shared/prices';

async function fetchPriceTable(): Promise<PriceTable | null> {
  const response = await fetch('/api/prices');
  if (!response.ok) return null;
  const parsed = pricesResponseSchema.safeParse(await response.json());
  return parsed.success ? parsed.data.table : null;
}

/**
 * The operator's price table (`GET /api/prices`, docs/prices.md); null when there is none or
 * it is broken, and then no cost is shown anywhere. Read once per page: an edit shows on reload.
 */
export function usePriceTable(): PriceTable | null {
  const { data } = useQuery({
    queryKey: ['prices'],
    queryFn: fetchPriceTable,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return data ?? null;
}

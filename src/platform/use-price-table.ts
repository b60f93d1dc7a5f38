import { useQuery } from '@tanstack/react-query';
import { type PriceTable, pricesResponseSchema } from '../shared/prices';
import { queryClient } from './query-client';
import { whenIdle } from './when-idle';

async function fetchPriceTable(): Promise<PriceTable | null> {
  const response = await fetch('/api/prices');
  if (!response.ok) return null;
  const parsed = pricesResponseSchema.safeParse(await response.json());
  return parsed.success ? parsed.data.table : null;
}

const priceQuery = {
  queryKey: ['prices'],
  queryFn: fetchPriceTable,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
} as const;

/**
 * Fetches the price table while the page is idle after loading: the first run's summary asks
 * for it, and fetching it then put a request, its parsing and a second render of the summary
 * inside the user's first turn.
 */
export function preloadPriceTable() {
  whenIdle(() => void queryClient.prefetchQuery(priceQuery), 2000);
}

/**
 * The operator's price table (`GET /api/prices`, docs/prices.md); null when there is none or
 * it is broken, and then no cost is shown anywhere. Read once per page: an edit shows on reload.
 */
export function usePriceTable(): PriceTable | null {
  const { data } = useQuery(priceQuery);
  return data ?? null;
}

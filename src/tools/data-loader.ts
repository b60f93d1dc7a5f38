import type { QueryClient } from '@tanstack/react-query';
import { type DataFileName, dataFileUrl, parseDataFile } from '../shared/tools/data-files';
import type { DataLoader } from './tool-context';

export type DataLoaderOptions = {
  /** Prefix for `/data/<file>.json` when the page is not served from the root. */
  baseUrl?: string;
  fetch?: typeof fetch;
};

/** The react-query key of a data file, for devtools and tests. */
export function dataFileQueryKey(file: DataFileName): readonly ['fanout-data', DataFileName] {
  return ['fanout-data', file];
}

/**
 * A loader that fetches `/data/<file>.json` once per page through react-query: parallel calls
 * share one request, later calls reuse the validated result (the files never change at run time).
 */
export function createDataLoader(
  queryClient: QueryClient,
  options: DataLoaderOptions = {},
): DataLoader {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const fetchFile = options.fetch ?? ((input, init) => fetch(input, init));
  return (file) =>
    queryClient.fetchQuery({
      queryKey: dataFileQueryKey(file),
      queryFn: async ({ signal }) => {
        const response = await fetchFile(`${base}${dataFileUrl(file)}`, { signal });
        if (!response.ok) {
          throw new Error(`Could not load ${file}.json: HTTP ${response.status}.`);
        }
        return parseDataFile(file, await response.json());
      },
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
    });
}

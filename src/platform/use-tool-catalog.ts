import { useQuery } from '@tanstack/react-query';
import { type ToolCatalog, toolCatalogSchema } from '../shared/tool-catalog';

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `The tool list could not be loaded (HTTP ${response.status}).`;
}

export async function fetchToolCatalog(): Promise<ToolCatalog> {
  const response = await fetch('/api/tools');
  if (!response.ok) throw new Error(await readError(response));
  return toolCatalogSchema.parse(await response.json());
}

/** Every tool the proxy offers and every MCP server's state, from `GET /api/tools`. */
export function useToolCatalog() {
  return useQuery({
    queryKey: ['tools'],
    queryFn: fetchToolCatalog,
    staleTime: 15_000,
    // A server in error is retried by the proxy: look again until every server is ready.
    refetchInterval: (query) =>
      query.state.data?.servers.some((server) => server.status === 'error') ? 30_000 : false,
  });
}

import { z } from 'zod';
import { queryClient } from '../platform/query-client';
import { fetchToolCatalog } from '../platform/use-tool-catalog';
import type { ToolRegistry } from '../runtime';
import type { ToolCatalog } from '../shared/tool-catalog';
import { dataFileNames } from '../shared/tools/data-files';
import type { ToolSpec } from '../shared/tools/tool-spec';
import {
  type BrowserTool,
  browserTools,
  createDataLoader,
  type DataLoader,
} from '../tools/registry';
import { toolRegistry } from '../turn/tool-registry';
import { fetchModels } from './use-models';

/**
 * Warms the data cache as soon as the page starts (the files are small), so a tool call's
 * measured time is its service latency and its work, not the first download of its data.
 */
function prefetchData(load: DataLoader) {
  for (const file of dataFileNames) load(file).catch(() => undefined);
}

/**
 * Adds the fault-injection tools' handlers when, and only when, the proxy declares them
 * (FANOUT_FAULT_TOOLS, for end-to-end tests). `<html data-fault-tools="ready">` tells a test
 * they are in place.
 */
function loadFaultToolsIfOffered(tools: Record<string, BrowserTool>) {
  queryClient
    .fetchQuery({ queryKey: ['models'], queryFn: fetchModels, staleTime: 60_000 })
    .then(async (models) => {
      if (!models.faultTools) return;
      const { faultTools } = await import('../tools/fault-tools');
      Object.assign(tools, faultTools);
      document.documentElement.dataset.faultTools = 'ready';
    })
    .catch(() => undefined);
}

/**
 * The tools the proxy runs besides the built-in ones (MCP servers' tools), from
 * `GET /api/tools`: the executor must know them as server tools, not unknown ones. The proxy
 * validates their input and keeps their deadline; `<html data-proxy-tools="ready">` tells a
 * test the list is in. Every later reading of the list (a server that came back, read again
 * by the server notice) updates it.
 */
function loadProxyTools(into: Map<string, ToolSpec>) {
  const apply = (catalog: ToolCatalog) => {
    into.clear();
    for (const tool of catalog.tools) {
      if (tool.source === 'builtin' || tool.runsOn !== 'server') continue;
      into.set(tool.name, {
        name: tool.name,
        description: tool.description,
        input: z.unknown(),
        runsOn: 'server',
        timeoutMs: 600_000,
        simulatedLatency: { baseMs: 0, jitterMs: 0 },
        requiresApproval: tool.requiresApproval,
      });
    }
    document.documentElement.dataset.proxyTools = 'ready';
  };
  queryClient.getQueryCache().subscribe((event) => {
    const data = event.query.state.data as ToolCatalog | undefined;
    if (event.type === 'updated' && event.query.queryKey[0] === 'tools' && data) apply(data);
  });
  queryClient
    .fetchQuery({ queryKey: ['tools'], queryFn: fetchToolCatalog, staleTime: 15_000 })
    .then(apply)
    .catch(() => undefined);
}

let registry: ToolRegistry | undefined;

/** The page's tools, one registry for the chat and both race lanes, made on first use. */
export function pageTools(): ToolRegistry {
  if (registry) return registry;
  const load = createDataLoader(queryClient);
  prefetchData(load);
  const tools: Record<string, BrowserTool> = { ...browserTools };
  loadFaultToolsIfOffered(tools);
  const proxyTools = new Map<string, ToolSpec>();
  loadProxyTools(proxyTools);
  registry = toolRegistry(tools, load, proxyTools);
  return registry;
}

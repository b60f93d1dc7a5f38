import { queryClient } from '../platform/query-client';
import type { ToolRegistry } from '../runtime';
import { dataFileNames } from '../shared/tools/data-files';
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

let registry: ToolRegistry | undefined;

/** The page's tools, one registry for the chat and both race lanes, made on first use. */
export function pageTools(): ToolRegistry {
  if (registry) return registry;
  const load = createDataLoader(queryClient);
  prefetchData(load);
  const tools: Record<string, BrowserTool> = { ...browserTools };
  loadFaultToolsIfOffered(tools);
  registry = toolRegistry(tools, load);
  return registry;
}

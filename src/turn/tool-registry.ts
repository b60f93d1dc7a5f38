import type { ToolRegistry } from '../runtime';
import { toolSpecByName } from '../shared/tools';
import type { ToolSpec } from '../shared/tools/tool-spec';
import type { BrowserTool, DataLoader } from '../tools/registry';

/**
 * The page's tools as the executor sees them: each browser handler gets the call's signal and
 * the shared data loader; a tool the proxy runs resolves to its spec alone. Nothing else: the
 * demo's latency and faults and the benchmark's clock wrap this from outside (`wrapTools`).
 * `tools` is read on every lookup, so handlers added later (the fault tools) are found;
 * `proxyTools` likewise, for the tools the proxy runs that the page learns of from
 * `GET /api/tools` (MCP servers' tools).
 */
export function toolRegistry(
  tools: Readonly<Record<string, BrowserTool>>,
  load: DataLoader,
  proxyTools: ReadonlyMap<string, ToolSpec> = new Map(),
): ToolRegistry {
  return (name) => {
    const browser = tools[name];
    if (browser) {
      const { spec, handler } = browser;
      return { spec, run: (input, ctx) => handler(input, { signal: ctx.signal, load }) };
    }
    const spec = toolSpecByName[name] ?? proxyTools.get(name);
    return spec?.runsOn === 'server' ? { spec } : undefined;
  };
}

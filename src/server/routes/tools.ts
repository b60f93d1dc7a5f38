import { Hono } from 'hono';
import { z } from 'zod';
import type { CatalogTool, ToolCatalog } from '../../shared/tool-catalog';
import { type ToolSpec, toolSpecs } from '../../shared/tools';
import { faultToolSpecs } from '../../shared/tools/fault-tools';
import { type EnvSource, readConfig } from '../config';

// Built once per spec: converting a zod schema to JSON Schema is work no request should repeat.
const builtinEntries = new Map<ToolSpec, CatalogTool>();
function builtinEntry(spec: ToolSpec): CatalogTool {
  let entry = builtinEntries.get(spec);
  if (!entry) {
    entry = {
      name: spec.name,
      description: spec.description,
      runsOn: spec.runsOn,
      source: 'builtin',
      inputSchema: z.toJSONSchema(spec.input, { io: 'input' }) as Record<string, unknown>,
      requiresApproval: spec.requiresApproval ?? false,
    };
    builtinEntries.set(spec, entry);
  }
  return entry;
}

/** The built-in tools this configuration declares to a model (fault tools only when enabled). */
export function builtinCatalogTools(config: { FANOUT_FAULT_TOOLS: boolean }): CatalogTool[] {
  const specs: readonly ToolSpec[] = config.FANOUT_FAULT_TOOLS
    ? [...toolSpecs, ...faultToolSpecs]
    : toolSpecs;
  return specs.map(builtinEntry);
}

/** Where the MCP half of the catalog comes from (the MCP hub; absent when none is configured). */
export type McpCatalogSource = () => Promise<Pick<ToolCatalog, 'tools' | 'servers'>>;

/** `GET /api/tools`: every tool a model may call, and the state of every MCP server. */
export function toolsRoute(env: () => EnvSource, mcp?: McpCatalogSource) {
  const route = new Hono();
  route.get('/', async (c) => {
    const config = readConfig(env());
    const fromMcp = mcp ? await mcp() : { tools: [], servers: [] };
    const body: ToolCatalog = {
      tools: [...builtinCatalogTools(config), ...fromMcp.tools],
      servers: fromMcp.servers,
    };
    return c.json(body, 200, { 'cache-control': 'no-store' });
  });
  return route;
}

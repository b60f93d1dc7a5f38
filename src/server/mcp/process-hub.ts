import { toolSpecs } from '../../shared/tools';
import { faultToolSpecs } from '../../shared/tools/fault-tools';
import { loadMcpConfig } from './config';
import { McpHub } from './hub';

type HubHolder = { path: string; hub: McpHub };

// On globalThis: Vite reloads server modules on edit, and a reload must not spawn the servers
// again (one hub per process).
const registry = globalThis as { __fanoutMcpHub?: HubHolder };

/** The process's MCP hub, when FANOUT_MCP_CONFIG named a file and it has been started. */
export function processMcpHub(): McpHub | undefined {
  return registry.__fanoutMcpHub?.hub;
}

/**
 * Reads FANOUT_MCP_CONFIG and connects every server it lists (none is waited for beyond its
 * first attempt). Throws McpConfigError with a readable reason for a file that cannot be used.
 */
export async function startProcessMcpHub(
  env: Readonly<Record<string, string | undefined>>,
): Promise<McpHub | undefined> {
  const path = env.FANOUT_MCP_CONFIG?.trim();
  if (!path) return undefined;
  const existing = registry.__fanoutMcpHub;
  if (existing?.path === path) return existing.hub;
  const configs = await loadMcpConfig(path, env);
  // Built-in names (fault tools included) are never taken by an MCP tool.
  const reserved = new Set([...toolSpecs, ...faultToolSpecs].map((spec) => spec.name));
  const hub = new McpHub(configs, reserved);
  await existing?.hub.close();
  registry.__fanoutMcpHub = { path, hub };
  await hub.start();
  return hub;
}

import type { CatalogTool, McpServerStatus, ToolCatalog } from '../../shared/tool-catalog';
import type { McpServerConfig } from './config';
import { McpConnection, type McpToolInfo } from './connection';
import { nameServerTools } from './naming';

/** One MCP tool under the name a model calls it by. */
export type HubTool = {
  name: string;
  connection: McpConnection;
  tool: McpToolInfo;
  /** Anything not declared read-only may change something: a person approves each call. */
  requiresApproval: boolean;
};

type Snapshot = { tools: HubTool[]; refusals: Map<string, string[]> };

/**
 * Every configured MCP server, and its tools under their model-facing names. Servers are
 * named in config order, so when two tools would take one name the earlier one keeps it and
 * the later one is refused, with the reason in its server's status.
 */
export class McpHub {
  readonly connections: McpConnection[];
  private snapshotNow: Snapshot | undefined;

  constructor(
    configs: readonly McpServerConfig[],
    /** Names already taken by built-in tools. */
    private readonly reserved: ReadonlySet<string>,
  ) {
    this.connections = configs.map((config) => new McpConnection(config));
    for (const connection of this.connections) {
      connection.onChange(() => {
        this.snapshotNow = undefined;
      });
    }
  }

  /** Starts every connection; resolves when each has tried once (none waits for another). */
  async start(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.start()));
  }

  private snapshot(): Snapshot {
    if (this.snapshotNow) return this.snapshotNow;
    const taken = new Set(this.reserved);
    const tools: HubTool[] = [];
    const refusals = new Map<string, string[]>();
    for (const connection of this.connections) {
      const state = connection.state;
      if (state.status !== 'ready') continue;
      const byName = new Map(state.tools.map((tool) => [tool.name, tool]));
      const { named, refused } = nameServerTools(
        connection.name,
        state.tools.map((tool) => tool.name),
        taken,
      );
      if (refused.length > 0) refusals.set(connection.name, refused);
      for (const [name, original] of named) {
        const tool = byName.get(original);
        if (!tool) continue;
        taken.add(name);
        tools.push({
          name,
          connection,
          tool,
          requiresApproval: tool.annotations?.readOnlyHint !== true,
        });
      }
    }
    this.snapshotNow = { tools, refusals };
    return this.snapshotNow;
  }

  /** The tools a model may call now (those of ready servers). */
  tools(): readonly HubTool[] {
    return this.snapshot().tools;
  }

  /** The MCP half of `GET /api/tools`. */
  catalog(): Pick<ToolCatalog, 'tools' | 'servers'> {
    const { tools, refusals } = this.snapshot();
    const catalogTools = tools.map(
      (entry): CatalogTool => ({
        name: entry.name,
        description: entry.tool.description ?? '',
        runsOn: 'server',
        source: `mcp:${entry.connection.name}`,
        inputSchema: entry.tool.inputSchema,
        requiresApproval: entry.requiresApproval,
      }),
    );
    const servers = this.connections.map((connection): McpServerStatus => {
      const state = connection.state;
      const transport = connection.config.transport;
      const name = connection.name;
      if (state.status === 'ready') {
        const refused = refusals.get(name);
        const toolCount = tools.filter((tool) => tool.connection === connection).length;
        return {
          name,
          transport,
          status: 'ready',
          toolCount,
          ...(refused ? { error: refused.join('; ') } : {}),
        };
      }
      const error = state.status === 'error' ? state.error : 'still connecting';
      return { name, transport, status: 'error', error, toolCount: 0 };
    });
    return { tools: catalogTools, servers };
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}

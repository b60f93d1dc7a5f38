import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The `mcpServers` file (FANOUT_MCP_CONFIG), in the format MCP clients already share:
 * `{"mcpServers": {"name": {"url": …, "headers": {…}} | {"command": …, "args": […], "env": {…}}}}`.
 * Fanout adds `maxConcurrency` (calls to this server running at once) and `timeoutMs`.
 */
const common = {
  /** Calls to this server running at once; the rest wait their turn (FIFO), shown as queued. */
  maxConcurrency: z.number().int().positive().max(256).optional(),
  /** Deadline of one call to this server, in ms. */
  timeoutMs: z.number().int().positive().max(600_000).optional(),
};

const httpEntrySchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    /** Header values may hold `${NAME}`: read from the proxy's environment, never sent to the page. */
    headers: z.record(z.string(), z.string()).optional(),
    type: z.enum(['http', 'streamable-http', 'streamableHttp']).optional(),
    ...common,
  })
  .strict();

const stdioEntrySchema = z
  .object({
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
    type: z.literal('stdio').optional(),
    ...common,
  })
  .strict();

const serverNamePattern = /^[A-Za-z0-9_-]{1,32}$/;

export const mcpConfigFileSchema = z.object({
  mcpServers: z.record(z.string(), z.union([httpEntrySchema, stdioEntrySchema])),
});

export type McpServerConfig =
  | ({ name: string; transport: 'http' } & Omit<z.infer<typeof httpEntrySchema>, 'type'>)
  | ({ name: string; transport: 'stdio' } & Omit<z.infer<typeof stdioEntrySchema>, 'type'>);

export const DEFAULT_MCP_TIMEOUT_MS = 60_000;
export const DEFAULT_MCP_MAX_CONCURRENCY = 8;

/** A config file that cannot be used, with a sentence an operator can act on. */
export class McpConfigError extends Error {
  override name = 'McpConfigError';
}

const envReference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces each `${NAME}` in a header value with the proxy's environment variable, so a secret
 * stays in the environment and out of the file. A missing variable is an error naming it.
 */
export function resolveEnvReferences(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  where: string,
): string {
  return value.replace(envReference, (_, name: string) => {
    const resolved = env[name];
    if (resolved === undefined)
      throw new McpConfigError(`${where} refers to \${${name}}, which is not set on the proxy`);
    return resolved;
  });
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses the file's JSON text into one entry per server (env references resolved). */
export function parseMcpConfig(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  source = 'FANOUT_MCP_CONFIG',
): McpServerConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw new McpConfigError(`${source} is not valid JSON: ${reason}`);
  }
  const parsed = mcpConfigFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(formatIssue).join('; ');
    throw new McpConfigError(`${source} is not an mcpServers file: ${issues}`);
  }
  const badName = Object.keys(parsed.data.mcpServers).find((name) => !serverNamePattern.test(name));
  if (badName !== undefined)
    throw new McpConfigError(
      `${source}: server name "${badName.slice(0, 40)}" must be 1-32 letters, digits, "_" or "-" (it starts each of its tools' names)`,
    );
  return Object.entries(parsed.data.mcpServers).map(([name, entry]): McpServerConfig => {
    if ('url' in entry) {
      const { type: _type, headers, ...rest } = entry;
      const resolved = headers
        ? Object.fromEntries(
            Object.entries(headers).map(([header, value]) => [
              header,
              resolveEnvReferences(value, env, `mcpServers.${name}.headers.${header}`),
            ]),
          )
        : undefined;
      return { name, transport: 'http', ...rest, ...(resolved ? { headers: resolved } : {}) };
    }
    const { type: _type, ...rest } = entry;
    return { name, transport: 'stdio', ...rest };
  });
}

/** Reads and parses the file FANOUT_MCP_CONFIG names. */
export async function loadMcpConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<McpServerConfig[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw new McpConfigError(`FANOUT_MCP_CONFIG (${path}) could not be read: ${reason}`);
  }
  return parseMcpConfig(text, env, `FANOUT_MCP_CONFIG (${path})`);
}

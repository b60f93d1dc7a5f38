import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  getDefaultEnvironment,
  StdioClientTransport,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { ServerToolError } from '../tool-error';
import {
  DEFAULT_MCP_MAX_CONCURRENCY,
  DEFAULT_MCP_TIMEOUT_MS,
  type McpServerConfig,
} from './config';
import { FifoLimiter } from './fifo-limiter';
import { describeMcpFailure } from './tool-result';

/** One tool as the server lists it. */
export type McpToolInfo = {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean };
};

export type McpConnectionState =
  | { status: 'connecting' }
  | { status: 'ready'; tools: McpToolInfo[] }
  | { status: 'error'; error: string };

/** How long to wait before the next attempt to reach a server that is down. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
}

export type CallOptions = {
  signal?: AbortSignal;
  /** The call took a slot of the server's `maxConcurrency` and was sent now. */
  onStart?: () => void;
  /** No slot of the server's `maxConcurrency` was free: the call waits for one. */
  onWait?: () => void;
  onProgress?: (progress: Progress) => void;
};

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 240);
}

/**
 * One MCP server through the SDK's client: connects, lists its tools, runs calls under the
 * server's concurrency cap. A server that cannot be reached (or goes away) is in `error` with
 * the reason and is tried again with a growing delay; the other servers never wait for it.
 */
/**
 * A signal that aborts when `a` or `b` does, with the first one's reason, and `release` to stop
 * listening once the call is over (`lost` outlives every call). One controller the two forward
 * to, not `AbortSignal.any`: that call costs 1–2.5 ms in CPU profiles of the proxy (Node's
 * WeakRef bookkeeping for its sources), on every tool call.
 */
function eitherSignal(
  a: AbortSignal,
  b: AbortSignal,
): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const fromA = () => controller.abort(a.reason);
  const fromB = () => controller.abort(b.reason);
  const release = () => {
    a.removeEventListener('abort', fromA);
    b.removeEventListener('abort', fromB);
  };
  if (a.aborted) fromA();
  else if (b.aborted) fromB();
  else {
    a.addEventListener('abort', fromA, { once: true });
    b.addEventListener('abort', fromB, { once: true });
  }
  return { signal: controller.signal, release };
}

export class McpConnection {
  private client: Client | undefined;
  private stateNow: McpConnectionState = { status: 'connecting' };
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Aborts the calls in flight when the server is found gone (a new one per connection). */
  private lost = new AbortController();
  private probing = false;
  private readonly limiter: FifoLimiter;
  private readonly listeners = new Set<() => void>();
  /** Resolves once the first attempt to connect has ended, however it ended. */
  readonly firstAttempt: Promise<void>;
  private firstAttemptDone = () => {};

  constructor(readonly config: McpServerConfig) {
    this.limiter = new FifoLimiter(config.maxConcurrency ?? DEFAULT_MCP_MAX_CONCURRENCY);
    this.firstAttempt = new Promise((resolve) => {
      this.firstAttemptDone = resolve;
    });
  }

  get name(): string {
    return this.config.name;
  }

  get state(): McpConnectionState {
    return this.stateNow;
  }

  get timeoutMs(): number {
    return this.config.timeoutMs ?? DEFAULT_MCP_TIMEOUT_MS;
  }

  /** Called whenever the state or the tool list changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: McpConnectionState) {
    this.stateNow = state;
    for (const listener of this.listeners) listener();
  }

  private transport(): Transport {
    const config = this.config;
    if (config.transport === 'http') {
      return new StreamableHTTPClientTransport(new URL(config.url), {
        requestInit: config.headers ? { headers: config.headers } : undefined,
      });
    }
    return new StdioClientTransport({
      command: config.command,
      args: config.args,
      // The SDK passes a safe default environment; the entry's own variables come on top.
      env: config.env ? { ...getDefaultEnvironment(), ...config.env } : undefined,
      cwd: config.cwd,
      stderr: 'ignore',
    });
  }

  /** Connects (once); failures schedule a retry. */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ name: 'fanout', version: '0.1.0' });
    try {
      await client.connect(this.transport(), { timeout: 15_000 });
      const tools = await this.listAll(client);
      // The process or the connection going away later puts the server in error and retries.
      client.onclose = () => {
        if (this.client !== client || this.closed) return;
        this.lose(client, 'closed the connection');
      };
      // A Streamable HTTP server that dies mid-call leaves the call's stream waiting for a
      // reconnection that never comes: on any transport error, ask whether it still answers.
      client.onerror = () => void this.probe(client);
      this.lost = new AbortController();
      this.client = client;
      this.attempt = 0;
      this.setState({ status: 'ready', tools });
    } catch (error) {
      await client.close().catch(() => {});
      this.fail(reasonOf(error));
    } finally {
      this.firstAttemptDone();
    }
  }

  private async listAll(client: Client): Promise<McpToolInfo[]> {
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: 15_000 });
      for (const tool of page.tools) {
        tools.push({
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          inputSchema: tool.inputSchema as Record<string, unknown>,
          ...(tool.annotations ? { annotations: tool.annotations } : {}),
        });
      }
      cursor = page.nextCursor;
    } while (cursor && tools.length < 1000);
    return tools;
  }

  private async probe(client: Client) {
    if (this.probing || this.client !== client) return;
    this.probing = true;
    try {
      await client.ping({ timeout: 3000 });
    } catch {
      if (this.client === client) this.lose(client, 'stopped answering');
    } finally {
      this.probing = false;
    }
  }

  /** The server went away: its calls in flight fail now, and it is tried again later. */
  private lose(client: Client, reason: string) {
    this.client = undefined;
    this.lost.abort(new ServerToolError(`MCP server ${this.name} ${reason} during the call`));
    void client.close().catch(() => {});
    this.fail(reason);
  }

  private fail(reason: string) {
    if (this.closed) return;
    const delay = retryDelayMs(this.attempt++);
    this.setState({
      status: 'error',
      error: `cannot reach it (${reason}); retrying in ${Math.ceil(delay / 1000)} s`,
    });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.start(), delay);
    this.retryTimer.unref?.();
  }

  /** Calls one tool; waits for a slot of the server's cap first. */
  async callTool(tool: string, input: unknown, options: CallOptions = {}): Promise<unknown> {
    const timeoutMs = this.timeoutMs;
    return this.limiter.run(
      async () => {
        const client = this.client;
        if (!client) {
          const why = this.stateNow.status === 'error' ? `: ${this.stateNow.error}` : '';
          throw new ServerToolError(`MCP server ${this.name} is unavailable${why}`);
        }
        const lost = this.lost.signal;
        const either = options.signal ? eitherSignal(options.signal, lost) : undefined;
        try {
          return await client.callTool(
            { name: tool, arguments: (input ?? {}) as Record<string, unknown> },
            undefined,
            {
              signal: either?.signal ?? lost,
              timeout: timeoutMs,
              ...(options.onProgress ? { onprogress: options.onProgress } : {}),
            },
          );
        } catch (error) {
          // Stop: the abort reason stands (the SDK already told the server to cancel).
          if (options.signal?.aborted) throw options.signal.reason;
          if (lost.aborted) throw lost.reason;
          throw describeMcpFailure(this.name, error, timeoutMs);
        } finally {
          either?.release();
        }
      },
      options.signal,
      options.onStart,
      options.onWait,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => {});
  }
}

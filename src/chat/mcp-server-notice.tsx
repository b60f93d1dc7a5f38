import { memo, useState } from 'react';
import { useToolCatalog } from '../platform/use-tool-catalog';

/**
 * Names each MCP server the proxy could not use, and why (from `GET /api/tools`); the rest of
 * the app and every other tool keep working. The proxy retries such a server, so the list is
 * read again every half minute while one is down.
 */
export const McpServerNotice = memo(function McpServerNotice() {
  const catalog = useToolCatalog();
  const [dismissed, setDismissed] = useState<string | undefined>();
  const down = (catalog.data?.servers ?? []).filter((server) => server.status === 'error');
  const key = down.map((server) => `${server.name}:${server.error ?? ''}`).join('|');
  if (down.length === 0 || dismissed === key) return null;
  return (
    <div className="storage-notice mcp-server-notice" role="status" data-testid="mcp-server-notice">
      <div>
        <strong>
          {down.length === 1
            ? 'An MCP server is unavailable'
            : `${down.length} MCP servers are unavailable`}
        </strong>
        <ul className="mcp-server-notice-list">
          {down.map((server) => (
            <li key={server.name} data-server={server.name}>
              <code>{server.name}</code> ({server.transport}): {server.error ?? 'no reason given'}
            </li>
          ))}
        </ul>
        <span className="mcp-server-notice-hint">Its tools are left out; the others work.</span>
      </div>
      <button type="button" className="button button-ghost" onClick={() => setDismissed(key)}>
        Dismiss
      </button>
    </div>
  );
});

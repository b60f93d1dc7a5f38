// The `${NAME}` strings below are the config file's own syntax, not templates.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the file format uses ${NAME}
import { describe, expect, it } from 'vitest';
import { McpConfigError, parseMcpConfig, resolveEnvReferences } from './config';

describe('the mcpServers file', () => {
  it('reads stdio and Streamable HTTP entries with Fanout’s own fields', () => {
    const servers = parseMcpConfig(
      JSON.stringify({
        mcpServers: {
          everything: { command: 'node', args: ['server.js', 'stdio'], maxConcurrency: 2 },
          remote: { url: 'http://127.0.0.1:9/mcp', headers: { 'x-team': 'blue' }, timeoutMs: 500 },
        },
      }),
      {},
    );
    expect(servers).toEqual([
      {
        name: 'everything',
        transport: 'stdio',
        command: 'node',
        args: ['server.js', 'stdio'],
        maxConcurrency: 2,
      },
      {
        name: 'remote',
        transport: 'http',
        url: 'http://127.0.0.1:9/mcp',
        headers: { 'x-team': 'blue' },
        timeoutMs: 500,
      },
    ]);
  });

  it('resolves ${NAME} in header values from the proxy’s environment', () => {
    const [server] = parseMcpConfig(
      JSON.stringify({
        mcpServers: {
          api: { url: 'https://mcp.example/mcp', headers: { authorization: 'Bearer ${TOKEN}' } },
        },
      }),
      { TOKEN: 's3cret' },
    );
    expect(server).toMatchObject({ headers: { authorization: 'Bearer s3cret' } });
  });

  it('names a missing environment variable and where it is used', () => {
    expect(() =>
      resolveEnvReferences('Bearer ${NOPE}', {}, 'mcpServers.api.headers.authorization'),
    ).toThrow(
      'mcpServers.api.headers.authorization refers to ${NOPE}, which is not set on the proxy',
    );
  });

  it.each([
    ['not JSON', '{', /is not valid JSON/],
    ['no mcpServers', '{"servers":{}}', /mcpServers: /],
    ['neither url nor command', '{"mcpServers":{"x":{"args":[]}}}', /mcpServers\.x/],
    ['a bad name', '{"mcpServers":{"a b":{"command":"node"}}}', /letters, digits/],
    ['a url that is not http', '{"mcpServers":{"x":{"url":"file:///etc"}}}', /mcpServers\.x/],
    ['a zero cap', '{"mcpServers":{"x":{"command":"node","maxConcurrency":0}}}', /mcpServers\.x/],
  ])('refuses %s with a readable reason', (_, text, reason) => {
    expect(() => parseMcpConfig(text, {})).toThrow(McpConfigError);
    expect(() => parseMcpConfig(text, {})).toThrow(reason);
  });
});

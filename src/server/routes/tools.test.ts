import { describe, expect, it } from 'vitest';
import { toolCatalogSchema } from '../../shared/tool-catalog';
import { toolSpecs } from '../../shared/tools';
import { createApp } from '../app';
import { McpHub } from '../mcp/hub';
import { freePort } from '../mcp/test-kit/reference-servers';

async function catalog(env: Record<string, string> = {}) {
  const response = await createApp({ env: () => env }).request('/api/tools');
  expect(response.status).toBe(200);
  return toolCatalogSchema.parse(await response.json());
}

describe('GET /api/tools', () => {
  it('lists every built-in tool with where it runs, its source and its JSON schema', async () => {
    const body = await catalog();
    expect(body.tools.map((tool) => tool.name)).toEqual(toolSpecs.map((spec) => spec.name));
    const calculate = body.tools.find((tool) => tool.name === 'calculate');
    expect(calculate).toMatchObject({ runsOn: 'browser', source: 'builtin' });
    expect(calculate?.inputSchema).toMatchObject({
      type: 'object',
      properties: { expression: { type: 'string' } },
    });
    expect(body.tools.find((tool) => tool.name === 'convert_currency')?.runsOn).toBe('server');
    expect(body.tools.find((tool) => tool.name === 'add_to_cart')?.requiresApproval).toBe(true);
    expect(body.servers).toEqual([]);
  });

  it('adds the fault tools only when the server declares them', async () => {
    expect((await catalog()).tools.some((tool) => tool.name === 'fault_throw')).toBe(false);
    const withFaults = await catalog({ FANOUT_FAULT_TOOLS: '1' });
    expect(withFaults.tools.some((tool) => tool.name === 'fault_throw')).toBe(true);
  });

  it('lists the MCP hub’s servers: one that cannot be reached is an error with its reason', async () => {
    const port = await freePort();
    const hub = new McpHub(
      [{ name: 'gone', transport: 'http', url: `http://127.0.0.1:${port}/mcp` }],
      new Set(),
    );
    await hub.start();
    try {
      const response = await createApp({ env: () => ({}), mcp: () => hub }).request('/api/tools');
      const body = toolCatalogSchema.parse(await response.json());
      expect(body.tools.map((tool) => tool.name)).toEqual(toolSpecs.map((spec) => spec.name));
      expect(body.servers).toEqual([
        {
          name: 'gone',
          transport: 'http',
          status: 'error',
          error: expect.stringMatching(/^cannot reach it \(.+\); retrying in 1 s$/),
          toolCount: 0,
        },
      ]);
    } finally {
      await hub.close();
    }
  });
});

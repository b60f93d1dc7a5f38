import { describe, expect, it } from 'vitest';
import { type ToolName, toolSpecByName, toolSpecs } from './index';

const contract: Record<ToolName, { valid: unknown[]; invalid: unknown[] }> = {
  get_weather: { valid: [{ city: 'Paris' }], invalid: [{}, { city: 42 }, { city: '' }] },
  lookup_product: {
    valid: [{ product: 'Aurora X1' }, { product: 'AUR-X1-14' }],
    invalid: [{}, { name: 'Aurora X1' }],
  },
  check_inventory: {
    valid: [{ sku: 'VEGA-AIR-13' }, { sku: 'VEGA-AIR-13', storeId: 'sf-market' }],
    invalid: [{}, { sku: 'VEGA-AIR-13', storeId: 7 }],
  },
  search_knowledge_base: {
    valid: [
      { source: 'docs', query: 'returns' },
      { source: 'faq', query: 'shipping', limit: 5 },
      { source: 'forum', query: 'wifi' },
    ],
    invalid: [
      { source: 'blog', query: 'returns' },
      { source: 'docs' },
      { source: 'docs', query: 'x', limit: 0 },
      { source: 'docs', query: 'x', limit: 2.5 },
      { source: 'docs', query: 'x', limit: 11 },
    ],
  },
  get_user_profile: { valid: [{}], invalid: [null, 'me'] },
  get_account_balance: { valid: [{}], invalid: [null] },
  get_recent_orders: { valid: [{}, { limit: 3 }], invalid: [{ limit: -1 }, { limit: '3' }] },
  convert_currency: {
    valid: [{ amount: 100, from: 'USD', to: 'EUR' }],
    invalid: [
      { amount: '100', from: 'USD', to: 'EUR' },
      { amount: 100, from: 'USD' },
    ],
  },
  get_local_time: { valid: [{ timezone: 'Asia/Tokyo' }], invalid: [{}, { tz: 'Asia/Tokyo' }] },
  calculate: { valid: [{ expression: '1 + 2' }], invalid: [{}, { expression: '' }] },
  add_to_cart: {
    valid: [{ sku: 'VEGA-AIR-13', quantity: 1 }],
    invalid: [{ sku: 'VEGA-AIR-13' }, { sku: 'VEGA-AIR-13', quantity: 0 }, { quantity: 1 }],
  },
};

describe('the demo pack specs', () => {
  it('has exactly the eleven public tool names, once each', () => {
    const names = toolSpecs.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(contract).sort());
    for (const name of names) expect(toolSpecByName[name]?.name).toBe(name);
    expect(toolSpecByName.no_such_tool).toBeUndefined();
  });

  it.each(toolSpecs.map((spec) => [spec.name, spec] as const))(
    '%s validates its public input contract',
    (name, spec) => {
      const cases = contract[name as ToolName];
      for (const input of cases.valid) expect(spec.input.safeParse(input).success).toBe(true);
      for (const input of cases.invalid) expect(spec.input.safeParse(input).success).toBe(false);
    },
  );

  it('describes each tool for a model, with sane deadlines and distinct simulated latencies', () => {
    for (const spec of toolSpecs) {
      expect(spec.description.length).toBeGreaterThan(80);
      expect(spec.description).toMatch(/parallel/i);
      expect(spec.timeoutMs).toBeGreaterThanOrEqual(5000);
      expect(spec.timeoutMs).toBeLessThanOrEqual(8000);
      expect(spec.simulatedLatency.baseMs).toBeGreaterThanOrEqual(150);
      expect(spec.simulatedLatency.baseMs).toBeLessThanOrEqual(900);
      expect(spec.simulatedLatency.baseMs + spec.simulatedLatency.jitterMs).toBeLessThan(
        spec.timeoutMs,
      );
    }
    const bases = toolSpecs.map((spec) => spec.simulatedLatency.baseMs);
    expect(new Set(bases).size).toBe(bases.length);
  });

  it('runs convert_currency on the server and everything else in the page', () => {
    const server = toolSpecs.filter((spec) => spec.runsOn === 'server').map((spec) => spec.name);
    expect(server).toEqual(['convert_currency']);
  });

  it('exports input schemas that convert to JSON Schema for the model', async () => {
    const { z } = await import('zod');
    const schema = z.toJSONSchema(toolSpecByName.search_knowledge_base?.input ?? z.never());
    expect(schema).toMatchObject({
      type: 'object',
      properties: { source: { enum: ['docs', 'faq', 'forum'] } },
      required: ['source', 'query'],
    });
  });
});

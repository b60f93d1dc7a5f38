import { afterEach, describe, expect, it, vi } from 'vitest';
import { toolSpecs } from '../shared/tools';
import { browserTools, simulatedDelayMs, withSimulatedLatency } from './registry';
import { testContext } from './test-data-loader';

afterEach(() => {
  vi.useRealTimers();
});

const sampleInputs: Record<string, unknown> = {
  get_weather: { city: 'Tokyo' },
  lookup_product: { product: 'Nimbus Pro' },
  check_inventory: { sku: 'NIM-PRO-15', storeId: 'nyc-soho' },
  search_knowledge_base: { source: 'faq', query: 'shipping to Canada' },
  get_user_profile: {},
  get_account_balance: {},
  get_recent_orders: { limit: 3 },
  get_local_time: { timezone: 'Europe/Berlin' },
  calculate: { expression: '1649 - 999' },
};

describe('browserTools', () => {
  it('holds exactly the browser specs from the shared pack', () => {
    const browserSpecs = toolSpecs.filter((spec) => spec.runsOn === 'browser');
    expect(Object.keys(browserTools).sort()).toEqual(browserSpecs.map((s) => s.name).sort());
    for (const spec of browserSpecs) expect(browserTools[spec.name]?.spec).toBe(spec);
    expect(browserTools.convert_currency).toBeUndefined();
  });

  it.each(Object.entries(sampleInputs))('runs %s end to end', async (name, input) => {
    const tool = browserTools[name];
    expect(tool?.spec.input.safeParse(input).success).toBe(true);
    await expect(tool?.handler(input, testContext())).resolves.toBeTypeOf('object');
  });

  it('re-validates input, so a raw bad input never reaches a handler', async () => {
    await expect(
      browserTools.search_knowledge_base?.handler({ source: 'blog', query: 'x' }, testContext()),
    ).rejects.toThrow(
      'Invalid input for search_knowledge_base: source: Invalid option: expected one of "docs"|"faq"|"forum"',
    );
  });

  // get_local_time loads nothing and finishes synchronously; its abort check is tested beside it.
  const loadingTools = Object.entries(sampleInputs).filter(([name]) => name !== 'get_local_time');
  it.each(loadingTools)(
    '%s stops promptly when aborted while its data (or evaluator) is loading',
    async (name, input) => {
      const controller = new AbortController();
      const load = () => new Promise<never>(() => {});
      const pending = browserTools[name]?.handler(input, { signal: controller.signal, load });
      controller.abort(new Error('cancelled'));
      await expect(pending).rejects.toThrow('cancelled');
    },
  );
});

describe('simulated latency exports', () => {
  it('are applied outside the handler, with the spec profile', async () => {
    vi.useFakeTimers();
    const spec = browserTools.get_weather?.spec;
    if (!spec) throw new Error('missing get_weather');
    expect(simulatedDelayMs(spec.simulatedLatency, () => 0)).toBe(spec.simulatedLatency.baseMs);
    const wait = withSimulatedLatency(spec.simulatedLatency, undefined, () => 0);
    await vi.advanceTimersByTimeAsync(spec.simulatedLatency.baseMs);
    await expect(wait).resolves.toBe(spec.simulatedLatency.baseMs);
  });
});

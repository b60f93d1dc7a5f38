import { describe, expect, it } from 'vitest';
import {
  concurrencyFor,
  type DemoSettings,
  defaultDemoSettings,
  faultFor,
  isDefaultDemoSettings,
  latencyFor,
  readDemoSettings,
  writeDemoSettings,
} from './demo-settings';

const everything: DemoSettings = {
  policy: 'batch',
  parallelToolCalls: false,
  maxConcurrency: 3,
  latency: { baseMs: 900, jitterMs: 100 },
  toolLatency: {
    get_weather: { baseMs: 1500, jitterMs: 100 },
    lookup_product: { baseMs: 300, jitterMs: 0 },
  },
  faults: { get_weather: 'timeout', convert_currency: 'error', lookup_product: 'slow' },
  callFaults: [
    { tool: 'get_weather', match: 'Tokyo', fault: 'error' },
    { tool: 'lookup_product', match: 'Nimbus Pro', fault: 'slow' },
  ],
  slowFactor: 6,
  toolConcurrency: { check_inventory: 1, get_weather: 0 },
  offlinePacing: { timeToFirstTokenMs: 40, tokensPerSecond: 300 },
  presentation: true,
};

describe('demo settings in the URL', () => {
  it('reads nothing as the defaults, and the defaults write nothing', () => {
    expect(readDemoSettings('')).toEqual(defaultDemoSettings);
    expect(writeDemoSettings(defaultDemoSettings)).toBe('');
    expect(isDefaultDemoSettings(defaultDemoSettings)).toBe(true);
  });

  it('round-trips every setting through the query string', () => {
    const search = writeDemoSettings(everything);
    expect(readDemoSettings(search)).toEqual(everything);
    expect(isDefaultDemoSettings(everything)).toBe(false);
  });

  it('names every setting with a readable parameter', () => {
    const params = new URLSearchParams(writeDemoSettings(everything));
    expect(Object.fromEntries(params)).toEqual({
      policy: 'batch',
      parallel: '0',
      concurrency: '3',
      latency: '900',
      jitter: '100',
      'latency.get_weather': '1500',
      'latency.lookup_product': '300',
      'jitter.lookup_product': '0',
      'fault.get_weather': 'timeout',
      'fault.convert_currency': 'error',
      'fault.lookup_product': 'slow',
      'fault.get_weather@Tokyo': 'error',
      'fault.lookup_product@Nimbus Pro': 'slow',
      slow: '6',
      'concurrency.check_inventory': '1',
      'concurrency.get_weather': '0',
      ttft: '40',
      tps: '300',
      present: '1',
    });
  });

  it('keeps the parameters earlier links used', () => {
    const settings = readDemoSettings(
      '?latency=1000&policy=sequential&parallel=0&concurrency=2&latency.get_weather=1500&jitter=50',
    );
    expect(settings).toMatchObject({
      policy: 'sequential',
      parallelToolCalls: false,
      maxConcurrency: 2,
      latency: { baseMs: 1000, jitterMs: 50 },
      toolLatency: { get_weather: { baseMs: 1500, jitterMs: 50 } },
    });
  });

  it('drops invalid values field by field instead of failing the page', () => {
    const settings = readDemoSettings(
      '?policy=warp&concurrency=0&fault.get_weather=explode&fault.calculate=error&slow=99&ttft=-5&tps=100&concurrency.x=-1&latency.get_weather=abc',
    );
    expect(settings).toMatchObject({
      policy: 'parallel',
      maxConcurrency: 6,
      faults: { calculate: 'error' },
      slowFactor: defaultDemoSettings.slowFactor,
      toolConcurrency: {},
      toolLatency: {},
    });
    // ttft is out of range, so the pacing field falls back as a whole.
    expect(settings.offlinePacing).toEqual({});
  });

  it('leaves parameters it does not own alone, and replaces the ones it does', () => {
    const search = writeDemoSettings(
      { ...defaultDemoSettings, policy: 'sequential' },
      '?run=abc&fault.get_weather=error&latency=5',
    );
    expect(new URLSearchParams(search).toString()).toBe('run=abc&policy=sequential');
  });
});

describe('what the settings mean for one tool', () => {
  const own = { baseMs: 700, jitterMs: 250 };
  it('picks the tool latency, else the global one, else the tool’s own', () => {
    expect(latencyFor(everything, 'get_weather', own)).toEqual({ baseMs: 1500, jitterMs: 100 });
    expect(latencyFor(everything, 'calculate', own)).toEqual({ baseMs: 900, jitterMs: 100 });
    expect(latencyFor(defaultDemoSettings, 'calculate', own)).toBe(own);
  });

  it('overrides a tool’s concurrency cap, with 0 meaning no cap', () => {
    expect(concurrencyFor(everything, 'check_inventory', 2)).toBe(1);
    expect(concurrencyFor(everything, 'get_weather', 3)).toBeUndefined();
    expect(concurrencyFor(everything, 'calculate', 2)).toBe(2);
  });

  it('names each tool’s injected fault', () => {
    expect(faultFor(everything, 'get_weather')).toBe('timeout');
    expect(faultFor(everything, 'calculate')).toBeUndefined();
  });
});

describe('faults per call', () => {
  it('reads fault.<tool>@<value> from the link and writes it back', () => {
    const settings = readDemoSettings('?fault.get_weather%40Tokyo=timeout&fault.get_weather=slow');
    expect(settings.callFaults).toEqual([
      { tool: 'get_weather', match: 'Tokyo', fault: 'timeout' },
    ]);
    expect(settings.faults).toEqual({ get_weather: 'slow' });
    expect(readDemoSettings(writeDemoSettings(settings))).toEqual(settings);
    expect(writeDemoSettings(settings)).toContain('fault.get_weather@Tokyo=timeout');
  });

  it('drops rules with a bad tool, value or fault', () => {
    expect(readDemoSettings('?fault.get_weather@=timeout').callFaults).toEqual([]);
    expect(readDemoSettings('?fault.Get-Weather@Tokyo=timeout').callFaults).toEqual([]);
    expect(readDemoSettings('?fault.get_weather@Tokyo=explode').callFaults).toEqual([]);
  });

  it('fails only the call whose input matches, and wins over the tool’s own fault', () => {
    const settings = readDemoSettings('?fault.get_weather@tokyo=timeout&fault.get_weather=slow');
    expect(faultFor(settings, 'get_weather', { city: 'Tokyo' })).toBe('timeout');
    expect(faultFor(settings, 'get_weather', { city: ' TOKYO ' })).toBe('timeout');
    expect(faultFor(settings, 'get_weather', { city: 'Paris' })).toBe('slow');
    expect(faultFor(settings, 'get_weather', { city: 'Tokyo Bay' })).toBe('slow');
    expect(faultFor(settings, 'get_weather')).toBe('slow');
    expect(faultFor(settings, 'lookup_product', { name: 'Tokyo' })).toBeUndefined();
    const nested = readDemoSettings('?fault.search_docs@faq=error');
    expect(faultFor(nested, 'search_docs', { sources: ['docs', 'FAQ'], q: 'x' })).toBe('error');
  });
});

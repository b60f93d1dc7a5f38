import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToolRegistry } from '../runtime';
import { toolSpecByName } from '../shared/tools';
import { readDemoSettings } from './demo-settings';
import { demoRequestOptions, withDemoSettings } from './demo-tools';

const handler = vi.fn(async () => ({ ok: true }));
const tools: ToolRegistry = (name) => {
  const spec = toolSpecByName[name];
  if (!spec) return undefined;
  return spec.runsOn === 'server' ? { spec } : { spec, run: handler };
};
const ctx = () => ({ signal: new AbortController().signal, callId: 'c', turnId: 't' });

beforeEach(() => {
  vi.useFakeTimers();
  handler.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withDemoSettings', () => {
  it('waits the demo latency before the handler runs', async () => {
    const demo = readDemoSettings('?latency.get_weather=500&jitter.get_weather=0');
    const run = withDemoSettings(tools, demo)('get_weather')?.run;
    const result = run?.({ city: 'Paris' }, ctx());
    await vi.advanceTimersByTimeAsync(499);
    expect(handler).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual({ ok: true });
  });

  it('injects a fault: `error` throws without running the handler', async () => {
    const demo = readDemoSettings('?latency=0&fault.get_weather=error');
    const result = withDemoSettings(tools, demo)('get_weather')?.run?.({ city: 'Paris' }, ctx());
    const caught = expect(result).rejects.toThrow(/Injected failure: get_weather/);
    await vi.advanceTimersByTimeAsync(1);
    await caught;
    expect(handler).not.toHaveBeenCalled();
  });

  it('overrides a tool’s concurrency cap (0 removes it) and leaves server tools alone', () => {
    const capped = withDemoSettings(tools, readDemoSettings('?concurrency.check_inventory=1'));
    expect(capped('check_inventory')?.spec.concurrency).toBe(1);
    const free = withDemoSettings(tools, readDemoSettings('?concurrency.check_inventory=0'));
    expect(free('check_inventory')?.spec).not.toHaveProperty('concurrency');
    expect(capped('convert_currency')).toEqual({ spec: toolSpecByName.convert_currency });
  });
});

describe('demoRequestOptions', () => {
  it('sends the server tools’ latency and faults, and the planner’s pacing, with each request', () => {
    const demo = readDemoSettings('?latency=700&fault.convert_currency=slow&slow=6&ttft=0');
    expect(demoRequestOptions(demo)).toEqual({
      serverTools: {
        convert_currency: {
          latency: { baseMs: 700, jitterMs: 0 },
          fault: 'slow',
          slowFactor: 6,
        },
      },
      offlinePacing: { timeToFirstTokenMs: 0 },
    });
    expect(demoRequestOptions(readDemoSettings(''))).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { type ToolRegistry, wrapTools } from '../runtime';
import { getWeatherSpec } from '../shared/tools/get-weather';
import { clockTools, createHandlerClock } from './handler-clock';

describe('handler clock', () => {
  it('records nothing unless enabled', () => {
    const clock = createHandlerClock(false);
    clock.record({ callId: 'a', enteredAt: 1, sleptAt: 2, returnedAt: 3 });
    expect(clock.entries).toEqual([]);
  });

  it('keeps the latest entries when enabled', () => {
    const clock = createHandlerClock(true);
    for (let index = 0; index < 5001; index++) {
      clock.record({ callId: `c${index}`, enteredAt: index, sleptAt: index, returnedAt: index });
    }
    expect(clock.entries).toHaveLength(5000);
    expect(clock.entries[0]?.callId).toBe('c1');
  });
});

describe('clockTools', () => {
  it('reads the clock on entering, when the inner handler starts, and on returning', async () => {
    const clock = createHandlerClock(true);
    const order: string[] = [];
    const tools: ToolRegistry = () => ({
      spec: getWeatherSpec,
      run: async () => {
        order.push('handler');
        return 1;
      },
    });
    const clocked = clockTools(clock, tools, (inner) =>
      wrapTools(inner, (tool) => ({
        ...tool,
        run: async (input, ctx) => {
          order.push('latency');
          return tool.run(input, ctx);
        },
      })),
    );
    const ctx = { signal: new AbortController().signal, callId: 'c1', turnId: 't' };
    await expect(clocked('get_weather')?.run?.({}, ctx)).resolves.toBe(1);
    expect(order).toEqual(['latency', 'handler']);
    const [entry] = clock.entries;
    expect(entry?.callId).toBe('c1');
    expect(entry?.enteredAt).toBeLessThanOrEqual(entry?.sleptAt ?? Number.NaN);
    expect(entry?.sleptAt).toBeLessThanOrEqual(entry?.returnedAt ?? Number.NaN);
  });

  it('adds nothing when the clock is off', () => {
    const tools: ToolRegistry = () => undefined;
    const around = (inner: ToolRegistry) => inner;
    expect(clockTools(createHandlerClock(false), tools, around)).toBe(tools);
  });
});

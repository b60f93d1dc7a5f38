import { describe, expect, it } from 'vitest';
import { layoutWaterfall, type ToolRow } from './geometry';
import { filterRows, noFilter, passesToggle, searchableText, stepMatch } from './row-filter';
import { run, span, step, threeCityRun } from './trace-fixtures';

function mixedRun() {
  return run(
    [step('step-1', 0, 100, 200)],
    [
      span('a', 300, 500, { toolName: 'get_weather', input: { city: 'Paris' } }),
      span('b', 300, 2400, { toolName: 'get_stock', input: { symbol: 'VEGA' } }),
      span('c', 300, 600, { toolName: 'get_weather', input: { city: 'Tokyo' }, status: 'timeout' }),
      span('d', 700, 900, {
        toolName: 'lookup_product',
        input: { name: 'Vega Air' },
        runsOn: 'server',
        queuedAt: 300,
      }),
    ],
    { endedAt: 2500 },
  );
}

const text = (trace: ReturnType<typeof mixedRun>) => (row: ToolRow) =>
  searchableText(row, trace.spans[row.callId]?.input);

describe('filterRows', () => {
  it('without a filter keeps every row in the layout order', () => {
    const trace = mixedRun();
    const rows = layoutWaterfall(trace).rows;
    const result = filterRows(rows, noFilter, text(trace));
    expect(result.active).toBe(false);
    expect(result.rows.map((row) => row.key)).toEqual(rows.map((row) => row.key));
    expect(result.matches).toEqual([]);
  });

  it('toggles are alternatives and leave only the matching calls', () => {
    const trace = mixedRun();
    const rows = layoutWaterfall(trace).rows;
    const errors = filterRows(rows, { ...noFilter, toggles: ['errors'] }, text(trace));
    expect(errors.matches).toEqual(['c']);
    const either = filterRows(rows, { ...noFilter, toggles: ['errors', 'slow'] }, text(trace));
    expect(either.matches.sort()).toEqual(['b', 'c']);
    const server = filterRows(rows, { ...noFilter, toggles: ['server'] }, text(trace));
    expect(server.matches).toEqual(['d']);
    const queued = filterRows(rows, { ...noFilter, toggles: ['queued'] }, text(trace));
    expect(queued.matches).toEqual(['d']);
  });

  it('free text matches tool names and inputs, case-insensitively, with the toggles', () => {
    const trace = mixedRun();
    const rows = layoutWaterfall(trace).rows;
    expect(filterRows(rows, { ...noFilter, text: 'WEATHER' }, text(trace)).matches).toEqual([
      'a',
      'c',
    ]);
    expect(filterRows(rows, { ...noFilter, text: 'vega' }, text(trace)).matches.sort()).toEqual([
      'b',
      'd',
    ]);
    expect(
      filterRows(rows, { ...noFilter, text: 'weather', toggles: ['errors'] }, text(trace)).matches,
    ).toEqual(['c']);
  });

  it('sorts by duration and by name', () => {
    const trace = mixedRun();
    const rows = layoutWaterfall(trace).rows;
    const byDuration = filterRows(rows, { ...noFilter, sort: 'duration' }, text(trace));
    expect(byDuration.rows[0]?.key).toBe('b');
    const byName = filterRows(rows, { ...noFilter, text: 'get', sort: 'name' }, text(trace));
    expect(byName.rows.map((row) => row.key)).toEqual(['b', 'a', 'c']);
    expect(byName.matches).toEqual(['b', 'a', 'c']);
  });

  it('the critical toggle follows the layout’s critical path', () => {
    const trace = threeCityRun();
    const rows = layoutWaterfall(trace).rows;
    const critical = rows.filter((row) => row.kind === 'tool' && passesToggle(row, 'critical'));
    expect(critical.map((row) => row.key)).toEqual(['New York']);
  });
});

describe('stepMatch', () => {
  it('steps forward and back, wrapping, and starts at an end', () => {
    expect(stepMatch(['a', 'b', 'c'], undefined, 1)).toBe('a');
    expect(stepMatch(['a', 'b', 'c'], undefined, -1)).toBe('c');
    expect(stepMatch(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(stepMatch(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(stepMatch([], 'a', 1)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { findMatches, segmentsOf, toDisplayLines, visibleRange } from './text-fold';

describe('toDisplayLines', () => {
  it('keeps line numbers and cuts a long line into rows of the same line', () => {
    const rows = toDisplayLines(`a\n${'x'.repeat(25)}\nb`, 10);
    expect(rows.map((row) => row.line)).toEqual([1, 2, 2, 2, 3]);
    expect(rows[3]?.text).toBe('xxxxx');
    expect(rows.at(-1)?.text).toBe('b');
  });

  it('gives one empty row for empty text', () => {
    expect(toDisplayLines('')).toEqual([{ text: '', line: 1 }]);
  });
});

describe('findMatches', () => {
  const rows = toDisplayLines('Paris\nparis PARIS\nTokyo');

  it('finds every case-insensitive occurrence in reading order', () => {
    expect(findMatches(rows, 'paris').matches).toEqual([
      { row: 0, start: 0 },
      { row: 1, start: 0 },
      { row: 1, start: 6 },
    ]);
    expect(findMatches(rows, 'nowhere').matches).toEqual([]);
    expect(findMatches(rows, '').matches).toEqual([]);
  });

  it('stops at the limit and says so', () => {
    const result = findMatches(rows, 'paris', 2);
    expect(result.matches).toHaveLength(2);
    expect(result.capped).toBe(true);
  });
});

describe('segmentsOf', () => {
  it('cuts a row into plain and matching pieces that join back to the row', () => {
    const segments = segmentsOf('a Paris b paris', 'PARIS');
    expect(segments.filter((segment) => segment.match).map((segment) => segment.start)).toEqual([
      2, 10,
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe('a Paris b paris');
  });
});

describe('visibleRange', () => {
  it('draws the rows in view plus overscan, clamped to the list', () => {
    expect(visibleRange(0, 100, 20, 1000, 2)).toEqual({ first: 0, last: 7 });
    expect(visibleRange(2000, 100, 20, 1000, 2)).toEqual({ first: 98, last: 107 });
    expect(visibleRange(19_990, 100, 20, 1000, 2)).toEqual({ first: 997, last: 1000 });
  });
});

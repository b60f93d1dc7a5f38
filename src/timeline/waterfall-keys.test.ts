import { describe, expect, it } from 'vitest';
import { pageIndex, typeAheadIndex, waterfallKeyFor } from './waterfall-keys';

describe('waterfallKeyFor', () => {
  it('maps movement, paging and details', () => {
    expect(waterfallKeyFor({ key: 'ArrowDown' })).toEqual({ type: 'move', by: 1 });
    expect(waterfallKeyFor({ key: 'PageUp' })).toEqual({ type: 'page', by: -1 });
    expect(waterfallKeyFor({ key: 'End' })).toEqual({ type: 'last' });
    expect(waterfallKeyFor({ key: 'Enter' })).toEqual({ type: 'open' });
    expect(waterfallKeyFor({ key: ' ' })).toEqual({ type: 'open' });
  });

  it('maps zoom, fit, pan, filter and matches', () => {
    expect(waterfallKeyFor({ key: '+' })).toEqual({ type: 'zoom', by: 1 });
    expect(waterfallKeyFor({ key: '-' })).toEqual({ type: 'zoom', by: -1 });
    expect(waterfallKeyFor({ key: '0' })).toEqual({ type: 'fit' });
    expect(waterfallKeyFor({ key: 'ArrowLeft' })).toEqual({ type: 'pan', by: -1 });
    expect(waterfallKeyFor({ key: 'f' })).toEqual({ type: 'focus-filter' });
    expect(waterfallKeyFor({ key: 'n' })).toEqual({ type: 'match', by: 1 });
    expect(waterfallKeyFor({ key: 'N' })).toEqual({ type: 'match', by: -1 });
  });

  it('letters start a type-ahead; while one runs, every letter (f and n too) extends it', () => {
    expect(waterfallKeyFor({ key: 'g' })).toEqual({ type: 'type-ahead', char: 'g' });
    expect(waterfallKeyFor({ key: 'f', typing: true })).toEqual({ type: 'type-ahead', char: 'f' });
    expect(waterfallKeyFor({ key: ' ', typing: true })).toEqual({ type: 'type-ahead', char: ' ' });
  });

  it('leaves modified keys and unknown keys to the page', () => {
    expect(waterfallKeyFor({ key: 'f', ctrlKey: true })).toBeUndefined();
    expect(waterfallKeyFor({ key: 'Tab' })).toBeUndefined();
    expect(waterfallKeyFor({ key: '?' })).toBeUndefined();
  });
});

describe('typeAheadIndex', () => {
  const names = [
    'get_weather Paris',
    'lookup_product',
    'get_stock',
    'Step 2 model',
    'get_weather Rome',
  ];

  it('finds the next name starting with the query, after the current row, wrapping', () => {
    expect(typeAheadIndex(names, 0, 'g')).toBe(2);
    expect(typeAheadIndex(names, 4, 'g')).toBe(0);
    expect(typeAheadIndex(names, 0, 'l')).toBe(1);
  });

  it('a growing query can stay on the current row; a repeated letter cycles', () => {
    expect(typeAheadIndex(names, 2, 'get_w')).toBe(4);
    expect(typeAheadIndex(names, 0, 'get_w')).toBe(0);
    expect(typeAheadIndex(names, 2, 'gg')).toBe(4);
  });

  it('finds nothing for a query nothing starts with', () => {
    expect(typeAheadIndex(names, 0, 'zz')).toBeUndefined();
    expect(typeAheadIndex(names, 0, '')).toBeUndefined();
  });
});

describe('pageIndex', () => {
  it('moves a page less one row, kept inside the list', () => {
    expect(pageIndex(0, 1, 10, 100)).toBe(9);
    expect(pageIndex(95, 1, 10, 100)).toBe(99);
    expect(pageIndex(5, -1, 10, 100)).toBe(0);
    expect(pageIndex(0, 1, 1, 3)).toBe(1);
  });
});

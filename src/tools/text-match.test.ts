import { describe, expect, it } from 'vitest';
import {
  closestMatches,
  compactText,
  editDistance,
  listSome,
  normalizeText,
  typoBudget,
} from './text-match';

describe('text matching', () => {
  it('normalizes case, accents and punctuation', () => {
    expect(normalizeText('  São-Paulo! ')).toBe('sao paulo');
    expect(normalizeText('Zürich')).toBe('zurich');
    expect(normalizeText('Kraków')).toBe('krakow');
    expect(compactText('aur x1-14')).toBe('aurx114');
  });

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('allows more typos in longer words, none in short ones', () => {
    expect(typoBudget(3)).toBe(0);
    expect(typoBudget(6)).toBe(1);
    expect(typoBudget(40)).toBe(3);
  });

  it('suggests close values and keeps lists short', () => {
    expect(closestMatches('Pariss', ['Tokyo', 'Paris', 'Perth'], 2)).toEqual(['Paris', 'Perth']);
    expect(listSome(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
    expect(listSome(['a', 'b'], 2)).toBe('a, b');
  });
});

import { describe, expect, it } from 'vitest';
import { agree, countOf, everyOf, nounFor, partOf } from './words';

describe('words', () => {
  it('counts with the right plural', () => {
    expect(countOf(0, 'call')).toBe('0 calls');
    expect(countOf(1, 'call')).toBe('1 call');
    expect(countOf(2, 'call')).toBe('2 calls');
    expect(countOf(3, 'tool call')).toBe('3 tool calls');
    expect(countOf(2, 'reply', 'replies')).toBe('2 replies');
    expect(nounFor(1, 'message')).toBe('message');
  });

  it('says both for two and all n from three', () => {
    expect(everyOf(0, 'tool call')).toBe('no tool calls');
    expect(everyOf(1, 'tool call')).toBe('the tool call');
    expect(everyOf(2, 'tool call')).toBe('both tool calls');
    expect(everyOf(3, 'tool call')).toBe('all 3 tool calls');
  });

  it('says a part of a whole', () => {
    expect(partOf(2, 3, 'call')).toBe('2 of 3 calls');
    expect(partOf(1, 1, 'call')).toBe('1 of 1 call');
    expect(partOf(2, 2, 'call')).toBe('both calls');
    expect(agree(1, 'was', 'were')).toBe('was');
    expect(agree(2, 'was', 'were')).toBe('were');
  });
});

import { describe, expect, it } from 'vitest';
import { shortcutFor, stepRun } from './shortcuts';

const base = {
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  dialogOpen: false,
  busy: false,
};

describe('shortcutFor', () => {
  it('maps single keys when the reader is not typing', () => {
    expect(shortcutFor({ ...base, key: 't' })).toBe('toggle-timeline');
    expect(shortcutFor({ ...base, key: '?' })).toBe('help');
    expect(shortcutFor({ ...base, key: ']' })).toBe('next-run');
    expect(shortcutFor({ ...base, key: 't', typing: true })).toBeUndefined();
    expect(shortcutFor({ ...base, key: 't', ctrlKey: true })).toBeUndefined();
    expect(shortcutFor({ ...base, key: 't', dialogOpen: true })).toBeUndefined();
  });

  it('stops with Esc only while an answer runs, even from the message box', () => {
    expect(shortcutFor({ ...base, key: 'Escape', busy: true, typing: true })).toBe('stop');
    expect(shortcutFor({ ...base, key: 'Escape' })).toBeUndefined();
    expect(shortcutFor({ ...base, key: 'Escape', busy: true, dialogOpen: true })).toBeUndefined();
  });
});

describe('stepRun', () => {
  const runs = ['a', 'b', 'c'];
  it('walks back from the latest and forward again, following the latest at the end', () => {
    expect(stepRun(runs, undefined, -1)).toBe('b');
    expect(stepRun(runs, 'b', -1)).toBe('a');
    expect(stepRun(runs, 'a', -1)).toBe('a');
    expect(stepRun(runs, 'a', 1)).toBe('b');
    expect(stepRun(runs, 'b', 1)).toBeUndefined();
    expect(stepRun([], undefined, 1)).toBeUndefined();
  });
});

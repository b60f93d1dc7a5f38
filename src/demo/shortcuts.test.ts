import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modifierForm, shortcutFor, shortcuts, stepRun } from './shortcuts';

const base = {
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  typing: false,
  dialogOpen: false,
  busy: false,
};

describe('shortcutFor', () => {
  it('maps single keys when the reader is not typing', () => {
    expect(shortcutFor({ ...base, key: 't' })).toBe('toggle-timeline');
    expect(shortcutFor({ ...base, key: '?', shiftKey: true })).toBe('help');
    expect(shortcutFor({ ...base, key: ']' })).toBe('next-run');
    expect(shortcutFor({ ...base, key: 't', typing: true })).toBeUndefined();
    expect(shortcutFor({ ...base, key: 't', ctrlKey: true })).toBeUndefined();
    expect(shortcutFor({ ...base, key: 't', dialogOpen: true })).toBeUndefined();
  });

  it('maps Alt+Shift by the physical key, from the message box too, whatever it types', () => {
    // macOS Option+Shift+/ types "¿"; a German layout's Alt+Shift+S types "S".
    const typing = { ...base, typing: true, altKey: true, shiftKey: true };
    expect(shortcutFor({ ...typing, key: '¿', code: 'Slash' })).toBe('help');
    expect(shortcutFor({ ...typing, key: 'Í', code: 'KeyS' })).toBe('scenarios');
    expect(shortcutFor({ ...typing, key: 'D', code: 'KeyD' })).toBe('controls');
    expect(shortcutFor({ ...typing, key: 'W', code: 'KeyW' })).toBe('toggle-timeline');
    expect(shortcutFor({ ...typing, key: '{', code: 'BracketLeft' })).toBe('previous-run');
    // Alt alone, or Alt+Shift with Ctrl, is someone else's.
    expect(shortcutFor({ ...typing, shiftKey: false, key: 's', code: 'KeyS' })).toBeUndefined();
    expect(shortcutFor({ ...typing, ctrlKey: true, key: 'S', code: 'KeyS' })).toBeUndefined();
    expect(shortcutFor({ ...typing, dialogOpen: true, key: '/', code: 'Slash' })).toBeUndefined();
  });

  it('stops with Esc only while an answer runs, even from the message box', () => {
    expect(shortcutFor({ ...base, key: 'Escape', busy: true, typing: true })).toBe('stop');
    expect(shortcutFor({ ...base, key: 'Escape' })).toBeUndefined();
    expect(shortcutFor({ ...base, key: 'Escape', busy: true, dialogOpen: true })).toBeUndefined();
  });

  it('avoids the browsers’ own Alt+Shift keys and uses each code once', () => {
    const codes = shortcuts.flatMap((shortcut) => (shortcut.code ? [shortcut.code.code] : []));
    expect(new Set(codes).size).toBe(codes.length);
    for (const taken of ['KeyT', 'KeyB', 'KeyA', 'KeyI']) expect(codes).not.toContain(taken);
  });

  it('is the list the README names', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const shortcut of shortcuts) {
      const form = modifierForm(shortcut);
      if (form) expect(readme).toContain(form);
    }
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

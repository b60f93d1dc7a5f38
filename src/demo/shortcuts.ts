import { replayStepKeys } from '../timeline/replay';

/** What a keyboard shortcut does. */
export type ShortcutAction =
  | 'stop'
  | 'toggle-timeline'
  | 'previous-run'
  | 'next-run'
  | 'scenarios'
  | 'controls'
  | 'focus-composer'
  | 'help';

/**
 * The modifier that makes a shortcut work from anywhere, the message box included (on first
 * load the message box has the focus, so a plain `?` would type a question mark). Alt+Shift
 * with these keys is not a Chrome, Firefox, Safari, Windows, macOS or GNOME default (Alt+Shift+T
 * and +B/+A/+I are Chrome's toolbar, bookmarks, popup and feedback keys, so they are avoided).
 * On macOS Alt is Option.
 */
export const MODIFIER_KEYS = ['Alt', 'Shift'] as const;

/** One shortcut: the plain key (outside text fields) and, if any, its modifier form. */
export type Shortcut = {
  label: string;
  /** `event.key` outside text fields, as the help dialog shows it. */
  key?: string;
  /**
   * The Alt+Shift form, read from `event.code` (the physical key), so it works on every layout
   * and on macOS, where Option+Shift+letter types a special character and `event.key` names it.
   */
  code?: { code: string; label: string };
  /** Keys the reader types that are not the page's (the composer's, the replay's). */
  fixed?: string[];
  /** What the shortcut does; keys with no action are handled where they apply. */
  action?: ShortcutAction;
  /** Where the keys apply, when not the whole page. */
  where?: string;
};

const stepKeys = (keys: readonly string[]) =>
  keys.map((key) => (key === 'ArrowLeft' ? '←' : key === 'ArrowRight' ? '→' : key)).join(' or ');

/**
 * Every shortcut, in the help dialog's order: the key handler, the help dialog and the README
 * all read this one list (`shortcuts.test.ts` checks the README names every modifier form).
 */
export const shortcuts: readonly Shortcut[] = [
  { label: 'Send the message', fixed: ['Enter'], where: 'in the message box' },
  { label: 'New line', fixed: ['Shift', 'Enter'], where: 'in the message box' },
  { label: 'Stop the running answer', action: 'stop', key: 'Esc' },
  {
    label: 'Show or hide the timeline',
    action: 'toggle-timeline',
    key: 't',
    code: { code: 'KeyW', label: 'W' },
  },
  {
    label: 'Previous run in the timeline',
    action: 'previous-run',
    key: '[',
    code: { code: 'BracketLeft', label: '[' },
  },
  {
    label: 'Next run in the timeline',
    action: 'next-run',
    key: ']',
    code: { code: 'BracketRight', label: ']' },
  },
  { label: 'Scenarios', action: 'scenarios', key: 's', code: { code: 'KeyS', label: 'S' } },
  { label: 'Demo controls', action: 'controls', key: 'd', code: { code: 'KeyD', label: 'D' } },
  { label: 'Go to the message box', action: 'focus-composer', key: '/' },
  {
    label: 'This list of shortcuts',
    action: 'help',
    key: '?',
    code: { code: 'Slash', label: '/' },
  },
  {
    label: 'Previous event',
    fixed: [stepKeys(replayStepKeys.previous)],
    where: 'in a replay (click it first)',
  },
  {
    label: 'Next event',
    fixed: [stepKeys(replayStepKeys.next)],
    where: 'in a replay (click it first)',
  },
];

/** The modifier form as words, e.g. "Alt+Shift+/". */
export function modifierForm(shortcut: Shortcut): string | undefined {
  return shortcut.code ? [...MODIFIER_KEYS, shortcut.code.label].join('+') : undefined;
}

const byKey = new Map<string, ShortcutAction>();
const byCode = new Map<string, ShortcutAction>();
for (const shortcut of shortcuts) {
  if (!shortcut.action) continue;
  if (shortcut.key && shortcut.key !== 'Esc') byKey.set(shortcut.key, shortcut.action);
  if (shortcut.code) byCode.set(shortcut.code.code, shortcut.action);
}

type KeyInfo = {
  key: string;
  /** The physical key (`KeyboardEvent.code`), for the Alt+Shift forms. */
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** The focused element is a text field, select or editable region. */
  typing: boolean;
  /** A modal dialog is open: it owns the keyboard. */
  dialogOpen: boolean;
  busy: boolean;
};

/**
 * The action for a key press, or undefined. Plain keys never fire while the reader types; the
 * Alt+Shift forms fire anywhere; nothing fires while a dialog is open; Esc stops a running
 * answer only when nothing else would take it.
 */
export function shortcutFor(press: KeyInfo): ShortcutAction | undefined {
  if (press.ctrlKey || press.metaKey || press.dialogOpen) return undefined;
  if (press.key === 'Escape') return press.busy && !press.altKey ? 'stop' : undefined;
  if (press.altKey) return press.shiftKey ? byCode.get(press.code) : undefined;
  if (press.typing) return undefined;
  return byKey.get(press.key);
}

/** The run after (or before) the shown one in run order; undefined follows the latest. */
export function stepRun(
  runOrder: readonly string[],
  shown: string | undefined,
  direction: 1 | -1,
): string | undefined {
  if (runOrder.length === 0) return undefined;
  const index = shown ? runOrder.indexOf(shown) : runOrder.length - 1;
  const from = index < 0 ? runOrder.length - 1 : index;
  const next = Math.min(runOrder.length - 1, Math.max(0, from + direction));
  // Back at the newest run: follow new runs again.
  return next === runOrder.length - 1 ? undefined : runOrder[next];
}

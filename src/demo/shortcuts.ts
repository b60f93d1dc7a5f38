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

/** The shortcuts the help dialog lists, in its order (Enter is the composer's own). */
export const shortcutList: Array<{ keys: string[]; label: string }> = [
  { keys: ['Enter'], label: 'Send the message (in the message box)' },
  { keys: ['Shift', 'Enter'], label: 'New line in the message box' },
  { keys: ['Esc'], label: 'Stop the running answer' },
  { keys: ['t'], label: 'Show or hide the timeline' },
  { keys: ['['], label: 'Previous run in the timeline' },
  { keys: [']'], label: 'Next run in the timeline' },
  { keys: ['s'], label: 'Scenarios' },
  { keys: ['d'], label: 'Demo controls' },
  { keys: ['/'], label: 'Go to the message box' },
  { keys: ['?'], label: 'This list of shortcuts' },
];

const keyActions: Record<string, ShortcutAction> = {
  t: 'toggle-timeline',
  '[': 'previous-run',
  ']': 'next-run',
  s: 'scenarios',
  d: 'controls',
  '/': 'focus-composer',
  '?': 'help',
};

type KeyInfo = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element is a text field, select or editable region. */
  typing: boolean;
  /** A modal dialog is open: it owns the keyboard. */
  dialogOpen: boolean;
  busy: boolean;
};

/**
 * The action for a key press, or undefined. Letters never fire while the reader types or
 * while a dialog is open; Esc stops a running answer only when nothing else would take it.
 */
export function shortcutFor(press: KeyInfo): ShortcutAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey || press.dialogOpen) return undefined;
  if (press.key === 'Escape') return press.busy ? 'stop' : undefined;
  if (press.typing) return undefined;
  return keyActions[press.key];
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

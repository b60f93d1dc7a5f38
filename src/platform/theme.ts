import { create } from 'zustand';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const STORAGE_KEY = 'fanout-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return themeChoices.find((choice) => choice === stored) ?? 'system';
  } catch {
    return 'system';
  }
}

/** The theme a choice means right now: `system` follows the operating system. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

function systemIsDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

function apply(choice: ThemeChoice) {
  document.documentElement.dataset.theme = resolveTheme(choice, systemIsDark());
}

type ThemeState = { choice: ThemeChoice; setChoice: (choice: ThemeChoice) => void };

/** The reader's theme choice, kept in localStorage (a personal preference, not part of a demo link). */
export const useTheme = create<ThemeState>()((set) => ({
  choice: typeof window === 'undefined' ? 'system' : readChoice(),
  setChoice: (choice) => {
    set({ choice });
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage may be unavailable (private mode): the choice still holds for this page.
    }
    apply(choice);
  },
}));

/**
 * Puts the resolved theme on <html> before the first render and keeps it following the system
 * while the choice is `system`.
 */
export function initTheme() {
  apply(useTheme.getState().choice);
  if (typeof matchMedia !== 'function') return;
  matchMedia(DARK_QUERY).addEventListener('change', () => apply(useTheme.getState().choice));
}

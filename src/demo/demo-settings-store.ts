import { create } from 'zustand';
import {
  type DemoSettings,
  defaultDemoSettings,
  readDemoSettings,
  writeDemoSettings,
} from './demo-settings';

type DemoSettingsState = DemoSettings & {
  update: (change: Partial<DemoSettings>) => void;
  /** Back to the defaults (other URL parameters stay). */
  reset: () => void;
};

/** The settings part of the store's state (without its actions). */
export function settingsOf(state: DemoSettingsState): DemoSettings {
  const { update: _update, reset: _reset, ...settings } = state;
  return settings;
}

function syncUrl(settings: DemoSettings) {
  if (typeof window === 'undefined') return;
  // Keep the address bar in step, so copying the link copies the demo.
  const search = writeDemoSettings(settings, window.location.search);
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
}

/** The live demo settings, seeded from the page URL so a copied link reproduces a demo. */
export const useDemoSettings = create<DemoSettingsState>()((set, get) => ({
  ...readDemoSettings(typeof window === 'undefined' ? '' : window.location.search),
  update: (change) => {
    set(change);
    syncUrl(settingsOf(get()));
  },
  reset: () => {
    set({ ...defaultDemoSettings });
    syncUrl(settingsOf(get()));
  },
}));

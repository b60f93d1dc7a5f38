import { create } from 'zustand';
import { type DemoSettings, readDemoSettings, writeDemoSettings } from './demo-settings';

type DemoSettingsState = DemoSettings & {
  update: (change: Partial<DemoSettings>) => void;
};

function settingsOf(state: DemoSettingsState): DemoSettings {
  const { update: _update, ...settings } = state;
  return settings;
}

/** The live demo settings, seeded from the page URL so a copied link reproduces a demo. */
export const useDemoSettings = create<DemoSettingsState>()((set, get) => ({
  ...readDemoSettings(typeof window === 'undefined' ? '' : window.location.search),
  update: (change) => {
    set(change);
    if (typeof window === 'undefined') return;
    // Keep the address bar in step, so copying the link copies the demo.
    const search = writeDemoSettings(settingsOf(get()), window.location.search);
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  },
}));

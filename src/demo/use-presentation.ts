import { useEffect } from 'react';
import { useDemoSettings } from './demo-settings-store';

/** Puts the presentation size (`present=1`) on <html>, where the stylesheet scales the page. */
export function usePresentation() {
  const presentation = useDemoSettings((state) => state.presentation);
  useEffect(() => {
    const root = document.documentElement;
    if (presentation) root.dataset.present = '';
    else delete root.dataset.present;
  }, [presentation]);
}

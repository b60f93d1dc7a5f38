import { memo } from 'react';
import { isDefaultDemoSettings } from './demo-settings';
import { settingsOf, useDemoSettings } from './demo-settings-store';
import { headerDialogs } from './lazy-parts';
import './demo.css';

function SlidersIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="header-icon">
      <path d="M2 4h7M12 4h2M2 12h3M8 12h6" />
      <circle cx="10.5" cy="4" r="1.6" />
      <circle cx="6.5" cy="12" r="1.6" />
    </svg>
  );
}

function GridIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="header-icon">
      <rect x="2" y="2" width="5" height="5" rx="1" />
      <rect x="9" y="2" width="5" height="5" rx="1" />
      <rect x="2" y="9" width="5" height="5" rx="1" />
      <rect x="9" y="9" width="5" height="5" rx="1" />
    </svg>
  );
}

function WrenchIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="header-icon">
      <path d="M10.5 2.2a3.3 3.3 0 0 0-3.9 4.3L2.4 10.7a1.3 1.3 0 0 0 1.9 1.9l4.2-4.2a3.3 3.3 0 0 0 4.3-3.9l-2 2-1.8-.5-.5-1.8z" />
    </svg>
  );
}

/** Hovering or focusing a button starts loading its dialog, in case idle time has not yet. */
function preloadOnIntent(dialog: keyof typeof headerDialogs) {
  const preload = () => void headerDialogs[dialog].preload();
  return { onPointerEnter: preload, onFocus: preload };
}

/** Header buttons for the scenario gallery, the tools panel, the demo controls and the shortcuts. */
export const DemoHeaderButtons = memo(function DemoHeaderButtons({
  onScenarios,
  onTools,
  onControls,
  onHelp,
}: {
  onScenarios: () => void;
  onTools: () => void;
  onControls: () => void;
  onHelp: () => void;
}) {
  // A dot says the demo runs with changed settings, so a presenter never forgets a fault.
  const changed = useDemoSettings((state) => !isDefaultDemoSettings(settingsOf(state)));
  return (
    <>
      <button
        type="button"
        className="button button-ghost header-button"
        onClick={onScenarios}
        aria-haspopup="dialog"
        aria-label="Scenarios"
      >
        <GridIcon />
        <span className="header-button-text">Scenarios</span>
      </button>
      <button
        type="button"
        className="button button-ghost header-button"
        onClick={onTools}
        {...preloadOnIntent('tools')}
        aria-haspopup="dialog"
        aria-label="Tools"
      >
        <WrenchIcon />
        <span className="header-button-text">Tools</span>
      </button>
      <button
        type="button"
        className="button button-ghost header-button"
        onClick={onControls}
        {...preloadOnIntent('controls')}
        aria-haspopup="dialog"
        aria-label={changed ? 'Demo controls (changed)' : 'Demo controls'}
        data-testid="controls-button"
      >
        <SlidersIcon />
        <span className="header-button-text">Controls</span>
        {changed ? <span className="changed-dot" aria-hidden="true" /> : null}
      </button>
      <button
        type="button"
        className="button button-ghost header-button header-help"
        onClick={onHelp}
        {...preloadOnIntent('help')}
        aria-haspopup="dialog"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (? or Alt+Shift+/)"
      >
        ?
      </button>
    </>
  );
});

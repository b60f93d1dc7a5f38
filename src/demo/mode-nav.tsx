import { memo } from 'react';
import { type AppMode, useAppMode } from '../platform/app-mode-store';
import { screens } from './lazy-parts';

const modes: Array<{ mode: Exclude<AppMode, 'chat'>; label: string; hint: string }> = [
  { mode: 'race', label: 'Race', hint: 'One prompt, parallel against sequential, side by side' },
  { mode: 'replay', label: 'Replay', hint: 'Replay a recorded run with no model and no network' },
  { mode: 'compare', label: 'Compare', hint: 'Two runs side by side, with their differences' },
];

/** The header's way into race, replay and compare. */
export const ModeNav = memo(function ModeNav({ current }: { current: AppMode }) {
  const open = useAppMode((state) => state.open);
  return (
    <nav className="mode-nav" aria-label="Modes">
      {current !== 'chat' ? (
        <button type="button" className="button button-ghost" onClick={() => open('chat')}>
          ← Chat
        </button>
      ) : null}
      {modes.map((item) => (
        <button
          key={item.mode}
          type="button"
          className={`button button-ghost mode-nav-${item.mode}`}
          aria-current={current === item.mode ? 'page' : undefined}
          title={item.hint}
          onClick={() => open(item.mode)}
          // Pointing at or focusing a mode starts loading its screen before the click.
          onPointerEnter={() => void screens[item.mode].preload()}
          onFocus={() => void screens[item.mode].preload()}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
});

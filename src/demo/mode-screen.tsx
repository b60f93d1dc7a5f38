import { type AppMode, useAppMode } from '../platform/app-mode-store';
import { BrandMark } from '../platform/brand-mark';
import { screens } from './lazy-parts';
import { ModeNav } from './mode-nav';
import '../timeline/timeline.css';
import './modes.css';

const titles: Record<Exclude<AppMode, 'chat'>, { title: string; lead: string }> = {
  race: {
    title: 'Race: parallel against sequential',
    lead: 'One prompt, two chats at once: one runs its tool calls in parallel, one runs them one at a time, on one time scale.',
  },
  replay: {
    title: 'Replay a run',
    lead: 'A recorded run plays back on its measured timings — no model, no network.',
  },
  compare: {
    title: 'Compare two runs',
    lead: 'Two runs on one time scale, with what differs: wall time, calls, statuses and tokens.',
  },
};

/** Race, replay and compare: full screens over the chat, which stays as it was underneath. */
export function ModeScreen({ mode }: { mode: Exclude<AppMode, 'chat'> }) {
  const open = useAppMode((state) => state.open);
  const { title, lead } = titles[mode];
  const Screen = screens[mode];
  return (
    <div className="app-shell mode-screen" data-mode={mode}>
      <header className="app-header">
        <button
          type="button"
          className="brand brand-button"
          onClick={() => open('chat')}
          aria-label="Fanout: back to the chat"
        >
          <BrandMark />
        </button>
        <div className="header-actions">
          <ModeNav current={mode} />
        </div>
      </header>
      <main className="mode-main">
        <div className="mode-intro">
          <h1>{title}</h1>
          <p>{lead}</p>
        </div>
        <Screen key={mode} />
      </main>
    </div>
  );
}

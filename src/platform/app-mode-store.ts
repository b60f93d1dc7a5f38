import { create } from 'zustand';

/** The screens beside the chat: race two policies, replay a run, compare two runs. */
export type AppMode = 'chat' | 'race' | 'replay' | 'compare';

export type AppModeState = {
  mode: AppMode;
  /** Race mode: the prompt to race (from `?prompt=`), started at once when it came in the link. */
  racePrompt: string;
  raceAutostart: boolean;
  /** Replay: the run to replay first, when one was picked (e.g. from the timeline). */
  replayRunId: string | undefined;
  open: (mode: AppMode, options?: { replayRunId?: string }) => void;
  /** Remembers the race prompt in the address bar, so the link reproduces the race. */
  setRacePrompt: (prompt: string) => void;
};

const modeParams = ['race', 'replay', 'compare'] as const;

/** Reads the mode from a page URL's query: `?race=1&prompt=…`, `?replay=1`, `?compare=1`. */
export function readAppMode(
  search: string,
): Pick<AppModeState, 'mode' | 'racePrompt' | 'raceAutostart'> {
  const params = new URLSearchParams(search);
  const on = (name: string) => {
    const value = params.get(name);
    return value !== null && value !== '0' && value !== 'false';
  };
  const mode = modeParams.find(on) ?? 'chat';
  const prompt = (params.get('prompt') ?? '').trim().slice(0, 2000);
  return { mode, racePrompt: prompt, raceAutostart: mode === 'race' && prompt !== '' };
}

/** The query string for a mode, keeping every other parameter (the demo settings). */
export function writeAppMode(mode: AppMode, search: string, racePrompt?: string): string {
  const params = new URLSearchParams(search);
  for (const name of [...modeParams, 'prompt']) params.delete(name);
  if (mode !== 'chat') params.set(mode, '1');
  if (mode === 'race' && racePrompt) params.set('prompt', racePrompt);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function replaceSearch(search: string) {
  if (typeof window === 'undefined') return;
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
}

export const useAppMode = create<AppModeState>()((set, get) => ({
  ...readAppMode(typeof window === 'undefined' ? '' : window.location.search),
  replayRunId: undefined,
  open: (mode, options) => {
    set({ mode, replayRunId: options?.replayRunId, raceAutostart: false });
    if (typeof window !== 'undefined') {
      replaceSearch(writeAppMode(mode, window.location.search, get().racePrompt));
    }
  },
  setRacePrompt: (prompt) => {
    set({ racePrompt: prompt });
    if (typeof window !== 'undefined' && get().mode === 'race') {
      replaceSearch(writeAppMode('race', window.location.search, prompt));
    }
  },
}));

import { useMemo } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { countOf } from '../shared/words';
import { markInterrupted } from '../trace/import-trace';
import { useTraceStore } from '../trace/trace-store';
import type { RunTrace } from '../trace/trace-types';
import { HistoryDb } from './history-db';

/** A run the replay and compare views can pick, with where it came from. */
export type LibraryRun = {
  run: RunTrace;
  source: 'current' | 'saved' | 'imported' | 'shared';
  /** The conversation it was saved in, for saved runs. */
  conversation?: string;
};

type LibraryState = {
  saved: LibraryRun[];
  imported: LibraryRun[];
  status: 'idle' | 'loading' | 'ready' | 'unavailable';
  /** Reads every saved conversation's runs from IndexedDB (newest conversations first). */
  loadSaved: () => Promise<void>;
  /** Runs from a trace file, or (`shared`) from a share link: kept in memory only. */
  addImported: (runs: RunTrace[], source?: 'imported' | 'shared') => void;
};

/** Enough to pick from without reading a whole archive into memory. */
const MAX_CONVERSATIONS = 30;

/**
 * Runs from everywhere the page knows of: the conversation on screen (the trace store),
 * every saved conversation (IndexedDB, read on demand with its own connection) and trace
 * files imported for replay or comparison (kept apart, so they never enter the history).
 */
export const useRunLibrary = create<LibraryState>()((set) => ({
  saved: [],
  imported: [],
  status: 'idle',
  loadSaved: async () => {
    set({ status: 'loading' });
    let db: HistoryDb | undefined;
    try {
      db = await HistoryDb.open();
      const { conversations } = await db.listConversations();
      const saved: LibraryRun[] = [];
      for (const summary of conversations.slice(0, MAX_CONVERSATIONS)) {
        const loaded = await db.loadConversation(summary.id);
        for (const run of loaded?.runs ?? []) {
          saved.push({ run: markInterrupted(run), source: 'saved', conversation: summary.title });
        }
      }
      set({ saved, status: 'ready' });
    } catch {
      set({ status: 'unavailable' });
    } finally {
      db?.close();
    }
  },
  addImported: (runs, source = 'imported') =>
    set((state) => ({
      imported: [
        ...state.imported.filter((entry) => !runs.some((run) => run.id === entry.run.id)),
        ...runs.map((run): LibraryRun => ({ run, source })),
      ],
    })),
}));

/** Every run to pick from, each id once: imported first, then on screen, then saved. */
export function useLibraryRuns(): LibraryRun[] {
  const current = useTraceStore(
    useShallow((state) => state.runOrder.flatMap((id) => (state.runs[id] ? [state.runs[id]] : []))),
  );
  const { saved, imported } = useRunLibrary(
    useShallow((state) => ({ saved: state.saved, imported: state.imported })),
  );
  return useMemo(() => {
    const seen = new Set<string>();
    const all: LibraryRun[] = [];
    const add = (entry: LibraryRun) => {
      if (seen.has(entry.run.id)) return;
      seen.add(entry.run.id);
      all.push(entry);
    };
    for (const entry of imported) add(entry);
    for (const run of current) add({ run, source: 'current' });
    for (const entry of saved) add(entry);
    return all;
  }, [current, saved, imported]);
}

/** "get_weather ×3 · 1.9 s · parallel — What's the weather in…" for a picker. */
export function libraryLabel(entry: LibraryRun): string {
  const { run } = entry;
  const where = {
    imported: 'imported',
    shared: 'shared link',
    current: 'this chat',
    saved: entry.conversation ?? 'saved',
  }[entry.source] satisfies string;
  const prompt = run.prompt.length > 48 ? `${run.prompt.slice(0, 47)}…` : run.prompt;
  const time = new Date(run.startedAtEpochMs).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return `${prompt || 'run'} · ${run.policy} · ${countOf(run.spanOrder.length, 'call')} · ${time} (${where})`;
}

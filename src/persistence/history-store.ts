import { create } from 'zustand';
import { closeOpenCalls, INTERRUPTED_CALL } from '../shared/close-open-calls';
import type { FanoutMessage } from '../shared/message-metadata';
import { agree, countOf } from '../shared/words';
import { markInterrupted } from '../trace/import-trace';
import { useTraceStore } from '../trace/trace-store';
import {
  type ConversationSummary,
  type DeletedConversation,
  HistoryDb,
  type SkippedEntry,
  StorageFullError,
} from './history-db';

const ACTIVE_KEY = 'fanout.active-conversation';

/** How long "Deleted — Undo" stays offered after a delete. */
export const UNDO_DELETE_MS = 8000;

/** The last delete, while it can still be undone. */
export type UndoableDelete = { id: string; title: string; wasActive: boolean };

type HistoryState = {
  status: 'loading' | 'ready' | 'unavailable';
  conversations: ConversationSummary[];
  /** The conversation on screen; new conversations are saved once they have a message. */
  activeId: string;
  /** Messages to start the active conversation's chat with. */
  initialMessages: FanoutMessage[];
  /** Something the user should know about storage: skipped entries, a full disk. */
  notice: string | undefined;
  dismissNotice: () => void;
  open: (id: string) => Promise<void>;
  startNew: () => void;
  remove: (id: string) => Promise<void>;
  /** The delete Undo would reverse, for UNDO_DELETE_MS after it. */
  deleted: UndoableDelete | undefined;
  undoDelete: () => Promise<void>;
  dismissUndo: () => void;
  saveMessages: (id: string, messages: FanoutMessage[]) => Promise<void>;
  saveRuns: (id: string, runIds: string[]) => Promise<void>;
};

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function skippedNotice(skipped: SkippedEntry[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const conversations = skipped.filter((entry) => entry.store === 'conversations').length;
  const runs = skipped.length - conversations;
  const parts = [
    conversations ? countOf(conversations, 'saved conversation') : '',
    runs ? countOf(runs, 'saved run trace') : '',
  ].filter(Boolean);
  return `${parts.join(' and ')} could not be read and ${agree(skipped.length, 'was', 'were')} skipped.`;
}

function rememberActive(id: string) {
  try {
    localStorage.setItem(ACTIVE_KEY, id);
  } catch {
    // Private mode or no storage: the conversation is still saved, only not reopened first.
  }
}

let database: HistoryDb | undefined;
// What the last delete took away, kept only while Undo is offered.
let undoable: DeletedConversation | undefined;
let undoTimer: ReturnType<typeof setTimeout> | undefined;

/** Conversations and their traces, kept in IndexedDB and reopened after a reload. */
export const useHistoryStore = create<HistoryState>()((set, get) => {
  const reportWriteError = (error: unknown) => {
    const message =
      error instanceof StorageFullError
        ? error.message
        : 'Saving the conversation failed; what was saved before is kept.';
    set({ notice: message });
  };

  const refreshList = async () => {
    if (!database) return;
    const { conversations, skipped } = await database.listConversations();
    set((state) => ({ conversations, notice: state.notice ?? skippedNotice(skipped) }));
  };

  const load = async (id: string) => {
    const loaded = database ? await database.loadConversation(id) : undefined;
    const runs = (loaded?.runs ?? []).map(markInterrupted);
    const traces = useTraceStore.getState();
    traces.clear();
    traces.putRuns(runs);
    rememberActive(id);
    set((state) => ({
      activeId: id,
      initialMessages: closeOpenCalls(loaded?.conversation.messages ?? [], INTERRUPTED_CALL),
      notice: state.notice ?? skippedNotice(loaded?.skipped ?? []),
    }));
  };

  return {
    status: 'loading',
    conversations: [],
    activeId: newId(),
    initialMessages: [],
    notice: undefined,
    dismissNotice: () => set({ notice: undefined }),
    open: async (id) => {
      await load(id);
    },
    startNew: () => {
      const id = newId();
      useTraceStore.getState().clear();
      rememberActive(id);
      set({ activeId: id, initialMessages: [] });
    },
    remove: async (id) => {
      const wasActive = get().activeId === id;
      const removed = await database?.deleteConversation(id);
      if (wasActive) get().startNew();
      await refreshList();
      clearTimeout(undoTimer);
      undoable = removed;
      set({
        deleted: removed ? { id, title: removed.conversation.title, wasActive } : undefined,
      });
      if (removed) undoTimer = setTimeout(() => get().dismissUndo(), UNDO_DELETE_MS);
    },
    deleted: undefined,
    undoDelete: async () => {
      const offer = get().deleted;
      const removed = undoable;
      get().dismissUndo();
      if (!database || !offer || !removed) return;
      try {
        await database.restoreConversation(removed);
      } catch (error) {
        reportWriteError(error);
        return;
      }
      await refreshList();
      // Deleting the open conversation had cleared the screen: undo brings it back on screen.
      if (offer.wasActive) await load(offer.id);
    },
    dismissUndo: () => {
      clearTimeout(undoTimer);
      undoable = undefined;
      set({ deleted: undefined });
    },
    saveMessages: async (id, messages) => {
      if (!database || messages.length === 0) return;
      try {
        await database.saveConversation(id, messages);
        if (get().activeId === id) rememberActive(id);
        await refreshList();
      } catch (error) {
        reportWriteError(error);
      }
    },
    saveRuns: async (id, runIds) => {
      if (!database) return;
      const runs = useTraceStore.getState().runs;
      const toSave = runIds.flatMap((runId) => (runs[runId] ? [runs[runId]] : []));
      try {
        await database.saveRuns(id, toSave);
      } catch (error) {
        reportWriteError(error);
      }
    },
  };
});

/** Opens the database and the conversation that was open last; the app works without storage too. */
export async function initHistory(): Promise<void> {
  try {
    database = await HistoryDb.open();
  } catch {
    useHistoryStore.setState({
      status: 'unavailable',
      notice: 'This browser does not allow saving here: conversations will not survive a reload.',
    });
    return;
  }
  const { conversations, skipped } = await database.listConversations();
  useHistoryStore.setState({ conversations, notice: skippedNotice(skipped) });
  let last: string | null = null;
  try {
    last = localStorage.getItem(ACTIVE_KEY);
  } catch {
    last = null;
  }
  if (last && conversations.some((conversation) => conversation.id === last)) {
    await useHistoryStore.getState().open(last);
  }
  useHistoryStore.setState({ status: 'ready' });
}

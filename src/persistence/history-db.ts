import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { z } from 'zod';
import type { FanoutMessage } from '../shared/message-metadata';
import { runTraceSchema } from '../trace/export-format';
import type { RunTrace } from '../trace/trace-types';

/** A saved conversation: its messages as the chat holds them. */
export type StoredConversation = {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: FanoutMessage[];
};

export type ConversationSummary = Pick<
  StoredConversation,
  'id' | 'title' | 'createdAt' | 'updatedAt'
> & {
  messageCount: number;
};

type StoredRun = { id: string; conversationId: string; savedAt: number; run: RunTrace };

/** What a delete took away, exactly as stored, so Undo can put it back unchanged. */
export type DeletedConversation = { conversation: StoredConversation; runs: StoredRun[] };

interface HistorySchema extends DBSchema {
  conversations: { key: string; value: StoredConversation; indexes: { byUpdatedAt: number } };
  runs: { key: string; value: StoredRun; indexes: { byConversation: string } };
}

const conversationSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messages: z.array(
    z.looseObject({
      id: z.string(),
      role: z.enum(['user', 'assistant', 'system']),
      parts: z.array(z.looseObject({ type: z.string() })),
    }),
  ),
});

const storedRunSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  savedAt: z.number(),
  run: runTraceSchema,
});

/** Something stored that could not be read back; it is skipped, and the page says so. */
export type SkippedEntry = { store: 'conversations' | 'runs'; key: string; reason: string };

/** Raised when the browser refuses to store more; what was saved before is untouched. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)
  );
}

function reason(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

/** The title a conversation gets: its first user message, shortened. */
export function titleOf(messages: FanoutMessage[]): string {
  const first = messages.find((message) => message.role === 'user');
  const text = first?.parts
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join(' ')
    .trim();
  if (!text) return 'New conversation';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Conversations and their run traces in IndexedDB. Every read is validated: a corrupt entry is
 * skipped and reported instead of breaking the app; a full disk is reported as StorageFullError.
 */
export class HistoryDb {
  private constructor(private readonly db: IDBPDatabase<HistorySchema>) {}

  /** Opens (and on first use creates) the database. */
  static async open(name = 'fanout'): Promise<HistoryDb> {
    const db = await openDB<HistorySchema>(name, 1, {
      upgrade(database) {
        const conversations = database.createObjectStore('conversations', { keyPath: 'id' });
        conversations.createIndex('byUpdatedAt', 'updatedAt');
        const runs = database.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('byConversation', 'conversationId');
      },
    });
    return new HistoryDb(db);
  }

  private async write(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (isQuotaError(error)) {
        throw new StorageFullError(
          'The browser’s storage for this site is full: the latest changes were not saved.',
        );
      }
      throw error;
    }
  }

  /** Saves a conversation's messages; the title follows the first user message. */
  async saveConversation(id: string, messages: FanoutMessage[], now = Date.now()): Promise<void> {
    await this.write(async () => {
      const transaction = this.db.transaction('conversations', 'readwrite');
      const existing = await transaction.store.get(id);
      await transaction.store.put({
        id,
        title: titleOf(messages),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        messages,
      });
      await transaction.done;
    });
  }

  /** Saves run traces under their conversation (replacing earlier versions of the same runs). */
  async saveRuns(conversationId: string, runs: RunTrace[], now = Date.now()): Promise<void> {
    if (runs.length === 0) return;
    await this.write(async () => {
      const transaction = this.db.transaction('runs', 'readwrite');
      await Promise.all(
        runs.map((run) => transaction.store.put({ id: run.id, conversationId, savedAt: now, run })),
      );
      await transaction.done;
    });
  }

  /** Every readable conversation, newest first, plus what had to be skipped. */
  async listConversations(): Promise<{
    conversations: ConversationSummary[];
    skipped: SkippedEntry[];
  }> {
    const skipped: SkippedEntry[] = [];
    const conversations: ConversationSummary[] = [];
    let cursor = await this.db
      .transaction('conversations')
      .store.index('byUpdatedAt')
      .openCursor(null, 'prev');
    while (cursor) {
      const parsed = conversationSchema.safeParse(cursor.value);
      if (parsed.success) {
        const { messages, ...summary } = parsed.data;
        conversations.push({ ...summary, messageCount: messages.length });
      } else {
        skipped.push({
          store: 'conversations',
          key: String(cursor.primaryKey),
          reason: reason(parsed.error),
        });
      }
      cursor = await cursor.continue();
    }
    return { conversations, skipped };
  }

  /** One conversation with its runs (oldest first), or undefined when it is missing or unreadable. */
  async loadConversation(
    id: string,
  ): Promise<
    { conversation: StoredConversation; runs: RunTrace[]; skipped: SkippedEntry[] } | undefined
  > {
    const raw = await this.db.get('conversations', id);
    if (!raw) return undefined;
    const parsed = conversationSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const skipped: SkippedEntry[] = [];
    const runs: RunTrace[] = [];
    const storedRuns = await this.db.getAllFromIndex('runs', 'byConversation', id);
    for (const stored of storedRuns) {
      const run = storedRunSchema.safeParse(stored);
      if (run.success) runs.push(run.data.run as RunTrace);
      else
        skipped.push({ store: 'runs', key: String(stored?.id ?? '?'), reason: reason(run.error) });
    }
    runs.sort((a, b) => a.startedAtEpochMs - b.startedAtEpochMs);
    return { conversation: parsed.data as unknown as StoredConversation, runs, skipped };
  }

  /** Deletes a conversation and every run saved with it; returns what was deleted (for Undo). */
  async deleteConversation(id: string): Promise<DeletedConversation | undefined> {
    const transaction = this.db.transaction(['conversations', 'runs'], 'readwrite');
    const conversations = transaction.objectStore('conversations');
    const conversation = await conversations.get(id);
    await conversations.delete(id);
    const runs = transaction.objectStore('runs');
    const storedRuns = await runs.index('byConversation').getAll(id);
    for (const stored of storedRuns) await runs.delete(stored.id);
    await transaction.done;
    return conversation ? { conversation, runs: storedRuns } : undefined;
  }

  /** Puts a deleted conversation and its runs back as they were (same ids, same times). */
  async restoreConversation(deleted: DeletedConversation): Promise<void> {
    await this.write(async () => {
      const transaction = this.db.transaction(['conversations', 'runs'], 'readwrite');
      await transaction.objectStore('conversations').put(deleted.conversation);
      const runs = transaction.objectStore('runs');
      for (const stored of deleted.runs) await runs.put(stored);
      await transaction.done;
    });
  }

  close() {
    this.db.close();
  }
}

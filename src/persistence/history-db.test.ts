import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { FanoutMessage } from '../shared/message-metadata';
import type { RunTrace } from '../trace/trace-types';
import { HistoryDb, StorageFullError, titleOf } from './history-db';

let counter = 0;
const opened: HistoryDb[] = [];

async function freshDb() {
  const name = `fanout-test-${++counter}`;
  const db = await HistoryDb.open(name);
  opened.push(db);
  return { db, name };
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function message(id: string, role: 'user' | 'assistant', text: string): FanoutMessage {
  return { id, role, parts: [{ type: 'text', text }] };
}

function run(
  id: string,
  startedAtEpochMs: number,
  status: RunTrace['status'] = 'complete',
): RunTrace {
  return {
    id,
    prompt: 'Weather?',
    policy: 'parallel',
    parallelToolCalls: true,
    status,
    startedAtEpochMs,
    startedAtPerf: 0,
    steps: [{ id: `${id}/step-1`, index: 0, requestAt: 0, callIds: ['c1'] }],
    spanOrder: ['c1'],
    spans: {
      c1: {
        callId: 'c1',
        toolName: 'get_weather',
        stepId: `${id}/step-1`,
        runsOn: 'browser',
        state: 'settled',
        status: 'ok',
        startedAt: 5,
        settledAt: 900,
      },
    },
  };
}

describe('HistoryDb', () => {
  it('saves, lists newest first, loads and deletes conversations with their runs', async () => {
    const { db } = await freshDb();
    await db.saveConversation('a', [message('1', 'user', 'First question')], 1000);
    await db.saveConversation(
      'b',
      [message('2', 'user', 'Second question'), message('3', 'assistant', 'ok')],
      2000,
    );
    await db.saveRuns('b', [run('r2', 20), run('r1', 10)]);

    const { conversations, skipped } = await db.listConversations();
    expect(skipped).toEqual([]);
    expect(
      conversations.map((conversation) => [
        conversation.id,
        conversation.title,
        conversation.messageCount,
      ]),
    ).toEqual([
      ['b', 'Second question', 2],
      ['a', 'First question', 1],
    ]);

    const loaded = await db.loadConversation('b');
    expect(loaded?.conversation.messages).toHaveLength(2);
    expect(loaded?.runs.map((item) => item.id)).toEqual(['r1', 'r2']);
    expect(loaded?.runs[0]?.spans.c1?.settledAt).toBe(900);

    const deleted = await db.deleteConversation('b');
    expect(
      (await db.listConversations()).conversations.map((conversation) => conversation.id),
    ).toEqual(['a']);
    expect(await db.loadConversation('b')).toBeUndefined();

    // Undo puts it back as it was: same place in the list, same messages, same runs.
    expect(deleted?.runs).toHaveLength(2);
    if (deleted) await db.restoreConversation(deleted);
    expect(
      (await db.listConversations()).conversations.map((conversation) => conversation.id),
    ).toEqual(['b', 'a']);
    const restored = await db.loadConversation('b');
    expect(restored?.conversation).toEqual(loaded?.conversation);
    expect(restored?.runs).toEqual(loaded?.runs);
    expect(await db.deleteConversation('missing')).toBeUndefined();
  });

  it('keeps the creation time when a conversation is saved again', async () => {
    const { db } = await freshDb();
    await db.saveConversation('a', [message('1', 'user', 'Hi')], 1000);
    await db.saveConversation(
      'a',
      [message('1', 'user', 'Hi'), message('2', 'assistant', 'Hello')],
      5000,
    );
    const [summary] = (await db.listConversations()).conversations;
    expect(summary).toMatchObject({ createdAt: 1000, updatedAt: 5000, messageCount: 2 });
  });

  it('skips a corrupt conversation and a corrupt run instead of failing', async () => {
    const { db, name } = await freshDb();
    await db.saveConversation('good', [message('1', 'user', 'Fine')], 1000);
    await db.saveRuns('good', [run('r1', 10)]);
    const raw = await openDB(name, 1);
    await raw.put('conversations', { id: 'bad', title: 7, updatedAt: 3000, messages: 'nope' });
    await raw.put('runs', {
      id: 'r-bad',
      conversationId: 'good',
      savedAt: 1,
      run: { id: 'r-bad' },
    });
    raw.close();

    const { conversations, skipped } = await db.listConversations();
    expect(conversations.map((conversation) => conversation.id)).toEqual(['good']);
    expect(skipped).toEqual([expect.objectContaining({ store: 'conversations', key: 'bad' })]);
    const loaded = await db.loadConversation('good');
    expect(loaded?.runs.map((item) => item.id)).toEqual(['r1']);
    expect(loaded?.skipped).toEqual([expect.objectContaining({ store: 'runs', key: 'r-bad' })]);
  });

  it('reports a full disk as StorageFullError and keeps what was saved', async () => {
    const { db } = await freshDb();
    await db.saveConversation('a', [message('1', 'user', 'Saved before')], 1000);
    const store = IDBObjectStore.prototype;
    const original = store.put;
    store.put = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      await expect(
        db.saveConversation('a', [message('1', 'user', 'Lost')], 2000),
      ).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      store.put = original;
    }
    expect((await db.listConversations()).conversations[0]?.title).toBe('Saved before');
  });
});

describe('titleOf', () => {
  it('uses the first user message, shortened', () => {
    expect(titleOf([message('1', 'user', 'x'.repeat(120))])).toHaveLength(78);
    expect(titleOf([])).toBe('New conversation');
  });
});

/**
 * Figure 6: a history of 200 runs × 10 calls (20 conversations of 10 turns, cloned from a real
 * run the page saved itself), and one run of 500 calls imported as a trace file.
 */
import type { Browser, Page } from '@playwright/test';
import { finishedRun, freshPage, openFanout, type RunView, send } from '../lib/browser.ts';
import { installProbes, type PaintMark, type ProbeWindow } from '../lib/page-probes.ts';
import { type Summary, summarize } from '../lib/stats.ts';
import { calculations } from './steps.ts';

const CONVERSATIONS = 20;
const TURNS = 10;
const BIG_RUN_CALLS = 500;

export type ScaleResult = {
  runs: number;
  callsPerRun: number;
  /** Reload with the history → the active conversation's latest run painted (from navigation start). */
  coldOpenMs: Summary;
  /** Click a conversation in the history drawer → its latest run painted. */
  openConversationMs: Summary;
  /** Click an earlier answer's "Timeline" button → that run painted. */
  openRunMs: Summary;
  heapUsedMb: number;
  heapUsedEmptyMb: number;
  indexedDbMb: number;
  storageUsageMb: number;
  bigRun: {
    calls: number;
    importToPaintedMs: Summary;
    /** ArrowDown in the waterfall listbox: key event → focus moved and painted. */
    keyMoveMs: Summary;
    /** Enter on a row: key event → inspector painted. */
    inspectorOpenMs: Summary;
  };
};

type Raw = { conversation: Record<string, unknown>; run: Record<string, unknown> };

function readSaved(page: Page): Promise<Raw> {
  return page.evaluate(
    () =>
      new Promise<Raw>((resolve, reject) => {
        const open = indexedDB.open('fanout');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['conversations', 'runs']);
          const conversations = tx.objectStore('conversations').getAll();
          const runs = tx.objectStore('runs').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({ conversation: conversations.result[0], run: runs.result[0] });
          };
        };
      }),
  );
}

function seed(page: Page, raw: Raw, conversations: number, turns: number) {
  return page.evaluate(
    ({ raw, conversations, turns }) =>
      new Promise<void>((resolve, reject) => {
        type Message = { id: string; role: string; parts: unknown[] };
        const messages = raw.conversation.messages as Message[];
        const user = messages.find((message) => message.role === 'user') as Message;
        const assistant = messages.find((message) => message.role === 'assistant') as Message;
        const stored = raw.run as { run: { id: string; spans: Record<string, unknown> } };
        const callIds = Object.keys(stored.run.spans);
        const rename = (value: unknown, suffix: string) => {
          let text = JSON.stringify(value);
          for (const id of callIds) text = text.split(`"${id}"`).join(`"${id}-${suffix}"`);
          return JSON.parse(text);
        };
        const open = indexedDB.open('fanout');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['conversations', 'runs'], 'readwrite');
          const now = Date.now();
          for (let c = 0; c < conversations; c++) {
            const id = `bench-c${c}`;
            const list: Message[] = [];
            for (let t = 0; t < turns; t++) {
              const suffix = `c${c}t${t}`;
              list.push({ ...user, id: `${id}-u${t}` });
              list.push({ ...rename(assistant, suffix), id: `${id}-a${t}` });
              const run = rename(stored.run, suffix);
              run.id = `${id}-r${t}`;
              run.userMessageId = `${id}-u${t}`;
              run.startedAtEpochMs = now - (conversations - c) * 3_600_000 + t * 60_000;
              tx.objectStore('runs').put({ id: run.id, conversationId: id, savedAt: now, run });
            }
            tx.objectStore('conversations').put({
              ...raw.conversation,
              id,
              title: `Bench conversation ${c + 1}`,
              createdAt: now - (conversations - c) * 3_600_000,
              updatedAt: now - (conversations - c) * 3_600_000,
              messages: list,
            });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { raw, conversations, turns },
  );
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  const bytes = await page.evaluate(
    () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
  );
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

/** Runs `act` in the page and times it to the moment `runId` is painted with `count` bars. */
async function timeToWaterfall(page: Page, runId: string, count: number, act: string) {
  return page.evaluate(
    async ({ runId, count, act }) => {
      const probe = (window as unknown as ProbeWindow).__probe;
      const start = performance.now();
      const shown = probe.waterfallShows(runId, count);
      const target = act.startsWith('title:')
        ? [...document.querySelectorAll<HTMLElement>('.history-open')].find(
            (button) => button.querySelector('.history-title')?.textContent === act.slice(6),
          )
        : document.querySelector<HTMLElement>(act);
      if (!target) throw new Error(`nothing to click for ${act}`);
      target.click();
      const mark = await shown;
      return mark.paintedAt - start;
    },
    { runId, count, act },
  );
}

function bigTrace(run: RunView, calls: number): string {
  const source = Object.values(run.spans).filter((span) => span.startedAt !== undefined);
  const spans: Record<string, unknown> = {};
  const order: string[] = [];
  const step = run.steps[0] as RunView['steps'][number];
  for (let index = 0; index < calls; index++) {
    const base = source[index % source.length] as RunView['spans'][string];
    const callId = `big-${index}`;
    const shift = index * 2;
    const moved = (at: number | undefined) => (at === undefined ? undefined : at + shift);
    spans[callId] = {
      ...base,
      callId,
      stepId: step.id,
      inputStartedAt: moved((base as { inputStartedAt?: number }).inputStartedAt),
      inputAvailableAt: moved(base.inputAvailableAt),
      queuedAt: moved(base.queuedAt),
      startedAt: moved(base.startedAt),
      settledAt: moved(base.settledAt),
    };
    order.push(callId);
  }
  const end = Math.max(
    ...Object.values(spans).map((span) => (span as { settledAt: number }).settledAt),
  );
  const bigRun = {
    ...run,
    id: 'bench-big-run',
    spans,
    spanOrder: order,
    steps: [{ ...step, callIds: order, finishedAt: Math.min(step.finishedAt ?? end, end) }],
    endedAt: end + 10,
  };
  return JSON.stringify({
    format: 'fanout-trace',
    version: 1,
    exportedAt: new Date().toISOString(),
    runs: [bigRun],
  });
}

/** Presses `key` and returns key event → `selector` condition met and painted, in ms. */
async function keyLatency(page: Page, key: string, waitFor: 'focus-moved' | 'inspector') {
  const pending = page.evaluate(
    (waitFor) =>
      new Promise<number>((resolve) => {
        const before = document.activeElement;
        // Never hang the bench: a key that changes nothing counts as not measured.
        setTimeout(() => resolve(Number.NaN), 5000);
        const onKey = (event: KeyboardEvent) => {
          const pressedAt = event.timeStamp;
          document.removeEventListener('keydown', onKey, true);
          const done = () => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - pressedAt);
            channel.port2.postMessage(null);
          };
          const met = () =>
            waitFor === 'focus-moved'
              ? document.activeElement !== before
              : Boolean(document.querySelector('[data-testid=inspector]'));
          if (met()) {
            done();
            return;
          }
          const observer = new MutationObserver(() => {
            if (!met()) return;
            observer.disconnect();
            done();
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          document.addEventListener(
            'focusin',
            () => {
              if (met()) {
                observer.disconnect();
                done();
              }
            },
            { once: true },
          );
        };
        document.addEventListener('keydown', onKey, true);
      }),
    waitFor,
  );
  await page.waitForTimeout(20);
  await page.keyboard.press(key);
  return pending;
}

export async function measureScale(
  browser: Browser,
  base: string,
  options: { scale: number; log: (line: string) => void },
): Promise<ScaleResult> {
  const { context, page } = await freshPage(browser);
  try {
    await page.addInitScript(installProbes, 10);
    // One real run of 10 calls, saved by the page's own persistence.
    await openFanout(page, base, '?latency=20&concurrency=64');
    const heapUsedEmptyMb = await heapMb(page);
    await send(page, calculations(10));
    const { run } = await finishedRun(page, 30_000);
    await page.waitForTimeout(1500);
    const raw = await readSaved(page);
    if (!raw.run || !raw.conversation) throw new Error('the page saved no run to IndexedDB');
    await seed(page, raw, CONVERSATIONS, TURNS);
    const active = `bench-c${CONVERSATIONS - 1}`;
    await page.evaluate((id) => localStorage.setItem('fanout.active-conversation', id), active);

    const cold: number[] = [];
    for (let round = 0; round < Math.max(2, Math.round(3 * options.scale)); round++) {
      await page.reload();
      await page.waitForFunction(
        () => {
          const mark = (window as unknown as ProbeWindow).__probe.firstBars;
          return mark !== undefined && mark.key !== 'pending';
        },
        undefined,
        { timeout: 30_000 },
      );
      const mark = await page.evaluate(
        () => (window as unknown as ProbeWindow).__probe.firstBars as PaintMark,
      );
      cold.push(mark.paintedAt);
    }

    // Open conversations from the history drawer.
    await page.getByRole('combobox', { name: 'Model' }).waitFor();
    const openConversation: number[] = [];
    const rounds = Math.max(3, Math.round(6 * options.scale));
    for (let round = 0; round < rounds; round++) {
      await page.getByRole('button', { name: 'History', exact: true }).click();
      const number = (round * 3) % (CONVERSATIONS - 1);
      await page.locator('.history-open').first().waitFor();
      openConversation.push(
        await timeToWaterfall(
          page,
          `bench-c${number}-r${TURNS - 1}`,
          10,
          `title:Bench conversation ${number + 1}`,
        ),
      );
      await page.waitForTimeout(100);
    }
    // Switch between runs of the open conversation with the per-answer Timeline button.
    const last = `bench-c${((rounds - 1) * 3) % (CONVERSATIONS - 1)}`;
    const openRun: number[] = [];
    for (let turn = 0; turn < TURNS - 1; turn++) {
      const runId = `${last}-r${turn}`;
      await page.locator(`[data-timeline-run="${runId}"]`).waitFor();
      openRun.push(await timeToWaterfall(page, runId, 10, `[data-timeline-run="${runId}"]`));
    }
    const heapUsedMb = await heapMb(page);
    const storage = await page.evaluate(async () => {
      const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
        usageDetails?: { indexedDB?: number };
      };
      return {
        usage: estimate.usage ?? 0,
        indexedDB: estimate.usageDetails?.indexedDB ?? Number.NaN,
      };
    });

    // A 500-call run, imported as a trace file.
    const file = bigTrace(run, BIG_RUN_CALLS);
    const importMs: number[] = [];
    const keyMoves: number[] = [];
    const inspector: number[] = [];
    for (let round = 0; round < Math.max(1, Math.round(2 * options.scale)); round++) {
      const shown = page.evaluate(async () => {
        const start = performance.now();
        const mark = await (window as unknown as ProbeWindow).__probe.waterfallShows(
          'bench-big-run',
          500,
        );
        return mark.paintedAt - start;
      });
      await page.locator('input[aria-label="Import a trace file"]').setInputFiles({
        name: 'big-run.json',
        mimeType: 'application/json',
        buffer: Buffer.from(file),
      });
      importMs.push(await shown);
      await page.locator('[data-testid=waterfall] [role=option]').first().focus();
      for (let press = 0; press < 20; press++)
        keyMoves.push(await keyLatency(page, 'ArrowDown', 'focus-moved'));
      for (let press = 0; press < 5; press++) {
        inspector.push(await keyLatency(page, 'Enter', 'inspector'));
        await page.keyboard.press('Escape');
        await page.waitForTimeout(50);
        await page.keyboard.press('ArrowDown');
      }
    }
    const result: ScaleResult = {
      runs: CONVERSATIONS * TURNS,
      callsPerRun: 10,
      coldOpenMs: summarize(cold),
      openConversationMs: summarize(openConversation),
      openRunMs: summarize(openRun),
      heapUsedMb,
      heapUsedEmptyMb,
      indexedDbMb: Math.round((storage.indexedDB / 2 ** 20) * 100) / 100,
      storageUsageMb: Math.round((storage.usage / 2 ** 20) * 100) / 100,
      bigRun: {
        calls: BIG_RUN_CALLS,
        importToPaintedMs: summarize(importMs),
        keyMoveMs: summarize(keyMoves),
        inspectorOpenMs: summarize(inspector),
      },
    };
    options.log(
      `  open conversation ${result.openConversationMs.median.toFixed(0)} ms, run ${result.openRunMs.median.toFixed(0)} ms, heap ${heapUsedMb} MB, IndexedDB ${result.indexedDbMb} MB; 500 calls: key ${result.bigRun.keyMoveMs.median.toFixed(1)} ms`,
    );
    return result;
  } finally {
    await context.close();
  }
}

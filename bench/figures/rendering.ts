/**
 * Figure 5: the main thread while 50 calls settle (latency 300–1000 ms, so they land one by one)
 * and the answer then streams at 100 tokens/s: long tasks, frame times (rAF deltas), and each
 * settle event → its bar painted.
 */
import type { Browser } from '@playwright/test';
import { finishedRun, freshPage, openFanout, send } from '../lib/browser.ts';
import { installProbes, type ProbeWindow } from '../lib/page-probes.ts';
import { type Summary, summarize } from '../lib/stats.ts';
import { calculations } from './steps.ts';

export type RenderingResult = {
  calls: number;
  runs: number;
  windowMs: Summary;
  frameMs: Summary;
  /** Frames that took more than 1.5 × 16.7 ms (at least one frame dropped), %. */
  droppedFramePct: number;
  longTasks: {
    count: number;
    over50ms: number;
    maxMs: number;
    totalMs: number;
    /** Where each task over 50 ms fell: ms after its run's start, and its duration. */
    over50msAt?: Array<[atMs: number, durationMs: number]>;
  };
  /** Settle event (executor timestamp) → the first task after the frame that drew the bar. */
  eventToPaintedMs: Summary;
  /**
   * Which frame after the settle drew it: 1 = the first frame that began after the event
   * (counted as frame callbacks that ran between the event and "painted").
   */
  eventToPaintedFrames?: Summary;
  /** Settle event → the DOM commit of the bar. */
  eventToCommitMs: Summary;
  /** Settle event → the start of the frame after the one that drew it (upper bound). */
  eventToNextFrameMs: Summary;
  /** Output tokens of the streamed answer (at 100 tokens/s). */
  answerTokens: number;
};

export async function measureRendering(
  browser: Browser,
  base: string,
  options: { scale: number; log: (line: string) => void },
): Promise<RenderingResult> {
  const reps = Math.max(1, Math.round(3 * options.scale));
  const frames: number[] = [];
  const windows: number[] = [];
  const longtasks: number[] = [];
  const longAt: Array<[number, number]> = [];
  const toPainted: number[] = [];
  const toPaintedFrames: number[] = [];
  const toCommit: number[] = [];
  const toNextFrame: number[] = [];
  let answerTokens = 0;
  for (let round = 0; round < reps; round++) {
    const { context, page } = await freshPage(browser);
    try {
      await page.addInitScript(installProbes, 1_000_000);
      await openFanout(page, base, '?latency=300&jitter=700&concurrency=64');
      await page.evaluate(() => (window as unknown as ProbeWindow).__probe.startFrames());
      await send(page, calculations(50));
      const { run } = await finishedRun(page, 60_000);
      if (run.status !== 'complete') throw new Error(`rendering run ended ${run.status}`);
      await page.waitForTimeout(300);
      const probe = await page.evaluate(() => {
        const { frames, frameRuns, longtasks, settles } = (window as unknown as ProbeWindow)
          .__probe;
        (window as unknown as ProbeWindow).__probe.stopFrames();
        return { frames, frameRuns, longtasks, settles };
      });
      const from = run.startedAtPerf;
      const to = run.startedAtPerf + (run.endedAt as number);
      windows.push(to - from);
      for (const [time, delta] of probe.frames) if (time >= from && time <= to) frames.push(delta);
      for (const [start, duration] of probe.longtasks)
        if (start + duration >= from && start <= to) {
          longtasks.push(duration);
          if (duration > 50) longAt.push([Math.round(start - from), Math.round(duration)]);
        }
      for (const mark of probe.settles) {
        const span = run.spans[mark.key];
        if (span?.settledAt === undefined) continue;
        const at = run.startedAtPerf + span.settledAt;
        toPainted.push(mark.paintedAt - at);
        toPaintedFrames.push(
          probe.frameRuns.filter((ran) => ran > at && ran < mark.paintedAt).length,
        );
        toCommit.push(mark.committedAt - at);
        toNextFrame.push(mark.nextFrameAt - at);
      }
      answerTokens = Math.max(answerTokens, run.steps.at(-1)?.usage?.outputTokens ?? 0);
    } finally {
      await context.close();
    }
  }
  const result: RenderingResult = {
    calls: 50,
    runs: reps,
    windowMs: summarize(windows),
    frameMs: summarize(frames),
    droppedFramePct:
      Math.round(
        (frames.filter((delta) => delta > 16.7 * 1.5).length / Math.max(1, frames.length)) * 1000,
      ) / 10,
    longTasks: {
      count: longtasks.length,
      over50ms: longtasks.filter((duration) => duration > 50).length,
      maxMs: Math.round(Math.max(0, ...longtasks)),
      totalMs: Math.round(longtasks.reduce((sum, duration) => sum + duration, 0)),
      over50msAt: longAt,
    },
    eventToPaintedMs: summarize(toPainted),
    eventToPaintedFrames: summarize(toPaintedFrames),
    eventToCommitMs: summarize(toCommit),
    eventToNextFrameMs: summarize(toNextFrame),
    answerTokens,
  };
  options.log(
    `  frames p95 ${result.frameMs.p95.toFixed(1)} ms, long tasks ${result.longTasks.count} (max ${result.longTasks.maxMs} ms), event→painted p95 ${result.eventToPaintedMs.p95.toFixed(1)} ms, frame ${summarize(toPaintedFrames).p95}`,
  );
  return result;
}

/**
 * Probes installed in the page (page.addInitScript): they only read the DOM and the clock.
 * "Painted" is the first task after the frame that committed a change (a MessageChannel
 * message posted when the mutation is observed runs after that frame's style, layout and
 * paint); `nextFrameAt` is the following frame's start, an upper bound.
 */
export type PaintMark = {
  key: string;
  committedAt: number;
  paintedAt: number;
  nextFrameAt: number;
};

export type ProbeWindow = {
  __probe: {
    frames: Array<[number, number]>;
    /** When each probe frame callback ran (performance.now()), to count frames between events. */
    frameRuns: number[];
    longtasks: Array<[number, number]>;
    settles: PaintMark[];
    firstBars?: PaintMark;
    keys: PaintMark[];
    recording: boolean;
    startFrames: () => void;
    stopFrames: () => void;
    /** Resolves when the waterfall shows `runId` with at least `count` bars, painted. */
    waterfallShows: (runId: string, count: number) => Promise<PaintMark>;
  };
};

/** Runs in the page before any of its scripts. */
export function installProbes(firstBarsCount: number) {
  const probe: ProbeWindow['__probe'] = {
    frames: [],
    frameRuns: [],
    longtasks: [],
    settles: [],
    keys: [],
    recording: false,
    startFrames() {
      probe.recording = true;
      let last = -1;
      const probeFrame = (time: number) => {
        if (last >= 0) probe.frames.push([time, time - last]);
        probe.frameRuns.push(performance.now());
        last = time;
        if (probe.recording) requestAnimationFrame(probeFrame);
      };
      requestAnimationFrame(probeFrame);
    },
    stopFrames() {
      probe.recording = false;
    },
    waterfallShows(runId, count) {
      return new Promise((resolve) => {
        const check = () => {
          const waterfall = document.querySelector<HTMLElement>('[data-testid=waterfall]');
          // Past 150 rows only those in view are drawn: the run's count is on the container.
          return (
            waterfall?.dataset.runId === runId &&
            Number(waterfall.dataset.toolCount) >= count &&
            waterfall.querySelector('[data-tool]') !== null
          );
        };
        const observer = new MutationObserver(() => {
          if (!check()) return;
          observer.disconnect();
          afterPaint(runId, resolve);
        });
        if (check()) afterPaint(runId, resolve);
        else
          observer.observe(document.documentElement, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ['data-run-id'],
          });
      });
    },
  };
  const afterPaint = (key: string, done: (mark: PaintMark) => void) => {
    const committedAt = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const paintedAt = performance.now();
      requestAnimationFrame((nextFrameAt) => done({ key, committedAt, paintedAt, nextFrameAt }));
    };
    channel.port2.postMessage(null);
  };
  Object.assign(window, { __probe: probe });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        probe.longtasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task timing in this browser
  }

  const settled = new Set(['ok', 'error', 'timeout', 'invalid-input', 'cancelled', 'deduplicated']);
  const seen = new Set<string>();
  const start = () => {
    new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as HTMLElement;
        const { callId, tool, status } = element.dataset ?? {};
        if (record.type === 'attributes' && callId && tool && status && settled.has(status)) {
          if (seen.has(callId)) continue;
          seen.add(callId);
          afterPaint(callId, (mark) => probe.settles.push(mark));
        }
      }
      if (!probe.firstBars) {
        const bars = document.querySelectorAll('[data-testid=waterfall] [data-tool]').length;
        if (bars >= firstBarsCount) {
          probe.firstBars = { key: 'pending', committedAt: 0, paintedAt: 0, nextFrameAt: 0 };
          afterPaint('first', (mark) => {
            probe.firstBars = mark;
          });
        }
      }
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

export type TurnProbeWindow = {
  __turn: {
    /** When the message was sent: Enter in the composer, or the baseline page's send call. */
    sentAt?: number;
    /** The first task after the frame that showed the whole final answer. */
    answerPaintedAt?: number;
  };
};

/**
 * Runs in the page before any of its scripts (Fanout's or the baseline's): the same clock for
 * both pages' whole turn, from the send to the final answer painted. The answer to
 * `calculations(n)` ends with the last sum, `n+n = 2n` (markdown or plain text alike).
 */
export function installTurnProbe(n: number) {
  const turn: TurnProbeWindow['__turn'] = {};
  Object.assign(window, { __turn: turn });
  const lastSum = new RegExp(`${n}\\+${n}\\S* = \\**${2 * n}\\b`);
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter' && turn.sentAt === undefined) turn.sentAt = performance.now();
    },
    true,
  );
  let shown = false;
  const start = () => {
    const observer = new MutationObserver((records) => {
      if (shown || turn.sentAt === undefined) return;
      for (const record of records) {
        const node = record.target;
        const element = node instanceof Element ? node : node.parentElement;
        if (!element || !lastSum.test(element.textContent ?? '')) continue;
        shown = true;
        observer.disconnect();
        // After the frame that drew it: a message posted from that frame's rAF.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            turn.answerPaintedAt = performance.now();
          };
          channel.port2.postMessage(null);
        });
        return;
      }
    });
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

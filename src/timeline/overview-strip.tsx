import { memo, type PointerEvent, useEffect, useLayoutEffect, useRef } from 'react';
import { callStatuses } from '../trace/call-vocabulary';
import type { Row } from './geometry';
import {
  centreOn,
  fitToTools,
  isWholeRun,
  panBy,
  type TimeWindow,
  windowPct,
  zoomAround,
  zoomStep,
} from './zoom';

type OverviewProps = {
  rows: readonly Row[];
  maxMs: number;
  window: TimeWindow;
  onWindow: (window: TimeWindow | undefined) => void;
};

const STRIP_HEIGHT = 28;

/** Draws every call of the run as a thin line: a canvas, so 1,000 calls cost one paint. */
function drawRows(canvas: HTMLCanvasElement, rows: readonly Row[]) {
  const context = canvas.getContext('2d');
  if (!context) return;
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const style = getComputedStyle(canvas);
  const colour = (token: string, fallback: string) =>
    style.getPropertyValue(token).trim() || fallback;
  const tones = {
    ok: colour('--accent', '#4f46e5'),
    failed: colour('--danger', '#dc2626'),
    model: colour('--text-muted', '#888'),
  };
  // Each row its lane (a fraction of a pixel when there are more rows than pixels).
  const lane = height / Math.max(1, rows.length);
  const thickness = Math.max(1, Math.min(4, Math.floor(lane - (lane > 3 ? 1 : 0))));
  // One path per colour, filled once: a fill per row cost more than the rest of the import.
  const paths = { ok: new Path2D(), failed: new Path2D(), model: new Path2D() };
  rows.forEach((row, index) => {
    const failed =
      row.kind === 'tool' && !callStatuses[row.status].open && !callStatuses[row.status].succeeded;
    const path = row.kind === 'model' ? paths.model : failed ? paths.failed : paths.ok;
    const x = Math.floor((row.leftPct / 100) * width);
    const w = Math.max(1, Math.round((row.widthPct / 100) * width));
    // Whole pixels: with more rows than pixels, rows share a line instead of blurring.
    path.rect(x, Math.min(height - thickness, Math.floor(index * lane)), w, thickness);
  });
  // Failures under the rest: where 1,000 rows share a few pixels, 40 failures must not look like most.
  for (const tone of ['model', 'failed', 'ok'] as const) {
    context.fillStyle = tones[tone];
    context.fill(paths[tone]);
  }
}

/**
 * The whole run in one strip, with the visible window framed on it, as a network panel's
 * overview: drag the frame to pan, click elsewhere to move it there, wheel to zoom. The buttons
 * beside it zoom a step, fit the window to the tool calls, or show the whole run again.
 */
export const OverviewStrip = memo(function OverviewStrip({
  rows,
  maxMs,
  window: shown,
  onWindow,
}: OverviewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stripRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; window: TimeWindow } | undefined>(undefined);
  const whole = isWholeRun(shown, maxMs);
  const { startPct, endPct } = windowPct(shown, maxMs);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // The observer reports the canvas's size once on observing (before the frame is painted),
    // then on every resize: one draw each, not an extra one here.
    const observer = new ResizeObserver(() => drawRows(canvas, rows));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [rows]);

  // Latest values for the native wheel listener (React's is passive and cannot stop the scroll).
  const latest = useRef({ shown, maxMs, onWindow });
  latest.current = { shown, maxMs, onWindow };
  useEffect(() => {
    const strip = stripRef.current;
    if (!strip) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { shown, maxMs, onWindow } = latest.current;
      const box = strip.getBoundingClientRect();
      const at = ((event.clientX - box.left) / Math.max(1, box.width)) * maxMs;
      onWindow(zoomAround(shown, event.deltaY < 0 ? 1 / 1.25 : 1.25, at, maxMs));
    };
    strip.addEventListener('wheel', onWheel, { passive: false });
    return () => strip.removeEventListener('wheel', onWheel);
  }, []);

  const msAt = (clientX: number) => {
    const box = stripRef.current?.getBoundingClientRect();
    if (!box) return 0;
    return ((clientX - box.left) / Math.max(1, box.width)) * maxMs;
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = msAt(event.clientX);
    const inside = at >= shown.startMs && at <= shown.endMs;
    const start = inside ? shown : centreOn(shown, at, maxMs);
    if (!inside) onWindow(start);
    drag.current = { x: event.clientX, window: start };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const from = drag.current;
    const box = stripRef.current?.getBoundingClientRect();
    if (!from || !box) return;
    const delta = ((event.clientX - from.x) / Math.max(1, box.width)) * maxMs;
    onWindow(panBy(from.window, delta, maxMs));
  };
  const onPointerUp = () => {
    drag.current = undefined;
  };

  return (
    <div className="wf-overview-row">
      <div
        ref={stripRef}
        className="wf-overview"
        data-testid="overview"
        data-window-start-pct={startPct.toFixed(1)}
        data-window-end-pct={endPct.toFixed(1)}
        data-whole={whole ? 'true' : 'false'}
        style={{ height: STRIP_HEIGHT }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        aria-hidden="true"
      >
        <canvas ref={canvasRef} className="wf-overview-canvas" />
        <span className="wf-overview-shade" style={{ left: 0, width: `${startPct}%` }} />
        <span className="wf-overview-shade" style={{ left: `${endPct}%`, right: 0 }} />
        <span
          className="wf-overview-window"
          style={{ left: `${startPct}%`, width: `${Math.max(0.5, endPct - startPct)}%` }}
        />
      </div>
      <div className="wf-zoom-buttons">
        <button
          type="button"
          className="button button-ghost button-small"
          aria-label="Zoom out (−)"
          title="Zoom out (−)"
          disabled={whole}
          onClick={() => onWindow(zoomStep(shown, -1, maxMs))}
        >
          −
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-label="Zoom in (+)"
          title="Zoom in (+, or Ctrl+wheel over the bars)"
          onClick={() => onWindow(zoomStep(shown, 1, maxMs))}
        >
          +
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          title="Fit the axis to the tool calls (0)"
          disabled={!rows.some((row) => row.kind === 'tool')}
          onClick={() => onWindow(fitToTools(rows, maxMs))}
        >
          Fit tools
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          title="Show the whole run"
          disabled={whole}
          onClick={() => onWindow(undefined)}
        >
          Whole run
        </button>
      </div>
    </div>
  );
});

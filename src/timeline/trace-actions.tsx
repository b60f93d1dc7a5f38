import { useEffect, useRef, useState } from 'react';
import { countOf } from '../shared/words';
import { useTraceStore } from '../trace/trace-store';
import type { RunTrace } from '../trace/trace-types';
import { CollectorNotice } from './collector-notice';
import { useTimelineStore } from './timeline-store';
import { TraceFileButton } from './trace-file-button';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function finishedRuns(): RunTrace[] {
  const { runs, runOrder } = useTraceStore.getState();
  return runOrder.flatMap((id) => (runs[id] ? [runs[id]] : []));
}

type Message = {
  tone: 'ok' | 'error';
  text: string;
  /** A run too large for a link: offer its file instead. */
  offerFileOf?: string;
};

/** Downloads one run as a native trace file. */
async function exportOne(runId: string) {
  const run = useTraceStore.getState().runs[runId];
  if (!run) return;
  const { exportRuns, traceFileName } = await import('../trace/export-trace');
  download(traceFileName(), exportRuns([run]));
}

/**
 * Copies a link that carries the run itself (`#run=…`, see trace/share-link.ts): no server
 * keeps it. A run over the link limit says so and offers its file.
 */
async function shareRun(runId: string): Promise<Message> {
  const run = useTraceStore.getState().runs[runId];
  if (!run) return { tone: 'error', text: 'That run is no longer here.' };
  const { encodeShareFragment } = await import('../trace/share-link');
  const encoded = encodeShareFragment(run);
  if (!encoded.ok)
    return {
      tone: 'error',
      text: `This run is too large for a link: ${encoded.chars.toLocaleString()} characters, over the ${encoded.limit.toLocaleString()} a share link carries. Share the trace file instead.`,
      offerFileOf: runId,
    };
  const url = `${window.location.origin}${window.location.pathname}#${encoded.fragment}`;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    return {
      tone: 'error',
      text: 'The link could not be copied: this page may not use the clipboard.',
    };
  }
  return {
    tone: 'ok',
    text: `Share link copied (${encoded.chars.toLocaleString()} characters). It holds the run itself: whoever opens it sees it read-only, and no server stores it.`,
  };
}

/** How long a confirmation ("Imported 1 run…", "Share link copied…") stays on screen. */
const CONFIRMATION_MS = 8000;

/**
 * Export (native trace JSON, OTLP/JSON), a share link for the run shown, and import of
 * traces. The converters are loaded on first use: the first screen does not need them.
 */
export function TraceActions({ runId }: { runId?: string }) {
  const hasRuns = useTraceStore((state) => state.runOrder.length > 0);
  const shareable = useTraceStore((state) =>
    runId ? state.runs[runId] !== undefined && state.runs[runId]?.status !== 'running' : false,
  );
  const [message, setMessage] = useState<Message | undefined>();
  const menuRef = useRef<HTMLDetailsElement>(null);
  // A confirmation floats over the run's headline: it leaves by itself once read. Errors, and a
  // message that offers an action, stay until dismissed.
  useEffect(() => {
    if (message?.tone !== 'ok' || message.offerFileOf) return;
    const timer = window.setTimeout(() => setMessage(undefined), CONFIRMATION_MS);
    return () => window.clearTimeout(timer);
  }, [message]);

  const exportNative = async () => {
    const { exportRuns, traceFileName } = await import('../trace/export-trace');
    download(traceFileName(), exportRuns(finishedRuns()));
    menuRef.current?.removeAttribute('open');
  };
  const exportOtlp = async () => {
    const [{ toOtlp }, { traceFileName }] = await Promise.all([
      import('../trace/otlp'),
      import('../trace/export-trace'),
    ]);
    const otlp = toOtlp(finishedRuns(), { serviceName: 'fanout-web' });
    download(traceFileName(new Date(), '-otlp'), `${JSON.stringify(otlp, null, 2)}\n`);
    menuRef.current?.removeAttribute('open');
  };
  return (
    <div className="trace-actions">
      <details className="trace-menu" ref={menuRef}>
        <summary className="button button-ghost button-small" aria-disabled={!hasRuns}>
          Export
        </summary>
        <div className="trace-menu-items">
          <button type="button" disabled={!hasRuns} onClick={() => void exportNative()}>
            Trace JSON <span>re-importable</span>
          </button>
          <button type="button" disabled={!hasRuns} onClick={() => void exportOtlp()}>
            OTLP JSON <span>Jaeger, Tempo, Langfuse, Phoenix</span>
          </button>
        </div>
      </details>
      <button
        type="button"
        className="button button-ghost button-small"
        disabled={!shareable}
        data-testid="share-link"
        title="Copy a link that carries this run: opens read-only with replay, stored by no server"
        onClick={() => {
          if (runId) void shareRun(runId).then(setMessage);
        }}
      >
        Share link
      </button>
      <TraceFileButton
        label="Import"
        inputLabel="Import a trace file"
        heldRunIds={() => new Set(useTraceStore.getState().runOrder)}
        onRuns={(runs, fileName) => {
          useTraceStore.getState().putRuns(runs);
          useTimelineStore.getState().selectRun(runs[0]?.id);
          setMessage({
            tone: 'ok',
            text: `Imported ${countOf(runs.length, 'run')} from ${fileName}.`,
          });
        }}
        onError={(text) => setMessage({ tone: 'error', text })}
      />
      {message ? (
        <p
          className={`trace-message trace-message-${message.tone}`}
          role={message.tone === 'error' ? 'alert' : 'status'}
        >
          <span className="trace-message-text">{message.text}</span>
          {message.offerFileOf ? (
            <button
              type="button"
              className="button button-ghost button-small trace-message-action"
              data-testid="share-as-file"
              onClick={() => {
                if (message.offerFileOf) void exportOne(message.offerFileOf);
              }}
            >
              Download trace file
            </button>
          ) : null}
          <button
            type="button"
            className="trace-message-close"
            aria-label="Dismiss"
            onClick={() => setMessage(undefined)}
          >
            ×
          </button>
        </p>
      ) : null}
      <CollectorNotice />
    </div>
  );
}

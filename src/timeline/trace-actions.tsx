import { useRef, useState } from 'react';
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

/**
 * Export (native trace JSON, OTLP/JSON) and import of traces. The converters are loaded on
 * first use: the first screen does not need them.
 */
export function TraceActions() {
  const hasRuns = useTraceStore((state) => state.runOrder.length > 0);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  const menuRef = useRef<HTMLDetailsElement>(null);

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
          {message.text}
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

import { useEffect, useRef } from 'react';
import type { TraceChoice } from '../trace/otlp-import';

type TracePickerProps = {
  fileName: string;
  choices: readonly TraceChoice[];
  onPick: (choices: readonly TraceChoice[]) => void;
  onCancel: () => void;
};

/**
 * A trace id short enough to read and long enough to tell traces apart: its start and its end
 * (ids written by hand or padded from short ones differ only at the end).
 */
export function shortTraceId(traceId: string): string {
  return traceId.length <= 16 ? traceId : `${traceId.slice(0, 8)}…${traceId.slice(-6)}`;
}

function startedAt(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}

/**
 * A file with several traces: a modal list to pick one from (or all), as a trace viewer's
 * search results list them. Esc or Cancel imports nothing.
 */
export function TracePicker({ fileName, choices, onPick, onCancel }: TracePickerProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="trace-picker"
      aria-labelledby="trace-picker-title"
      data-testid="trace-picker"
      onClose={onCancel}
    >
      <h2 id="trace-picker-title">Pick a trace</h2>
      <p className="trace-picker-note">
        {fileName} holds {choices.length} traces. Which one should open?
      </p>
      <ul className="trace-picker-list">
        {choices.map((choice) => (
          <li key={choice.traceId}>
            <button
              type="button"
              className="trace-picker-choice"
              data-trace-id={choice.traceId}
              onClick={() => onPick([choice])}
            >
              <span className="trace-picker-label">{choice.label}</span>
              <span className="trace-picker-meta">
                {startedAt(choice.startedAtEpochMs)} · trace {shortTraceId(choice.traceId)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="trace-picker-actions">
        <button type="button" className="button button-ghost button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-small" onClick={() => onPick(choices)}>
          Import all {choices.length}
        </button>
      </div>
    </dialog>
  );
}

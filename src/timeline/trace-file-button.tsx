import { type ChangeEvent, useRef } from 'react';
import type { RunTrace } from '../trace/trace-types';

type TraceFileButtonProps = {
  label: string;
  /** The hidden file input's name for assistive technology and tests. */
  inputLabel: string;
  onRuns: (runs: RunTrace[], fileName: string) => void;
  onError: (message: string) => void;
};

/** A button that picks a trace file and imports it (the importer loads on first use). */
export function TraceFileButton({ label, inputLabel, onRuns, onError }: TraceFileButtonProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const { importTrace } = await import('../trace/import-trace');
    const result = importTrace(await file.text());
    if (result.ok) onRuns(result.runs, file.name);
    else onError(`Could not import ${file.name}: ${result.error}`);
  };
  return (
    <>
      <button
        type="button"
        className="button button-ghost button-small"
        onClick={() => fileRef.current?.click()}
      >
        {label}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={inputLabel}
        onChange={(event) => void onFile(event)}
      />
    </>
  );
}

import { type ChangeEvent, useRef } from 'react';
import type { RunTrace } from '../trace/trace-types';

type TraceFileButtonProps = {
  label: string;
  /** The hidden file input's name for assistive technology and tests. */
  inputLabel: string;
  onRuns: (runs: RunTrace[], fileName: string) => void;
  onError: (message: string) => void;
  /** Ids of the runs an import would replace: the page asks before it does. */
  heldRunIds: () => ReadonlySet<string>;
};

/** A button that picks a trace file and imports it (the importer loads on first use). */
export function TraceFileButton({
  label,
  inputLabel,
  onRuns,
  onError,
  heldRunIds: held,
}: TraceFileButtonProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const { heldRunIds, importTrace, replaceQuestion } = await import('../trace/import-trace');
    const result = importTrace(await file.text());
    if (!result.ok) {
      onError(`Could not import ${file.name}: ${result.error}`);
      return;
    }
    // A run id the page already has would silently replace that run: ask first.
    const replaced = heldRunIds(result.runs, held());
    if (replaced.length > 0 && !window.confirm(replaceQuestion(file.name, replaced))) {
      onError(`Nothing imported from ${file.name}: your runs are unchanged.`);
      return;
    }
    onRuns(result.runs, file.name);
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

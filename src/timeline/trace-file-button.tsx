import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import type { TraceChoice } from '../trace/otlp-import';
import { useTraceStore } from '../trace/trace-store';
import type { RunTrace } from '../trace/trace-types';
import { TracePicker } from './trace-picker';
import { firstWidthGuess } from './use-element-width';

type TraceFileButtonProps = {
  label: string;
  /** The hidden file input's name for assistive technology and tests. */
  inputLabel: string;
  onRuns: (runs: RunTrace[], fileName: string) => void;
  onError: (message: string) => void;
  /** Ids of the runs an import would replace: the page asks before it does. */
  heldRunIds: () => ReadonlySet<string>;
};

type Pending = { fileName: string; choices: TraceChoice[] };

/**
 * Loads the importer's chunk and starts its worker (once per page; later calls cost nothing),
 * and measures the width a run's timeline will be drawn at, which the import's rows are built
 * at (`firstWidthGuess`): both off the import's own path.
 */
function warmImporter() {
  void import('../trace/otlp-import/read-trace-file').then((reader) => reader.warmTraceReader());
  firstWidthGuess();
}

/** A run is streaming: its frames come first. */
function runIsLive(): boolean {
  const { runs, runOrder } = useTraceStore.getState();
  const last = runOrder.at(-1);
  return last !== undefined && runs[last]?.status === 'running';
}

/**
 * Warms the importer once the page is idle after its first screen: a person takes seconds to
 * pick a file, and the chunk's fetch and compile and the worker's start would otherwise be part
 * of their first import (about 150 ms of its 230–250 ms on this machine). Idle time only, and
 * never while a run streams (a worker compiling its script competes for the same cores), so it
 * does not compete with the page's own work.
 */
function useImporterWarmedWhenIdle() {
  useEffect(() => {
    let handle: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      handle = undefined;
      if (runIsLive()) timer = setTimeout(schedule, 2000);
      else warmImporter();
    };
    const schedule = () => {
      timer = undefined;
      if (typeof requestIdleCallback === 'function')
        handle = requestIdleCallback(attempt, { timeout: 5000 });
      else timer = setTimeout(attempt, 2000);
    };
    schedule();
    return () => {
      if (handle !== undefined) cancelIdleCallback(handle);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
}

/**
 * A button that picks a trace file and imports it: Fanout's own trace JSON, or OTLP/JSON from
 * Fanout or any agent. A file with several traces opens a list to pick from. The importer
 * loads when the page is idle (or on first use) and reads the file in a worker.
 */
export function TraceFileButton({
  label,
  inputLabel,
  onRuns,
  onError,
  heldRunIds: held,
}: TraceFileButtonProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | undefined>();
  useImporterWarmedWhenIdle();

  const finish = async (fileName: string, runs: RunTrace[]) => {
    const { heldRunIds, replaceQuestion } = await import('../trace/import-trace');
    // A run id the page already has would silently replace that run: ask first.
    const replaced = heldRunIds(runs, held());
    if (replaced.length > 0 && !window.confirm(replaceQuestion(fileName, replaced))) {
      onError(`Nothing imported from ${fileName}: your runs are unchanged.`);
      return;
    }
    // The figures first, one per task, then a big run's rows at the width the timeline will
    // first draw at, a slice per task, so the timeline's first draw of a big run is short.
    const [{ prepareRunFigures }, { prepareTimelineRows }] = await Promise.all([
      import('../trace/run-figures'),
      import('./waterfall-rows-ahead'),
    ]);
    await prepareRunFigures(runs);
    for (const run of runs) await prepareTimelineRows(run, { trackWidthPx: firstWidthGuess() });
    onRuns(runs, fileName);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const { readTraceFile } = await import('../trace/otlp-import/read-trace-file');
    const result = await readTraceFile(file);
    if (!result.ok) {
      onError(`Could not import ${file.name}: ${result.error}`);
      return;
    }
    if (result.choices.length > 1) {
      setPending({ fileName: file.name, choices: result.choices });
      return;
    }
    await finish(
      file.name,
      result.choices.flatMap((choice) => choice.runs),
    );
  };
  return (
    <>
      <button
        type="button"
        className="button button-ghost button-small"
        // Pointing at the button or tabbing to it warms the importer too, if idle has not yet.
        onPointerEnter={warmImporter}
        onFocus={warmImporter}
        onClick={() => {
          fileRef.current?.click();
          // The importer and its worker load while the reader picks a file, not after.
          warmImporter();
        }}
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
      {pending ? (
        <TracePicker
          fileName={pending.fileName}
          choices={pending.choices}
          onCancel={() => setPending(undefined)}
          onPick={(choices) => {
            setPending(undefined);
            void finish(
              pending.fileName,
              choices.flatMap((choice) => choice.runs),
            );
          }}
        />
      ) : null}
    </>
  );
}

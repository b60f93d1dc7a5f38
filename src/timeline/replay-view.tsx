import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { type LibraryRun, libraryLabel, useRunLibrary } from '../persistence/run-library';
import type { RunTrace } from '../trace/trace-types';
import { dataMs, formatMs } from './format';
import {
  replayDuration,
  replayEventTimes,
  replaySpeeds,
  replayStepKeys,
  runAt,
  speedLabel,
  stepEvent,
} from './replay';
import { RunTimelineView } from './run-timeline';
import { TraceFileButton } from './trace-file-button';
import { REDUCED_MOTION_QUERY, useMediaQuery } from './use-media-query';
import { useReplayClock } from './use-replay-clock';

/** Picks a run from the library, or imports a trace file into it (never into the history). */
export function RunChooser({
  label,
  runs,
  value,
  onChange,
  testId,
}: {
  label: string;
  runs: LibraryRun[];
  value: string | undefined;
  onChange: (runId: string) => void;
  testId: string;
}) {
  return (
    <label className="run-chooser">
      <span className="mode-label">{label}</span>
      <select
        data-testid={testId}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        disabled={runs.length === 0}
      >
        {runs.length === 0 ? <option value="">No runs yet</option> : null}
        {runs.map((entry) => (
          <option key={entry.run.id} value={entry.run.id}>
            {libraryLabel(entry)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Runs an import here would replace: earlier imports with the same id. Saved and on-screen runs
 * are never touched by it (the library only lists the imported copy first).
 */
function importedRunIds(): ReadonlySet<string> {
  return new Set(useRunLibrary.getState().imported.map((entry) => entry.run.id));
}

/** "Import a trace" for the replay and compare views: the runs join the library only. */
export function ImportTraceButton({ onImported }: { onImported: (runs: RunTrace[]) => void }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <>
      <TraceFileButton
        label="Import trace…"
        inputLabel="Import a trace file to replay or compare"
        heldRunIds={importedRunIds}
        onRuns={(runs) => {
          setError(undefined);
          useRunLibrary.getState().addImported(runs);
          onImported(runs);
        }}
        onError={setError}
      />
      {error ? (
        <p className="mode-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The replay of one recorded run: a virtual clock slicing the run, drawn by the usual view. */
export function RunReplay({ run, autoplay }: { run: RunTrace; autoplay: boolean }) {
  const duration = useMemo(() => replayDuration(run), [run]);
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY);
  const clock = useReplayClock(duration, reducedMotion);
  const [inspected, setInspected] = useState<string | undefined>();
  const sliced = useMemo(() => runAt(run, clock.t), [run, clock.t]);
  const ended = clock.t >= duration;
  const state = clock.playing ? 'playing' : ended ? 'ended' : 'paused';
  const eventTimes = useMemo(() => replayEventTimes(run), [run]);
  const stepTo = (direction: 1 | -1) => {
    clock.pause();
    clock.seek(stepEvent(eventTimes, clock.t, direction));
  };
  // `,`/`.` (or the arrows) step event by event while the replay has the focus; the range
  // input and the speed radios keep their own arrows.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLElement && target.closest('input, select, textarea') !== null) {
      return;
    }
    const direction = (replayStepKeys.next as readonly string[]).includes(event.key)
      ? 1
      : (replayStepKeys.previous as readonly string[]).includes(event.key)
        ? -1
        : undefined;
    if (direction === undefined) return;
    event.preventDefault();
    stepTo(direction);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: start once per run
  useEffect(() => {
    if (autoplay) clock.restart();
  }, [run.id]);

  return (
    <section
      className="replay"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the replay takes the focus for its step keys
      tabIndex={0}
      aria-label="Replay: , and . step between events"
      onKeyDown={onKeyDown}
      data-testid="replay"
      data-replay-run-id={run.id}
      data-replay-state={state}
      data-replay-ms={dataMs(clock.t)}
      data-replay-duration-ms={dataMs(duration)}
      data-replay-speed={clock.speed}
    >
      <div className="replay-controls">
        {clock.playing ? (
          <button type="button" className="button button-primary" onClick={clock.pause}>
            Pause
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={clock.play}>
            {ended ? 'Play again' : 'Play'}
          </button>
        )}
        <button type="button" className="button button-ghost" onClick={clock.restart}>
          Restart
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => stepTo(-1)}
          aria-label="Previous event"
          title="Previous event (,)"
        >
          ‹
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => stepTo(1)}
          aria-label="Next event"
          title="Next event (.)"
        >
          ›
        </button>
        <fieldset className="segmented replay-speed">
          <legend className="visually-hidden">Speed</legend>
          {replaySpeeds.map((speed) => (
            <label key={speed} className={clock.speed === speed ? 'active' : ''}>
              <input
                type="radio"
                name={`replay-speed-${run.id}`}
                value={speed}
                checked={clock.speed === speed}
                onChange={() => clock.setSpeed(speed)}
              />
              {speedLabel(speed)}
            </label>
          ))}
        </fieldset>
        <input
          type="range"
          className="replay-scrub"
          aria-label="Replay position"
          min={0}
          max={Math.max(1, Math.round(duration))}
          step={1}
          value={Math.round(clock.t)}
          onChange={(event) => {
            clock.pause();
            clock.seek(Number(event.target.value));
          }}
        />
        <span className="replay-time" aria-live="off">
          {formatMs(clock.t)} / {formatMs(duration)}
        </span>
      </div>
      <p className="replay-note">
        Replaying a recorded trace: no model and no network, the timings are the ones measured.
      </p>
      <RunTimelineView
        run={sliced}
        now={ended ? undefined : clock.t}
        inspectedKey={inspected}
        onInspectKey={setInspected}
      />
    </section>
  );
}

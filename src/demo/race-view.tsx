import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useSelectedModel } from '../chat/use-selected-model';
import type { ExecutionPolicy } from '../runtime';
import { dataMs, dataRatio, formatMs, formatSpeedup } from '../timeline/format';
import { sharedScaleMax } from '../timeline/geometry';
import { RunTimelineView } from '../timeline/run-timeline';
import { useLiveNow } from '../timeline/use-live-now';
import { REDUCED_MOTION_QUERY, useMediaQuery } from '../timeline/use-media-query';
import type { RunTrace } from '../trace/trace-types';
import { useAppMode } from './app-mode-store';
import { raceResult } from './race-result';
import { scenarios } from './scenarios';
import { useRaceLane } from './use-race-lane';

const DEFAULT_PROMPT =
  scenarios.find((scenario) => scenario.id === 'weather-three-cities')?.prompt ?? '';

/** How far past the longer lane the shared axis reaches while either lane is live. */
const LIVE_HEADROOM = 1.08;

type Lane = ReturnType<typeof useRaceLane>;

function RaceLane({
  title,
  policy,
  lane,
  now,
  scaleMaxMs,
}: {
  title: string;
  policy: ExecutionPolicy;
  lane: Lane;
  now: number | undefined;
  scaleMaxMs: number | undefined;
}) {
  const [inspected, setInspected] = useState<string | undefined>();
  const run = lane.run;
  return (
    <section
      className="race-lane"
      data-testid={`race-lane-${policy}`}
      data-policy={policy}
      aria-label={`${title} lane`}
    >
      <h2 className="race-lane-title">
        {title} <span className="race-lane-policy">policy {policy}</span>
      </h2>
      {run ? (
        <RunTimelineView
          run={run}
          now={run.status === 'running' && now !== undefined ? now - run.startedAtPerf : undefined}
          scaleMaxMs={scaleMaxMs}
          inspectedKey={inspected}
          onInspectKey={setInspected}
        />
      ) : (
        <p className="race-lane-empty">Waiting for the start…</p>
      )}
      {lane.error ? (
        <p className="race-lane-error" role="alert">
          {lane.error.message}
        </p>
      ) : null}
      {lane.answer ? (
        <details className="race-answer">
          <summary>The answer</summary>
          <p className="race-answer-text">{lane.answer}</p>
        </details>
      ) : null}
    </section>
  );
}

function Verdict({ parallel, sequential }: { parallel?: RunTrace; sequential?: RunTrace }) {
  const result = parallel && sequential ? raceResult(parallel, sequential) : undefined;
  const running = parallel?.status === 'running' || sequential?.status === 'running';
  const state = result ? 'done' : running ? 'running' : 'idle';
  return (
    <div
      className={`race-verdict race-verdict-${state}`}
      data-testid="race-verdict"
      data-race-status={state}
      data-race-speedup={dataRatio(result?.speedup)}
      data-race-saved-ms={result ? dataMs(result.savedMs) : ''}
      data-race-parallel-wall-ms={result ? dataMs(result.parallelWallMs) : ''}
      data-race-sequential-wall-ms={result ? dataMs(result.sequentialWallMs) : ''}
      data-race-turn-speedup={dataRatio(result?.turnSpeedup)}
      role="status"
    >
      {result ? (
        result.speedup === undefined ? (
          <p>No tool ran in the parallel lane: there was nothing to race.</p>
        ) : (
          <>
            <p className="race-verdict-headline">
              <strong>{formatSpeedup(result.speedup)}</strong> faster in parallel ·{' '}
              <strong>{formatMs(Math.max(0, result.savedMs))}</strong> saved
            </p>
            <p className="race-verdict-detail">
              Tool wall time {formatMs(result.parallelWallMs)} in parallel against{' '}
              {formatMs(result.sequentialWallMs)} one at a time. Whole turn{' '}
              {formatMs(result.parallelTurnMs)} against {formatMs(result.sequentialTurnMs)}
              {result.turnSpeedup ? ` (${formatSpeedup(result.turnSpeedup)})` : ''}: the model’s own
              time is the same in both lanes.
            </p>
          </>
        )
      ) : running ? (
        <p>Racing… both lanes run the same prompt at the same time.</p>
      ) : (
        <p>
          Pick a scenario or type a prompt: it runs twice at once, in parallel and one call at a
          time.
        </p>
      )}
    </div>
  );
}

/**
 * Race mode: one prompt, two real and independent chats started together — one under the
 * `parallel` policy, one under `sequential` — drawn on one time scale that grows with the
 * longer lane, and ending with the measured speedup and time saved.
 */
export function RaceView() {
  const model = useSelectedModel();
  const parallel = useRaceLane('parallel', model);
  const sequential = useRaceLane('sequential', model);
  const { racePrompt, raceAutostart, setRacePrompt } = useAppMode();
  const [prompt, setPrompt] = useState(racePrompt || DEFAULT_PROMPT);
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY);
  const live = parallel.run?.status === 'running' || sequential.run?.status === 'running';
  // One clock for both lanes (page time); each lane subtracts its own start.
  const perfNow = useLiveNow(0, live, reducedMotion);

  const runs = [parallel.run, sequential.run].flatMap((run) =>
    run
      ? [
          {
            run,
            now: run.status === 'running' && perfNow ? perfNow - run.startedAtPerf : undefined,
          },
        ]
      : [],
  );
  const scaleMaxMs = runs.length ? sharedScaleMax(runs) * (live ? LIVE_HEADROOM : 1) : undefined;

  const startRace = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    setPrompt(trimmed);
    setRacePrompt(trimmed);
    parallel.restart(trimmed);
    sequential.restart(trimmed);
  };
  const stopRace = () => {
    parallel.stop();
    sequential.stop();
  };

  // A shared link with a prompt starts the race as soon as it opens (once, even in StrictMode).
  const autostarted = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening
  useEffect(() => {
    if (!raceAutostart || autostarted.current) return;
    autostarted.current = true;
    useAppMode.setState({ raceAutostart: false });
    startRace(racePrompt);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    startRace(prompt);
  };

  return (
    <div className="race-view" data-testid="race">
      <form className="race-form" onSubmit={onSubmit}>
        <label className="race-prompt">
          <span className="mode-label">Prompt</span>
          <input
            type="text"
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            placeholder="Ask for several independent things at once"
          />
        </label>
        {live ? (
          <button type="button" className="button button-stop" onClick={stopRace}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={!prompt.trim()}>
            Start race
          </button>
        )}
      </form>
      <ul className="race-scenarios" aria-label="Race a scenario">
        {scenarios.map((scenario) => (
          <li key={scenario.id}>
            <button
              type="button"
              className="chip"
              data-race-scenario={scenario.id}
              disabled={live}
              title={scenario.prompt}
              onClick={() => startRace(scenario.prompt)}
            >
              {scenario.title}
            </button>
          </li>
        ))}
      </ul>
      <Verdict parallel={parallel.run} sequential={sequential.run} />
      <div className="race-lanes">
        <RaceLane
          title="Parallel"
          policy="parallel"
          lane={parallel}
          now={perfNow}
          scaleMaxMs={scaleMaxMs}
        />
        <RaceLane
          title="Sequential"
          policy="sequential"
          lane={sequential}
          now={perfNow}
          scaleMaxMs={scaleMaxMs}
        />
      </div>
    </div>
  );
}

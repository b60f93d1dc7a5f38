import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ApprovalChoice } from '../chat/approval-choice';
import { LazyMarkdown } from '../chat/lazy-markdown';
import { useSelectedModel } from '../chat/use-selected-model';
import { useAppMode } from '../platform/app-mode-store';
import type { ExecutionPolicy } from '../runtime';
import { dataMs, dataRatio, describeInput, formatMs, formatSpeedup } from '../timeline/format';
import { sharedScaleMax } from '../timeline/geometry';
import { RunTimelineView } from '../timeline/run-timeline';
import { useLiveNow } from '../timeline/use-live-now';
import { REDUCED_MOTION_QUERY, useMediaQuery } from '../timeline/use-media-query';
import { type RunMetrics, runMetrics } from '../trace/metrics';
import type { RunStatus, RunTrace } from '../trace/trace-types';
import { pendingApprovals } from '../turn/pending-approvals';
import { type LaneFigures, raceResult } from './race-result';
import { scenarios } from './scenarios';
import { useRaceLane } from './use-race-lane';

const DEFAULT_PROMPT =
  scenarios.find((scenario) => scenario.id === 'weather-three-cities')?.prompt ?? '';

/** How far past the longer lane the shared axis reaches while either lane is live. */
const LIVE_HEADROOM = 1.08;

type Lane = ReturnType<typeof useRaceLane>;

/** What a finished lane did, as the verdict's sentence says it. */
const laneEnded: Record<RunStatus, string> = {
  running: 'is still running',
  complete: 'finished',
  stopped: 'was stopped',
  error: 'failed',
  interrupted: 'was interrupted',
};

/** The lane's figures beside its waterfall: the very numbers its verdict divides. */
function LaneFiguresLine({ metrics }: { metrics: RunMetrics }) {
  return (
    <p
      className="race-lane-figures"
      data-testid="race-lane-figures"
      data-wall-ms={dataMs(metrics.wallMs)}
      data-sum-ms={dataMs(metrics.sumMs)}
      data-duration-ms={dataMs(metrics.durationMs)}
    >
      <span title="Tool wall time: first tool start to last tool settle">
        tools <strong>{formatMs(metrics.wallMs)}</strong>
      </span>
      <span title="Sum of every call's running time">Σ {formatMs(metrics.sumMs)}</span>
      <span title="The whole turn, request to answer">turn {formatMs(metrics.durationMs)}</span>
      <span title="The most calls running at one instant">{metrics.maxConcurrency} at once</span>
    </p>
  );
}

/** Approve / Deny for the lane's calls that change something; the rest of the step runs meanwhile. */
function LaneApprovals({ lane }: { lane: Lane }) {
  const pending = pendingApprovals(lane.run, lane.messages, lane.answering);
  if (pending.length === 0) return null;
  return (
    <ul className="race-approvals" aria-label="Waiting for your approval">
      {pending.map((call) => (
        <li key={call.callId}>
          <ApprovalChoice
            name={call.toolName}
            question={
              <>
                <code>{call.toolName}</code> {describeInput(call.input, 32)} changes something. Run
                it?
              </>
            }
            ready={call.ready}
            onApprove={() => lane.approve(call.callId, call.approvalId)}
            onDeny={() => lane.deny(call.callId, call.approvalId)}
          />
        </li>
      ))}
    </ul>
  );
}

function RaceLane({
  title,
  policy,
  lane,
  now,
  metrics,
  scaleMaxMs,
}: {
  title: string;
  policy: ExecutionPolicy;
  lane: Lane;
  now: number | undefined;
  metrics: RunMetrics | undefined;
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
      <div className="race-lane-head">
        <h2 className="race-lane-title">
          {title} <span className="race-lane-policy">policy {policy}</span>
        </h2>
        {metrics ? <LaneFiguresLine metrics={metrics} /> : null}
      </div>
      <LaneApprovals lane={lane} />
      {run && metrics ? (
        <RunTimelineView
          run={run}
          now={now}
          metrics={metrics}
          summary={false}
          scaleMaxMs={scaleMaxMs}
          inspectedKey={inspected}
          onInspectKey={setInspected}
        />
      ) : (
        <p className="race-lane-empty">Waiting for the start…</p>
      )}
      {lane.problem ? (
        <p className="race-lane-error" role="alert">
          {lane.problem}
        </p>
      ) : null}
      {lane.answer ? (
        <details className="race-answer">
          <summary>The answer</summary>
          <LazyMarkdown text={lane.answer} />
        </details>
      ) : null}
    </section>
  );
}

function Verdict({ parallel, sequential }: { parallel?: LaneFigures; sequential?: LaneFigures }) {
  const result = parallel && sequential ? raceResult(parallel, sequential) : undefined;
  const running = parallel?.status === 'running' || sequential?.status === 'running';
  const state = result ? 'done' : running ? 'running' : 'idle';
  const raced = result?.outcome === 'raced' ? result : undefined;
  return (
    <div
      className={`race-verdict race-verdict-${state}${result?.outcome === 'unfinished' ? ' race-verdict-unfinished' : ''}`}
      data-testid="race-verdict"
      data-race-status={state}
      data-race-outcome={result?.outcome ?? ''}
      data-race-speedup={dataRatio(raced?.speedup)}
      data-race-saved-ms={raced ? dataMs(raced.savedMs) : ''}
      data-race-parallel-wall-ms={raced ? dataMs(raced.parallelWallMs) : ''}
      data-race-sequential-wall-ms={raced ? dataMs(raced.sequentialWallMs) : ''}
      data-race-turn-speedup={dataRatio(raced?.turnSpeedup)}
      role="status"
    >
      {result?.outcome === 'unfinished' ? (
        <p>
          The race did not finish: the parallel lane {laneEnded[result.parallel]}, the sequential
          lane {laneEnded[result.sequential]}. No speedup is claimed for work that never ended.
        </p>
      ) : raced ? (
        raced.speedup === undefined ? (
          <p>No tool ran in the parallel lane: there was nothing to race.</p>
        ) : (
          <>
            <p className="race-verdict-headline">
              <strong>{formatSpeedup(raced.speedup)}</strong> faster in parallel ·{' '}
              <strong>{formatMs(Math.max(0, raced.savedMs))}</strong> saved
            </p>
            <p className="race-verdict-detail">
              Tool wall time {formatMs(raced.parallelWallMs)} in parallel against{' '}
              {formatMs(raced.sequentialWallMs)} one at a time. Whole turn{' '}
              {formatMs(raced.parallelTurnMs)} against {formatMs(raced.sequentialTurnMs)}
              {raced.turnSpeedup ? ` (${formatSpeedup(raced.turnSpeedup)})` : ''}: the model’s own
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

/** One lane's clock reading and figures, computed once and shared by its view and the verdict. */
function useLaneFigures(run: RunTrace | undefined, perfNow: number | undefined) {
  const now = run?.status === 'running' && perfNow ? perfNow - run.startedAtPerf : undefined;
  const metrics = useMemo(() => (run ? runMetrics(run, now) : undefined), [run, now]);
  const figures = useMemo(
    () => (run && metrics ? { status: run.status, metrics } : undefined),
    [run, metrics],
  );
  return { now, metrics, figures };
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

  const parallelFigures = useLaneFigures(parallel.run, perfNow);
  const sequentialFigures = useLaneFigures(sequential.run, perfNow);
  const runs = [
    { run: parallel.run, now: parallelFigures.now },
    { run: sequential.run, now: sequentialFigures.now },
  ].flatMap(({ run, now }) => (run ? [{ run, now }] : []));
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
      <Verdict parallel={parallelFigures.figures} sequential={sequentialFigures.figures} />
      <div className="race-lanes">
        <RaceLane
          title="Parallel"
          policy="parallel"
          lane={parallel}
          now={parallelFigures.now}
          metrics={parallelFigures.metrics}
          scaleMaxMs={scaleMaxMs}
        />
        <RaceLane
          title="Sequential"
          policy="sequential"
          lane={sequential}
          now={sequentialFigures.now}
          metrics={sequentialFigures.metrics}
          scaleMaxMs={scaleMaxMs}
        />
      </div>
    </div>
  );
}

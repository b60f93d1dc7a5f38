import type { RunMetrics } from '../trace/metrics';
import type { RunTrace } from '../trace/trace-types';
import { dataMs, dataRatio, describeInput, formatMs, formatSpeedup } from './format';

type RunSummaryProps = {
  run: RunTrace;
  metrics: RunMetrics;
};

const policyLabels: Record<RunTrace['policy'], string> = {
  parallel: 'parallel',
  batch: 'batch',
  sequential: 'sequential',
};

const runStatusLabels: Record<RunTrace['status'], string> = {
  running: 'running',
  complete: 'complete',
  stopped: 'stopped',
  error: 'failed',
  interrupted: 'interrupted',
};

function Stat({
  label,
  value,
  detail,
  hint,
}: {
  label: string;
  value: string;
  detail?: string;
  hint: string;
}) {
  return (
    <div className="stat" title={hint}>
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {detail ? <span className="stat-detail">{detail}</span> : null}
      </dd>
    </div>
  );
}

/** One sentence a presenter can read out: what ran, and what running it in parallel bought. */
export function headline(run: RunTrace, metrics: RunMetrics): string {
  const calls = run.spanOrder.length;
  if (calls === 0) {
    return run.status === 'running' ? 'Waiting for the model…' : 'No tool calls in this run.';
  }
  const steps = metrics.steps.filter((step) => step.ranCount > 0 || step.queue.count > 0).length;
  const what = `${calls} call${calls === 1 ? '' : 's'}${steps > 1 ? ` in ${steps} steps` : ''}`;
  if (run.status === 'running') return `${what} so far…`;
  // A cut-short run's figures are real, but "faster" would claim work that never finished.
  const cancelled = Object.values(run.spans).filter(
    (span) => span.status === 'cancelled' || span.status === 'interrupted',
  ).length;
  const cut = cancelled ? `, ${cancelled} cut short` : '';
  if (run.status === 'stopped') return `Stopped: ${what}${cut}.`;
  if (run.status === 'error') return `The run failed: ${what}${cut}.`;
  if (run.status === 'interrupted') return `Interrupted by a reload: ${what}${cut}.`;
  if (metrics.speedup === undefined || metrics.ranCount < 2) return `${what}.`;
  if (metrics.speedup < 1.05) return `${what}, one at a time: no time saved.`;
  return `${what}: ${formatSpeedup(metrics.speedup)} faster than one at a time, ${formatMs(metrics.savedMs)} saved.`;
}

function tokensText(metrics: RunMetrics): string {
  const { inputTokens, outputTokens } = metrics.tokens;
  if (inputTokens === undefined && outputTokens === undefined) return '—';
  return `${inputTokens ?? '?'} / ${outputTokens ?? '?'}`;
}

/** The critical path as words: "model 390 ms → get_weather New York 1020 ms → model 488 ms". */
function CriticalPathLine({ run, metrics }: RunSummaryProps) {
  const { segments } = metrics.criticalPath;
  if (segments.length === 0) return null;
  return (
    <div className="critical-line">
      <span className="critical-line-label">Critical path</span>
      <ol>
        {segments.map((segment) => {
          const span = segment.kind === 'tool' ? run.spans[segment.callId] : undefined;
          const name = span ? span.toolName : 'model';
          const detail = span ? describeInput(span.input, 24) : '';
          const key = segment.kind === 'tool' ? segment.callId : `model-${segment.stepId}`;
          return (
            <li key={key} className={`critical-chip critical-chip-${segment.kind}`}>
              <span className="critical-chip-name">{name}</span>
              {detail ? <span className="critical-chip-detail">{detail}</span> : null}
              <span className="critical-chip-ms">{formatMs(segment.end - segment.start)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * The run's figures above its waterfall, in words and as data attributes for scripts:
 * wall, Σ tool time, speedup and its ideal, time saved, concurrency, TTFT, tokens, policy.
 */
export function RunSummary({ run, metrics }: RunSummaryProps) {
  return (
    <section
      className="run-summary"
      data-testid="run-summary"
      data-run-id={run.id}
      data-run-status={run.status}
      data-wall-ms={dataMs(metrics.wallMs)}
      data-sum-ms={dataMs(metrics.sumMs)}
      data-speedup={dataRatio(metrics.speedup)}
      data-ideal-speedup={dataRatio(metrics.idealSpeedup)}
      data-saved-ms={dataMs(metrics.savedMs)}
      data-max-concurrency={metrics.maxConcurrency}
      aria-label="Run summary"
    >
      <p className="run-headline">
        <span className={`run-status run-status-${run.status}`}>{runStatusLabels[run.status]}</span>
        {headline(run, metrics)}
      </p>
      <dl className="stats">
        <Stat
          label="Wall"
          value={formatMs(metrics.wallMs)}
          hint="Tool wall time: first tool start to last tool settle, summed over steps"
        />
        <Stat
          label="Σ tools"
          value={formatMs(metrics.sumMs)}
          hint="Sum of every tool call's running time: what one-at-a-time would have taken"
        />
        <Stat
          label="Speedup"
          value={formatSpeedup(metrics.speedup)}
          detail={metrics.idealSpeedup ? `ideal ${formatSpeedup(metrics.idealSpeedup)}` : undefined}
          hint="Σ tools ÷ wall; the ideal is Σ tools ÷ the longest call (all started at once)"
        />
        <Stat
          label="Saved"
          // Sub-ms dispatch gaps make a staircase's saving a hair below zero: that is nothing.
          value={formatMs(Math.abs(metrics.savedMs) < 1 ? 0 : metrics.savedMs)}
          hint="Σ tools − wall: the time parallel execution saved"
        />
        <Stat
          label="Concurrency"
          value={String(metrics.maxConcurrency)}
          detail="max"
          hint="The most tool calls running at one instant"
        />
        <Stat
          label="First token"
          value={formatMs(metrics.ttftMs)}
          hint="Request sent to first content of the first model step"
        />
        <Stat
          label="Tokens"
          value={tokensText(metrics)}
          detail="in / out"
          hint="Input and output tokens over every step"
        />
        <Stat
          label="Policy"
          value={policyLabels[run.policy]}
          detail={run.parallelToolCalls ? undefined : 'one call per step'}
          hint="How the page started the calls: parallel (eager), batch or sequential"
        />
      </dl>
      <CriticalPathLine run={run} metrics={metrics} />
    </section>
  );
}

import { useId, useState } from 'react';
import { usePriceTable } from '../platform/use-price-table';
import { countOf } from '../shared/words';
import {
  type CallStatusName,
  callStatuses,
  statusLabel,
  statusOfSpan,
} from '../trace/call-vocabulary';
import { formatCost, runCost } from '../trace/cost';
import {
  type CriticalSegment,
  gapKinds,
  type ParallelOpportunity,
  type RunMetrics,
} from '../trace/metrics';
import type { RunTrace } from '../trace/trace-types';
import { dataMs, dataRatio, describeInput, formatMs, formatSpeedup } from './format';

type RunSummaryProps = {
  run: RunTrace;
  metrics: RunMetrics;
  /** Calls that ran one after another although none used another's output. */
  opportunity?: ParallelOpportunity;
};

/**
 * The summary's line about a parallel opportunity; nothing when there is none (a saving under
 * a millisecond is dispatch noise, not an opportunity).
 */
function OpportunityLine({ opportunity }: { opportunity: ParallelOpportunity | undefined }) {
  if (!opportunity || opportunity.savedMs < 1) return null;
  return (
    <p className="parallel-opportunity" data-testid="parallel-opportunity">
      <span className="parallel-opportunity-label">⇉ Parallel opportunity</span>{' '}
      {opportunity.callIds.length} calls did not overlap calls they could have run with (none used
      the other's output): running them together would have saved about{' '}
      {formatMs(opportunity.savedMs)} of tool time.
    </p>
  );
}

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

/**
 * One figure with its explanation. The explanation is the button's description (screen readers
 * read it on focus) and opens on click, Enter or Space as well as on hover; Escape or leaving
 * the button closes it.
 */
function Stat({
  label,
  value,
  detail,
  hint,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  hint: string;
  testId?: string;
}) {
  const hintId = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="stat" data-testid={testId}>
      <dt>
        <span className="stat-label">{label}</span>
        <button
          type="button"
          className="stat-info"
          aria-label={`About ${label}`}
          aria-describedby={hintId}
          aria-expanded={open}
          onClick={() => setOpen((shown) => !shown)}
          onBlur={() => setOpen(false)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && open) {
              event.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <span aria-hidden="true">i</span>
        </button>
      </dt>
      <dd>
        <span className="stat-value">{value}</span>
        {detail ? <span className="stat-detail">{detail}</span> : null}
        <span id={hintId} role="tooltip" className="stat-hint" data-open={open || undefined}>
          {hint}
        </span>
      </dd>
    </div>
  );
}

/** The run's cost, only when the operator's price table prices its model (docs/prices.md). */
function CostStat({ run }: { run: RunTrace }) {
  const cost = runCost(run, usePriceTable());
  if (!cost) return null;
  return (
    <Stat
      label="Cost"
      value={formatCost(cost)}
      detail={cost.estimated ? 'est.' : undefined}
      testId="run-cost"
      hint={`Every model step's tokens × the price per million tokens in the operator's price table${
        cost.partial ? '; a step without token counts is left out, so this is a floor' : ''
      }${cost.estimated ? '; estimated: the offline planner counts words' : ''}. Tool calls bill nothing themselves.`}
    />
  );
}

/** "2 ok, 1 timed out": how the run's calls ended, in the vocabulary's words. */
function outcomeOf(run: RunTrace): string {
  const counts = new Map<CallStatusName, number>();
  for (const id of run.spanOrder) {
    const span = run.spans[id];
    if (!span) continue;
    const status = statusOfSpan(span, run.status);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, count]) => `${count} ${statusLabel(status)}`).join(', ');
}

/**
 * One sentence a presenter can read out: what ran, and what running it in parallel bought.
 * A run that was cut short, failed, or where no call succeeded says what happened instead:
 * a speed-up of work that never finished would be a claim the run did not earn.
 */
export function headline(run: RunTrace, metrics: RunMetrics): string {
  const calls = run.spanOrder.length;
  if (calls === 0) {
    return run.status === 'running' ? 'Waiting for the model…' : 'No tool calls in this run.';
  }
  const steps = metrics.steps.filter((step) => step.ranCount > 0 || step.queue.count > 0).length;
  const what = `${countOf(calls, 'call')}${steps > 1 ? ` in ${countOf(steps, 'step')}` : ''}`;
  if (run.status === 'running') return `${what} so far…`;
  const outcome = outcomeOf(run);
  if (run.status === 'stopped') return `Stopped: ${what} (${outcome}).`;
  if (run.status === 'error') return `The run failed: ${what} (${outcome}).`;
  if (run.status === 'interrupted') return `Interrupted by a reload: ${what} (${outcome}).`;
  const succeeded = run.spanOrder.some((id) => {
    const span = run.spans[id];
    return span ? callStatuses[statusOfSpan(span, run.status)].succeeded : false;
  });
  if (!succeeded) return `No call succeeded: ${what} (${outcome}).`;
  if (metrics.speedup === undefined || metrics.ranCount < 2) return `${what}.`;
  if (metrics.speedup < 1.05) return `${what}, one at a time: no time saved.`;
  return `${what}: ${formatSpeedup(metrics.speedup)} faster than one at a time, ${formatMs(metrics.savedMs)} saved.`;
}

/** The turn's length and where it went: model, tools, people, and the gaps between them. */
function turnDetail(metrics: RunMetrics): string {
  const path = metrics.criticalPath;
  const parts = [`model ${formatMs(path.modelMs)}`, `tools ${formatMs(path.toolMs)}`];
  if (path.humanMs > 0) parts.push(`approval ${formatMs(path.humanMs)}`);
  parts.push(`gaps ${formatMs(path.overheadMs)}`);
  return parts.join(' · ');
}

function tokensText(metrics: RunMetrics): string {
  const { inputTokens, outputTokens } = metrics.tokens;
  if (inputTokens === undefined && outputTokens === undefined) return '—';
  return `${inputTokens ?? '?'} / ${outputTokens ?? '?'}`;
}

/** What one link of the critical path is called, and a detail beside the name. */
function chipOf(
  run: RunTrace,
  segment: CriticalSegment,
): { key: string; name: string; detail: string } {
  switch (segment.kind) {
    case 'model':
      return { key: `model-${segment.stepId}`, name: 'model', detail: '' };
    case 'tool':
    case 'approval': {
      const span = run.spans[segment.callId];
      return {
        key: `${segment.kind}-${segment.callId}`,
        name: segment.kind === 'approval' ? 'approval' : (span?.toolName ?? 'tool'),
        detail: span ? describeInput(span.input, 24) : '',
      };
    }
    case 'gap':
      return { key: `gap-${segment.start}`, name: gapKinds[segment.gap].label, detail: '' };
    default:
      return segment satisfies never;
  }
}

/**
 * The critical path as words: "model 390 ms → get_weather New York 1020 ms → page → next
 * request 4 ms → model 488 ms". Its links add up to the turn.
 */
function CriticalPathLine({ run, metrics }: RunSummaryProps) {
  const { segments } = metrics.criticalPath;
  if (segments.length === 0) return null;
  return (
    <div className="critical-line">
      <span className="critical-line-label">Critical path</span>
      <ol>
        {segments.map((segment) => {
          const chip = chipOf(run, segment);
          return (
            <li key={chip.key} className={`critical-chip critical-chip-${segment.kind}`}>
              <span className="critical-chip-name">{chip.name}</span>
              {chip.detail ? <span className="critical-chip-detail">{chip.detail}</span> : null}
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
export function RunSummary({ run, metrics, opportunity }: RunSummaryProps) {
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
      data-turn-ms={dataMs(metrics.criticalPath.totalMs)}
      data-model-ms={dataMs(metrics.criticalPath.modelMs)}
      data-tool-ms={dataMs(metrics.criticalPath.toolMs)}
      data-human-ms={dataMs(metrics.criticalPath.humanMs)}
      data-gap-ms={dataMs(metrics.criticalPath.overheadMs)}
      aria-label="Run summary"
    >
      <p className="run-headline">
        <span className={`run-status run-status-${run.status}`}>{runStatusLabels[run.status]}</span>
        {headline(run, metrics)}
      </p>
      <dl className="stats">
        <Stat
          label="Turn"
          value={formatMs(metrics.criticalPath.totalMs)}
          hint="Message sent to answer finished; where it went is under the figures"
        />
        <Stat
          label="Wall"
          value={formatMs(metrics.wallMs)}
          hint="Tool wall time: the time at least one tool call was running, summed over steps"
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
          label="Run tokens"
          value={tokensText(metrics)}
          detail={metrics.tokens.estimated ? 'in / out, est.' : 'in / out'}
          hint={`Input and output tokens of the whole run, every step added up${
            metrics.tokens.estimated ? '; estimated: the offline planner counts words' : ''
          }`}
        />
        <Stat
          label="Policy"
          value={policyLabels[run.policy]}
          detail={run.parallelToolCalls ? undefined : 'one call per step'}
          hint="How the page started the calls: parallel (eager), batch or sequential"
        />
        <CostStat run={run} />
      </dl>
      <p className="turn-split" title="The critical path's links, added up by kind">
        <span className="turn-split-label">Turn</span> {turnDetail(metrics)}
      </p>
      <CriticalPathLine run={run} metrics={metrics} />
      <OpportunityLine opportunity={opportunity} />
    </section>
  );
}

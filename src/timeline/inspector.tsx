import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { usePriceTable } from '../platform/use-price-table';
import { callPhases, dispatchLatencyOf, phasesOf } from '../trace/call-vocabulary';
import { formatCost, stepCost } from '../trace/cost';
import type { DependencyLink } from '../trace/dependencies';
import { spansOfStep } from '../trace/metrics';
import type { CarriedOutput, RunTrace, StepTrace, ToolSpan } from '../trace/trace-types';
import { describeInput, formatMs, prettyJson, statusIcon, statusLabel } from './format';
import { barStatusOf } from './geometry';
import { TextBlock } from './text-block';

type InspectorProps = {
  run: RunTrace;
  /** A call id or a step id. */
  itemKey: string;
  /** ms from the run's start, for phases still open. */
  now: number;
  /** The run's chaining links: a call's inspector names where its input came from. */
  links?: readonly DependencyLink[];
  onClose: () => void;
};

type Fact = { label: string; value: ReactNode };

function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="inspector-facts">
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Copies text (worked out on click: a whole call's JSON can be megabytes) and says so in place
 * ("Copied") and to screen readers.
 */
function CopyButton({ text, what, testId }: { text: () => string; what: string; testId?: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  useEffect(() => {
    if (copied === 'idle') return;
    const timer = setTimeout(() => setCopied('idle'), 1600);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setCopied('done');
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): say so, don't throw.
      setCopied('failed');
    }
  };
  return (
    <button
      type="button"
      className="button button-ghost button-small"
      onClick={copy}
      data-testid={testId}
      data-copied={copied}
    >
      {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed' : `Copy ${what}`}
      <span className="visually-hidden" aria-live="polite">
        {copied === 'done' ? `${what} copied` : ''}
      </span>
    </button>
  );
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const text = useMemo(() => prettyJson(value), [value]);
  const what = title.toLowerCase();
  return (
    <section className="inspector-section">
      <div className="inspector-section-head">
        <h4>{title}</h4>
        <CopyButton text={() => text} what={what} testId={`copy-${what}`} />
      </div>
      <TextBlock text={text} label={what} />
    </section>
  );
}

/** "312 ms" for a phase, "running for 312 ms" while open, "—" when it never happened. */
function phase(start: number | undefined, end: number | undefined, now: number): string {
  if (start === undefined) return '—';
  if (end === undefined) return `${formatMs(now - start)} so far`;
  return formatMs(end - start);
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function at(ms: number | undefined): string {
  return ms === undefined ? '—' : `${formatMs(ms)}`;
}

const runsOnText: Record<ToolSpan['runsOn'], string> = {
  browser: 'in this page (browser tool)',
  server: 'on the proxy (server tool)',
  unknown: 'nowhere: the tool is not registered',
};

const queueReasons: Record<string, string> = {
  'step-open': 'batch policy: waiting for the model to finish the step',
  sequential: 'sequential policy: waiting for the previous call',
  'global-cap': 'the concurrency cap was full',
  'tool-cap': "this tool's own concurrency cap was full",
};

/** "Input from lookup_product Vega Air (step 1): sku = VEGA-AIR-13" for each source. */
function InputSources({ run, links }: { run: RunTrace; links: readonly DependencyLink[] }) {
  if (!links.length) return null;
  return (
    <>
      {links.map((link) => {
        const source = run.spans[link.fromCallId];
        const name = source
          ? `${source.toolName} ${describeInput(source.input, 48)}`.trim()
          : link.fromCallId;
        return (
          <p
            key={link.fromCallId}
            className="inspector-source"
            data-source-call-id={link.fromCallId}
          >
            <span aria-hidden="true">↳ </span>
            Input from <code>{name}</code>
            {source ? ` (${stepLabel(run, source.stepId)})` : ''}: <code>{link.inputPath}</code> ={' '}
            <code>{String(link.value)}</code>
          </p>
        );
      })}
    </>
  );
}

function ToolDetails({
  run,
  span,
  now,
  links,
}: {
  run: RunTrace;
  span: ToolSpan;
  now: number;
  links: readonly DependencyLink[];
}) {
  const status = barStatusOf(span, run);
  const label = describeInput(span.input, 48);
  // Every phase from the one vocabulary, in the order the call went through them.
  const phases: Fact[] = phasesOf(span).map((interval) => ({
    label: sentenceCase(
      interval.phase === 'running' && span.runsOn === 'server'
        ? span.serverRan
          ? 'running on the proxy (its clock)'
          : 'running on the proxy'
        : callPhases[interval.phase].label,
    ),
    value: `${phase(interval.start, interval.end, now)}${
      interval.phase === 'queued' && span.queueReason
        ? ` (${queueReasons[span.queueReason] ?? span.queueReason})`
        : ''
    }`,
  }));
  // A person's approval is its own phase above, never part of the page's dispatch latency.
  const dispatch = span.queuedAt === undefined ? dispatchLatencyOf(span) : undefined;
  if (dispatch !== undefined) {
    const runningAt = phases.length - 1;
    phases.splice(Math.max(0, runningAt), 0, { label: 'Dispatch', value: formatMs(dispatch) });
  }
  const times: Fact[] = [
    { label: 'Input started', value: at(span.inputStartedAt) },
    { label: 'Input complete', value: at(span.inputAvailableAt) },
    ...(span.approvalRequestedAt !== undefined
      ? [
          { label: 'Approval asked', value: at(span.approvalRequestedAt) },
          {
            label: span.approval === 'denied' ? 'Denied' : 'Approved',
            value: at(span.approvalResolvedAt),
          },
        ]
      : []),
    { label: 'Queued at', value: at(span.queuedAt) },
    { label: 'Started', value: at(span.startedAt) },
    { label: 'Settled', value: at(span.settledAt) },
  ];
  const facts: Fact[] = [
    { label: 'Call id', value: <code>{span.callId}</code> },
    { label: 'Ran', value: runsOnText[span.runsOn] },
    { label: 'Step', value: stepLabel(run, span.stepId) },
    ...(span.deadlineMs ? [{ label: 'Deadline', value: formatMs(span.deadlineMs) }] : []),
    ...(span.sharedWith
      ? [{ label: 'Shared the result of', value: <code>{span.sharedWith}</code> }]
      : []),
    ...(span.outputBytes !== undefined
      ? [
          {
            label: 'Output size',
            value: `${span.outputBytes.toLocaleString()} bytes${span.truncated ? ' (truncated for the model; full output below)' : ''}`,
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="inspector-title">
        <h3 id="inspector-title">
          <code>{span.toolName}</code>
          {label ? <span className="inspector-arg"> {label}</span> : null}
        </h3>
        <span className={`wf-pill wf-status-${status}`}>
          <span aria-hidden="true">{statusIcon(status)} </span>
          {statusLabel(status)}
        </span>
        {span.runsOn === 'server' ? <span className="wf-badge">server</span> : null}
        <CopyButton
          text={() => `${JSON.stringify(span, null, 2)}\n`}
          what="call as JSON"
          testId="copy-call"
        />
      </div>
      <InputSources run={run} links={links.filter((link) => link.toCallId === span.callId)} />
      <ErrorNote text={span.errorText} copy />
      <PhasesAndTimes phases={phases} times={times} />
      <section className="inspector-section">
        <h4>Call</h4>
        <Facts facts={facts} />
      </section>
      <JsonBlock title="Input" value={span.input} />
      {span.output !== undefined ? <JsonBlock title="Output" value={span.output} /> : null}
    </>
  );
}

function ErrorNote({ text, copy }: { text: string | undefined; copy?: boolean }) {
  if (!text) return null;
  return (
    <div className="inspector-error" role="note">
      <p>
        <strong>Error: </strong>
        {text}
      </p>
      {copy ? <CopyButton text={() => text} what="error" testId="copy-error" /> : null}
    </div>
  );
}

function PhasesAndTimes({ phases, times }: { phases: Fact[]; times: Fact[] }) {
  return (
    <div className="inspector-grid">
      <section className="inspector-section">
        <h4>Phases</h4>
        <Facts facts={phases} />
      </section>
      <section className="inspector-section">
        <h4>Times from the run’s start</h4>
        <Facts facts={times} />
      </section>
    </div>
  );
}

function stepLabel(run: RunTrace, stepId: string): string {
  const index = run.steps.findIndex((step) => step.id === stepId);
  return index < 0 ? stepId : `Step ${index + 1}`;
}

function relativeEpoch(run: RunTrace, epochMs: number | undefined): string {
  return epochMs === undefined ? '—' : formatMs(epochMs - run.startedAtEpochMs);
}

const carriedStateText: Record<CarriedOutput['state'], string> = {
  output: 'output',
  error: 'error',
  denied: 'denied',
};

/**
 * What this step's request carried back to the model, by call id: the one follow-up with every
 * output of the step before (recorded from the request's messages, so it is what the model saw).
 * The step that asked for the calls points here.
 */
function CarriedSection({ run, step }: { run: RunTrace; step: StepTrace }) {
  const next = run.steps[run.steps.indexOf(step) + 1];
  if (step.carried?.length) {
    const count = step.carried.length;
    return (
      <section className="inspector-section" data-testid="carried-outputs">
        <h4>
          Sent back to the model: {count} tool result{count === 1 ? '' : 's'} in this one request
        </h4>
        <ul className="carried-list">
          {step.carried.map((each) => (
            <li key={each.callId} data-call-id={each.callId} data-carried-state={each.state}>
              <code>{each.callId}</code> <code>{each.toolName}</code>{' '}
              <span className={`carried-state carried-state-${each.state}`}>
                {carriedStateText[each.state]}
              </span>{' '}
              <span className="carried-bytes">{each.bytes.toLocaleString()} bytes</span>
              <pre className="carried-summary">{each.summary}</pre>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (next?.carried?.length && step.callIds.length > 0)
    return (
      <p className="inspector-source" data-testid="carried-pointer">
        <span aria-hidden="true">↳ </span>
        Its {next.carried.length === 1 ? 'result went' : `${next.carried.length} results went`} back
        to the model in one request: Step {run.steps.indexOf(next) + 1}.
      </p>
    );
  return null;
}

function StepDetails({ run, step, now }: { run: RunTrace; step: StepTrace; now: number }) {
  const prices = usePriceTable();
  const index = run.steps.indexOf(step);
  const calls = spansOfStep(run, step);
  const phases: Fact[] = [
    { label: 'Time to first byte', value: phase(step.requestAt, step.firstByteAt, now) },
    { label: 'Time to first token', value: phase(step.requestAt, step.firstContentAt, now) },
    { label: 'Streaming', value: phase(step.firstContentAt, step.finishedAt, now) },
    { label: 'Whole step', value: phase(step.requestAt, step.finishedAt, now) },
  ];
  const times: Fact[] = [
    { label: 'Request sent', value: at(step.requestAt) },
    { label: 'First byte', value: at(step.firstByteAt) },
    { label: 'First content', value: at(step.firstContentAt) },
    { label: 'Text started', value: at(step.textStartAt) },
    { label: 'Finished', value: at(step.finishedAt) },
    { label: 'All outputs returned', value: at(step.outputsReturnedAt) },
  ];
  const usage = step.usage;
  const cost = stepCost(run, step, prices);
  const facts: Fact[] = [
    { label: 'Step id', value: <code>{step.id}</code> },
    { label: 'Finish reason', value: step.finishReason ?? '—' },
    {
      label: 'Tokens, this step',
      value: usage
        ? `${usage.inputTokens ?? '?'} in · ${usage.outputTokens ?? '?'} out${usage.estimated ? ' (estimated)' : ''}`
        : '—',
    },
    // Only where the operator's table prices this model (docs/prices.md).
    ...(cost
      ? [
          {
            label: 'Cost, this step',
            value: (
              <span data-testid="step-cost">
                {formatCost(cost)}
                {cost.estimated ? ' (estimated tokens)' : ''}
              </span>
            ),
          },
        ]
      : []),
    {
      label: 'Tool calls',
      value: calls.length ? calls.map((call) => call.toolName).join(', ') : 'none',
    },
  ];
  // The proxy's clock is another machine's: its readings are only approximately aligned.
  const proxy: Fact[] = step.proxy
    ? [
        { label: 'Proxy received', value: relativeEpoch(run, step.proxy.receivedAt) },
        { label: 'Upstream request sent', value: relativeEpoch(run, step.proxy.upstreamRequestAt) },
        { label: 'First upstream chunk', value: relativeEpoch(run, step.proxy.firstChunkAt) },
        { label: 'Proxy finished', value: relativeEpoch(run, step.proxy.finishedAt) },
      ]
    : [];
  return (
    <>
      <div className="inspector-title">
        <h3 id="inspector-title">Step {index + 1} · model</h3>
        {step.errorText ? <span className="wf-pill wf-status-error">failed</span> : null}
      </div>
      <ErrorNote text={step.errorText} />
      <PhasesAndTimes phases={phases} times={times} />
      <section className="inspector-section">
        <h4>Response</h4>
        <Facts facts={facts} />
      </section>
      <CarriedSection run={run} step={step} />
      {proxy.length ? (
        <section className="inspector-section">
          <h4>Proxy clock (approximate)</h4>
          <Facts facts={proxy} />
        </section>
      ) : null}
    </>
  );
}

/**
 * Everything about one row: for a call its input, full output (copyable), error, each phase in
 * ms, call id and where it ran; for a model step its phases, tokens and the proxy's readings.
 * Escape closes it; focus moves in when it opens so keyboard users land on the details.
 */
export function Inspector({ run, itemKey, now, links = [], onClose }: InspectorProps) {
  const ref = useRef<HTMLElement>(null);
  const span = run.spans[itemKey];
  const step = span ? undefined : run.steps.find((each) => each.id === itemKey);

  // biome-ignore lint/correctness/useExhaustiveDependencies: move focus when another row opens
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollTo?.({ top: 0 });
  }, [itemKey]);

  if (!span && !step) return null;
  return (
    <section
      ref={ref}
      className="inspector"
      data-testid="inspector"
      data-inspected={itemKey}
      aria-labelledby="inspector-title"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <button
        type="button"
        className="inspector-close"
        onClick={onClose}
        aria-label="Close details"
        title="Close (Esc)"
      >
        ×
      </button>
      {span ? <ToolDetails run={run} span={span} now={now} links={links} /> : null}
      {step ? <StepDetails run={run} step={step} now={now} /> : null}
    </section>
  );
}

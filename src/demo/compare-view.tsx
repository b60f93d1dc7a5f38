import { Fragment, useEffect, useMemo, useState } from 'react';
import { useLibraryRuns, useRunLibrary } from '../persistence/run-library';
import { countOf } from '../shared/words';
import { describeInput, formatMs, formatSpeedup, statusLabel } from '../timeline/format';
import { sharedScaleMax } from '../timeline/geometry';
import { ImportTraceButton, RunChooser } from '../timeline/replay-view';
import { RunTimelineView } from '../timeline/run-timeline';
import {
  type CallChange,
  type CallDiff,
  type ContextDifference,
  compareRuns,
  type DiffLine,
  type FigureDiff,
  type OutputDiff,
} from '../trace/compare-runs';
import type { RunTrace } from '../trace/trace-types';

function value(diff: FigureDiff, side: number | undefined): string {
  if (side === undefined) return '—';
  if (diff.unit === 'ms') return formatMs(side);
  if (diff.unit === 'ratio') return formatSpeedup(side);
  return side.toLocaleString();
}

function delta(diff: FigureDiff): string {
  if (diff.delta === undefined) return '—';
  if (Math.abs(diff.delta) < 1e-9) return 'same';
  const sign = diff.delta > 0 ? '+' : '−';
  const size = Math.abs(diff.delta);
  const amount =
    diff.unit === 'ms'
      ? formatMs(size)
      : diff.unit === 'ratio'
        ? size.toFixed(2)
        : size.toLocaleString();
  return `${sign}${amount}${diff.ratio !== undefined ? ` (${formatSpeedup(diff.ratio)})` : ''}`;
}

const changeLabels: Record<CallChange, string> = {
  same: 'same',
  status: 'status changed',
  output: 'output changed',
  added: 'only in B',
  removed: 'only in A',
};

/** A call in one run: its status, when it started and how long it ran. */
function callCell(
  status: CallDiff['aStatus'],
  startMs: number | undefined,
  ranMs: number | undefined,
) {
  if (!status) return '—';
  const parts = [statusLabel(status)];
  if (startMs !== undefined) parts.push(`started ${formatMs(startMs)}`);
  if (ranMs !== undefined) parts.push(`ran ${formatMs(ranMs)}`);
  // One part a line on a phone, " · " between them otherwise (CSS).
  return parts.map((part) => (
    <span key={part} className="compare-call-part">
      {part}
    </span>
  ));
}

/** Lines of a diff worth reading: every change with one line around it, the rest folded. */
function visibleLines(lines: readonly DiffLine[]): Array<DiffLine | 'gap'> {
  const near = (index: number) =>
    [index - 1, index, index + 1].some((at) => {
      const line = lines[at];
      return line !== undefined && line.kind !== 'same';
    });
  const shown: Array<DiffLine | 'gap'> = [];
  lines.forEach((line, index) => {
    if (near(index)) shown.push(line);
    else if (shown.at(-1) !== 'gap') shown.push('gap');
  });
  return shown;
}

const linePrefix: Record<DiffLine['kind'], string> = { same: '  ', added: '+ ', removed: '− ' };

function OutputDiffView({ diff }: { diff: OutputDiff }) {
  if (diff.tooLong)
    return <p className="mode-note">The outputs differ (too long to compare line by line).</p>;
  return (
    <details className="compare-output">
      <summary>
        Output: {countOf(diff.added, 'line')} added, {countOf(diff.removed, 'line')} removed in B
      </summary>
      <pre className="compare-output-diff" data-testid="output-diff">
        {visibleLines(diff.lines).map((line, index) =>
          line === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed diff
            <span key={index} className="diff-gap">
              {'  …\n'}
            </span>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed diff
            <span key={index} className={`diff-${line.kind}`} data-diff={line.kind}>
              {`${linePrefix[line.kind]}${line.text}\n`}
            </span>
          ),
        )}
      </pre>
    </details>
  );
}

/** Says when the two runs did not start from the same conversation, and by how much. */
function ContextWarning({ context }: { context: ContextDifference }) {
  const facts: string[] = [];
  if (context.aTokensIn !== undefined && context.bTokensIn !== undefined) {
    facts.push(
      `the first request sent ${context.aTokensIn.toLocaleString()} tokens in A and ${context.bTokensIn.toLocaleString()} in B`,
    );
  }
  if (context.aPriorMessages !== undefined && context.bPriorMessages !== undefined) {
    facts.push(
      `A followed ${countOf(context.aPriorMessages, 'earlier message')}, B ${countOf(context.bPriorMessages, 'earlier message')}`,
    );
  }
  return (
    <p className="compare-warning" role="note" data-testid="compare-context">
      <strong>Different conversation context:</strong> {facts.join('; ')}. The model saw more (or
      less) history in one run, so timings, tokens and answers are not like for like; compare runs
      started from a new chat for a fair comparison.
    </p>
  );
}

function Side({ label, run, scaleMaxMs }: { label: string; run: RunTrace; scaleMaxMs: number }) {
  const [inspected, setInspected] = useState<string | undefined>();
  return (
    <section className="compare-side" data-testid={`compare-side-${label.toLowerCase()}`}>
      <h2 className="race-lane-title">
        Run {label} <span className="race-lane-policy">policy {run.policy}</span>
      </h2>
      <RunTimelineView
        run={run}
        now={undefined}
        scaleMaxMs={scaleMaxMs}
        inspectedKey={inspected}
        onInspectKey={setInspected}
      />
    </section>
  );
}

function Differences({ a, b }: { a: RunTrace; b: RunTrace }) {
  const comparison = useMemo(() => compareRuns(a, b), [a, b]);
  const changed = comparison.calls.filter((call) => call.change !== 'same');
  return (
    <div className="compare-diff">
      {comparison.context ? <ContextWarning context={comparison.context} /> : null}
      <table className="compare-table" data-testid="compare-table">
        <caption>Differences, B against A</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B − A</th>
          </tr>
        </thead>
        <tbody>
          {comparison.figures.map((diff) => (
            <tr
              key={diff.key}
              data-figure={diff.key}
              data-a={diff.a === undefined ? '' : Number(diff.a.toFixed(1))}
              data-b={diff.b === undefined ? '' : Number(diff.b.toFixed(1))}
              data-delta={diff.delta === undefined ? '' : Number(diff.delta.toFixed(1))}
            >
              <th scope="row">{diff.label}</th>
              <td>{value(diff, diff.a)}</td>
              <td>{value(diff, diff.b)}</td>
              <td
                className={
                  diff.delta === undefined || Math.abs(diff.delta) < 1e-9
                    ? ''
                    : diff.delta > 0
                      ? 'compare-up'
                      : 'compare-down'
                }
              >
                {delta(diff)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table
        className="compare-table"
        data-testid="compare-calls"
        data-same={comparison.counts.same}
        data-status-changed={comparison.counts.status}
        data-output-changed={comparison.counts.output}
        data-added={comparison.counts.added}
        data-removed={comparison.counts.removed}
      >
        <caption>
          Calls: {comparison.counts.same} the same, {comparison.counts.status} with another status,{' '}
          {comparison.counts.output} with another output, {comparison.counts.added} only in B,{' '}
          {comparison.counts.removed} only in A
        </caption>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {comparison.calls.map((call, index) => (
            // Calls are matched by tool and input; the same call can occur twice.
            // biome-ignore lint/suspicious/noArrayIndexKey: the key and position identify a row
            <Fragment key={`${call.key}-${index}`}>
              <tr
                data-change={call.change}
                data-a-start-ms={call.aStartMs === undefined ? '' : Math.round(call.aStartMs)}
                data-b-start-ms={call.bStartMs === undefined ? '' : Math.round(call.bStartMs)}
                className={`compare-call-${call.change}`}
              >
                <th scope="row">
                  <code>{call.toolName}</code> {describeInput(call.input, 36)}
                </th>
                <td>{callCell(call.aStatus, call.aStartMs, call.aMs)}</td>
                <td>{callCell(call.bStatus, call.bStartMs, call.bMs)}</td>
                <td>{changeLabels[call.change]}</td>
              </tr>
              {call.outputDiff ? (
                <tr className="compare-output-row">
                  <td colSpan={4}>
                    <OutputDiffView diff={call.outputDiff} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      {changed.length === 0 && comparison.calls.length > 0 ? (
        <p className="mode-note">Both runs made the same calls with the same results.</p>
      ) : null}
    </div>
  );
}

/**
 * Compare mode: two runs from this chat, saved conversations or imported traces, both
 * waterfalls on one time scale, and what differs: wall time, calls, statuses, tokens, TTFT.
 */
export function CompareView() {
  const runs = useLibraryRuns();
  const [aId, setA] = useState<string | undefined>();
  const [bId, setB] = useState<string | undefined>();
  useEffect(() => {
    void useRunLibrary.getState().loadSaved();
  }, []);
  // By default the two latest runs of this chat (or of the library): older as A, newer as B.
  const pool = runs.filter((entry) => entry.source === 'current');
  const defaults = (pool.length >= 2 ? pool : runs).slice(-2);
  const a = runs.find((entry) => entry.run.id === aId) ?? defaults[0];
  const b = runs.find((entry) => entry.run.id === bId) ?? defaults[1];
  const scaleMaxMs = a && b ? sharedScaleMax([{ run: a.run }, { run: b.run }]) : 0;
  return (
    <div className="mode-body compare-view" data-testid="compare">
      <div className="mode-toolbar">
        <RunChooser label="A" runs={runs} value={a?.run.id} onChange={setA} testId="compare-a" />
        <RunChooser label="B" runs={runs} value={b?.run.id} onChange={setB} testId="compare-b" />
        <ImportTraceButton
          onImported={(imported) => {
            if (imported[0]) setB(imported[0].id);
            if (imported[1]) setA(imported[1].id);
          }}
        />
      </div>
      {a && b ? (
        <>
          <Differences a={a.run} b={b.run} />
          <div className="race-lanes">
            <Side label="A" run={a.run} scaleMaxMs={scaleMaxMs} />
            <Side label="B" run={b.run} scaleMaxMs={scaleMaxMs} />
          </div>
        </>
      ) : (
        <p className="mode-empty">
          Comparing needs two runs: ask twice in the chat (say once in parallel, once sequential),
          open a saved conversation, or import trace files.
        </p>
      )}
    </div>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { useLibraryRuns, useRunLibrary } from '../persistence/run-library';
import { describeInput, formatMs, formatSpeedup, statusLabel } from '../timeline/format';
import { sharedScaleMax } from '../timeline/geometry';
import { ImportTraceButton, RunChooser } from '../timeline/replay-view';
import { RunTimelineView } from '../timeline/run-timeline';
import { type CallDiff, compareRuns, type FigureDiff } from '../trace/compare-runs';
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

const changeLabels: Record<CallDiff['change'], string> = {
  same: 'same',
  status: 'status changed',
  added: 'only in B',
  removed: 'only in A',
};

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
        data-added={comparison.counts.added}
        data-removed={comparison.counts.removed}
      >
        <caption>
          Calls: {comparison.counts.same} the same, {comparison.counts.status} with another status,{' '}
          {comparison.counts.added} only in B, {comparison.counts.removed} only in A
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
            <tr
              // Calls are matched by tool and input; the same call can occur twice.
              // biome-ignore lint/suspicious/noArrayIndexKey: the key and position identify a row
              key={`${call.key}-${index}`}
              data-change={call.change}
              className={`compare-call-${call.change}`}
            >
              <th scope="row">
                <code>{call.toolName}</code> {describeInput(call.input, 36)}
              </th>
              <td>
                {call.aStatus ? statusLabel(call.aStatus) : '—'}
                {call.aMs !== undefined ? ` · ${formatMs(call.aMs)}` : ''}
              </td>
              <td>
                {call.bStatus ? statusLabel(call.bStatus) : '—'}
                {call.bMs !== undefined ? ` · ${formatMs(call.bMs)}` : ''}
              </td>
              <td>{changeLabels[call.change]}</td>
            </tr>
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

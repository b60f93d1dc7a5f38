import { type FormEvent, Fragment, memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type ThemeChoice, themeChoices, useTheme } from '../platform/theme';
import { MAX_LATENCY_MS, MAX_TOKENS_PER_SECOND, MAX_TTFT_MS } from '../shared/demo-request';
import { toolSpecs } from '../shared/tools';
import { MAX_SLOW_FACTOR, MIN_SLOW_FACTOR, type ToolFault } from '../shared/tools/fault-injection';
import type { ToolSpec } from '../shared/tools/tool-spec';
import {
  callFaultSchema,
  type DemoSettings,
  isDefaultDemoSettings,
  MAX_CALL_FAULTS,
  MAX_CALL_MATCH_CHARS,
  writeDemoSettings,
} from './demo-settings';
import { settingsOf, useDemoSettings } from './demo-settings-store';
import { linkThatRuns } from './link-prompt';
import { PolicyControl } from './run-controls';
import { SideDialog } from './side-dialog';

/** A whole number from a field, clamped; undefined when the field is empty or not a number. */
function parseField(text: string, min: number, max: number): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Math.round(Number(text));
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : undefined;
}

/** Drops one key from a record (for "back to the default"). */
function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

type NumberFieldProps = {
  id: string;
  label: string;
  value: number | undefined;
  placeholder: string;
  min: number;
  max: number;
  unit?: string;
  onChange: (value: number | undefined) => void;
  hideLabel?: boolean;
};

function NumberField({
  id,
  label,
  value,
  placeholder,
  min,
  max,
  unit,
  onChange,
  hideLabel,
}: NumberFieldProps) {
  return (
    <span className="control-field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'control-label'}>
        {label}
      </label>
      <span className="control-input">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={value ?? ''}
          placeholder={placeholder}
          onChange={(event) => onChange(parseField(event.target.value, min, max))}
        />
        {unit ? <span className="control-unit">{unit}</span> : null}
      </span>
    </span>
  );
}

const faultOptions: Array<{ value: ToolFault | ''; label: string }> = [
  { value: '', label: 'none' },
  { value: 'error', label: 'error' },
  { value: 'timeout', label: 'timeout' },
  { value: 'slow', label: 'slow' },
];

/** One tool's row: simulated latency and jitter, injected fault, concurrency cap. */
const ToolRow = memo(function ToolRow({ spec }: { spec: ToolSpec }) {
  const { latency, fault, cap, update } = useDemoSettings(
    useShallow((state) => ({
      latency: state.toolLatency[spec.name],
      fault: state.faults[spec.name],
      cap: state.toolConcurrency[spec.name],
      update: state.update,
    })),
  );
  const own = spec.simulatedLatency;
  const setLatency = (change: Partial<{ baseMs: number; jitterMs: number }>) => {
    const { toolLatency } = useDemoSettings.getState();
    const current = toolLatency[spec.name] ?? own;
    const next = { ...current, ...change };
    update({ toolLatency: { ...toolLatency, [spec.name]: next } });
  };
  const clearLatency = () =>
    update({ toolLatency: without(useDemoSettings.getState().toolLatency, spec.name) });
  const id = `tool-${spec.name}`;
  return (
    <tr data-tool-row={spec.name}>
      <th scope="row">
        <span className="control-tool-name">
          {spec.name.split('_').map((part, index) => (
            // A long name may break after its underscores (search_knowledge_base).
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed name
            <Fragment key={index}>
              {index > 0 ? (
                <>
                  _<wbr />
                </>
              ) : null}
              {part}
            </Fragment>
          ))}
        </span>
        {spec.runsOn === 'server' ? <span className="tool-call-badge">server</span> : null}
        {spec.requiresApproval ? <span className="tool-call-badge">approval</span> : null}
      </th>
      <td data-label="Latency (simulated)">
        <NumberField
          id={`${id}-latency`}
          label={`${spec.name} simulated latency`}
          hideLabel
          value={latency?.baseMs}
          placeholder={String(own.baseMs)}
          min={0}
          max={MAX_LATENCY_MS}
          unit="ms"
          onChange={(value) =>
            value === undefined ? clearLatency() : setLatency({ baseMs: value })
          }
        />
      </td>
      <td data-label="Jitter">
        <NumberField
          id={`${id}-jitter`}
          label={`${spec.name} jitter`}
          hideLabel
          value={latency?.jitterMs}
          placeholder={String(own.jitterMs)}
          min={0}
          max={60_000}
          unit="ms"
          onChange={(value) =>
            value === undefined && latency?.baseMs === undefined
              ? clearLatency()
              : setLatency({ jitterMs: value ?? own.jitterMs })
          }
        />
      </td>
      <td data-label="Failure">
        <label htmlFor={`${id}-fault`} className="visually-hidden">
          {spec.name} failure
        </label>
        <select
          id={`${id}-fault`}
          className={fault ? 'control-select control-select-active' : 'control-select'}
          value={fault ?? ''}
          onChange={(event) => {
            const { faults } = useDemoSettings.getState();
            const value = event.target.value as ToolFault | '';
            update({
              faults: value ? { ...faults, [spec.name]: value } : without(faults, spec.name),
            });
          }}
        >
          {faultOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Cap">
        {spec.runsOn === 'server' ? (
          <span className="control-muted" title="The proxy runs this tool">
            —
          </span>
        ) : (
          <NumberField
            id={`${id}-cap`}
            label={`${spec.name} concurrency cap (0 = none)`}
            hideLabel
            value={cap}
            placeholder={spec.concurrency === undefined ? 'none' : String(spec.concurrency)}
            min={0}
            max={64}
            onChange={(value) => {
              const { toolConcurrency } = useDemoSettings.getState();
              update({
                toolConcurrency:
                  value === undefined
                    ? without(toolConcurrency, spec.name)
                    : { ...toolConcurrency, [spec.name]: value },
              });
            }}
          />
        )}
      </td>
    </tr>
  );
});

const browserToolNames = (toolSpecs as readonly ToolSpec[])
  .filter((spec) => spec.runsOn !== 'server')
  .map((spec) => spec.name);

/**
 * Faults for single calls: a rule fails only the calls of a tool whose input has the value
 * ("get_weather, Tokyo → timeout": Tokyo times out, Paris and New York succeed).
 */
function CallFaultsSection() {
  const { callFaults, update } = useDemoSettings(
    useShallow((state) => ({ callFaults: state.callFaults, update: state.update })),
  );
  const [tool, setTool] = useState(browserToolNames[0] ?? '');
  const [match, setMatch] = useState('');
  const [fault, setFault] = useState<ToolFault>('timeout');
  const candidate = callFaultSchema.safeParse({ tool, match, fault });
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!candidate.success || callFaults.length >= MAX_CALL_FAULTS) return;
    const rule = candidate.data;
    // One rule per tool and value: a new fault for the same call replaces the old one.
    const others = callFaults.filter(
      (existing) =>
        existing.tool !== rule.tool || existing.match.toLowerCase() !== rule.match.toLowerCase(),
    );
    update({ callFaults: [...others, rule] });
    setMatch('');
  };
  return (
    <div className="call-faults" data-testid="call-faults">
      <h4 className="control-subhead">Failures for single calls</h4>
      <p className="control-hint">
        Fail only the calls whose input has this value (for example <code>get_weather</code>,{' '}
        <code>Tokyo</code>, timeout): the other calls of the tool run as set above. Tools the page
        runs only.
      </p>
      {callFaults.length > 0 ? (
        <ul className="call-fault-list" aria-label="Failures for single calls">
          {callFaults.map((rule, index) => (
            <li key={`${rule.tool}@${rule.match}`} data-call-fault={`${rule.tool}@${rule.match}`}>
              <span>
                <span className="control-tool-name">{rule.tool}</span> where an input is “
                {rule.match}” → <strong className="call-fault-kind">{rule.fault}</strong>
              </span>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={`Remove the ${rule.fault} for ${rule.tool} ${rule.match}`}
                onClick={() => update({ callFaults: callFaults.filter((_, at) => at !== index) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="control-row call-fault-form" onSubmit={add}>
        <span className="control-field">
          <label htmlFor="call-fault-tool" className="control-label">
            Tool
          </label>
          <select
            id="call-fault-tool"
            className="control-select"
            value={tool}
            onChange={(event) => setTool(event.target.value)}
          >
            {browserToolNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </span>
        <span className="control-field control-field-grow">
          <label htmlFor="call-fault-match" className="control-label">
            Input value
          </label>
          <input
            id="call-fault-match"
            className="control-text"
            type="text"
            value={match}
            maxLength={MAX_CALL_MATCH_CHARS}
            placeholder="Tokyo"
            onChange={(event) => setMatch(event.target.value)}
          />
        </span>
        <span className="control-field">
          <label htmlFor="call-fault-kind" className="control-label">
            Failure
          </label>
          <select
            id="call-fault-kind"
            className="control-select"
            value={fault}
            onChange={(event) => setFault(event.target.value as ToolFault)}
          >
            {faultOptions.flatMap((option) =>
              option.value ? (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ) : (
                []
              ),
            )}
          </select>
        </span>
        <button
          type="submit"
          className="button button-ghost"
          disabled={!candidate.success || callFaults.length >= MAX_CALL_FAULTS}
        >
          Add
        </button>
      </form>
    </div>
  );
}

function RunSection() {
  const { parallelToolCalls, maxConcurrency, update } = useDemoSettings(
    useShallow((state) => ({
      parallelToolCalls: state.parallelToolCalls,
      maxConcurrency: state.maxConcurrency,
      update: state.update,
    })),
  );
  return (
    <section className="control-section" aria-labelledby="controls-run">
      <h3 id="controls-run">Run</h3>
      <PolicyControl name="controls-policy" />
      <div className="control-row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={parallelToolCalls}
            checked={parallelToolCalls}
            onChange={(event) => update({ parallelToolCalls: event.target.checked })}
          />
          <span className="switch-track" aria-hidden="true" />
          Parallel tool calls{' '}
          <span className="control-hint">(the model may emit several per step)</span>
        </label>
      </div>
      <div className="control-row">
        <NumberField
          id="controls-concurrency"
          label="Concurrency cap (all tools)"
          value={maxConcurrency}
          placeholder="6"
          min={1}
          max={64}
          onChange={(value) => update({ maxConcurrency: value ?? 6 })}
        />
      </div>
    </section>
  );
}

function LatencySection() {
  const { latency, slowFactor, update } = useDemoSettings(
    useShallow((state) => ({
      latency: state.latency,
      slowFactor: state.slowFactor,
      update: state.update,
    })),
  );
  return (
    <section className="control-section" aria-labelledby="controls-tools">
      <h3 id="controls-tools">Tools</h3>
      <p className="control-hint">
        Service latency is <strong>simulated</strong>: each demo tool waits this long (plus up to
        the jitter) before doing its real work. Empty fields use each tool’s own profile.
      </p>
      <div className="control-row">
        <NumberField
          id="controls-latency"
          label="Simulated latency, every tool"
          value={latency?.baseMs}
          placeholder="per tool"
          min={0}
          max={MAX_LATENCY_MS}
          unit="ms"
          onChange={(value) =>
            update({
              latency:
                value === undefined
                  ? undefined
                  : { baseMs: value, jitterMs: latency?.jitterMs ?? 0 },
            })
          }
        />
        <NumberField
          id="controls-jitter"
          label="Jitter, every tool"
          value={latency?.jitterMs}
          placeholder="per tool"
          min={0}
          max={60_000}
          unit="ms"
          onChange={(value) =>
            update({
              latency: latency ? { ...latency, jitterMs: value ?? 0 } : undefined,
            })
          }
        />
        <NumberField
          id="controls-slow"
          label="Slow means ×"
          value={slowFactor}
          placeholder="4"
          min={MIN_SLOW_FACTOR}
          max={MAX_SLOW_FACTOR}
          onChange={(value) => update({ slowFactor: value ?? 4 })}
        />
      </div>
      <div className="control-table-wrap">
        <table className="control-table">
          <thead>
            <tr>
              <th scope="col">Tool</th>
              <th scope="col">Latency (simulated)</th>
              <th scope="col">Jitter</th>
              <th scope="col">Failure</th>
              <th scope="col" title="Calls of this tool running at once; 0 = no cap">
                Cap
              </th>
            </tr>
          </thead>
          <tbody>
            {(toolSpecs as readonly ToolSpec[]).map((spec) => (
              <ToolRow key={spec.name} spec={spec} />
            ))}
          </tbody>
        </table>
      </div>
      <CallFaultsSection />
    </section>
  );
}

function PacingSection() {
  const { pacing, update } = useDemoSettings(
    useShallow((state) => ({ pacing: state.offlinePacing, update: state.update })),
  );
  const set = (change: Partial<DemoSettings['offlinePacing']>) => {
    const next = { ...pacing, ...change };
    for (const key of Object.keys(next) as Array<keyof typeof next>)
      if (next[key] === undefined) delete next[key];
    update({ offlinePacing: next });
  };
  return (
    <section className="control-section" aria-labelledby="controls-pacing">
      <h3 id="controls-pacing">Offline planner pacing</h3>
      <p className="control-hint">Applies to the offline planner only; empty uses the server’s.</p>
      <div className="control-row">
        <NumberField
          id="controls-ttft"
          label="Time to first token"
          value={pacing.timeToFirstTokenMs}
          placeholder="server"
          min={0}
          max={MAX_TTFT_MS}
          unit="ms"
          onChange={(value) => set({ timeToFirstTokenMs: value })}
        />
        <NumberField
          id="controls-tps"
          label="Tokens per second (0 = no delay)"
          value={pacing.tokensPerSecond}
          placeholder="server"
          min={0}
          max={MAX_TOKENS_PER_SECOND}
          unit="tok/s"
          onChange={(value) => set({ tokensPerSecond: value })}
        />
      </div>
    </section>
  );
}

const themeLabels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

function DisplaySection() {
  const presentation = useDemoSettings((state) => state.presentation);
  const update = useDemoSettings((state) => state.update);
  const theme = useTheme((state) => state.choice);
  const setTheme = useTheme((state) => state.setChoice);
  return (
    <section className="control-section" aria-labelledby="controls-display">
      <h3 id="controls-display">Display</h3>
      <fieldset className="segmented">
        <legend className="run-controls-label">Theme</legend>
        {themeChoices.map((choice) => (
          <label key={choice} className={theme === choice ? 'active' : ''}>
            <input
              type="radio"
              name="controls-theme"
              value={choice}
              checked={theme === choice}
              onChange={() => setTheme(choice)}
            />
            {themeLabels[choice]}
          </label>
        ))}
      </fieldset>
      <div className="control-row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={presentation}
            checked={presentation}
            onChange={(event) => update({ presentation: event.target.checked })}
          />
          <span className="switch-track" aria-hidden="true" />
          Presentation size <span className="control-hint">(bigger type, for a projector)</span>
        </label>
      </div>
    </section>
  );
}

/** The link "Copy link" copies: the settings, plus a prompt that runs on open when one is given. */
function LinkSection({ prompt, onPrompt }: { prompt: string; onPrompt: (text: string) => void }) {
  // Re-read on each render: the settings above change the address bar as they change.
  useDemoSettings((state) => writeDemoSettings(settingsOf(state)));
  const link = linkThatRuns(window.location.href, prompt);
  return (
    <section className="control-section" aria-labelledby="controls-link">
      <h3 id="controls-link">Link</h3>
      <p className="control-hint">
        Copy link carries every setting; with a prompt, opening the link sends it once, in a new
        conversation (one link per scene).
      </p>
      <div className="control-row">
        <span className="control-field control-field-wide">
          <label htmlFor="controls-link-prompt" className="control-label">
            Prompt the link runs (optional)
          </label>
          <input
            id="controls-link-prompt"
            className="control-text"
            type="text"
            value={prompt}
            placeholder="none: the link only sets the controls"
            onChange={(event) => onPrompt(event.target.value)}
          />
        </span>
      </div>
      <output className="control-link" data-testid="controls-link" htmlFor="controls-link-prompt">
        {link}
      </output>
    </section>
  );
}

function ControlsFooter({ prompt }: { prompt: string }) {
  const isDefault = useDemoSettings((state) => isDefaultDemoSettings(settingsOf(state)));
  const reset = useDemoSettings((state) => state.reset);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(linkThatRuns(window.location.href, prompt));
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <span className="control-hint" aria-live="polite">
        {copied ? 'Link copied.' : 'Every setting is in the page’s link.'}
      </span>
      <button type="button" className="button button-ghost" onClick={() => void copy()}>
        Copy link
      </button>
      <button type="button" className="button button-ghost" onClick={reset} disabled={isDefault}>
        Reset
      </button>
    </>
  );
}

/**
 * The demo controls: how turns run, simulated latency and faults per tool and per call, pacing,
 * display, and the link that reproduces (and, with a prompt, runs) the demo.
 */
export function DemoControls({
  open,
  onClose,
  lastPrompt,
}: {
  open: boolean;
  onClose: () => void;
  /** The last thing asked in the chat: the link's prompt until the presenter changes it. */
  lastPrompt?: string;
}) {
  const [edited, setEdited] = useState<string | undefined>();
  const prompt = edited ?? lastPrompt ?? '';
  return (
    <SideDialog
      open={open}
      onClose={onClose}
      title="Demo controls"
      testId="demo-controls"
      className="demo-controls"
      footer={<ControlsFooter prompt={prompt} />}
    >
      <p className="control-hint">Changes apply to the next message.</p>
      <RunSection />
      <LatencySection />
      <PacingSection />
      <DisplaySection />
      <LinkSection prompt={prompt} onPrompt={setEdited} />
    </SideDialog>
  );
}

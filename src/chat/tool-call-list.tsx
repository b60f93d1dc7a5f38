import type { DynamicToolUIPart, ToolUIPart } from 'ai';
import { memo } from 'react';
import { toolSpecByName } from '../shared/tools';
import type { ToolSpan } from '../trace/trace-types';
import { useSpan } from '../trace/use-span';
import { useApprovalActions } from './approval-context';

export type ToolPart = ToolUIPart | DynamicToolUIPart;

/** Tool parts are `tool-<name>` (declared tools) or `dynamic-tool`. */
export function isToolPart(part: { type: string }): part is ToolPart {
  return part.type.startsWith('tool-') || part.type === 'dynamic-tool';
}

export function toolNameOf(part: ToolPart): string {
  return part.type === 'dynamic-tool' ? part.toolName : part.type.slice('tool-'.length);
}

function formatArgs(input: unknown): string {
  if (input === undefined) return '';
  if (!input || typeof input !== 'object') return JSON.stringify(input);
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return entries
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'string' ? `"${value}"` : JSON.stringify(value)}`,
    )
    .join(', ');
}

type CallView = {
  label: string;
  /** The row's class, `tool-call-<tone>`: a status name, coloured in src/styles/status.css. */
  tone:
    | 'pending'
    | 'input-streaming'
    | 'queued'
    | 'awaiting-approval'
    | 'running'
    | 'ok'
    | 'error'
    | 'timeout'
    | 'invalid-input'
    | 'cancelled'
    | 'denied'
    | 'interrupted'
    | 'deduplicated';
};

function viewOf(part: ToolPart, span: ToolSpan | undefined, turnActive: boolean): CallView {
  const status = span?.status;
  if (status === 'timeout') return { label: 'timed out', tone: 'timeout' };
  if (status === 'invalid-input') {
    return {
      label: part.state === 'input-streaming' ? 'input cut off' : 'invalid input',
      tone: 'invalid-input',
    };
  }
  if (status === 'cancelled' || status === 'interrupted') return { label: status, tone: status };
  if (status === 'deduplicated') return { label: 'shared result', tone: 'deduplicated' };
  if (
    status === 'denied' ||
    (part.state === 'approval-responded' && part.approval.approved === false)
  )
    return { label: 'denied, not run', tone: 'denied' };
  if (part.state === 'output-error' || status === 'error') return { label: 'error', tone: 'error' };
  if (part.state === 'output-available' || status === 'ok') return { label: 'ok', tone: 'ok' };
  if (part.state === 'output-denied') return { label: 'denied', tone: 'denied' };
  if (span?.state === 'awaiting-approval' && turnActive)
    return { label: 'needs your approval', tone: 'awaiting-approval' };
  if (span?.state === 'queued') return { label: 'queued', tone: 'queued' };
  if (span?.state === 'running' || span?.state === 'remote' || span?.state === 'sharing') {
    return { label: span.state === 'remote' ? 'running on server…' : 'running…', tone: 'running' };
  }
  if (!turnActive) return { label: 'not run', tone: 'cancelled' };
  if (part.state === 'input-streaming')
    return { label: 'receiving input…', tone: 'input-streaming' };
  return { label: 'waiting…', tone: 'pending' };
}

function durationOf(span: ToolSpan | undefined): string | undefined {
  if (!span || span.settledAt === undefined || span.startedAt === undefined) return undefined;
  const ms = span.settledAt - span.startedAt;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

type ToolCallRowProps = { part: ToolPart; turnActive: boolean };

/**
 * The chat copies every part of a message on each update, so a row compares what it shows,
 * not the part's identity: a settled call re-renders its own row, not the other 49.
 */
function sameRow(previous: ToolCallRowProps, next: ToolCallRowProps): boolean {
  const a = previous.part;
  const b = next.part;
  return (
    previous.turnActive === next.turnActive &&
    a.toolCallId === b.toolCallId &&
    a.type === b.type &&
    a.state === b.state &&
    a.input === b.input &&
    a.errorText === b.errorText &&
    a.approval?.id === b.approval?.id &&
    a.approval?.approved === b.approval?.approved
  );
}

const ToolCallRow = memo(function ToolCallRow({ part, turnActive }: ToolCallRowProps) {
  const span = useSpan(part.toolCallId);
  const name = toolNameOf(part);
  const spec = toolSpecByName[name];
  const view = viewOf(part, span, turnActive);
  const duration = durationOf(span);
  const errorText = part.state === 'output-error' ? part.errorText : span?.errorText;
  const runsOnServer = spec?.runsOn === 'server';
  const awaiting = span?.state === 'awaiting-approval' && turnActive;
  const args = formatArgs(part.input);
  return (
    <li
      className={`tool-call tool-call-${view.tone}`}
      data-tool={name}
      data-call-id={part.toolCallId}
      data-state={part.state}
      data-status={span?.status ?? view.tone}
      data-start-ms={span?.startedAt?.toFixed(1)}
      data-end-ms={span?.settledAt?.toFixed(1)}
    >
      <span className="tool-call-dot" aria-hidden="true" />
      <span className="tool-call-name">{name}</span>
      <span className="tool-call-args" title={args}>
        {args}
      </span>
      {runsOnServer ? <span className="tool-call-badge">server</span> : null}
      <span className="tool-call-status">{view.label}</span>
      <span className="tool-call-duration">{duration ?? ''}</span>
      {errorText ? <span className="tool-call-error">{errorText}</span> : null}
      {awaiting ? <ApprovalButtons part={part} name={name} /> : null}
    </li>
  );
}, sameRow);

/** Approve / Deny for a call that changes state; the rest of the step runs meanwhile. */
function ApprovalButtons({ part, name }: { part: ToolPart; name: string }) {
  const { approve, deny, answering } = useApprovalActions();
  const approvalId = part.state === 'approval-requested' ? part.approval.id : undefined;
  // Without a request yet, a decision would answer nothing; once the response has ended
  // without one (a server that does not ask), the decision goes to the call directly.
  const ready = approvalId !== undefined || !answering;
  return (
    <fieldset className="tool-call-approval-box">
      <legend className="visually-hidden">Approve {name}?</legend>
      <span className="tool-call-approval-text">{name} changes something. Run it?</span>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={!ready}
        onClick={() => approve(part.toolCallId, approvalId)}
      >
        Approve
      </button>
      <button
        type="button"
        className="button button-ghost button-small"
        disabled={!ready}
        onClick={() => deny(part.toolCallId, approvalId, name)}
      >
        Deny
      </button>
    </fieldset>
  );
}

/**
 * Above this many calls a step's running dots hold still: each pulse is a composited
 * animation, and fifty of them made every frame of a 50-call step rebuild fifty layers (about
 * 150 ms of main-thread time in a 1.3 s run), delaying the very timers the step was waiting on.
 */
const PULSING_ROWS_MAX = 8;

/** The calls of one step, live: tool, arguments, status and measured duration. */
export function ToolCallList({ parts, turnActive }: { parts: ToolPart[]; turnActive: boolean }) {
  if (parts.length === 0) return null;
  return (
    <div className="tool-calls" data-size={parts.length > PULSING_ROWS_MAX ? 'many' : undefined}>
      <div className="tool-calls-header">
        <span>
          {parts.length} tool call{parts.length === 1 ? '' : 's'}
        </span>
        <span
          className="tool-calls-note"
          title="Each demo tool waits a simulated service latency before answering"
        >
          service latency simulated
        </span>
      </div>
      <ul className="tool-call-list">
        {parts.map((part) => (
          <ToolCallRow key={part.toolCallId} part={part} turnActive={turnActive} />
        ))}
      </ul>
    </div>
  );
}

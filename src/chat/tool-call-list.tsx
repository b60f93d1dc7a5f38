import { useVirtualizer } from '@tanstack/react-virtual';
import type { DynamicToolUIPart, ToolUIPart } from 'ai';
import { type MouseEvent, memo, useLayoutEffect, useRef, useState } from 'react';
import { toolSpecByName } from '../shared/tools';
import { countOf } from '../shared/words';
import { showCallInTimeline, useCallSelected } from '../timeline/timeline-store';
import { mediaQueryMatches, WIDE_QUERY } from '../timeline/use-media-query';
import {
  type CallStatusName,
  callStatuses,
  runningSpan,
  statusOfSpan,
} from '../trace/call-vocabulary';
import type { ToolSpan } from '../trace/trace-types';
import { useSpan } from '../trace/use-span';
import { approvalDecisionReady } from '../turn/pending-approvals';
import { ApprovalChoice } from './approval-choice';
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

type CallView = { status: CallStatusName | 'waiting'; label: string; tone: string };

/**
 * What a row shows, from the call's one record (its trace span) and the vocabulary's words and
 * colour token; before the trace has the call (a moment after its part appears), it is waiting.
 */
function viewOf(part: ToolPart, span: ToolSpan | undefined, turnActive: boolean): CallView {
  if (!span) {
    return turnActive
      ? { status: 'waiting', label: 'waiting…', tone: 'queued' }
      : { status: 'waiting', label: 'not run', tone: 'cancelled' };
  }
  const status = statusOfSpan(span, turnActive ? 'running' : 'complete');
  const info = callStatuses[status];
  // A call whose input broke off mid-stream failed validation before it was complete.
  const label =
    status === 'invalid-input' && part.state === 'input-streaming' ? 'input cut off' : info.label;
  return { status, label: info.open ? `${label}…` : label, tone: info.token };
}

/** How long the handler ran, by the clock of where it ran (the proxy's for a server tool). */
function durationOf(span: ToolSpan | undefined): string | undefined {
  if (!span || span.settledAt === undefined) return undefined;
  const ran = runningSpan(span);
  if (ran.start === undefined || ran.end === undefined) return undefined;
  const ms = ran.end - ran.start;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

type ToolCallRowProps = {
  part: ToolPart;
  turnActive: boolean;
  /** A virtual row's place: its index (for measuring) and its top in px. */
  position?: { index: number; top: number };
  /** Measures a virtual row's height (rows with an error or approval are taller). */
  measure?: (element: HTMLElement | null) => void;
};

/**
 * The chat copies every part of a message on each update, so a row compares what it shows,
 * not the part's identity: a settled call re-renders its own row, not the other 49.
 */
function sameRow(previous: ToolCallRowProps, next: ToolCallRowProps): boolean {
  const a = previous.part;
  const b = next.part;
  return (
    previous.turnActive === next.turnActive &&
    previous.position?.index === next.position?.index &&
    previous.position?.top === next.position?.top &&
    a.toolCallId === b.toolCallId &&
    a.type === b.type &&
    a.state === b.state &&
    a.input === b.input &&
    a.errorText === b.errorText &&
    a.approval?.id === b.approval?.id &&
    a.approval?.approved === b.approval?.approved
  );
}

/** A click on the row (not on its approval buttons) selects the call's bar in the timeline. */
function showInTimeline(event: MouseEvent<HTMLElement>, callId: string) {
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest('button:not(.tool-call-name), a, input')) return;
  showCallInTimeline(callId, mediaQueryMatches(WIDE_QUERY));
}

const ToolCallRow = memo(function ToolCallRow({
  part,
  turnActive,
  position,
  measure,
}: ToolCallRowProps) {
  const span = useSpan(part.toolCallId);
  const selected = useCallSelected(part.toolCallId);
  const name = toolNameOf(part);
  const spec = toolSpecByName[name];
  const view = viewOf(part, span, turnActive);
  const duration = durationOf(span);
  const errorText = part.state === 'output-error' ? part.errorText : span?.errorText;
  // The span knows where it ran for every tool, the proxy's MCP tools included.
  const runsOnServer = (span?.runsOn ?? spec?.runsOn) === 'server';
  const awaiting = span?.state === 'awaiting-approval' && turnActive;
  const args = formatArgs(part.input);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the name inside is the row's keyboard control
    <li
      ref={measure}
      className={`tool-call tool-call-${view.tone}${selected ? ' tool-call-selected' : ''}`}
      data-selected={selected ? 'true' : undefined}
      data-index={position?.index}
      style={position ? { transform: `translateY(${position.top}px)` } : undefined}
      onClick={(event) => showInTimeline(event, part.toolCallId)}
      data-tool={name}
      data-call-id={part.toolCallId}
      data-state={part.state}
      data-status={view.status}
      data-start-ms={span?.startedAt?.toFixed(1)}
      data-end-ms={span?.settledAt?.toFixed(1)}
    >
      <span className="tool-call-dot" aria-hidden="true" />
      <button
        type="button"
        className="tool-call-name"
        aria-pressed={selected}
        title="Show this call in the timeline"
      >
        {name}
      </button>
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
  const ready = approvalDecisionReady(approvalId, answering);
  return (
    <ApprovalChoice
      name={name}
      question={`${name} changes something. Run it?`}
      ready={ready}
      onApprove={() => approve(part.toolCallId, approvalId)}
      onDeny={() => deny(part.toolCallId, approvalId, name)}
    />
  );
}

/**
 * Above this many calls a step's running dots hold still: each pulse is a composited
 * animation, and fifty of them made every frame of a 50-call step rebuild fifty layers (about
 * 150 ms of main-thread time in a 1.3 s run), delaying the very timers the step was waiting on.
 */
const PULSING_ROWS_MAX = 8;

/** Above this many calls only the rows in view (and a margin) are in the DOM. */
export const VIRTUAL_CALLS = 150;
/** A row's height before it is measured (one line). */
const CALL_ROW_PX = 30;

/** The nearest ancestor that scrolls vertically (the chat's message scroller). */
function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return node;
  }
  return null;
}

/** Many calls: only the rows in view are drawn, each measured once it is. */
function VirtualCallRows({ parts, turnActive }: { parts: ToolPart[]; turnActive: boolean }) {
  const listRef = useRef<HTMLUListElement>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [margin, setMargin] = useState(0);
  // The list's offset in the scroller moves as the messages above it grow: read it on scroll.
  useLayoutEffect(() => {
    const list = listRef.current;
    const parent = scrollParent(list);
    setScroller(parent);
    if (!list || !parent) return;
    const measure = () => {
      const offset =
        list.getBoundingClientRect().top - parent.getBoundingClientRect().top + parent.scrollTop;
      setMargin((current) => (Math.abs(current - offset) > 0.5 ? offset : current));
    };
    measure();
    parent.addEventListener('scroll', measure, { passive: true });
    return () => parent.removeEventListener('scroll', measure);
  }, []);
  const virtualizer = useVirtualizer({
    count: parts.length,
    getScrollElement: () => scroller,
    estimateSize: () => CALL_ROW_PX,
    overscan: 10,
    scrollMargin: margin,
    getItemKey: (index) => parts[index]?.toolCallId ?? index,
  });
  return (
    <ul
      ref={listRef}
      className="tool-call-list tool-call-list-virtual"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const part = parts[item.index];
        return part ? (
          <ToolCallRow
            key={part.toolCallId}
            part={part}
            turnActive={turnActive}
            position={{ index: item.index, top: item.start - margin }}
            measure={virtualizer.measureElement}
          />
        ) : null;
      })}
    </ul>
  );
}

/** The calls of one step, live: tool, arguments, status and measured duration. */
export function ToolCallList({ parts, turnActive }: { parts: ToolPart[]; turnActive: boolean }) {
  if (parts.length === 0) return null;
  return (
    <div className="tool-calls" data-size={parts.length > PULSING_ROWS_MAX ? 'many' : undefined}>
      <div className="tool-calls-header">
        <span>{countOf(parts.length, 'tool call')}</span>
        <span
          className="tool-calls-note"
          title="Each demo tool waits a simulated service latency before answering"
        >
          service latency simulated
        </span>
      </div>
      {parts.length > VIRTUAL_CALLS ? (
        <VirtualCallRows parts={parts} turnActive={turnActive} />
      ) : (
        <ul className="tool-call-list">
          {parts.map((part) => (
            <ToolCallRow key={part.toolCallId} part={part} turnActive={turnActive} />
          ))}
        </ul>
      )}
    </div>
  );
}

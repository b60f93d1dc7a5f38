import { isToolUIPart } from 'ai';
import type { FanoutMessage } from '../shared/message-metadata';
import type { RunTrace } from '../trace/trace-types';

/** A call waiting for the user, with what a decision needs. */
export type PendingApproval = {
  callId: string;
  toolName: string;
  input: unknown;
  /** The proxy's approval request, once the chat holds it (a decision answers it). */
  approvalId?: string;
  /**
   * A decision may be taken: the chat holds the request, or its response ended without one (a
   * proxy that does not ask). A call waits for approval as soon as its input is read, a moment
   * before the chat reaches the request that follows it; a decision then would answer nothing.
   */
  ready: boolean;
};

/**
 * Whether a decision on a waiting call may be taken now: the chat holds the proxy's request
 * (`approvalId`), or the response ended without one (a proxy that does not ask).
 */
export function approvalDecisionReady(approvalId: string | undefined, answering: boolean): boolean {
  return approvalId !== undefined || !answering;
}

/** The approval request each call of the latest assistant message holds, by call id. */
function approvalRequests(messages: readonly FanoutMessage[]): Map<string, string> {
  const requests = new Map<string, string>();
  const message = messages.findLast((candidate) => candidate.role === 'assistant');
  for (const part of message?.parts ?? []) {
    if (isToolUIPart(part) && part.state === 'approval-requested') {
      requests.set(part.toolCallId, part.approval.id);
    }
  }
  return requests;
}

/** The run's calls awaiting approval, in emission order; none once the run has ended. */
export function pendingApprovals(
  run: RunTrace | undefined,
  messages: readonly FanoutMessage[],
  answering: boolean,
): PendingApproval[] {
  if (run?.status !== 'running') return [];
  const requests = approvalRequests(messages);
  return run.spanOrder.flatMap((callId) => {
    const span = run.spans[callId];
    if (span?.state !== 'awaiting-approval') return [];
    const approvalId = requests.get(callId);
    return [
      {
        callId,
        toolName: span.toolName,
        input: span.input,
        ...(approvalId ? { approvalId } : {}),
        ready: approvalDecisionReady(approvalId, answering),
      },
    ];
  });
}

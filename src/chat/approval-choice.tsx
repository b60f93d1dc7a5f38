import type { ReactNode } from 'react';

/**
 * Approve / Deny for one call that changes something: the chat's rows and the race lanes ask
 * the same question the same way. `ready` is false until a decision would answer anything.
 */
export function ApprovalChoice({
  name,
  question,
  ready,
  onApprove,
  onDeny,
}: {
  /** The tool's name, for the spoken question. */
  name: string;
  /** What the person reads, e.g. "add_to_cart changes something. Run it?". */
  question: ReactNode;
  ready: boolean;
  onApprove: () => void;
  onDeny: () => void;
}) {
  return (
    <fieldset className="tool-call-approval-box">
      <legend className="visually-hidden">Approve {name}?</legend>
      <span className="tool-call-approval-text">{question}</span>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={!ready}
        onClick={onApprove}
      >
        Approve
      </button>
      <button
        type="button"
        className="button button-ghost button-small"
        disabled={!ready}
        onClick={onDeny}
      >
        Deny
      </button>
    </fieldset>
  );
}

import { createContext, useContext } from 'react';

/** What a call row needs to answer an approval request (stable callbacks from the chat hook). */
export type ApprovalActions = {
  approve: (callId: string, approvalId: string | undefined) => void;
  deny: (callId: string, approvalId: string | undefined, toolName: string) => void;
  /**
   * The chat is still reading the model's response. A call starts (and can wait for approval)
   * as soon as its input is read, a moment before the chat reaches the approval request that
   * follows it; a decision waits for that request rather than answering without it.
   */
  answering: boolean;
};

const noop: ApprovalActions = {
  approve: () => undefined,
  deny: () => undefined,
  answering: false,
};

export const ApprovalContext = createContext<ApprovalActions>(noop);

/** The approve/deny actions of the chat this row belongs to. */
export function useApprovalActions(): ApprovalActions {
  return useContext(ApprovalContext);
}

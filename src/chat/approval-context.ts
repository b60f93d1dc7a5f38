import { createContext, useContext } from 'react';

/** What a call row needs to answer an approval request (stable callbacks from the chat hook). */
export type ApprovalActions = {
  approve: (callId: string, approvalId: string | undefined) => void;
  deny: (callId: string, approvalId: string | undefined, toolName: string) => void;
};

const noop: ApprovalActions = { approve: () => undefined, deny: () => undefined };

export const ApprovalContext = createContext<ApprovalActions>(noop);

/** The approve/deny actions of the chat this row belongs to. */
export function useApprovalActions(): ApprovalActions {
  return useContext(ApprovalContext);
}

import type { UseChatHelpers } from '@ai-sdk/react';
import type { Settlement } from '../runtime';
import type { FanoutMessage } from './chat-types';

type AddToolOutput = UseChatHelpers<FanoutMessage>['addToolOutput'];

/**
 * Hands one settled call back to the chat, never awaited: addToolOutput waits for the
 * stream's job queue and awaiting it inside the stream's own callbacks would deadlock.
 * A denial is not delivered here: it answers the approval request it responds to.
 */
export function deliverSettlement(addToolOutput: AddToolOutput, settlement: Settlement): void {
  if (settlement.outputState === 'output-denied') return;
  if (settlement.outputState === 'output-error') {
    void addToolOutput({
      state: 'output-error',
      tool: settlement.toolName,
      toolCallId: settlement.callId,
      errorText: settlement.errorText ?? 'The tool failed.',
    });
    return;
  }
  void addToolOutput({
    tool: settlement.toolName,
    toolCallId: settlement.callId,
    output: settlement.modelOutput,
  });
}

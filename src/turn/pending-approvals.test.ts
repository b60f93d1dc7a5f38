import { describe, expect, it } from 'vitest';
import type { FanoutMessage } from '../shared/message-metadata';
import type { RunTrace, ToolSpan } from '../trace/trace-types';
import { pendingApprovals } from './pending-approvals';

const cart: ToolSpan = {
  callId: 'c',
  toolName: 'add_to_cart',
  stepId: 's',
  runsOn: 'browser',
  state: 'awaiting-approval',
  input: { sku: 'VEGA-AIR-13', quantity: 1 },
};

function runWith(spans: ToolSpan[], status: RunTrace['status'] = 'running'): RunTrace {
  return {
    id: 'r',
    prompt: '',
    policy: 'parallel',
    parallelToolCalls: true,
    startedAtPerf: 0,
    startedAtEpochMs: 0,
    status,
    steps: [],
    spans: Object.fromEntries(spans.map((span) => [span.callId, span])),
    spanOrder: spans.map((span) => span.callId),
  };
}

const asked: FanoutMessage[] = [
  {
    id: 'a',
    role: 'assistant',
    parts: [
      {
        type: 'tool-add_to_cart',
        toolCallId: 'c',
        state: 'approval-requested',
        input: cart.input,
        approval: { id: 'ap1' },
      },
    ],
  },
];

describe('pendingApprovals', () => {
  it('is ready once the chat holds the proxy’s request, and carries its id', () => {
    expect(pendingApprovals(runWith([cart]), asked, true)).toEqual([
      { callId: 'c', toolName: 'add_to_cart', input: cart.input, approvalId: 'ap1', ready: true },
    ]);
  });

  it('waits for the request while the response is read; without one at its end, decides alone', () => {
    expect(pendingApprovals(runWith([cart]), [], true)[0]?.ready).toBe(false);
    expect(pendingApprovals(runWith([cart]), [], false)[0]).toMatchObject({ ready: true });
    expect(pendingApprovals(runWith([cart]), [], false)[0]).not.toHaveProperty('approvalId');
  });

  it('lists nothing once the run has ended, or for calls not waiting', () => {
    expect(pendingApprovals(runWith([cart], 'stopped'), asked, false)).toEqual([]);
    expect(pendingApprovals(runWith([{ ...cart, state: 'running' }]), asked, false)).toEqual([]);
    expect(pendingApprovals(undefined, asked, false)).toEqual([]);
  });
});

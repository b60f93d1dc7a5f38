import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { lastStepIsComplete } from './step-complete';

type Part = UIMessage['parts'][number];

function assistant(...parts: Part[]): UIMessage[] {
  return [
    { id: 'u', role: 'user', parts: [{ type: 'text', text: 'hi' }] },
    { id: 'a', role: 'assistant', parts: [{ type: 'step-start' }, ...parts] },
  ];
}

const done = {
  type: 'tool-get_account_balance',
  toolCallId: 'b',
  state: 'output-available',
  input: {},
  output: { available: 1 },
} as const satisfies Part;

describe('lastStepIsComplete', () => {
  it('waits for a call awaiting approval, then counts a denial as its answer', () => {
    const waiting = {
      type: 'tool-add_to_cart',
      toolCallId: 'c',
      state: 'approval-requested',
      input: { sku: 'VEGA-AIR-13', quantity: 1 },
      approval: { id: 'ap1' },
    } as const satisfies Part;
    expect(lastStepIsComplete({ messages: assistant(done, waiting) })).toBe(false);
    const denied = {
      ...waiting,
      state: 'approval-responded',
      approval: { id: 'ap1', approved: false, reason: 'no' },
    } as const satisfies Part;
    expect(lastStepIsComplete({ messages: assistant(done, denied) })).toBe(true);
    // Approved but not yet run: the output is still owed.
    const approved = { ...denied, approval: { id: 'ap1', approved: true } } as const;
    expect(lastStepIsComplete({ messages: assistant(done, approved) })).toBe(false);
  });

  it('needs at least one call, and every call answered', () => {
    expect(lastStepIsComplete({ messages: assistant() })).toBe(false);
    expect(lastStepIsComplete({ messages: assistant(done) })).toBe(true);
    const running = {
      type: 'tool-get_weather',
      toolCallId: 'w',
      state: 'input-available',
      input: { city: 'Paris' },
    } as const satisfies Part;
    expect(lastStepIsComplete({ messages: assistant(done, running) })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { FanoutMessage } from '../shared/message-metadata';
import { CARRIED_SUMMARY_CHARS, carriedOutputs } from './carried-outputs';

const user: FanoutMessage = { id: 'u', role: 'user', parts: [{ type: 'text', text: 'hi' }] };

describe('carriedOutputs', () => {
  it('is empty for a request that starts a turn', () => {
    expect(carriedOutputs([user])).toEqual([]);
  });

  it('reads only the last step of the assistant message, and cuts long outputs', () => {
    const long = 'x'.repeat(500);
    const message: FanoutMessage = {
      id: 'a',
      role: 'assistant',
      parts: [
        { type: 'step-start' },
        {
          type: 'dynamic-tool',
          toolName: 'lookup_product',
          toolCallId: 'old',
          state: 'output-available',
          input: {},
          output: 1,
        },
        { type: 'step-start' },
        {
          type: 'dynamic-tool',
          toolName: 'search',
          toolCallId: 'new',
          state: 'output-available',
          input: {},
          output: long,
        },
        { type: 'text', text: 'done', state: 'done' },
      ],
    };
    const carried = carriedOutputs([user, message]);
    expect(carried.map((each) => each.callId)).toEqual(['new']);
    expect(carried[0]?.summary).toHaveLength(CARRIED_SUMMARY_CHARS + 1);
    expect(carried[0]?.bytes).toBe(502);
  });

  it('records a denial the request carries, with its reason', () => {
    const message: FanoutMessage = {
      id: 'a',
      role: 'assistant',
      parts: [
        { type: 'step-start' },
        {
          type: 'dynamic-tool',
          toolName: 'add_to_cart',
          toolCallId: 'cart',
          state: 'approval-responded',
          input: {},
          approval: { id: 'ap-1', approved: false, reason: 'not now' },
        },
        {
          type: 'dynamic-tool',
          toolName: 'add_to_cart',
          toolCallId: 'waiting',
          state: 'approval-requested',
          input: {},
          approval: { id: 'ap-2' },
        },
      ],
    };
    expect(carriedOutputs([user, message])).toEqual([
      { callId: 'cart', toolName: 'add_to_cart', state: 'denied', summary: 'not now', bytes: 9 },
    ]);
  });
});

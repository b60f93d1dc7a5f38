import { convertToModelMessages } from 'ai';
import { describe, expect, it } from 'vitest';
import { closeOpenCalls, markStopped, STOPPED_CALL } from './close-open-calls';
import type { FanoutMessage } from './message-metadata';

const user: FanoutMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'weather?' }] };

function assistant(parts: unknown[]): FanoutMessage {
  return { id: 'a1', role: 'assistant', parts } as FanoutMessage;
}

const stoppedTurn = assistant([
  { type: 'step-start' },
  { type: 'tool-get_weather', toolCallId: 'a', state: 'input-available', input: { city: 'Paris' } },
  { type: 'tool-get_weather', toolCallId: 'b', state: 'input-streaming', input: { city: 'To' } },
  {
    type: 'tool-get_weather',
    toolCallId: 'c',
    state: 'output-available',
    input: { city: 'Lima' },
    output: { tempC: 20 },
  },
  {
    type: 'tool-add_to_cart',
    toolCallId: 'd',
    state: 'approval-requested',
    input: { sku: 'X' },
    approval: { id: 'ap-1' },
  },
  {
    type: 'tool-add_to_cart',
    toolCallId: 'e',
    state: 'approval-responded',
    input: { sku: 'Y' },
    approval: { id: 'ap-2', approved: false, reason: 'no' },
  },
]);

describe('closeOpenCalls', () => {
  it('gives every call that can no longer finish an error result, and leaves the rest', () => {
    const [, closed] = closeOpenCalls([user, stoppedTurn], STOPPED_CALL);
    const states = closed?.parts.map((part) =>
      'toolCallId' in part ? [part.toolCallId, part.state] : [part.type],
    );
    expect(states).toEqual([
      ['step-start'],
      ['a', 'output-error'],
      ['b', 'output-error'],
      ['c', 'output-available'],
      ['d', 'output-error'],
      ['e', 'approval-responded'],
    ]);
    const paris = closed?.parts[1];
    expect(paris && 'errorText' in paris ? paris.errorText : undefined).toBe(STOPPED_CALL);
    expect(paris && 'input' in paris ? paris.input : undefined).toEqual({ city: 'Paris' });
  });

  it('returns the very same array when nothing is open', () => {
    const done = [user];
    expect(closeOpenCalls(done, STOPPED_CALL)).toBe(done);
  });

  it('turns a stopped turn into a history the model can read: every call has a result', async () => {
    const history = closeOpenCalls([user, stoppedTurn, { ...user, id: 'u2' }], STOPPED_CALL);
    const model = await convertToModelMessages(history);
    const calls = model.flatMap((message) =>
      Array.isArray(message.content)
        ? message.content.filter((part) => part.type === 'tool-call').map((part) => part.toolCallId)
        : [],
    );
    const results = model.flatMap((message) =>
      Array.isArray(message.content)
        ? message.content
            .filter((part) => part.type === 'tool-result')
            .map((part) => part.toolCallId)
        : [],
    );
    expect(calls.length).toBeGreaterThan(0);
    for (const id of calls) expect(results).toContain(id);
  });
});

describe('markStopped', () => {
  it('marks the turn’s last message once, keeping its metadata', () => {
    const answer = { ...stoppedTurn, metadata: { model: 'offline' } };
    const marked = markStopped([user, answer], 1000);
    expect(marked.at(-1)?.metadata).toEqual({ model: 'offline', stoppedAt: 1000 });
    expect(marked[0]).toBe(user);
    expect(markStopped(marked, 2000)).toBe(marked);
    expect(markStopped([user], 1000).at(-1)?.metadata?.stoppedAt).toBe(1000);
    expect(markStopped([], 1000)).toEqual([]);
  });
});

import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { endResponse, type ResponsePhase, readChunk, type TapEffect } from './stream-tap';

const context = (open: { callId: string; toolName: string }[] = []) => ({
  runId: 'r',
  stepId: 'r/step-1',
  at: 5,
  incompleteInputs: () => open,
});

/** Reads chunks in order from the start of a response: the last phase and every effect. */
function read(chunks: UIMessageChunk[], open: { callId: string; toolName: string }[] = []) {
  let phase: ResponsePhase = 'awaiting-content';
  const effects: TapEffect[] = [];
  for (const chunk of chunks) {
    const result = readChunk(phase, chunk, context(open));
    phase = result.phase;
    effects.push(...result.effects);
  }
  return { phase, effects };
}

const traced = (effects: TapEffect[]) =>
  effects.flatMap((effect) => (effect.kind === 'trace' ? [effect.event.type] : []));

describe('readChunk', () => {
  it('traces the first content once, and the first text once more', () => {
    const { phase, effects } = read([
      { type: 'start' },
      { type: 'reasoning-delta', id: 'r', delta: 'hm' },
      { type: 'reasoning-delta', id: 'r', delta: 'm' },
      { type: 'text-delta', id: 't', delta: 'Hi' },
      { type: 'text-delta', id: 't', delta: '!' },
    ]);
    expect(phase).toBe('text');
    expect(effects).toEqual([
      {
        kind: 'trace',
        event: { type: 'step-content', runId: 'r', stepId: 'r/step-1', at: 5, text: false },
      },
      {
        kind: 'trace',
        event: { type: 'step-content', runId: 'r', stepId: 'r/step-1', at: 5, text: true },
      },
    ]);
  });

  it('starts a call when its input is complete, but leaves the provider’s own calls alone', () => {
    const { effects } = read([
      { type: 'tool-input-start', toolCallId: 'a', toolName: 'get_weather' },
      {
        type: 'tool-input-available',
        toolCallId: 'a',
        toolName: 'get_weather',
        input: { city: 'Oslo' },
      },
      {
        type: 'tool-input-available',
        toolCallId: 'p',
        toolName: 'web_search',
        input: {},
        providerExecuted: true,
      },
    ]);
    expect(
      effects.filter((effect) => effect.kind !== 'trace').map((effect) => effect.kind),
    ).toEqual(['input-started', 'input-started', 'input-available', 'input-started']);
  });

  it('closes the step at the finish, not at a finish-step, and ends a run that needs no tools', () => {
    const { phase, effects } = read([
      { type: 'text-delta', id: 't', delta: 'Done.' },
      { type: 'finish-step' },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(phase).toBe('finished');
    expect(
      effects.map((effect) => (effect.kind === 'trace' ? effect.event.type : effect.kind)),
    ).toEqual(['step-content', 'step-finished', 'run-ended', 'close-step']);
  });

  it('fails the calls a finish left without input, and the run with them', () => {
    const { effects } = read(
      [{ type: 'finish', finishReason: 'tool-calls' }],
      [{ callId: 'cut', toolName: 'get_weather' }],
    );
    expect(effects.find((effect) => effect.kind === 'input-rejected')).toMatchObject({
      callId: 'cut',
      errorText: expect.stringMatching(/ended before/),
    });
    expect(traced(effects)).toEqual(['step-finished', 'step-error', 'run-ended']);
  });

  it('ignores everything after an error chunk: the chat stops reading there', () => {
    const { phase, effects } = read([
      { type: 'error', errorText: 'upstream failed' },
      { type: 'tool-input-available', toolCallId: 'late', toolName: 'get_weather', input: {} },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(phase).toBe('failed');
    expect(traced(effects)).toEqual(['step-error', 'run-ended']);
    expect(effects.some((effect) => effect.kind === 'input-available')).toBe(false);
  });
});

describe('a server tool’s timing', () => {
  it('becomes a trace event on the run, and a malformed one is ignored', () => {
    const { effects } = read([
      {
        type: 'data-server-tool-timing',
        data: { toolCallId: 'fx', startedAt: 1_000.5, settledAt: 1_400.25 },
        transient: true,
      },
      { type: 'data-server-tool-timing', data: { toolCallId: 'fx' }, transient: true },
    ]);
    expect(effects).toEqual([
      {
        kind: 'trace',
        event: {
          type: 'server-call-timed',
          runId: 'r',
          callId: 'fx',
          startedAtEpochMs: 1_000.5,
          settledAtEpochMs: 1_400.25,
        },
      },
    ]);
  });
});

describe('an MCP server’s progress and queueing', () => {
  it('become trace events on the run; a malformed report is ignored', () => {
    const { effects } = read([
      {
        type: 'data-server-tool-progress',
        data: { toolCallId: 'mcp', progress: 1, total: 4 },
        transient: true,
      },
      {
        type: 'data-server-tool-progress',
        data: { toolCallId: 'mcp', progress: -1 },
        transient: true,
      },
      {
        type: 'data-server-tool-timing',
        data: { toolCallId: 'mcp', queuedAt: 990, startedAt: 1_000.5, settledAt: 1_400.25 },
        transient: true,
      },
    ]);
    expect(effects).toEqual([
      {
        kind: 'trace',
        event: { type: 'server-call-progress', runId: 'r', callId: 'mcp', progress: 1, total: 4 },
      },
      {
        kind: 'trace',
        event: {
          type: 'server-call-timed',
          runId: 'r',
          callId: 'mcp',
          queuedAtEpochMs: 990,
          startedAtEpochMs: 1_000.5,
          settledAtEpochMs: 1_400.25,
        },
      },
    ]);
  });
});

describe('a server call’s live state on the proxy', () => {
  it('becomes a trace event as it changes; a malformed one is ignored', () => {
    const { effects } = read([
      {
        type: 'data-server-tool-state',
        data: { toolCallId: 'q', state: 'queued', at: 1_000.5 },
        transient: true,
      },
      {
        type: 'data-server-tool-state',
        data: { toolCallId: 'q', state: 'done', at: 1_100 },
        transient: true,
      },
      {
        type: 'data-server-tool-state',
        data: { toolCallId: 'q', state: 'running', at: 1_250 },
        transient: true,
      },
    ]);
    expect(effects).toEqual([
      {
        kind: 'trace',
        event: {
          type: 'server-call-state',
          runId: 'r',
          callId: 'q',
          state: 'queued',
          atEpochMs: 1_000.5,
        },
      },
      {
        kind: 'trace',
        event: {
          type: 'server-call-state',
          runId: 'r',
          callId: 'q',
          state: 'running',
          atEpochMs: 1_250,
        },
      },
    ]);
  });
});

describe('a server call the proxy deduplicated', () => {
  it('names the call whose result it shared, and is not timed as a call that ran', () => {
    const { effects } = read([
      {
        type: 'data-server-tool-timing',
        data: { toolCallId: 'dup', startedAt: 1_000, settledAt: 1_300, sharedWith: 'first' },
        transient: true,
      },
    ]);
    expect(effects).toEqual([{ kind: 'server-shared', callId: 'dup', sharedWith: 'first' }]);
  });
});

describe('endResponse', () => {
  it('a response that broke off fails the run with the network’s reason', () => {
    const { effects } = endResponse('text', {
      ...context(),
      error: new Error('reset'),
      stopped: false,
    });
    expect(effects.at(-2)).toMatchObject({
      kind: 'trace',
      event: { type: 'step-error', errorText: 'reset' },
    });
  });

  it('after a finish, a failure or Stop it only closes what is open', () => {
    expect(endResponse('finished', { ...context(), stopped: false }).effects).toEqual([]);
    const stopped = endResponse('content', { ...context(), stopped: true });
    expect(stopped).toEqual({ phase: 'finished', effects: [{ kind: 'close-step' }] });
    const failed = endResponse('failed', { ...context(), stopped: false });
    expect(traced([...failed.effects])).toEqual([]);
  });
});

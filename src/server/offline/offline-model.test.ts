import type { LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOfflineModel, jsonChunks } from './offline-model';
import { planReply } from './planner';

function userPrompt(text: string): LanguageModelV4Prompt {
  return [{ role: 'user', content: [{ type: 'text', text }] }];
}

async function collect(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

function textOf(parts: LanguageModelV4StreamPart[]) {
  return parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('offline planner replies', () => {
  it('greets a greeting and says it is rule-based', () => {
    const reply = planReply({ prompt: userPrompt('hello') });
    const text = reply.parts[0]?.type === 'text' ? reply.parts[0].text : '';
    expect(text).toMatch(/^Hello!/);
    expect(text).toContain('rule-based');
  });

  it('explains what it can do when asked', () => {
    const reply = planReply({ prompt: userPrompt('What can you do?') });
    const text = reply.parts[0]?.type === 'text' ? reply.parts[0].text : '';
    expect(text).toContain('offline planner');
    expect(text).toContain('one step');
  });

  it('names the declared tools', () => {
    const reply = planReply({
      prompt: userPrompt('help'),
      tools: [{ type: 'function', name: 'get_weather', inputSchema: { type: 'object' } }],
    });
    const text = reply.parts[0]?.type === 'text' ? reply.parts[0].text : '';
    expect(text).toContain('`get_weather`');
  });

  it('is deterministic for the same input', () => {
    const prompt = userPrompt('Tell me a joke about databases');
    expect(planReply({ prompt })).toEqual(planReply({ prompt }));
  });
});

describe('offline model stream', () => {
  it('streams text deltas that add up to the planned reply, then finishes with usage', async () => {
    const model = createOfflineModel({ timeToFirstTokenMs: 0, tokensPerSecond: 0 });
    const prompt = userPrompt('hi');
    const { stream } = await model.doStream({ prompt });
    const parts = await collect(stream);
    const planned = planReply({ prompt }).parts[0];
    expect(textOf(parts)).toBe(planned?.type === 'text' ? planned.text : '');
    const types = parts.map((part) => part.type);
    expect(types[0]).toBe('stream-start');
    expect(types).toContain('text-start');
    expect(types.indexOf('text-start')).toBeLessThan(types.indexOf('text-delta'));
    const finish = parts.at(-1);
    expect(finish?.type).toBe('finish');
    if (finish?.type === 'finish') {
      expect(finish.finishReason.unified).toBe('stop');
      expect(finish.usage.outputTokens.total).toBe(
        types.filter((type) => type === 'text-delta').length,
      );
    }
  });

  it('waits the time to first token, then paces tokens at the configured rate', async () => {
    vi.useFakeTimers();
    const model = createOfflineModel({ timeToFirstTokenMs: 500, tokensPerSecond: 10 });
    const { stream } = await model.doStream({ prompt: userPrompt('hello') });
    const reader = stream.getReader();
    const seen: string[] = [];
    const pump = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        seen.push(value.type);
      }
    })();
    await vi.advanceTimersByTimeAsync(499);
    expect(seen).not.toContain('text-delta');
    await vi.advanceTimersByTimeAsync(2);
    expect(seen.filter((type) => type === 'text-delta')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(seen.filter((type) => type === 'text-delta')).toHaveLength(4);
    await reader.cancel();
    await pump.catch(() => undefined);
  });

  it('stops streaming when the request is aborted', async () => {
    const model = createOfflineModel({ timeToFirstTokenMs: 10_000, tokensPerSecond: 10 });
    const controller = new AbortController();
    const { stream } = await model.doStream({
      prompt: userPrompt('hello'),
      abortSignal: controller.signal,
    });
    const reading = collect(stream);
    controller.abort(new Error('stopped by user'));
    await expect(reading).rejects.toThrow('stopped by user');
  });
});

describe('jsonChunks', () => {
  it('splits arguments into deltas that concatenate back to the JSON', () => {
    const json = JSON.stringify({ city: 'São Paulo', note: 'quote " inside' });
    const chunks = jsonChunks(json);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('')).toBe(json);
  });
});

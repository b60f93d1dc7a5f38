import type { LanguageModelV4FunctionTool, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { planReply } from './planner';

function tools(...names: string[]): LanguageModelV4FunctionTool[] {
  return names.map((name) => ({ type: 'function', name, inputSchema: { type: 'object' } }));
}

function user(text: string): LanguageModelV4Prompt {
  return [{ role: 'user', content: [{ type: 'text', text }] }];
}

const message = [
  '/call calculate {"expression":"2480 * 0.175"}',
  '/call everything_get-sum {"a": 2, "b": 3}',
  '/call get_weather {"city":"Paris"}',
].join('\n');
const declared = tools('calculate', 'get_weather', 'everything_get-sum');

describe('offline planner: manual step', () => {
  it('emits exactly the listed calls, in one step, for any declared tool', () => {
    const reply = planReply(
      { prompt: user(message), tools: declared },
      { parallelToolCalls: true },
    );
    const calls = reply.parts.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
    expect(calls.map((call) => [call.toolName, call.input])).toEqual([
      ['calculate', { expression: '2480 * 0.175' }],
      ['everything_get-sum', { a: 2, b: 3 }],
      ['get_weather', { city: 'Paris' }],
    ]);
    expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(3);
  });

  it('answers with what each call returned, values shown', () => {
    const first = planReply({ prompt: user(message), tools: declared });
    const calls = first.parts.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
    const outputs = [
      { type: 'json' as const, value: { expression: '2480 * 0.175', result: 434 } },
      { type: 'text' as const, value: 'The sum of 2 and 3 is 5.' },
      { type: 'error-text' as const, value: 'The weather service timed out.' },
    ];
    const prompt: LanguageModelV4Prompt = [
      ...user(message),
      {
        role: 'assistant',
        content: calls.map((call) => ({
          type: 'tool-call' as const,
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          input: call.input,
        })),
      },
      {
        role: 'tool',
        content: calls.map((call, index) => ({
          type: 'tool-result' as const,
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: outputs[index] ?? { type: 'text' as const, value: '' },
        })),
      },
    ];
    const answer = planReply({ prompt, tools: declared });
    const text = answer.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
    expect(answer.parts.every((part) => part.type === 'text')).toBe(true);
    expect(text).toContain('2 of 3 calls returned a result');
    expect(text).toContain('**result = 434**');
    expect(text).toContain('"result":434');
    expect(text).toContain('The sum of 2 and 3 is 5.');
    expect(text).toMatch(/get_weather.*failed.*timed out/);
  });

  it('runs nothing and names the line when a tool is unknown or the JSON is invalid', () => {
    const reply = planReply({
      prompt: user(
        '/call calculate {"expression":"1+1"}\n/call teleport {"to":"Mars"}\n/call get_weather {city}',
      ),
      tools: declared,
    });
    expect(reply.parts.every((part) => part.type === 'text')).toBe(true);
    const text = reply.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
    expect(text).toMatch(/^I ran nothing/);
    expect(text).toMatch(/\*\*Line 2\*\*.*no tool named `teleport`/);
    expect(text).toMatch(/\*\*Line 3\*\*.*not valid JSON/);
    expect(text).toContain('`everything_get-sum`');
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatManualStep,
  isManualStep,
  MAX_MANUAL_CALLS,
  parseManualStep,
  unknownToolErrors,
} from './manual-step';

describe('manual step', () => {
  it('reads one call per line, with its line number', () => {
    const step = parseManualStep(
      '/call calculate {"expression":"2+3"}\n\n/call get_weather {"city": "Paris"}',
    );
    expect(step).toEqual({
      kind: 'calls',
      calls: [
        { line: 1, toolName: 'calculate', input: { expression: '2+3' } },
        { line: 3, toolName: 'get_weather', input: { city: 'Paris' } },
      ],
    });
  });

  it('takes a missing input as an empty object, and MCP names as they are', () => {
    const step = parseManualStep('/call get_user_profile\n/call everything_get-sum {"a":1,"b":2}');
    expect(step.kind).toBe('calls');
    expect(step.calls.map((call) => [call.toolName, call.input])).toEqual([
      ['get_user_profile', {}],
      ['everything_get-sum', { a: 1, b: 2 }],
    ]);
  });

  it('names the line whose JSON is invalid, and keeps the lines that were fine', () => {
    const step = parseManualStep('/call calculate {"expression":"1+1"}\n/call get_weather {city:}');
    expect(step.kind).toBe('errors');
    if (step.kind !== 'errors') return;
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.line).toBe(2);
    expect(step.errors[0]?.text).toBe('/call get_weather {city:}');
    expect(step.errors[0]?.reason).toMatch(/not valid JSON/);
    expect(step.calls).toHaveLength(1);
  });

  it('refuses inputs that are not objects, bad names and stray lines', () => {
    const step = parseManualStep('/call calculate [1,2]\n/call bad.name {}\nhello\n/call');
    expect(step.kind).toBe('errors');
    if (step.kind !== 'errors') return;
    expect(step.errors.map((error) => [error.line, error.reason])).toEqual([
      [1, expect.stringMatching(/must be a JSON object/)],
      [2, expect.stringMatching(/not a tool name/)],
      [3, expect.stringMatching(/does not start with `\/call`/)],
      [4, expect.stringMatching(/names no tool/)],
    ]);
  });

  it('refuses a step with more calls than the cap, naming the first line over it', () => {
    const lines = Array.from({ length: MAX_MANUAL_CALLS + 2 }, () => '/call calculate {}');
    const step = parseManualStep(lines.join('\n'));
    expect(step.kind).toBe('errors');
    if (step.kind !== 'errors') return;
    expect(step.errors).toEqual([
      expect.objectContaining({
        line: MAX_MANUAL_CALLS + 1,
        reason: expect.stringMatching(/at most/),
      }),
    ]);
  });

  it('tells a manual step from a question', () => {
    expect(isManualStep('  \n/call calculate {}')).toBe(true);
    expect(isManualStep('/calling all cities')).toBe(false);
    expect(isManualStep('What is /call?')).toBe(false);
  });

  it('finds tools the conversation does not have', () => {
    const step = parseManualStep('/call calculate {}\n/call teleport {"to":"Mars"}');
    const errors = unknownToolErrors(step.calls, new Set(['calculate']));
    expect(errors).toEqual([
      {
        line: 2,
        text: '/call teleport {"to":"Mars"}',
        reason: 'there is no tool named `teleport` in this conversation',
      },
    ]);
  });

  it('writes exactly what it reads', () => {
    const calls = [
      { toolName: 'calculate', input: { expression: '2 * (3 + 4)' } },
      {
        toolName: 'search_knowledge_base',
        input: { source: 'faq', query: 'line\nbreak "quoted"' },
      },
    ];
    const step = parseManualStep(formatManualStep(calls));
    expect(step.kind).toBe('calls');
    expect(step.calls.map(({ toolName, input }) => ({ toolName, input }))).toEqual(calls);
  });
});

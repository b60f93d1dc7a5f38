import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const calculateInput = z.object({
  expression: z
    .string()
    .min(1)
    .max(500)
    .describe(
      'An arithmetic expression: numbers, + - * / ^, parentheses and functions such as sqrt, abs, round, ' +
        'floor, ceil, min, max, log, exp; constants PI and E. Example: "(1299 + 999) * 1.0825".',
    ),
});
export type CalculateInput = z.infer<typeof calculateInput>;

export const calculateOutput = z.object({
  expression: z.string(),
  result: z.number(),
});
export type CalculateOutput = z.infer<typeof calculateOutput>;

export const calculateSpec = defineToolSpec({
  name: 'calculate',
  description:
    'Evaluate an arithmetic expression exactly and safely (no code execution). Use it for totals, differences, ' +
    'percentages and unit maths instead of doing arithmetic in your head. Independent calculations can be called ' +
    'in parallel in one response.',
  input: calculateInput,
  runsOn: 'browser',
  timeoutMs: 5000,
  simulatedLatency: { baseMs: 200, jitterMs: 80 },
});

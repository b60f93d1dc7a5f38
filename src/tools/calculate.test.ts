import { describe, expect, it } from 'vitest';
import { calculateHandler, checkExpression, evaluateExpression } from './calculate';
import { testContext } from './test-data-loader';

describe('calculate', () => {
  it.each([
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['2 ^ 3 ^ 2', 512],
    ['-3 + 5', 2],
    ['10 / 4', 2.5],
    ['0.1 + 0.2', 0.3],
    ['1.5 * 2.25', 3.375],
    ['(1299 + 999) * 1.0825', 2487.585],
    ['1e3 / 8', 125],
    ['sqrt(16) + abs(-3)', 7],
    ['max(1299, 1649, 999) - min(1299, 1649, 999)', 650],
    ['round(PI * 100) / 100', 3.14],
    ['log10(1000)', 3],
    ['12 × 3 ÷ 4 − 1', 8],
  ])('evaluates %s = %s', async (expression, expected) => {
    expect(await evaluateExpression(expression)).toBe(expected);
  });

  it('returns the expression with its result', async () => {
    await expect(calculateHandler({ expression: '6 * 7' }, testContext())).resolves.toEqual({
      expression: '6 * 7',
      result: 42,
    });
  });

  it.each([
    'constructor',
    'process.exit()',
    'constructor.constructor("return process")()',
    '__proto__',
    'toString()',
    'this',
    'globalThis',
    'eval("1")',
    'Function("return 1")()',
    'PI.constructor',
    'Math.random()',
    'x + 1',
    'require("fs")',
    '[1,2].map(alert)',
    'a = 1',
  ])('rejects %s', async (expression) => {
    await expect(evaluateExpression(expression)).rejects.toThrow();
  });

  it('explains what is wrong', () => {
    expect(() => checkExpression('process.exit()')).toThrow(/Unknown name "process"/);
    expect(() => checkExpression('15% * 80')).toThrow(/write percentages as multiplication/);
    expect(() => checkExpression('"abc"')).toThrow(/Unsupported character/);
    expect(() => checkExpression('1.5.toFixed')).toThrow(/Property access is not allowed/);
  });

  it('reports syntax errors and non-finite results as errors', async () => {
    await expect(evaluateExpression('1 +')).rejects.toThrow(/Could not evaluate "1 \+"/);
    await expect(evaluateExpression('1 / 0')).rejects.toThrow(/finite/);
    await expect(evaluateExpression('sqrt(-1)')).rejects.toThrow(/finite/);
  });

  it('honours an aborted signal', async () => {
    await expect(
      calculateHandler({ expression: '1 + 1' }, testContext(AbortSignal.abort())),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

import { whenIdle } from '../platform/when-idle';
import type { CalculateInput, CalculateOutput } from '../shared/tools/calculate';
import type { ToolHandler } from './tool-context';

const allowedFunctions = [
  'abs',
  'acos',
  'asin',
  'atan',
  'cbrt',
  'ceil',
  'cos',
  'exp',
  'floor',
  'hypot',
  'log',
  'log10',
  'log2',
  'max',
  'min',
  'pow',
  'round',
  'sign',
  'sin',
  'sqrt',
  'tan',
  'trunc',
];
const allowedConstants = ['PI', 'E'];
const allowedNames = new Set([...allowedFunctions, ...allowedConstants]);

// Numbers first, so "1e3" is one literal while "log10" is one name.
const token = /(\d*\.?\d+(?:e[+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\S)/gi;

/**
 * Rejects anything beyond arithmetic before the parser sees it: the parser resolves names on
 * plain objects and on Math, so an allowlist keeps `constructor`, `process.exit()`, property
 * paths and the like out entirely rather than relying on the library's own blacklist.
 */
export function checkExpression(raw: string): string {
  const expression = raw.replace(/×|·/g, '*').replace(/÷/g, '/').replace(/−/g, '-').trim();
  if (expression.includes('%')) {
    throw new Error('"%" is not supported: write percentages as multiplication, e.g. 0.15 * 80.');
  }
  const unsupported = expression.match(/[^0-9A-Za-z_.,\s+\-*/^()]/);
  if (unsupported) throw new Error(`Unsupported character "${unsupported[0]}" in the expression.`);
  for (const [, , name, other] of expression.matchAll(token)) {
    if (other === '.') {
      throw new Error('Property access is not allowed: use only numbers, operators and functions.');
    }
    if (name !== undefined && !allowedNames.has(name)) {
      throw new Error(
        `Unknown name "${name}". Allowed functions: ${allowedFunctions.join(', ')}; constants: ${allowedConstants.join(', ')}.`,
      );
    }
  }
  return expression;
}

const loadParser = () => import('fparser');

/**
 * Starts loading the parser while the page is idle, so the first calculation does not pay for
 * the chunk's download and compile inside its measured time (tens of ms on a busy machine,
 * which `npm run bench` saw as a 50 ms step running 200 ms over its limit).
 */
export function preloadCalculator() {
  whenIdle(() => void loadParser().catch(() => undefined), 2000);
}

/** Evaluates a checked arithmetic expression with fparser (loaded on first use, off the first screen). */
export async function evaluateExpression(raw: string, signal?: AbortSignal): Promise<number> {
  const expression = checkExpression(raw);
  const { default: Formula } = await loadParser();
  signal?.throwIfAborted();
  let value: unknown;
  try {
    // A prototype-less scope: no name can resolve to an inherited Object method.
    value = new Formula(expression).evaluate(Object.create(null));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not evaluate "${raw}": ${reason}`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`"${raw}" does not evaluate to a finite number (division by zero?).`);
  }
  // Binary floating point turns 0.1 + 0.2 into 0.30000000000000004; 15 digits is what doubles hold.
  return Number(value.toPrecision(15));
}

/** calculate: safe arithmetic, never eval or Function. */
export const calculateHandler: ToolHandler<CalculateInput, CalculateOutput> = async (
  input,
  ctx,
) => {
  ctx.signal.throwIfAborted();
  const result = await evaluateExpression(input.expression, ctx.signal);
  return { expression: input.expression, result };
};

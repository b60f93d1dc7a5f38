import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { isManualStep } from '../../shared/manual-step';
import { promptLink } from '../../shared/prompt-link';
import { extractPlan, type PlannedCall, type RequestPlan, type UnplannedPart } from './intents';
import { lexicon as defaultLexicon, type Lexicon } from './lexicon';
import { manualReply } from './manual-reply';
import type { OfflineReply, OfflineReplyPart } from './reply';
import { synthesize, unplannedLines } from './synthesis';
import { stableHash } from './text';
import { callKey, readTurn, type TurnState } from './turn-state';

export type PlannerInput = Pick<LanguageModelV4CallOptions, 'prompt' | 'tools'>;

export type PlannerOptions = {
  /** When false, the planner emits one call per step, as a model with parallel calls switched off does. */
  parallelToolCalls?: boolean;
  lexicon?: Lexicon;
};

/** A guard against a conversation that keeps asking for more steps. */
const MAX_STEPS_PER_REQUEST = 24;

const greetingPattern =
  /^\s*(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings|yo)\b[\s!.,?]*(there|fanout)?[\s!.,?]*$/i;
const helpPattern =
  /\b(help|what can you do|what do you do|who are you|what are you|capabilit|how does this work)\b/i;

export const EXAMPLE_REQUESTS = [
  "What's the weather in Paris, Tokyo and New York?",
  'Compare the Aurora X1, the Nimbus Pro and the Vega Air.',
  'Show my profile, my balance and my recent orders.',
  'Search the docs, the FAQ and the forum for battery life.',
  'Convert 250 USD to EUR, GBP and JPY.',
  'Which is cheapest of the Aurora X1, Nimbus Pro and Vega Air? Then check its stock at my home store.',
];

function declaredToolNames(input: PlannerInput): string[] {
  return (input.tools ?? []).map((tool) => tool.name);
}

function capabilities(input: PlannerInput): string {
  const tools = declaredToolNames(input);
  const toolLine =
    tools.length > 0
      ? `Tools declared for this conversation: ${tools.map((name) => `\`${name}\``).join(', ')}.`
      : 'No tools are declared for this conversation, so for now I can only chat.';
  return [
    "I'm Fanout's **offline planner**: a deterministic, rule-based stand-in for a language model. No LLM, no API key, no network — the same question always gets the same answer.",
    '',
    'When you ask for several independent things at once, I plan them the way a real model with parallel tool calling does:',
    '',
    '1. **Find the independent needs** — products, cities, knowledge-base sources, account facets, currency pairs, time zones.',
    '2. **Emit every independent tool call in one step**, so the page can run them at the same time.',
    '3. **Chain a further step** only when one answer depends on another (the cheapest product, *then* its stock).',
    '4. **Write the answer from the results**, including what failed or timed out.',
    '',
    toolLine,
    '',
    'Things to try:',
    '',
    ...EXAMPLE_REQUESTS.map((example) => `- ${promptLink(example)}`),
  ].join('\n');
}

function nothingPlanned(unplanned: UnplannedPart[]): string {
  return [
    `I'm a rule-based planner, and I could not plan ${unplanned.length === 1 ? 'this request' : 'any part of this request'} with the tools here:`,
    '',
    ...unplannedLines(unplanned),
    '',
    'I can fetch weather and local times, look up products and their stock, read your profile, balance and orders, search the docs, FAQ and forum, convert currencies and calculate. Ask *What can you do?* for examples.',
  ].join('\n');
}

function withoutFirstParagraph(text: string): string {
  return text.split('\n').slice(2).join('\n');
}

function greeting(input: PlannerInput): string {
  return [
    "Hello! I'm the offline planner — rule-based, no LLM. The same question always gets the same answer, and I never need a key or a network, which makes me a dependable partner for demos.",
    '',
    withoutFirstParagraph(capabilities(input)),
  ].join('\n');
}

function fallback(question: string, input: PlannerInput): string {
  const quoted = question.length > 120 ? `${question.slice(0, 117)}…` : question;
  return [
    `I'm a rule-based planner, so I can't answer free-form questions like “${quoted}”.`,
    '',
    withoutFirstParagraph(capabilities(input)),
  ].join('\n');
}

function numberField(value: unknown, key: string): number | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'number' ? field : undefined;
}

/** The dependent call of a chained request, built from the earlier step's outputs. */
function chainedCall(
  plan: RequestPlan,
  turn: TurnState,
  lexicon: Lexicon,
): { call: PlannedCall; because: string } | undefined {
  const chain = plan.chain;
  if (!chain) return undefined;
  const products = turn.calls
    .filter((call) => call.toolName === 'lookup_product' && call.outcome.kind === 'ok')
    .map((call) => (call.outcome.kind === 'ok' ? call.outcome.value : undefined))
    .filter(
      (value): value is Record<string, unknown> => Boolean(value) && typeof value === 'object',
    );
  const measure = (product: Record<string, unknown>) =>
    chain.pick === 'best-rated'
      ? -(numberField(product, 'rating') ?? 0)
      : chain.pick === 'cheapest'
        ? (numberField(product, 'priceUsd') ?? Number.POSITIVE_INFINITY)
        : -(numberField(product, 'priceUsd') ?? 0);
  const chosen = [...products].sort((a, b) => measure(a) - measure(b))[0];
  if (!chosen || typeof chosen.sku !== 'string') return undefined;
  const label =
    chain.pick === 'cheapest'
      ? 'the cheapest'
      : chain.pick === 'best-rated'
        ? 'the best rated'
        : 'the most expensive';
  const price = numberField(chosen, 'priceUsd');
  return {
    call: {
      toolName: 'check_inventory',
      input: { sku: chosen.sku, ...(chain.storeId ? { storeId: chain.storeId } : {}) },
      position: 0,
    },
    because: `The **${String(chosen.name ?? chosen.sku)}** is ${label}${price !== undefined && chain.pick !== 'best-rated' ? ` at $${price.toFixed(2)}` : ''}. Now checking its stock${chain.storeId ? ` at ${lexicon.storeName(chain.storeId) ?? chain.storeId}` : ' in every store'}.`,
  };
}

function preface(calls: PlannedCall[], parallel: boolean, total: number): string {
  if (!parallel) {
    return total > 1
      ? `Parallel tool calls are off, so one call per step: \`${calls[0]?.toolName}\` first.`
      : '';
  }
  if (calls.length === 1) return '';
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.toolName, (counts.get(call.toolName) ?? 0) + 1);
  const list = [...counts].map(([name, count]) => `\`${name}\`${count > 1 ? ` ×${count}` : ''}`);
  const these = calls.length === 2 ? 'Both calls are' : `These ${calls.length} calls are`;
  return `${these} independent, so I'm making them at once: ${list.join(', ')}.`;
}

function toolCallParts(turn: TurnState, calls: PlannedCall[]): OfflineReplyPart[] {
  return calls.map((call, index) => ({
    type: 'tool-call',
    toolCallId: `call_${stableHash(`${turn.requestIndex}:${turn.stepsSoFar}:${index}:${callKey(call.toolName, call.input)}`)}${index}`,
    toolName: call.toolName,
    input: call.input,
  }));
}

/** Decides the offline planner's reply for one step; pure and deterministic for the same input. */
export function planReply(input: PlannerInput, options: PlannerOptions = {}): OfflineReply {
  const lexicon = options.lexicon ?? defaultLexicon;
  const parallel = options.parallelToolCalls ?? true;
  const turn = readTurn(input.prompt);
  const question = turn.request;
  const text = (value: string): OfflineReply => ({ parts: [{ type: 'text', text: value }] });
  if (isManualStep(question)) return manualReply(turn, declaredToolNames(input));

  if (turn.calls.length === 0) {
    if (question === '' || greetingPattern.test(question)) return text(greeting(input));
    if (helpPattern.test(question)) return text(capabilities(input));
  }

  const plan = extractPlan(question, lexicon);
  if (plan.calls.length === 0 && turn.calls.length === 0) {
    return text(
      plan.unplanned.length > 0 ? nothingPlanned(plan.unplanned) : fallback(question, input),
    );
  }

  const declared = new Set(declaredToolNames(input));
  const usable = plan.calls.filter((call) => declared.has(call.toolName));
  const unavailable = [
    ...new Set(
      plan.calls.filter((call) => !declared.has(call.toolName)).map((call) => call.toolName),
    ),
  ];
  if (usable.length === 0 && turn.calls.length === 0) {
    return text(
      [
        `I understood the request, but the tools it needs (${unavailable.map((name) => `\`${name}\``).join(', ')}) are not declared in this conversation.`,
        ...(plan.unplanned.length > 0
          ? ['', 'Nor could I plan these parts:', '', ...unplannedLines(plan.unplanned)]
          : []),
      ].join('\n'),
    );
  }

  const done = new Set(turn.calls.map((call) => callKey(call.toolName, call.input)));
  let pending = usable.filter((call) => !done.has(callKey(call.toolName, call.input)));
  let lead = preface(pending, parallel, pending.length);
  if (pending.length === 0 && declared.has('check_inventory')) {
    const chained = chainedCall(plan, turn, lexicon);
    if (chained && !done.has(callKey(chained.call.toolName, chained.call.input))) {
      pending = [chained.call];
      lead = chained.because;
    }
  }

  if (pending.length > 0 && turn.stepsSoFar < MAX_STEPS_PER_REQUEST) {
    const batch = parallel ? pending : pending.slice(0, 1);
    // Said up front as well as in the answer: the user sees at once what will not be done.
    if (turn.calls.length === 0 && plan.unplanned.length > 0) {
      const note = `I can't plan ${plan.unplanned.length === 1 ? 'one part' : `${plan.unplanned.length} parts`} of this; the answer will say what each would need.`;
      lead = lead ? `${lead}\n\n${note}` : note;
    }
    const parts: OfflineReplyPart[] = lead ? [{ type: 'text', text: lead }] : [];
    parts.push(...toolCallParts(turn, batch));
    return { parts };
  }
  return text(synthesize(turn, plan, lexicon, unavailable));
}

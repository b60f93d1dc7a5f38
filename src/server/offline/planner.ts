import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { lastUserText } from './conversation';
import type { OfflineReply } from './reply';

export type PlannerInput = Pick<LanguageModelV4CallOptions, 'prompt' | 'tools'>;

const greetingPattern =
  /^\s*(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings|yo)\b[\s!.,?]*(there|fanout)?[\s!.,?]*$/i;
const helpPattern =
  /\b(help|what can you do|what do you do|who are you|what are you|capabilit|how does this work)\b/i;

function declaredToolNames(input: PlannerInput): string[] {
  return (input.tools ?? []).map((tool) => tool.name);
}

function capabilities(input: PlannerInput): string {
  const tools = declaredToolNames(input);
  const toolLine =
    tools.length > 0
      ? `Tools declared for this conversation: ${tools.map((name) => `\`${name}\``).join(', ')}.`
      : 'No tools are declared for this conversation yet, so for now I can only chat.';
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
    'Try: *"What\'s the weather in Paris, Tokyo and New York?"*',
  ].join('\n');
}

function greeting(input: PlannerInput): string {
  return [
    "Hello! I'm the offline planner — rule-based, no LLM. The same question always gets the same answer, and I never need a key or a network, which makes me a dependable partner for demos.",
    '',
    capabilities(input).split('\n').slice(2).join('\n'),
  ].join('\n');
}

function fallback(question: string, input: PlannerInput): string {
  const quoted = question.length > 120 ? `${question.slice(0, 117)}…` : question;
  return [
    `I'm a rule-based planner, so I can't answer free-form questions like “${quoted}”.`,
    '',
    capabilities(input).split('\n').slice(2).join('\n'),
  ].join('\n');
}

/** Decides the offline planner's reply for one step; pure and deterministic for the same input. */
export function planReply(input: PlannerInput): OfflineReply {
  const question = lastUserText(input.prompt);
  if (question === '' || greetingPattern.test(question)) {
    return { parts: [{ type: 'text', text: greeting(input) }] };
  }
  if (helpPattern.test(question)) {
    return { parts: [{ type: 'text', text: capabilities(input) }] };
  }
  return { parts: [{ type: 'text', text: fallback(question, input) }] };
}

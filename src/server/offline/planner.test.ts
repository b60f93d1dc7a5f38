import type { LanguageModelV4FunctionTool, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../demo/scenarios';
import { extractPlan } from './intents';
import { lexicon } from './lexicon';
import { planReply } from './planner';
import type { OfflineReply } from './reply';
import { humanizeKey } from './synthesis';

const allTools = [
  'get_weather',
  'lookup_product',
  'check_inventory',
  'search_knowledge_base',
  'get_user_profile',
  'get_account_balance',
  'get_recent_orders',
  'convert_currency',
  'get_local_time',
  'calculate',
].map(
  (name): LanguageModelV4FunctionTool => ({
    type: 'function',
    name,
    inputSchema: { type: 'object' },
  }),
);

function user(text: string): LanguageModelV4Prompt {
  return [{ role: 'user', content: [{ type: 'text', text }] }];
}

function calls(reply: OfflineReply) {
  return reply.parts.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
}

function replyText(reply: OfflineReply) {
  return reply.parts.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** Appends the model's calls and the given outputs to the prompt, as a follow-up request does. */
function followUp(
  prompt: LanguageModelV4Prompt,
  reply: OfflineReply,
  outputs: (
    toolName: string,
    input: Record<string, unknown>,
  ) => { ok: unknown } | { error: string },
): LanguageModelV4Prompt {
  const toolCalls = calls(reply);
  return [
    ...prompt,
    {
      role: 'assistant',
      content: toolCalls.map((call) => ({
        type: 'tool-call' as const,
        toolCallId: call.toolCallId,
        toolName: call.toolName,
        input: call.input,
      })),
    },
    {
      role: 'tool',
      content: toolCalls.map((call) => {
        const result = outputs(call.toolName, call.input as Record<string, unknown>);
        return {
          type: 'tool-result' as const,
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output:
            'ok' in result
              ? { type: 'json' as const, value: result.ok as never }
              : { type: 'error-text' as const, value: result.error },
        };
      }),
    },
  ];
}

describe('extractPlan', () => {
  it('finds three cities for a weather question, in reading order', () => {
    const plan = extractPlan("What's the weather in Paris, Tokyo and New York?", lexicon);
    expect(plan.calls.map((call) => call.input)).toEqual([
      { city: 'Paris' },
      { city: 'Tokyo' },
      { city: 'New York' },
    ]);
  });

  it('keeps a city the data does not know, so the tool can say so', () => {
    const plan = extractPlan('Weather in Paris, Tokyo and Atlantis please', lexicon);
    expect(plan.calls.map((call) => call.input)).toEqual([
      { city: 'Paris' },
      { city: 'Tokyo' },
      { city: 'Atlantis' },
    ]);
  });

  it('matches cities without their accents', () => {
    const plan = extractPlan('How hot is it in Sao Paulo and Zurich?', lexicon);
    expect(plan.calls.map((call) => call.input)).toEqual([
      { city: 'São Paulo' },
      { city: 'Zürich' },
    ]);
  });

  it('tells "Nova 8" from "Nova 8 Ultra"', () => {
    const plan = extractPlan('Compare the Nova 8 Ultra and the Nova 8', lexicon);
    expect(plan.calls.map((call) => call.input)).toEqual([
      { product: 'Nova 8 Ultra' },
      { product: 'Nova 8' },
    ]);
  });

  it('finds the account facets', () => {
    const plan = extractPlan('Show my profile, my balance and my last 3 orders', lexicon);
    expect(plan.calls.map((call) => [call.toolName, call.input])).toEqual([
      ['get_user_profile', {}],
      ['get_account_balance', {}],
      ['get_recent_orders', { limit: 3 }],
    ]);
  });

  it('searches each named knowledge-base source for the query', () => {
    const plan = extractPlan('Search the docs, the FAQ and the forum for battery life.', lexicon);
    expect(plan.calls.map((call) => call.input)).toEqual([
      { source: 'docs', query: 'battery life' },
      { source: 'faq', query: 'battery life' },
      { source: 'forum', query: 'battery life' },
    ]);
  });

  it('converts one amount into each target currency, by code or by name', () => {
    expect(
      extractPlan('Convert 250 USD to EUR, GBP and JPY.', lexicon).calls.map((call) => call.input),
    ).toEqual([
      { amount: 250, from: 'USD', to: 'EUR' },
      { amount: 250, from: 'USD', to: 'GBP' },
      { amount: 250, from: 'USD', to: 'JPY' },
    ]);
    expect(
      extractPlan('How much is €1,200 in dollars and yen?', lexicon).calls.map(
        (call) => call.input,
      ),
    ).toEqual([
      { amount: 1200, from: 'EUR', to: 'USD' },
      { amount: 1200, from: 'EUR', to: 'JPY' },
    ]);
  });

  it('maps cities to IANA time zones', () => {
    const plan = extractPlan('What time is it in Tokyo, London and San Francisco?', lexicon);
    expect(plan.calls.map((call) => call.input)).toEqual([
      { timezone: 'Asia/Tokyo' },
      { timezone: 'Europe/London' },
      { timezone: 'America/Los_Angeles' },
    ]);
  });

  it('plans a chained stock check after the cheapest of several products', () => {
    const plan = extractPlan(
      'Which is cheapest of the Aurora X1, Nimbus Pro and Vega Air? Then check its stock at my home store.',
      lexicon,
    );
    expect(plan.calls).toHaveLength(3);
    expect(plan.chain).toEqual({
      kind: 'pick-then-stock',
      pick: 'cheapest',
      storeId: lexicon.homeStoreId,
    });
  });

  it('finds nothing to do in small talk', () => {
    expect(extractPlan('Tell me a joke about databases', lexicon).calls).toEqual([]);
  });
});

describe('planReply', () => {
  it('emits every independent call in one step', () => {
    const reply = planReply({
      prompt: user("What's the weather in Paris, Tokyo and New York?"),
      tools: allTools,
    });
    expect(calls(reply).map((call) => call.toolName)).toEqual([
      'get_weather',
      'get_weather',
      'get_weather',
    ]);
    expect(new Set(calls(reply).map((call) => call.toolCallId)).size).toBe(3);
  });

  it('emits one call per step when parallel calls are off', () => {
    const prompt = user("What's the weather in Paris, Tokyo and New York?");
    const first = planReply({ prompt, tools: allTools }, { parallelToolCalls: false });
    expect(calls(first).map((call) => call.input)).toEqual([{ city: 'Paris' }]);
    const second = planReply(
      {
        prompt: followUp(prompt, first, () => ({ ok: { city: 'Paris', tempC: 18 } })),
        tools: allTools,
      },
      { parallelToolCalls: false },
    );
    expect(calls(second).map((call) => call.input)).toEqual([{ city: 'Tokyo' }]);
  });

  it('chains the stock check on the cheapest product after the lookups return', () => {
    const prompt = user(
      'Which is cheapest of the Aurora X1, Nimbus Pro and Vega Air? Then check its stock at my home store.',
    );
    const first = planReply({ prompt, tools: allTools });
    expect(calls(first).map((call) => call.toolName)).toEqual([
      'lookup_product',
      'lookup_product',
      'lookup_product',
    ]);
    const withLookups = followUp(prompt, first, (_tool, input) => {
      const product = lexicon.products.find((item) => item.name === input.product);
      return { ok: product };
    });
    const second = planReply({ prompt: withLookups, tools: allTools });
    expect(calls(second).map((call) => [call.toolName, call.input])).toEqual([
      ['check_inventory', { sku: 'VEGA-AIR-13', storeId: 'sf-market' }],
    ]);
    expect(replyText(second)).toContain('Vega Air');
    const done = followUp(withLookups, second, () => ({
      ok: {
        sku: 'VEGA-AIR-13',
        productName: 'Vega Air',
        totalQuantity: 7,
        stores: [
          {
            storeId: 'sf-market',
            storeName: 'Kestrel Market Street',
            city: 'San Francisco',
            quantity: 7,
            status: 'in-stock',
            restockDate: null,
          },
        ],
      },
    }));
    const final = planReply({ prompt: done, tools: allTools });
    expect(calls(final)).toEqual([]);
    expect(replyText(final)).toContain('7 in stock');
    expect(replyText(final)).toContain('over 2 steps');
  });

  it('writes a grounded answer that says what failed or timed out', () => {
    const prompt = user("What's the weather in Paris, Tokyo and Atlantis?");
    const first = planReply({ prompt, tools: allTools });
    const done = followUp(prompt, first, (_tool, input) =>
      input.city === 'Atlantis'
        ? { error: 'Unknown city "Atlantis".' }
        : input.city === 'Tokyo'
          ? { error: 'timed out after 5000 ms' }
          : {
              ok: {
                city: 'Paris',
                country: 'France',
                tempC: 18.5,
                condition: 'Sunny',
                humidityPct: 40,
                windKph: 9,
              },
            },
    );
    const text = replyText(planReply({ prompt: done, tools: allTools }));
    expect(text).toContain('1 of 3 tool calls succeeded');
    expect(text).toContain('| Paris, France | Sunny | 18.50 °C');
    expect(text).toMatch(/get_weather \(Tokyo\) timed out/);
    expect(text).toMatch(/get_weather \(Atlantis\) failed\*\*: Unknown city/);
  });

  it('skips tools the conversation does not declare', () => {
    const reply = planReply({
      prompt: user("What's the weather in Paris?"),
      tools: allTools.filter((tool) => tool.name !== 'get_weather'),
    });
    expect(calls(reply)).toEqual([]);
    expect(replyText(reply)).toContain('not declared');
  });

  it('is deterministic, ids included', () => {
    const input = { prompt: user('Convert 250 USD to EUR, GBP and JPY.'), tools: allTools };
    expect(planReply(input)).toEqual(planReply(input));
  });
});

describe('every scenario of the gallery', () => {
  const expected: Record<string, string[]> = {
    'compare-products': ['lookup_product', 'lookup_product', 'lookup_product'],
    'account-overview': ['get_user_profile', 'get_account_balance', 'get_recent_orders'],
    'search-everywhere': [
      'search_knowledge_base',
      'search_knowledge_base',
      'search_knowledge_base',
    ],
    'weather-three-cities': ['get_weather', 'get_weather', 'get_weather'],
    'currency-three-ways': ['convert_currency', 'convert_currency', 'convert_currency'],
    'cheapest-then-stock': ['lookup_product', 'lookup_product', 'lookup_product'],
    'one-call-fails': ['get_weather', 'get_weather', 'get_weather'],
  };
  it.each(scenarios.map((scenario) => [scenario.id, scenario.prompt] as const))(
    '%s fans out in one step',
    (id, prompt) => {
      const reply = planReply({ prompt: user(prompt), tools: allTools });
      expect(calls(reply).map((call) => call.toolName)).toEqual(expected[id]);
    },
  );
});

describe('humanizeKey', () => {
  it('turns spec keys into words with their unit', () => {
    expect(humanizeKey('weightKg')).toBe('Weight (kg)');
    expect(humanizeKey('batteryHours')).toBe('Battery (hours)');
    expect(humanizeKey('display')).toBe('Display');
    expect(humanizeKey('noise_cancelling')).toBe('Noise cancelling');
  });
});

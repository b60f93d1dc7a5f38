import type { LanguageModelV4FunctionTool, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../demo/scenarios';
import { promptFromHref, promptHref } from '../../shared/prompt-link';
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
  'add_to_cart',
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

describe('the cart (a tool that needs approval)', () => {
  const request = 'Add the Vega Air to my cart and show my balance';

  it('adds the named product instead of looking it up, in parallel with the other need', () => {
    const plan = extractPlan(request, lexicon);
    expect(plan.calls.map((call) => [call.toolName, call.input])).toEqual([
      ['add_to_cart', { sku: 'VEGA-AIR-13', quantity: 1 }],
      ['get_account_balance', {}],
    ]);
    const reply = planReply({ prompt: user(request), tools: allTools });
    expect(calls(reply).map((call) => call.toolName)).toEqual([
      'add_to_cart',
      'get_account_balance',
    ]);
  });

  it('reads a quantity, and still looks up products named outside the cart clause', () => {
    const plan = extractPlan('Add 2 Aurora X1 to my cart. Compare the Nimbus Pro.', lexicon);
    expect(plan.calls.map((call) => [call.toolName, call.input])).toEqual([
      ['add_to_cart', { sku: expect.any(String), quantity: 2 }],
      ['lookup_product', { product: 'Nimbus Pro' }],
    ]);
  });

  it('says a denied add was not run, and reports an approved one with the cart', () => {
    const prompt = user(request);
    const first = planReply({ prompt, tools: allTools });
    const balance = { currency: 'USD', available: 1200, pending: 0, creditLimit: 5000 };
    const done = followUp(prompt, first, (tool) =>
      tool === 'get_account_balance' ? { ok: balance } : { ok: null },
    );
    // The proxy turns a denied approval into an execution-denied result.
    const denied = done.map((message) =>
      message.role !== 'tool'
        ? message
        : {
            ...message,
            content: message.content.map((part) =>
              part.type === 'tool-result' && part.toolName === 'add_to_cart'
                ? {
                    ...part,
                    output: { type: 'execution-denied' as const, reason: 'the user denied it' },
                  }
                : part,
            ),
          },
    );
    const deniedText = replyText(planReply({ prompt: denied, tools: allTools }));
    expect(deniedText).toMatch(/add_to_cart \(VEGA-AIR-13\) was not run\*\*: the user denied it/);
    expect(deniedText).toContain('Available: **$1,200.00**');

    const approved = followUp(prompt, first, (tool) =>
      tool === 'get_account_balance'
        ? { ok: balance }
        : {
            ok: {
              added: { sku: 'VEGA-AIR-13', name: 'Vega Air', quantity: 1 },
              items: [{ sku: 'VEGA-AIR-13', name: 'Vega Air', quantity: 1, unitPriceUsd: 999 }],
              itemCount: 1,
              totalUsd: 999,
            },
          },
    );
    const approvedText = replyText(planReply({ prompt: approved, tools: allTools }));
    expect(approvedText).toContain('Added **1 × Vega Air** (VEGA-AIR-13)');
    expect(approvedText).toContain('The cart now holds 1 item, $999.00 in total.');
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
    'approve-a-change': ['add_to_cart', 'get_account_balance'],
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

describe('planReply: honest about what it cannot do', () => {
  it('names an ask it cannot plan, instead of the canned help', () => {
    const reply = planReply({ prompt: user('Book a flight to Paris'), tools: allTools });
    const text = replyText(reply);
    expect(calls(reply)).toEqual([]);
    expect(text).toContain('“Book a flight to Paris” — needs a flight search or booking tool.');
    expect(text).not.toContain('Things to try');
  });

  it('says up front and in the answer which part it did not plan', () => {
    const prompt = user("What's the weather in Paris and book a table for two");
    const first = planReply({ prompt, tools: allTools });
    expect(calls(first).map((call) => call.input)).toEqual([{ city: 'Paris' }]);
    expect(replyText(first)).toMatch(/I can't plan one part of this/);
    const answer = replyText(
      planReply({
        prompt: followUp(prompt, first, () => ({ ok: { city: 'Paris', tempC: 18 } })),
        tools: allTools,
      }),
    );
    expect(answer).toContain('### What I could not plan');
    expect(answer).toContain('“book a table for two” — needs a restaurant search or booking tool.');
  });

  it('plans an account overview as profile, balance and orders', () => {
    const reply = planReply({ prompt: user('give me an overview of my account'), tools: allTools });
    expect(calls(reply).map((call) => call.toolName)).toEqual([
      'get_user_profile',
      'get_account_balance',
      'get_recent_orders',
    ]);
  });

  it('still answers free-form text that asks nothing with the planner help', () => {
    const text = replyText(planReply({ prompt: user('first line\nsecond line'), tools: allTools }));
    expect(text).toMatch(/rule-based planner/);
  });

  it('writes its example prompts as fanout-prompt links', () => {
    const text = replyText(planReply({ prompt: user('What can you do?'), tools: allTools }));
    const example = "What's the weather in Paris, Tokyo and New York?";
    // The shared link form (src/shared/prompt-link.ts) also escapes the apostrophe.
    expect(text).toContain(`- [${example}](${promptHref(example)})`);
    expect(promptFromHref(promptHref(example))).toBe(example);
  });
});

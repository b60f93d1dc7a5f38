import { describe, expect, it } from 'vitest';
import { scenarios } from '../../demo/scenarios';
import { extractPlan } from './intents';
import { lexicon } from './lexicon';

type Call = [tool: string, input: Record<string, unknown>];
type Row = {
  prompt: string;
  calls: Call[];
  /** The asks the planner must name as not planned, quoted as it reads them. */
  cannot?: string[];
  chain?: 'cheapest' | 'most-expensive' | 'best-rated';
};

const TRIP =
  "I'm flying to Tokyo next week for a conference and then on to Paris for a few days of holiday. " +
  'Could you check the weather in Tokyo and Paris, tell me the local time in Tokyo, and convert 500 USD ' +
  'to JPY and EUR so I know what to bring? I also need a light laptop for the trip, so compare the ' +
  'Aurora X1 and the Vega Air and tell me which is cheapest. Please book me a hotel near Shibuya for ' +
  'three nights and find a flight from New York to Tokyo on Monday. Finally, remind me to pack my ' +
  'charger the evening before I leave.';

const FAMILY_TRIP =
  "We're planning a two-week family trip to Japan in April: Tokyo first, then Kyoto and Osaka for " +
  'the second week. Can you suggest an itinerary, find kid-friendly hotels near the main train ' +
  'stations, tell me whether we need visas as US citizens, work out how much 3000 dollars is in yen, ' +
  'and let me know what the weather is like in Tokyo and Kyoto? Also, what time is it in Tokyo right ' +
  'now, and could you remind me to book the bullet train tickets a month before we go? Finally, is ' +
  'the Vega Air light enough to bring, and what does the forum say about using it abroad?';

const weather = (city: string): Call => ['get_weather', { city }];
const time = (timezone: string): Call => ['get_local_time', { timezone }];
const calc = (expression: string): Call => ['calculate', { expression }];
const lookup = (product: string): Call => ['lookup_product', { product }];
const convert = (amount: number, from: string, to: string): Call => [
  'convert_currency',
  { amount, from, to },
];
const search = (source: string, query: string): Call => [
  'search_knowledge_base',
  { source, query },
];
const profile: Call = ['get_user_profile', {}];
const balance: Call = ['get_account_balance', {}];
const orders: Call = ['get_recent_orders', {}];

const table: Row[] = [
  // The examples.
  {
    prompt: 'Calculate 2480 * 0.175 and sqrt(1764)',
    calls: [calc('2480 * 0.175'), calc('sqrt(1764)')],
  },
  {
    prompt: 'weather in Paris and Tokyo, and time in Tokyo',
    calls: [weather('Paris'), weather('Tokyo'), time('Asia/Tokyo')],
  },
  { prompt: 'give me an overview of my account', calls: [profile, balance, orders] },
  {
    prompt: TRIP,
    calls: [
      weather('Tokyo'),
      weather('Paris'),
      time('Asia/Tokyo'),
      convert(500, 'USD', 'JPY'),
      convert(500, 'USD', 'EUR'),
      lookup('Aurora X1'),
      lookup('Vega Air'),
    ],
    cannot: [
      'Please book me a hotel near Shibuya for three nights',
      'find a flight from New York to Tokyo on Monday',
      'remind me to pack my charger the evening before I leave',
    ],
  },
  {
    prompt: FAMILY_TRIP,
    calls: [
      convert(3000, 'USD', 'JPY'),
      weather('Tokyo'),
      weather('Kyoto'),
      time('Asia/Tokyo'),
      lookup('Vega Air'),
      search('forum', 'using Vega Air abroad'),
    ],
    cannot: [
      'Can you suggest an itinerary',
      'find kid-friendly hotels near the main train stations',
      'tell me whether we need visas as US citizens',
      'could you remind me to book the bullet train tickets a month before we go',
    ],
  },
  // Weather: lists, paraphrases, plurals, typos, places the data does not know.
  {
    prompt: "What's the weather in Paris, Tokyo and New York?",
    calls: [weather('Paris'), weather('Tokyo'), weather('New York')],
  },
  {
    prompt: "What's the weather in Paris, Tokyo and Atlantis?",
    calls: [weather('Paris'), weather('Tokyo'), weather('Atlantis')],
  },
  { prompt: "What's the wether in Londn and Tokio?", calls: [weather('London'), weather('Tokyo')] },
  { prompt: 'Whats the temprature in Berlin?', calls: [weather('Berlin')] },
  { prompt: 'Is it raining in London?', calls: [weather('London')] },
  {
    prompt: "What's the forecast for Rome and Madrid tomorrow?",
    calls: [weather('Rome'), weather('Madrid')],
  },
  {
    prompt: "What's the weather in Paris? And Tokyo?",
    calls: [weather('Paris'), weather('Tokyo')],
  },
  {
    prompt: "What's the weather in Rio de Janeiro and Buenos Aires this week?",
    calls: [weather('Rio de Janeiro'), weather('Buenos Aires')],
  },
  { prompt: 'Paris, Tokyo: weather?', calls: [weather('Paris'), weather('Tokyo')] },
  { prompt: 'Temperatures in Sydney and Cairo', calls: [weather('Sydney'), weather('Cairo')] },
  { prompt: "What's the weather in São Paulo?", calls: [weather('São Paulo')] },
  {
    prompt: "What's the weather like?",
    calls: [],
    cannot: ["What's the weather like"],
  },
  // Local time, alone and beside weather.
  { prompt: 'What time is it in Tokyo?', calls: [time('Asia/Tokyo')] },
  {
    prompt: 'What time is it in London, and in New York?',
    calls: [time('Europe/London'), time('America/New_York')],
  },
  {
    prompt: "What time is it in Tokyo and what's the weather in Paris?",
    calls: [time('Asia/Tokyo'), weather('Paris')],
  },
  {
    prompt: "What's the time and weather in Sydney?",
    calls: [weather('Sydney'), time('Australia/Sydney')],
  },
  {
    prompt: 'Can you get me the weather for Berlin and Rome plus the time in Seoul?',
    calls: [weather('Berlin'), weather('Rome'), time('Asia/Seoul')],
  },
  {
    prompt: 'Weather in Paris, time in New York, and convert 20 GBP to EUR.',
    calls: [weather('Paris'), time('America/New_York'), convert(20, 'GBP', 'EUR')],
  },
  { prompt: 'Local times in Mumbai and Dubai', calls: [time('Asia/Kolkata'), time('Asia/Dubai')] },
  // Calculations.
  { prompt: 'Calculate 2+2, 3*4 and 10/4', calls: [calc('2+2'), calc('3*4'), calc('10/4')] },
  { prompt: "What's 15% of 80?", calls: [calc('15 / 100 * 80')] },
  { prompt: 'What is 2^10?', calls: [calc('2^10')] },
  { prompt: 'calcualte 7 * 6', calls: [calc('7 * 6')] },
  { prompt: 'whats 100 / 3', calls: [calc('100 / 3')] },
  { prompt: 'Evaluate max(3, 7) + min(2, 9)', calls: [calc('max(3, 7) + min(2, 9)')] },
  { prompt: 'Compute (1299 + 999) * 1.0825 please', calls: [calc('(1299 + 999) * 1.0825')] },
  { prompt: 'Work out 1,299 * 3', calls: [calc('1299 * 3')] },
  { prompt: 'Calculate the tip', calls: [], cannot: ['Calculate the tip'] },
  // Currencies.
  {
    prompt: 'Convert 250 USD to EUR, GBP and JPY.',
    calls: [convert(250, 'USD', 'EUR'), convert(250, 'USD', 'GBP'), convert(250, 'USD', 'JPY')],
  },
  {
    prompt: 'Convert 100 euros to dollars and 50 GBP to JPY',
    calls: [convert(100, 'EUR', 'USD'), convert(50, 'GBP', 'JPY')],
  },
  { prompt: 'How many yen is 100 dollars?', calls: [convert(100, 'USD', 'JPY')] },
  { prompt: 'Convert $250 to euros', calls: [convert(250, 'USD', 'EUR')] },
  {
    prompt: 'Exchange 1,000 JPY into USD and GBP',
    calls: [convert(1000, 'JPY', 'USD'), convert(1000, 'JPY', 'GBP')],
  },
  // Products, stock and chains.
  {
    prompt: 'Compare the Aurora X1, the Nimbus Pro and the Vega Air.',
    calls: [lookup('Aurora X1'), lookup('Nimbus Pro'), lookup('Vega Air')],
  },
  {
    prompt: 'Look up the Orion 16 and the Lumen 27',
    calls: [lookup('Orion 16'), lookup('Lumen 27')],
  },
  { prompt: 'How much is the Zephyr Fold?', calls: [lookup('Zephyr Fold')] },
  { prompt: 'Tell me about the Halcyon 700', calls: [lookup('Halcyon 700')] },
  {
    prompt: 'Check stock of the Atlas Dock at sf-market',
    calls: [['check_inventory', { sku: 'ATL-DOCK-TB4', storeId: 'sf-market' }]],
  },
  {
    prompt:
      'Which is cheapest: the Aurora X1, the Nimbus Pro or the Vega Air? Then check its stock at my home store.',
    calls: [lookup('Aurora X1'), lookup('Nimbus Pro'), lookup('Vega Air')],
    chain: 'cheapest',
  },
  {
    prompt: "What's the best rated of the Drift One and the Halcyon 700? Check its stock.",
    calls: [lookup('Drift One'), lookup('Halcyon 700')],
    chain: 'best-rated',
  },
  {
    prompt: "Is the Vega Air in stock at my home store? And what's the weather in Madrid?",
    calls: [['check_inventory', { sku: 'VEGA-AIR-13', storeId: 'sf-market' }], weather('Madrid')],
  },
  { prompt: 'Compare some laptops for me', calls: [], cannot: ['Compare some laptops for me'] },
  // Account.
  {
    prompt: 'Show my profile, my balance and my recent orders.',
    calls: [profile, balance, orders],
  },
  { prompt: 'Show me my profile', calls: [profile] },
  { prompt: 'Who am I?', calls: [profile] },
  { prompt: 'My recent orders please', calls: [orders] },
  { prompt: 'What have I ordered recently?', calls: [orders] },
  { prompt: 'How much money do I have?', calls: [balance] },
  { prompt: "What's my credit limit?", calls: [balance] },
  {
    prompt: 'Show my account balance and my last 3 orders',
    calls: [balance, ['get_recent_orders', { limit: 3 }]],
  },
  { prompt: 'Account summary please', calls: [profile, balance, orders] },
  { prompt: 'Show my balanse and my profle', calls: [balance, profile] },
  // Knowledge base.
  {
    prompt: 'Search the docs, the FAQ and the forum for battery life.',
    calls: [
      search('docs', 'battery life'),
      search('faq', 'battery life'),
      search('forum', 'battery life'),
    ],
  },
  { prompt: 'What does the FAQ say about returns?', calls: [search('faq', 'returns')] },
  {
    prompt: 'Search everywhere for shipping',
    calls: [search('docs', 'shipping'), search('faq', 'shipping'), search('forum', 'shipping')],
  },
  {
    prompt: 'Search the docs for firmware update and translate it into French',
    calls: [search('docs', 'firmware update')],
    cannot: ['translate it into French'],
  },
  // Cart.
  {
    prompt: 'Add the Vega Air to my cart and show my balance.',
    calls: [['add_to_cart', { sku: 'VEGA-AIR-13', quantity: 1 }], balance],
  },
  {
    prompt: 'Add two Pulse Buds 2 to my cart and tell me my balance',
    calls: [['add_to_cart', { sku: 'PLS-BUDS2-WH', quantity: 2 }], balance],
  },
  // Several kinds of need at once.
  {
    prompt: 'Show my balance and calculate 1299 + 999',
    calls: [balance, calc('1299 + 999')],
  },
  {
    prompt: 'Compare the Nova 8 and the Nova 8 Ultra and search the forum for battery drain.',
    calls: [lookup('Nova 8'), lookup('Nova 8 Ultra'), search('forum', 'battery drain')],
  },
  {
    prompt: 'Weather in Paris then convert 20 GBP to EUR.',
    calls: [weather('Paris'), convert(20, 'GBP', 'EUR')],
  },
  {
    prompt: "What's the weather in Paris? And show my balance.",
    calls: [weather('Paris'), balance],
  },
  // Follow-ups that refer back: "there", "it", and comparisons of what the calls return.
  {
    prompt: "What's the weather in Paris? Also, what time is it there?",
    calls: [weather('Paris'), time('Europe/Paris')],
  },
  {
    prompt: 'Find the Nova 8 and add it to my cart',
    calls: [lookup('Nova 8'), ['add_to_cart', { sku: 'NOVA8-256-MN', quantity: 1 }]],
  },
  {
    prompt: 'Compare the Aurora X1 and Nimbus Pro, which one has better battery?',
    calls: [lookup('Aurora X1'), lookup('Nimbus Pro')],
  },
  {
    prompt: 'Get the weather for Paris and Berlin and tell me which one is colder',
    calls: [weather('Paris'), weather('Berlin')],
  },
  {
    prompt: 'How do I reset my Beacon Mini? Search the docs.',
    calls: [search('docs', 'reset my Beacon Mini')],
  },
  { prompt: 'What is the return policy? Check the FAQ.', calls: [search('faq', 'return policy')] },
  {
    prompt: 'Look up the Vega Air and tell me if it is in stock',
    calls: [['check_inventory', { sku: 'VEGA-AIR-13' }]],
  },
  {
    prompt: 'Can you show my orders and what is my balance?',
    calls: [orders, balance],
  },
  { prompt: 'Thanks! Now what is the time in Tokyo?', calls: [time('Asia/Tokyo')] },
  // Asks no tool here can answer are named, never dropped.
  {
    prompt: 'Can you help me plan a trip to Tokyo?',
    calls: [],
    cannot: ['Can you help me plan a trip to Tokyo'],
  },
  {
    prompt: 'What is the return policy?',
    calls: [],
    cannot: ['What is the return policy'],
  },
  { prompt: 'Book a flight to Paris', calls: [], cannot: ['Book a flight to Paris'] },
  { prompt: 'Tell me a joke', calls: [], cannot: ['Tell me a joke'] },
  { prompt: 'Remind me to call mom', calls: [], cannot: ['Remind me to call mom'] },
  {
    prompt: "What's the capital of France?",
    calls: [],
    cannot: ["What's the capital of France"],
  },
  {
    prompt: "What's the weather in Paris and book a table for two",
    calls: [weather('Paris')],
    cannot: ['book a table for two'],
  },
  {
    prompt: 'Please send an email to my boss and show my balance',
    calls: [balance],
    cannot: ['Please send an email to my boss'],
  },
  { prompt: "What's the news today?", calls: [], cannot: ["What's the news today"] },
  // Statements and small talk are not asks.
  { prompt: "I'm in Paris right now.", calls: [] },
  { prompt: 'Thanks!', calls: [] },
];

describe('offline planner: prompt table', () => {
  it('has at least 60 prompts', () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });

  it.each(table)('$prompt', ({ prompt, calls, cannot = [], chain }) => {
    const plan = extractPlan(prompt, lexicon);
    expect(plan.calls.map((call) => [call.toolName, call.input])).toEqual(calls);
    expect(plan.unplanned.map((part) => part.text)).toEqual(cannot);
    expect(plan.chain?.pick).toBe(chain);
  });

  it('plans every demo scenario without naming a part it cannot do', () => {
    for (const scenario of scenarios) {
      const plan = extractPlan(scenario.prompt, lexicon);
      expect(plan.calls.length, scenario.prompt).toBeGreaterThan(0);
      expect(plan.unplanned, scenario.prompt).toEqual([]);
    }
  });

  it('says what each part it cannot do would need', () => {
    const needs = extractPlan(TRIP, lexicon).unplanned.map((part) => part.need);
    expect(needs).toEqual([
      'a hotel search or booking tool',
      'a flight search or booking tool',
      'a calendar tool',
    ]);
    expect(extractPlan(FAMILY_TRIP, lexicon).unplanned.map((part) => part.need)).toEqual([
      'a trip-planning tool',
      'a hotel search or booking tool',
      'a travel-documents service',
      'a calendar tool',
    ]);
    expect(extractPlan("What's the weather like?", lexicon).unplanned[0]?.need).toMatch(
      /a city for `get_weather`/,
    );
  });
});

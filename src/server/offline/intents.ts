import type { Lexicon } from './lexicon';
import { fold, splitList } from './text';

/** One independent information need, as the tool call that answers it. */
export type PlannedCall = {
  toolName: string;
  input: Record<string, unknown>;
  /** Where in the request the need was found; calls are emitted in reading order. */
  position: number;
};

/** A dependent follow-up: pick one product from the looked-up ones, then check its stock. */
export type StockChain = {
  kind: 'pick-then-stock';
  pick: 'cheapest' | 'most-expensive' | 'best-rated';
  storeId?: string;
};

export type RequestPlan = {
  calls: PlannedCall[];
  chain?: StockChain;
};

type Extractor = (text: string, lexicon: Lexicon) => RequestPlan;

const weatherWords =
  /\b(weather|temperatures?|forecast|raining|rainy|sunny|humid(?:ity)?|windy|how (?:hot|cold|warm))\b/i;
const timeWords =
  /\b(what time|local time|time (?:is it )?in|current time|clocks?|time zones?|timezones?)\b/i;

/** "… in Paris, Tokyo and Atlantis" → the listed places, including ones the data does not know. */
function listedPlaces(text: string, trigger: RegExp): Array<{ name: string; position: number }> {
  const match = new RegExp(`${trigger.source}[^?.!;]*?\\b(?:in|for|at)\\s+([^?.!;]+)`, 'i').exec(
    text,
  );
  if (!match?.[2]) return [];
  const listStart = match.index + match[0].length - match[2].length;
  const cleaned = match[2].replace(
    /\b(?:right now|today|currently|at the moment|please)\b.*$/i,
    '',
  );
  let cursor = listStart;
  return splitList(cleaned)
    .filter((name) => /^[\p{Lu}\d]/u.test(name) || name.includes('/'))
    .map((name) => {
      const at = text.indexOf(name, cursor);
      cursor = at >= 0 ? at + name.length : cursor;
      return { name, position: at >= 0 ? at : listStart };
    });
}

const weather: Extractor = (text, lexicon) => {
  if (!weatherWords.test(text)) return { calls: [] };
  const known = lexicon.findCities(text);
  const listed = listedPlaces(text, weatherWords);
  const cities = new Map<string, number>();
  for (const mention of known) cities.set(fold(mention.value), mention.index);
  const calls: PlannedCall[] = known.map((mention) => ({
    toolName: 'get_weather',
    input: { city: mention.value },
    position: mention.index,
  }));
  for (const place of listed) {
    const folded = fold(place.name);
    const coveredByKnown = known.some(
      (mention) => fold(mention.text) === folded || fold(mention.value) === folded,
    );
    if (coveredByKnown || cities.has(folded)) continue;
    cities.set(folded, place.position);
    calls.push({ toolName: 'get_weather', input: { city: place.name }, position: place.position });
  }
  return { calls };
};

const localTime: Extractor = (text, lexicon) => {
  if (!timeWords.test(text)) return { calls: [] };
  const zones = lexicon.findTimezones(text);
  const seen = new Set<string>();
  const calls: PlannedCall[] = [];
  for (const mention of zones) {
    if (seen.has(mention.value)) continue;
    seen.add(mention.value);
    calls.push({
      toolName: 'get_local_time',
      input: { timezone: mention.value },
      position: mention.index,
    });
  }
  for (const place of listedPlaces(text, timeWords)) {
    const known = zones.some((mention) => fold(mention.text) === fold(place.name));
    if (known) continue;
    calls.push({
      toolName: 'get_local_time',
      input: { timezone: place.name },
      position: place.position,
    });
  }
  return { calls };
};

const stockWords = /\b(in stock|stock|inventory|available|availability|on the shelf|how many)\b/i;

const products: Extractor = (text, lexicon) => {
  const mentions = lexicon.findProducts(text);
  const unique = mentions.filter(
    (mention, index) =>
      mentions.findIndex((other) => other.value.sku === mention.value.sku) === index,
  );
  if (unique.length === 0) return { calls: [] };
  const folded = fold(text);
  // The planner knows the signed-in customer's home store, as a system prompt would tell a model.
  const store =
    lexicon.findStores(text)[0]?.value ??
    (/\bmy (?:home |local )?store\b/i.test(text) ? lexicon.homeStoreId : undefined);
  const pick = /\b(cheapest|least expensive|lowest price|most affordable|lowest-priced)\b/.test(
    folded,
  )
    ? 'cheapest'
    : /\b(most expensive|priciest|highest price)\b/.test(folded)
      ? 'most-expensive'
      : /\b(best rated|best-rated|highest rated|top rated|best reviewed)\b/.test(folded)
        ? 'best-rated'
        : undefined;
  const wantsStock = stockWords.test(text);

  if (pick && wantsStock && unique.length > 1) {
    return {
      calls: unique.map((mention) => ({
        toolName: 'lookup_product',
        input: { product: mention.value.name },
        position: mention.index,
      })),
      chain: { kind: 'pick-then-stock', pick, ...(store ? { storeId: store } : {}) },
    };
  }
  if (wantsStock && !pick) {
    // "Is the Aurora X1 in stock?": the SKU is known, so no lookup is needed first.
    return {
      calls: unique.map((mention) => ({
        toolName: 'check_inventory',
        input: { sku: mention.value.sku, ...(store ? { storeId: store } : {}) },
        position: mention.index,
      })),
    };
  }
  return {
    calls: unique.map((mention) => ({
      toolName: 'lookup_product',
      input: { product: mention.value.name },
      position: mention.index,
    })),
  };
};

const account: Extractor = (text) => {
  const calls: PlannedCall[] = [];
  const at = (pattern: RegExp) => text.search(pattern);
  const profile = at(
    /\b(my (?:user )?profile|my account details|who am i|my details|my membership|my tier)\b/i,
  );
  if (profile >= 0) calls.push({ toolName: 'get_user_profile', input: {}, position: profile });
  const balance = at(/\b(balance|available credit|credit limit|how much (?:money|credit))\b/i);
  if (balance >= 0) calls.push({ toolName: 'get_account_balance', input: {}, position: balance });
  const orders = at(/\b(orders?|purchases?|order history|what (?:did )?i (?:buy|bought|order))\b/i);
  if (orders >= 0 && /\b(my|recent|last|latest|order history|i)\b/i.test(text)) {
    const count = /\b(?:last|latest|recent)\s+(\d{1,2})\b/i.exec(text)?.[1];
    calls.push({
      toolName: 'get_recent_orders',
      input: count ? { limit: Number(count) } : {},
      position: orders,
    });
  }
  return { calls };
};

const sourceWords: Array<['docs' | 'faq' | 'forum', RegExp]> = [
  ['docs', /\b(docs|documentation|manuals?|guides?)\b/i],
  ['faq', /\b(faqs?|frequently asked)\b/i],
  ['forum', /\b(forums?|community)\b/i],
];

const knowledgeBase: Extractor = (text) => {
  const everywhere = /\b(knowledge ?base|help cent(?:er|re)|all sources|everywhere)\b/i.test(text);
  const named = sourceWords.filter(([, pattern]) => pattern.test(text));
  const searching = /\b(search|look up|find|anything|articles?|what do|say)\b/i.test(text);
  if (!(everywhere || named.length > 0) || !searching) return { calls: [] };
  const queryMatch = /\b(?:for|about|on|regarding)\s+["“']?([^"”'?!]+?)["”']?\s*[?.!]*$/i.exec(
    text,
  );
  const query = queryMatch?.[1]?.trim();
  if (!query) return { calls: [] };
  const sources = everywhere && named.length === 0 ? sourceWords : named;
  return {
    calls: sources.map(([source, pattern]) => ({
      toolName: 'search_knowledge_base',
      input: { source, query },
      position: Math.max(0, text.search(pattern)),
    })),
  };
};

const symbolCurrency: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

const currency: Extractor = (text, lexicon) => {
  if (!/\b(convert|conversion|exchange|in|into|to|worth)\b/i.test(text)) return { calls: [] };
  const amountMatch = /([$€£¥])\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*([$€£¥])?/.exec(text);
  if (!amountMatch) return { calls: [] };
  const mentions = lexicon.findCurrencies(text);
  const symbol = amountMatch[1] ?? amountMatch[4];
  const amount = Number((amountMatch[2] ?? amountMatch[3] ?? '').replace(/,/g, ''));
  if (!Number.isFinite(amount)) return { calls: [] };
  const amountEnd = amountMatch.index + amountMatch[0].length;
  const from =
    (symbol ? symbolCurrency[symbol] : undefined) ??
    mentions.find((mention) => mention.index >= amountEnd && mention.index - amountEnd <= 2)?.value;
  if (!from) return { calls: [] };
  const targets = mentions.filter((mention) => mention.index > amountEnd && mention.value !== from);
  const seen = new Set<string>();
  const calls: PlannedCall[] = [];
  for (const target of targets) {
    if (seen.has(target.value)) continue;
    seen.add(target.value);
    calls.push({
      toolName: 'convert_currency',
      input: { amount, from, to: target.value },
      position: target.index,
    });
  }
  return { calls };
};

const calculate: Extractor = (text) => {
  const calls: PlannedCall[] = [];
  const pattern =
    /(?:calculate|compute|evaluate|what(?:'s| is))\s*:?\s*([-+*/^%().\d\s,]*\d[-+*/^%().\d\s,]*)/gi;
  for (const match of text.matchAll(pattern)) {
    const expression = match[1]?.replace(/,(?=\d{3}\b)/g, '').trim();
    if (!expression || !/\d\s*[-+*/^%]\s*[\d(]/.test(expression)) continue;
    calls.push({ toolName: 'calculate', input: { expression }, position: match.index });
  }
  return { calls };
};

const cartWords = /\b(?:add|put)\b[^.?!;]*?\b(?:to|in|into)\s+(?:my|the)\s+(?:cart|basket)\b/i;
const quantityWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
};

/** "Add the Vega Air to my cart": one add_to_cart per product named inside that clause. */
const cart: Extractor = (text, lexicon) => {
  const clause = cartWords.exec(text);
  if (!clause) return { calls: [] };
  const start = clause.index;
  const end = start + clause[0].length;
  const mentions = lexicon
    .findProducts(text)
    .filter((mention) => mention.index >= start && mention.index < end);
  const seen = new Set<string>();
  const calls: PlannedCall[] = [];
  for (const mention of mentions) {
    if (seen.has(mention.value.sku)) continue;
    seen.add(mention.value.sku);
    // The number just before the product ("add 2 Vega Air", "add two of the Vega Air").
    const before = text.slice(start, mention.index);
    const count =
      /\b(\d{1,2}|an?|one|two|three|four|five)\b(?:\s+(?:of\s+)?(?:the\s+|units?\s+of\s+(?:the\s+)?)?)?$/i.exec(
        before.trim().concat(' '),
      )?.[1];
    const parsed = count ? Number(count) || quantityWords[count.toLowerCase()] : undefined;
    const quantity = parsed && parsed >= 1 && parsed <= 20 ? parsed : 1;
    calls.push({
      toolName: 'add_to_cart',
      input: { sku: mention.value.sku, quantity },
      position: mention.index,
    });
  }
  return { calls };
};

const extractors: Extractor[] = [
  weather,
  localTime,
  products,
  account,
  knowledgeBase,
  currency,
  calculate,
];

/**
 * Reads a request for every independent need it contains, in reading order, and at most one
 * dependent follow-up. Pure and deterministic.
 */
export function extractPlan(text: string, lexicon: Lexicon): RequestPlan {
  // A product named to be added to the cart is an add, not a look-up of the same product.
  const adds = cart(text, lexicon).calls;
  const added = new Set(adds.map((call) => call.position));
  const calls: PlannedCall[] = [...adds];
  let chain: StockChain | undefined;
  for (const extract of extractors) {
    const plan = extract(text, lexicon);
    calls.push(...plan.calls.filter((call) => !added.has(call.position)));
    chain ??= plan.chain;
  }
  calls.sort((a, b) => a.position - b.position);
  return chain ? { calls, chain } : { calls };
}

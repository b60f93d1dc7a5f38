import type { Lexicon, Mention } from './lexicon';
import { comparesResults, isAsk, needOf, opensAsk, type Segment, splitSegments } from './segments';
import { correctTypos, fold, splitList } from './text';

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

/** A part of the request no call answers, quoted, with what it would take to answer it. */
export type UnplannedPart = { text: string; need: string };

export type RequestPlan = {
  calls: PlannedCall[];
  chain?: StockChain;
  /** Every ask in the request that no planned call answers; never dropped silently. */
  unplanned: UnplannedPart[];
};

/** One extractor's finds: its calls, and where in the text it read something it acted on. */
type Found = {
  calls: PlannedCall[];
  chain?: StockChain;
  covered?: number[];
  /** A stretch of text taken whole as one call's argument: other intents found inside it are not asks. */
  claimed?: [number, number];
};
type Extractor = (text: string, lexicon: Lexicon) => Found;

const weatherWords =
  /\b(weather|temperatures?|forecasts?|raining|rainy|rain|sunny|snowing|humid(?:ity)?|windy|degrees|how (?:hot|cold|warm))\b/gi;
const timeWords =
  /\b(what time|what's the time|whats the time|local times?|times? (?:is it )?in|current time|clocks?|time zones?|timezones?|the time)\b/gi;

type PlaceKind = 'weather' | 'time';
const placeTriggers: Record<PlaceKind, RegExp> = { weather: weatherWords, time: timeWords };

/**
 * The stretches of text each place-taking intent reads its places from. A place belongs to the
 * nearest intent words before it ("weather in Paris and Tokyo, and time in Tokyo": the time is
 * asked for Tokyo only); intent words joined without a place between them share their places
 * ("time and weather in Tokyo"); a sentence without intent words continues the one before.
 */
function placeRegions(text: string): Record<PlaceKind, Array<[number, number]>> {
  const regions: Record<PlaceKind, Array<[number, number]>> = { weather: [], time: [] };
  const triggers = (Object.keys(placeTriggers) as PlaceKind[])
    .flatMap((kind) =>
      [...text.matchAll(placeTriggers[kind])].map((match) => ({
        kind,
        start: match.index,
        end: match.index + match[0].length,
      })),
    )
    .sort((a, b) => a.start - b.start);
  if (triggers.length === 0) return regions;
  let carried: PlaceKind[] = [];
  for (const segment of splitSegments(text)) {
    const sentenceStart = segment.start;
    const sentenceEnd = segment.end;
    const inside = triggers.filter((t) => t.start >= sentenceStart && t.start < sentenceEnd);
    if (inside.length === 0) {
      // "… in Paris? And Tokyo?" continues the ask before; "… and convert 20 GBP" starts another.
      if (opensAsk(segment.text)) carried = [];
      for (const kind of carried) regions[kind].push([sentenceStart, sentenceEnd]);
      continue;
    }
    const groups: Array<{ kinds: Set<PlaceKind>; start: number; end: number }> = [];
    for (const trigger of inside) {
      const last = groups.at(-1);
      const between = last ? text.slice(last.end, trigger.start) : '';
      if (last && /^[\s,]*(?:(?:and|or|&|the|local|current|its|also)[\s,]+)*$/i.test(between)) {
        last.kinds.add(trigger.kind);
        last.end = trigger.end;
      } else {
        groups.push({ kinds: new Set([trigger.kind]), start: trigger.start, end: trigger.end });
      }
    }
    groups.forEach((group, index) => {
      const from = index === 0 ? sentenceStart : group.start;
      const to = groups[index + 1]?.start ?? sentenceEnd;
      for (const kind of group.kinds) regions[kind].push([from, to]);
    });
    carried = [...(groups.at(-1)?.kinds ?? [])];
  }
  return regions;
}

/** A place's name: capitalised words, with the small words names use ("Rio de Janeiro"). */
const placeName =
  /^[\p{Lu}\d][\p{L}\d.'’-]*(?:\s+(?:de|da|del|do|dos|of|la|le|el|[\p{Lu}][\p{L}\d.'’-]*))*/u;

const inRegions = (regions: Array<[number, number]>, index: number) =>
  regions.some(([from, to]) => index >= from && index < to);

/** "… in Paris, Tokyo and Atlantis" → the listed places, including ones the data does not know. */
function listedPlaces(
  text: string,
  regions: Array<[number, number]>,
): Array<{ name: string; position: number }> {
  return regions.flatMap(([from, to]) => {
    // Read the places after the region's intent words when it has them ("In June, what is the
    // weather in Rome" names Rome, not June).
    const trigger = [weatherWords, timeWords]
      .flatMap((pattern) => [...text.slice(from, to).matchAll(pattern)].map((m) => m.index))
      .sort((a, b) => a - b)[0];
    const offset = from + (trigger ?? 0);
    const region = text.slice(offset, to);
    const match = /\b(?:in|for|at)\s+([^?.!;]+)/i.exec(region);
    if (!match?.[1]) return [];
    const listStart = offset + match.index + match[0].length - match[1].length;
    const cleaned = match[1].replace(
      /\b(?:right now|today|tomorrow|currently|at the moment|please|this week|next week)\b.*$/i,
      '',
    );
    let cursor = listStart;
    return splitList(cleaned)
      .map((name) => (name.includes('/') ? name : (placeName.exec(name)?.[0] ?? '')))
      .filter((name) => name !== '')
      .map((name) => {
        const at = text.indexOf(name, cursor);
        cursor = at >= 0 ? at + name.length : cursor;
        return { name, position: at >= 0 ? at : listStart };
      });
  });
}

const weather: Extractor = (text, lexicon) => {
  const regions = placeRegions(text).weather;
  if (regions.length === 0) return { calls: [] };
  const known = lexicon.findCities(text).filter((mention) => inRegions(regions, mention.index));
  const cities = new Map<string, number>();
  const calls: PlannedCall[] = [];
  for (const mention of known) {
    if (cities.has(fold(mention.value))) continue;
    cities.set(fold(mention.value), mention.index);
    calls.push({
      toolName: 'get_weather',
      input: { city: mention.value },
      position: mention.index,
    });
  }
  for (const place of listedPlaces(text, regions)) {
    const folded = fold(place.name);
    const coveredByKnown = known.some(
      (mention) => fold(mention.text) === folded || fold(mention.value) === folded,
    );
    if (coveredByKnown || cities.has(folded)) continue;
    cities.set(folded, place.position);
    calls.push({ toolName: 'get_weather', input: { city: place.name }, position: place.position });
  }
  for (const { mention, position } of placesReferredTo(text, regions, calls, lexicon.findCities)) {
    if (cities.has(fold(mention.value))) continue;
    cities.set(fold(mention.value), position);
    calls.push({ toolName: 'get_weather', input: { city: mention.value }, position });
  }
  return {
    calls,
    covered: [
      ...coveredTriggers(text, weatherWords, regions, calls),
      ...calls.map((call) => call.position),
    ],
  };
};

/**
 * "What's the weather in Paris? Also, what time is it there?": a region that names no place but
 * says "there" means the last place named before it.
 */
function placesReferredTo(
  text: string,
  regions: Array<[number, number]>,
  calls: PlannedCall[],
  find: (text: string) => Array<Mention<string>>,
): Array<{ mention: Mention<string>; position: number }> {
  return regions.flatMap(([from, to]) => {
    if (calls.some((call) => call.position >= from && call.position < to)) return [];
    const there = /\bthere\b/i.exec(text.slice(from, to));
    const mention = find(text)
      .filter((candidate) => candidate.index < from)
      .at(-1);
    return there && mention ? [{ mention, position: from + there.index }] : [];
  });
}

/** Intent words count as read only where their region produced a call. */
function coveredTriggers(
  text: string,
  pattern: RegExp,
  regions: Array<[number, number]>,
  calls: PlannedCall[],
): number[] {
  const productive = regions.filter(([from, to]) =>
    calls.some((call) => call.position >= from && call.position < to),
  );
  return [...text.matchAll(pattern)]
    .map((match) => match.index)
    .filter((index) => inRegions(productive, index));
}

const localTime: Extractor = (text, lexicon) => {
  const regions = placeRegions(text).time;
  if (regions.length === 0) return { calls: [] };
  const zones = lexicon.findTimezones(text).filter((mention) => inRegions(regions, mention.index));
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
  for (const place of listedPlaces(text, regions)) {
    const known = zones.some((mention) => fold(mention.text) === fold(place.name));
    if (known || seen.has(place.name)) continue;
    seen.add(place.name);
    calls.push({
      toolName: 'get_local_time',
      input: { timezone: place.name },
      position: place.position,
    });
  }
  for (const { mention, position } of placesReferredTo(
    text,
    regions,
    calls,
    lexicon.findTimezones,
  )) {
    if (seen.has(mention.value)) continue;
    seen.add(mention.value);
    calls.push({ toolName: 'get_local_time', input: { timezone: mention.value }, position });
  }
  return {
    calls,
    covered: [
      ...coveredTriggers(text, timeWords, regions, calls),
      ...calls.map((call) => call.position),
    ],
  };
};

const pickWords =
  /\b(cheapest|least expensive|lowest price|most affordable|lowest-priced|most expensive|priciest|highest price|best rated|best-rated|highest rated|top rated|best reviewed)\b/g;
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
  const covered = [
    ...unique.map((mention) => mention.index),
    ...[...text.matchAll(new RegExp(stockWords.source, 'gi'))].map((match) => match.index),
    ...[...folded.matchAll(pickWords)].map((match) => match.index),
  ];

  if (pick && wantsStock && unique.length > 1) {
    return {
      calls: unique.map((mention) => ({
        toolName: 'lookup_product',
        input: { product: mention.value.name },
        position: mention.index,
      })),
      chain: { kind: 'pick-then-stock', pick, ...(store ? { storeId: store } : {}) },
      covered,
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
      covered,
    };
  }
  return {
    calls: unique.map((mention) => ({
      toolName: 'lookup_product',
      input: { product: mention.value.name },
      position: mention.index,
    })),
    covered,
  };
};

const account: Extractor = (text) => {
  const calls: PlannedCall[] = [];
  const at = (pattern: RegExp) => text.search(pattern);
  const profile = at(
    /\b(my (?:user )?profiles?|my account details|who am i|my (?:personal )?details|my (?:personal )?info(?:rmation)?|my membership|my tier|my e-?mail address|my name)\b/i,
  );
  if (profile >= 0) calls.push({ toolName: 'get_user_profile', input: {}, position: profile });
  const balance = at(
    /\b(balances?|available credit|credit limit|my funds|my credit|how much (?:money|credit|cash)|what do i have left|can i afford)\b/i,
  );
  if (balance >= 0) calls.push({ toolName: 'get_account_balance', input: {}, position: balance });
  const orders = at(
    /\b(orders?|purchases?|order history|what (?:did )?i (?:buy|bought|order)|what have i (?:bought|ordered))\b/i,
  );
  if (orders >= 0 && /\b(my|recent|last|latest|order history|i)\b/i.test(text)) {
    const count = /\b(?:last|latest|recent)\s+(\d{1,2})\b/i.exec(text)?.[1];
    calls.push({
      toolName: 'get_recent_orders',
      input: count ? { limit: Number(count) } : {},
      position: orders,
    });
  }
  // "An overview of my account" asks for every facet a model would fetch: profile, balance, orders.
  const overview = at(
    /\b(overview of my account|account overview|account summary|summary of my account|my account(?! details| balance| settings| password)|everything about me)\b/i,
  );
  if (overview >= 0) {
    const facets = ['get_user_profile', 'get_account_balance', 'get_recent_orders'];
    for (const toolName of facets) {
      if (!calls.some((call) => call.toolName === toolName))
        calls.push({ toolName, input: {}, position: overview });
    }
  }
  return { calls, covered: calls.map((call) => call.position) };
};

const sourceWords: Array<['docs' | 'faq' | 'forum', RegExp]> = [
  ['docs', /\b(docs|documentation|manuals?|guides?)\b/i],
  ['faq', /\b(faqs?|frequently asked)\b/i],
  ['forum', /\b(forums?|community)\b/i],
];

const knowledgeBase: Extractor = (text, lexicon) => {
  const everywhere = /\b(knowledge ?base|help cent(?:er|re)|all sources|everywhere)\b/i.test(text);
  const named = sourceWords.filter(([, pattern]) => pattern.test(text));
  const searching = /\b(search|look up|look in|check|find|anything|articles?|what do|say)\b/i.test(
    text,
  );
  if (!(everywhere || named.length > 0) || !searching) return { calls: [] };
  // The query ends with its clause: "search the docs for X and translate it" searches for X.
  // The clause naming a source or a search holds the query ("… what does the forum say about X").
  const searchClause = /\b(search|look up|look in|check|find|say|says|articles?)\b/i;
  const queried = splitSegments(text)
    .filter(
      (segment) =>
        searchClause.test(segment.text) ||
        sourceWords.some(([, pattern]) => pattern.test(segment.text)),
    )
    .map((segment) => ({
      segment,
      match: /\b(?:for|about|on|regarding)\s+["“']?([^"”'?!]+?)["”']?\s*[?.!]*$/i.exec(
        segment.text,
      ),
    }))
    .find(({ match }) => match);
  // "How do I reset my Beacon Mini? Search the docs.": the question is what to search for.
  const asked = queried
    ? undefined
    : splitSegments(text).find(
        (segment) =>
          segment.question && !sourceWords.some(([, pattern]) => pattern.test(segment.text)),
      );
  const queryMatch = queried?.match
    ? { index: queried.segment.start + queried.match.index, query: queried.match[1] }
    : asked
      ? {
          index: asked.start,
          query: asked.text
            .replace(
              /^(?:how (?:do|can|should) i|how to|what(?:'s| is| are)|is there|are there|can i|do you have|why (?:does|do|is) (?:my )?)\s+/i,
              '',
            )
            .replace(/^the\s+/i, ''),
        }
      : undefined;
  // "… what does the forum say about using it abroad": "it" is the product named before.
  const product = queryMatch
    ? lexicon
        .findProducts(text)
        .filter((mention) => mention.index < queryMatch.index)
        .at(-1)
    : undefined;
  const query = queryMatch?.query?.trim().replace(/\bit\b/i, (word) => product?.value.name ?? word);
  if (!query) return { calls: [] };
  const sources = everywhere && named.length === 0 ? sourceWords : named;
  const calls = sources.map(([source, pattern]) => ({
    toolName: 'search_knowledge_base',
    input: { source, query },
    position: Math.max(0, text.search(pattern)),
  }));
  const queryAt = queryMatch ? queryMatch.index : -1;
  return {
    calls,
    covered: [...calls.map((call) => call.position), queryAt],
    ...(asked && !queried ? { claimed: [asked.start, asked.end] as [number, number] } : {}),
  };
};

const symbolCurrency: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const amountPattern = /([$€£¥])\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*([$€£¥])?/g;

/**
 * "Convert 250 USD to EUR, GBP and JPY", "100 euros in dollars and 50 GBP to JPY", "how many yen
 * is 100 dollars": every amount with a currency converts into the currencies named after it (up
 * to the next amount), or, when none follow, the ones named before it in its sentence.
 */
const currency: Extractor = (text, lexicon) => {
  if (!/\b(convert|conversion|exchange|in|into|to|worth|how many|how much)\b/i.test(text))
    return { calls: [] };
  const mentions = lexicon.findCurrencies(text);
  const amounts = [...text.matchAll(amountPattern)].flatMap((match) => {
    const symbol = match[1] ?? match[4];
    const amount = Number((match[2] ?? match[3] ?? '').replace(/,/g, ''));
    const end = match.index + match[0].length;
    const from =
      (symbol ? symbolCurrency[symbol] : undefined) ??
      mentions.find((mention) => mention.index >= end && mention.index - end <= 2);
    if (!Number.isFinite(amount) || !from) return [];
    const code = typeof from === 'string' ? from : from.value;
    const fromEnd = typeof from === 'string' ? end : from.index + from.text.length;
    return [{ amount, from: code, start: match.index, end: fromEnd }];
  });
  const calls: PlannedCall[] = [];
  amounts.forEach((entry, index) => {
    const next = amounts[index + 1]?.start ?? text.length;
    const sentenceStart = Math.max(
      0,
      ...[...text.slice(0, entry.start).matchAll(/[?!;]|\.(?!\d)/g)].map((m) => m.index + 1),
    );
    let targets = mentions.filter(
      (mention) =>
        mention.index >= entry.end && mention.index < next && mention.value !== entry.from,
    );
    if (targets.length === 0) {
      targets = mentions.filter(
        (mention) =>
          mention.index >= sentenceStart &&
          mention.index < entry.start &&
          mention.value !== entry.from,
      );
    }
    const seen = new Set<string>();
    for (const target of targets) {
      if (seen.has(target.value)) continue;
      seen.add(target.value);
      calls.push({
        toolName: 'convert_currency',
        input: { amount: entry.amount, from: entry.from, to: target.value },
        position: target.index,
      });
    }
  });
  const covered = amounts
    .filter((entry) => calls.some((call) => call.input.from === entry.from))
    .map((entry) => entry.start);
  return { calls, covered: [...covered, ...calls.map((call) => call.position)] };
};

const calculateWords =
  /\b(?:calculate|compute|evaluate|work out|solve|what(?:'s| is)|whats|how much is)\b\s*:?\s*(?:the (?:result|value) of\s+)?/gi;
const mathFunctions =
  /\b(?:abs|acos|asin|atan|cbrt|ceil|cos|exp|floor|hypot|log|log10|log2|max|min|pow|round|sign|sin|sqrt|tan|trunc)\s*\(/;

/** Splits "2480 * 0.175 and sqrt(1764), 2^10" at list separators outside parentheses. */
function expressionList(text: string): Array<{ piece: string; offset: number }> {
  const pieces: Array<{ piece: string; offset: number }> = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => pieces.push({ piece: text.slice(start, end), offset: start });
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const rest = text.slice(index);
    const separator = /^(?:,(?!\d{3}\b)\s*(?:and\s+)?|\s+and\s+|\s+then\s+)/i.exec(rest);
    if (separator) {
      push(index);
      start = index + separator[0].length;
      index = start - 1;
    }
  }
  push(text.length);
  return pieces;
}

/** An arithmetic expression the calculator accepts, or undefined for anything else. */
function asExpression(piece: string): string | undefined {
  const percent = piece.replace(
    /(\d+(?:\.\d+)?)\s*%\s*of\s+(\d[\d,]*(?:\.\d+)?)/gi,
    (_, rate: string, base: string) => `${rate} / 100 * ${base.replace(/,/g, '')}`,
  );
  const expression = percent
    .replace(/,(?=\d{3}\b)/g, '')
    .replace(/^(?:the\s+)?/i, '')
    .replace(/[?.!\s]+$/, '')
    .replace(/\s*(?:please)$/i, '')
    .trim();
  if (!/\d/.test(expression)) return undefined;
  const bare = expression
    .replace(new RegExp(mathFunctions.source, 'g'), '(')
    .replace(/\b(?:PI|E)\b/g, '1');
  if (!/^[-+*/^().\d\s,×÷]+$/.test(bare)) return undefined;
  const operation =
    /\d\s*[-+*/^×÷]\s*[\d(]|\)\s*[-+*/^]/.test(expression) || mathFunctions.test(expression);
  return operation ? expression : undefined;
}

/** "Calculate 2480 * 0.175 and sqrt(1764)": one calculate call per expression in the list. */
const calculate: Extractor = (text) => {
  const calls: PlannedCall[] = [];
  const covered: number[] = [];
  for (const match of text.matchAll(calculateWords)) {
    const from = match.index + match[0].length;
    const sentence = /^[^?!;]*?(?=[?!;]|\.(?!\d)|$)/.exec(text.slice(from))?.[0] ?? '';
    let found = false;
    for (const { piece, offset } of expressionList(sentence)) {
      const expression = asExpression(piece);
      if (!expression) break;
      if (calls.some((call) => call.position === from + offset)) continue;
      calls.push({ toolName: 'calculate', input: { expression }, position: from + offset });
      found = true;
    }
    if (found) covered.push(match.index);
  }
  return { calls, covered: [...covered, ...calls.map((call) => call.position)] };
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
  const named = lexicon
    .findProducts(text)
    .filter((mention) => mention.index >= start && mention.index < end);
  // "Find the Nova 8 and add it to my cart": "it" is the product named just before.
  const referred =
    named.length === 0 && /\b(?:it|that|this one|that one)\b/i.test(clause[0])
      ? lexicon
          .findProducts(text)
          .filter((mention) => mention.index < start)
          .slice(-1)
      : [];
  const mentions = named.length > 0 ? named : referred;
  const seen = new Set<string>();
  const calls: PlannedCall[] = [];
  for (const mention of mentions) {
    if (seen.has(mention.value.sku)) continue;
    seen.add(mention.value.sku);
    // The number just before the product ("add 2 Vega Air", "add two of the Vega Air").
    const before = mention.index >= start ? text.slice(start, mention.index) : '';
    const count =
      /\b(\d{1,2}|an?|one|two|three|four|five)\b(?:\s+(?:of\s+)?(?:the\s+|units?\s+of\s+(?:the\s+)?)?)?$/i.exec(
        before.trim().concat(' '),
      )?.[1];
    const parsed = count ? Number(count) || quantityWords[count.toLowerCase()] : undefined;
    const quantity = parsed && parsed >= 1 && parsed <= 20 ? parsed : 1;
    calls.push({
      toolName: 'add_to_cart',
      input: { sku: mention.value.sku, quantity },
      // A product referred to by "it" keeps its own look-up: the add is placed at the clause.
      position: Math.max(mention.index, start),
    });
  }
  return { calls, covered: calls.length > 0 ? [start, ...calls.map((call) => call.position)] : [] };
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

/** Words the intent patterns key on, mended when a request misspells them by one letter. */
const intentKeywords = [
  'weather',
  'temperature',
  'temperatures',
  'forecast',
  'raining',
  'calculate',
  'compute',
  'evaluate',
  'convert',
  'exchange',
  'balance',
  'profile',
  'orders',
  'purchases',
  'search',
  'compare',
  'inventory',
  'documentation',
  'knowledge',
  'account',
  'overview',
  'cheapest',
  'timezone',
];

/** The request as the planner reads it: one-letter slips in keywords and city names mended. */
export function readableRequest(text: string, lexicon: Lexicon): string {
  return correctTypos(text, { keywords: intentKeywords, names: lexicon.cityNames });
}

/**
 * Reads a request for every independent need it contains, in reading order, and at most one
 * dependent follow-up; names every ask it found no call for. Pure and deterministic.
 */
export function extractPlan(request: string, lexicon: Lexicon): RequestPlan {
  const text = readableRequest(request, lexicon);
  // A product named to be added to the cart is an add, not a look-up of the same product.
  const cartFound = cart(text, lexicon);
  const adds = cartFound.calls;
  const added = new Set(adds.map((call) => call.position));
  const calls: PlannedCall[] = [...adds];
  const covered: number[] = [...(cartFound.covered ?? [])];
  let chain: StockChain | undefined;
  const claims: Array<{ span: [number, number]; calls: PlannedCall[] }> = [];
  for (const extract of extractors) {
    const found = extract(text, lexicon);
    calls.push(...found.calls.filter((call) => !added.has(call.position)));
    covered.push(...(found.covered ?? []));
    chain ??= found.chain;
    if (found.claimed) claims.push({ span: found.claimed, calls: found.calls });
  }
  // "How do I reset my Beacon Mini? Search the docs.": the question is the search, not a look-up.
  for (const { span, calls: owned } of claims) {
    for (let index = calls.length - 1; index >= 0; index--) {
      const call = calls[index];
      if (call && !owned.includes(call) && call.position >= span[0] && call.position < span[1])
        calls.splice(index, 1);
    }
  }
  calls.sort((a, b) => a.position - b.position);
  const segments = splitSegments(text);
  const isCovered = (segment: Segment) =>
    covered.some((index) => index >= segment.start && index < segment.end);
  const unplanned = segments
    .filter(
      (segment, index) =>
        !isCovered(segment) &&
        isAsk(segment) &&
        !(comparesResults(segment) && segments.slice(0, index).some(isCovered)),
    )
    .map((segment) => ({ text: segment.text, need: needOf(segment.text) }));
  return chain ? { calls, chain, unplanned } : { calls, unplanned };
}

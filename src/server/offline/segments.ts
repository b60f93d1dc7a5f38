/**
 * Splits a request into the parts a reader would call separate asks ("weather in Paris and
 * Tokyo" is one; "…, and time in Tokyo" another), so the planner can name every part it could
 * not plan instead of dropping it.
 */

export type Segment = { start: number; end: number; text: string; question: boolean };

/** Words that open a new ask after "and" or a comma (a list of cities or products does not). */
const askOpeners =
  /^(?:and\s+|then\s+|also\s+|plus\s+)*(?:please\s+)?(?:book|reserve|find|get|show|tell|check|give|list|search|send|email|text|compare|convert|calculate|compute|work out|evaluate|look\s+up|lookup|what|what's|whats|how|when|where|which|who|can|could|would|will|is|are|do|does|remind|order|buy|add|put|make|set|schedule|cancel|translate|recommend|suggest|plan|pack|rent|call|i\s+(?:need|want|would like|'d like)|i'd like|let me know)\b/i;

/** Whether a clause starts a new ask ("convert 20 GBP…") rather than continuing one ("Tokyo?"). */
export function opensAsk(text: string): boolean {
  return askOpeners.test(text);
}

const sentenceEnd = /[?!;\n]+|\.(?!\d)\s*/g;

/** Sentences, then clauses that start a new ask. Offsets index the given text. */
export function splitSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let from = 0;
  const push = (start: number, end: number, question: boolean) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw
      .trim()
      .replace(/^(?:(?:,|and|then|also|plus|&|so|now|finally)(?:[\s,]+|$))+/i, '');
    const cleaned = trimmed.replace(/[\s,]+$/, '');
    if (cleaned === '') return;
    const offset = start + lead + (raw.trim().length - trimmed.length);
    segments.push({ start: offset, end: offset + cleaned.length, text: cleaned, question });
  };
  const clauses = (start: number, end: number, question: boolean) => {
    const sentence = text.slice(start, end);
    // A clause break: ", and <ask>", ", <ask>", " and <ask>", " then <ask>", " also <ask>".
    const breaks = /,\s*|\s+(?=(?:and|then|also|plus)\s)/g;
    let clauseStart = 0;
    for (const match of sentence.matchAll(breaks)) {
      const after = sentence.slice(match.index + match[0].length);
      if (!askOpeners.test(after)) continue;
      push(start + clauseStart, start + match.index, question);
      clauseStart = match.index + match[0].length;
    }
    push(start + clauseStart, end, question);
  };
  for (const match of text.matchAll(sentenceEnd)) {
    const end = match.index;
    clauses(from, end, match[0].includes('?'));
    from = end + match[0].length;
  }
  clauses(from, text.length, false);
  return segments;
}

const filler =
  /^(?:please|thanks?(?: you)?(?: so much)?|thank you|ok(?:ay)?|cheers|cool|great|hi|hello|hey|sure|yes|no)\b[\s!.,]*$/i;
const askCue =
  /\b(?:can you|could you|would you|will you|please|i need|i want|i would like|i'd like|let me know|tell me|show me|give me|book|reserve|find|get|check|search|look up|compare|convert|calculate|compute|remind|send|email|order|buy|schedule|cancel|translate|what|what's|whats|how|when|where|which|who|list|plan|recommend|suggest|help me|rent|add|put)\b/i;

/**
 * A question about results already asked for ("…, which one is warmer?", "tell me which is
 * lighter"): the answer compares what the calls return, so it needs no call of its own.
 */
export function comparesResults(segment: Segment): boolean {
  return /\b(?:which(?: one)?|what's|whats|who)\b.*\b(?:better|best|worse|worst|cheaper|cheapest|dearer|pricier|lighter|heavier|warmer|warmest|colder|coldest|hotter|hottest|bigger|smaller|faster|slower|higher|lower|more|less|most|least)\b/i.test(
    segment.text,
  );
}

/** Whether a part of the request asks for something (a statement of context does not). */
export function isAsk(segment: Segment): boolean {
  if (filler.test(segment.text) || !/\p{L}/u.test(segment.text)) return false;
  return segment.question || askCue.test(segment.text);
}

/** What a part the planner could not plan would need, most specific first. */
const needs: Array<[RegExp, string]> = [
  [/\b(?:flights?|fly|flying|airline|plane tickets?)\b/i, 'a flight search or booking tool'],
  [/\b(?:hotels?|accommodation|airbnb|hostel|room for)\b/i, 'a hotel search or booking tool'],
  [/\b(?:restaurants?|dinner|lunch|table for)\b/i, 'a restaurant search or booking tool'],
  [/\b(?:car rental|rent a car|taxi|uber|trains?|bus|ferry)\b/i, 'a transport booking tool'],
  [/\b(?:visas?|passports?)\b/i, 'a travel-documents service'],
  [/\b(?:remind|reminder|calendar|meeting|appointment|schedule)\b/i, 'a calendar tool'],
  [
    /\b(?:itinerary|pack|packing|plan (?:my|a|the) trip|sightseeing|things to do)\b/i,
    'a trip-planning tool',
  ],
  [/\b(?:e-?mail|send (?:a )?message|text (?:me|him|her))\b/i, 'a messaging tool'],
  [/\b(?:translate|translation)\b/i, 'a translation tool'],
  [/\b(?:news|headlines)\b/i, 'a news tool'],
  [/\b(?:directions|route|how far|distance|map)\b/i, 'a maps tool'],
  [
    /\b(?:refund|return (?:my|an|the) order|cancel (?:my|an|the) order|track(?:ing)?)\b/i,
    'an order-management tool that can change or track orders',
  ],
  [/\b(?:password|change my|update my|address)\b/i, 'an account-settings tool'],
  [/\b(?:share price|stock price|shares|bitcoin|crypto)\b/i, 'a market-data tool'],
  [
    /\b(?:weather|temperature|forecast|rain|sunny)\b/i,
    'a city for `get_weather` (for example Paris or Tokyo)',
  ],
  [/\b(?:time|clock|time ?zone)\b/i, 'a city or IANA time zone for `get_local_time`'],
  [
    /\b(?:convert|exchange|currency|currencies)\b/i,
    'an amount with its currency and a target currency for `convert_currency`',
  ],
  [
    /\b(?:calculate|compute|evaluate|work out|solve|sum|math)\b/i,
    'an arithmetic expression for `calculate`',
  ],
  [
    /\b(?:search|docs|documentation|faq|forum|knowledge ?base)\b/i,
    'a source (docs, FAQ or forum) and a query for `search_knowledge_base`',
  ],
  [
    /\b(?:stock|inventory|in stock|available)\b/i,
    'a product from the catalogue for `check_inventory` (for example Vega Air)',
  ],
  [
    /\b(?:laptops?|phones?|headphones|earbuds|tablets?|watch|speakers?|monitors?|products?|price|compare|buy)\b/i,
    'a product from the catalogue for `lookup_product` (for example Aurora X1)',
  ],
];

/** The need named by the ask's first telling word ("remind me to book a train" is a reminder). */
export function needOf(text: string): string {
  let best: { at: number; need: string } | undefined;
  for (const [pattern, need] of needs) {
    const at = text.search(pattern);
    if (at >= 0 && (best === undefined || at < best.at)) best = { at, need };
  }
  return best?.need ?? 'a tool that can do this; none of the tools here does';
}

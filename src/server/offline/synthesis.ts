import { everyOf } from '../../shared/words';
import type { RequestPlan, UnplannedPart } from './intents';
import type { Lexicon } from './lexicon';
import type { CompletedCall, TurnState } from './turn-state';

type Record_ = Record<string, unknown>;

function asRecord(value: unknown): Record_ {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record_) : {};
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value).replace(/\|/g, '\\|');
}

function money(value: unknown, currency = 'USD'): string {
  if (typeof value !== 'number') return text(value);
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

const unitWords: Record<string, string> = {
  kg: 'kg',
  g: 'g',
  hours: 'hours',
  mm: 'mm',
  mah: 'mAh',
  hz: 'Hz',
  gb: 'GB',
  tb: 'TB',
  w: 'W',
  wh: 'Wh',
  in: 'in',
};

/** "batteryHours" → "Battery (hours)", "weightKg" → "Weight (kg)", "display" → "Display". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/);
  const last = words.at(-1)?.toLowerCase() ?? '';
  const unit = words.length > 1 ? unitWords[last] : undefined;
  const name = (unit ? words.slice(0, -1) : words).join(' ').toLowerCase();
  const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
  return unit ? `${capitalised} (${unit})` : capitalised;
}

function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function inputOf(call: CompletedCall): Record_ {
  return asRecord(call.input);
}

function describeCall(call: CompletedCall): string {
  const input = inputOf(call);
  const subject =
    input.city ?? input.product ?? input.sku ?? input.timezone ?? input.query ?? input.expression;
  if (call.toolName === 'convert_currency')
    return `${call.toolName} (${text(input.from)} → ${text(input.to)})`;
  return subject !== undefined ? `${call.toolName} (${text(subject)})` : call.toolName;
}

function okValue(call: CompletedCall): Record_ | undefined {
  return call.outcome.kind === 'ok' ? asRecord(call.outcome.value) : undefined;
}

function listOf(value: Record_, ...keys: string[]): Record_[] {
  for (const key of keys) {
    const list = value[key];
    if (Array.isArray(list)) return list.map(asRecord);
  }
  return [];
}

type Section = (calls: CompletedCall[], lexicon: Lexicon) => string | undefined;

const weatherSection: Section = (calls) => {
  const rows = calls.flatMap((call) => {
    const value = okValue(call);
    if (!value) return [];
    return [
      [
        `${text(value.city)}${value.country ? `, ${text(value.country)}` : ''}`,
        text(value.condition),
        `${text(value.tempC)} °C`,
        `${text(value.humidityPct)} %`,
        `${text(value.windKph)} km/h`,
      ],
    ];
  });
  if (rows.length === 0) return undefined;
  const warmest = calls
    .map(okValue)
    .filter((value): value is Record_ => typeof value?.tempC === 'number')
    .sort((a, b) => (b.tempC as number) - (a.tempC as number))[0];
  const lead =
    rows.length > 1 && warmest
      ? `Warmest right now: **${text(warmest.city)}** at ${text(warmest.tempC)} °C.`
      : '';
  return [
    '### Weather',
    table(['City', 'Condition', 'Temperature', 'Humidity', 'Wind'], rows),
    lead,
  ]
    .filter(Boolean)
    .join('\n\n');
};

const productSection: Section = (calls) => {
  const products = calls.map(okValue).filter((value): value is Record_ => Boolean(value));
  if (products.length === 0) return undefined;
  const rows = products.map((value) => [
    `**${text(value.name)}**`,
    text(value.brand),
    text(value.sku),
    money(value.priceUsd),
    typeof value.rating === 'number' ? `${value.rating.toFixed(1)} ★` : text(value.rating),
    value.inStock === false ? 'out of stock' : 'in stock',
  ]);
  const parts = [
    '### Products',
    table(['Product', 'Brand', 'SKU', 'Price', 'Rating', 'Availability'], rows),
  ];
  const priced = products.filter((value) => typeof value.priceUsd === 'number');
  if (priced.length > 1) {
    const sorted = [...priced].sort((a, b) => (a.priceUsd as number) - (b.priceUsd as number));
    const cheapest = sorted[0];
    const dearest = sorted.at(-1);
    if (cheapest && dearest) {
      parts.push(
        `The **${text(cheapest.name)}** is the cheapest at ${money(cheapest.priceUsd)}; the **${text(dearest.name)}** costs the most at ${money(dearest.priceUsd)} (${money((dearest.priceUsd as number) - (cheapest.priceUsd as number))} more).`,
      );
    }
  }
  const specKeys = new Set<string>();
  for (const value of products)
    for (const key of Object.keys(asRecord(value.specs))) specKeys.add(key);
  if (products.length > 1 && specKeys.size > 0) {
    const keys = [...specKeys].slice(0, 6);
    parts.push(
      table(
        ['Spec', ...products.map((value) => text(value.name))],
        keys.map((key) => [
          humanizeKey(key),
          ...products.map((value) => text(asRecord(value.specs)[key])),
        ]),
      ),
    );
  }
  return parts.join('\n\n');
};

const inventorySection: Section = (calls) => {
  const lines = calls.flatMap((call) => {
    const value = okValue(call);
    if (!value) return [];
    const name = text(value.productName ?? value.sku ?? inputOf(call).sku);
    const stores = listOf(value, 'stores');
    if (stores.length === 0) return [`- ${name}: no store carries it.`];
    return stores.map((store) => {
      const quantity = typeof store.quantity === 'number' ? store.quantity : 0;
      const where = `${text(store.storeName ?? store.storeId)}${store.city ? ` (${text(store.city)})` : ''}`;
      const restock = store.restockDate ? `; restock expected ${text(store.restockDate)}` : '';
      const level =
        quantity === 0
          ? '**out of stock**'
          : `**${quantity} in stock**${store.status === 'low-stock' ? ' (running low)' : ''}`;
      return `- ${name} at ${where}: ${level}${restock}`;
    });
  });
  return lines.length ? ['### Stock', ...lines].join('\n') : undefined;
};

const profileSection: Section = (calls) => {
  const value = calls.map(okValue).find(Boolean);
  if (!value) return undefined;
  const home = asRecord(value.homeStore);
  const homeName = home.name ?? value.homeStoreName ?? value.homeStoreId;
  return [
    '### Profile',
    `- **${text(value.name)}** (${text(value.email)})`,
    `- ${text(value.tier)} member since ${text(value.memberSince)}`,
    homeName ? `- Home store: ${text(homeName)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
};

const balanceSection: Section = (calls) => {
  const value = calls.map(okValue).find(Boolean);
  if (!value) return undefined;
  const currency = typeof value.currency === 'string' ? value.currency : 'USD';
  return [
    '### Balance',
    `- Available: **${money(value.available, currency)}**`,
    `- Pending: ${money(value.pending, currency)}`,
    `- Credit limit: ${money(value.creditLimit, currency)}`,
  ].join('\n');
};

const ordersSection: Section = (calls) => {
  const value = calls.map(okValue).find(Boolean);
  if (!value) return undefined;
  const orders = listOf(value, 'orders', 'items');
  if (orders.length === 0) return '### Recent orders\n\nNo recent orders.';
  const rows = orders.map((order) => {
    const items = listOf(order, 'items')
      .map(
        (item) =>
          `${item.quantity && item.quantity !== 1 ? `${text(item.quantity)}× ` : ''}${text(item.name)}`,
      )
      .join(', ');
    const currency = typeof order.currency === 'string' ? order.currency : 'USD';
    return [
      text(order.id),
      text(order.date),
      items || '—',
      money(order.total, currency),
      text(order.status),
    ];
  });
  return ['### Recent orders', table(['Order', 'Date', 'Items', 'Total', 'Status'], rows)].join(
    '\n\n',
  );
};

const knowledgeSection: Section = (calls) => {
  const blocks = calls.flatMap((call) => {
    const value = okValue(call);
    if (!value) return [];
    const input = inputOf(call);
    const hits = listOf(value, 'hits', 'results').slice(0, 3);
    const source = text(value.source ?? input.source);
    const heading = `**${source.toUpperCase() === 'FAQ' ? 'FAQ' : source.charAt(0).toUpperCase() + source.slice(1)}** — ${hits.length} top result${hits.length === 1 ? '' : 's'}`;
    if (hits.length === 0) return [`${heading}: nothing matched “${text(input.query)}”.`];
    return [
      [
        heading,
        ...hits.map((hit) => {
          const url =
            typeof hit.url === 'string' && /^https?:\/\//.test(hit.url) ? hit.url : undefined;
          const title = url ? `[${text(hit.title)}](${url})` : text(hit.title);
          return `- ${title}${hit.snippet ? ` — ${text(hit.snippet)}` : ''}`;
        }),
      ].join('\n'),
    ];
  });
  return blocks.length ? ['### Knowledge base', ...blocks].join('\n\n') : undefined;
};

const currencySection: Section = (calls) => {
  const rows = calls.flatMap((call) => {
    const value = okValue(call);
    if (!value) return [];
    const input = inputOf(call);
    const from = String(value.from ?? input.from);
    const to = String(value.to ?? input.to);
    return [
      [
        money(value.amount ?? input.amount, from),
        money(value.result, to),
        typeof value.rate === 'number' ? value.rate.toFixed(4) : text(value.rate),
      ],
    ];
  });
  if (rows.length === 0) return undefined;
  const asOf = calls.map(okValue).find((value) => value?.asOf)?.asOf;
  return [
    '### Currency',
    table(['Amount', 'Converted', 'Rate'], rows),
    asOf ? `Rates as of ${text(asOf)}.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
};

const timeSection: Section = (calls) => {
  const rows = calls.flatMap((call) => {
    const value = okValue(call);
    if (!value) return [];
    return [
      [
        text(value.timezone ?? inputOf(call).timezone),
        text(value.formatted ?? value.iso),
        text(value.utcOffset),
      ],
    ];
  });
  return rows.length
    ? ['### Local time', table(['Time zone', 'Local time', 'UTC offset'], rows)].join('\n\n')
    : undefined;
};

const calculateSection: Section = (calls) => {
  const lines = calls.flatMap((call) => {
    const value = okValue(call);
    if (!value) return [];
    return [`- \`${text(inputOf(call).expression)}\` = **${text(value.result)}**`];
  });
  return lines.length ? ['### Calculation', ...lines].join('\n') : undefined;
};

const cartSection: Section = (calls) => {
  const added = calls.flatMap((call) => {
    const value = okValue(call);
    return value ? [value] : [];
  });
  const last = added.at(-1);
  if (!last) return undefined;
  const lines = added.map((value) => {
    const item = asRecord(value.added);
    return `- Added **${text(item.quantity)} × ${text(item.name)}** (${text(item.sku)}).`;
  });
  const count = typeof last.itemCount === 'number' ? last.itemCount : undefined;
  lines.push(
    `The cart now holds ${count === undefined ? 'your items' : `${count} item${count === 1 ? '' : 's'}`}, ${money(last.totalUsd)} in total.`,
  );
  return ['### Cart', ...lines].join('\n');
};

const genericSection: Section = (calls) => {
  const lines = calls.flatMap((call) => {
    const value = call.outcome.kind === 'ok' ? call.outcome.value : undefined;
    if (value === undefined) return [];
    const json = JSON.stringify(value);
    return [`- ${describeCall(call)}: \`${json.length > 160 ? `${json.slice(0, 157)}…` : json}\``];
  });
  return lines.length ? ['### Other results', ...lines].join('\n') : undefined;
};

const sections: Array<[string, Section]> = [
  ['get_weather', weatherSection],
  ['lookup_product', productSection],
  ['check_inventory', inventorySection],
  ['get_user_profile', profileSection],
  ['get_account_balance', balanceSection],
  ['get_recent_orders', ordersSection],
  ['search_knowledge_base', knowledgeSection],
  ['convert_currency', currencySection],
  ['get_local_time', timeSection],
  ['calculate', calculateSection],
  ['add_to_cart', cartSection],
];
const knownTools = new Set(sections.map(([name]) => name));

function failureLines(calls: CompletedCall[]): string[] {
  return calls.flatMap((call) => {
    switch (call.outcome.kind) {
      case 'error': {
        const message = call.outcome.message;
        const timedOut = /timed out/i.test(message);
        return [`- **${describeCall(call)} ${timedOut ? 'timed out' : 'failed'}**: ${message}`];
      }
      case 'denied':
        return [
          `- **${describeCall(call)} was not run**: ${call.outcome.reason ?? 'the request was denied'}.`,
        ];
      case 'pending':
        return [`- **${describeCall(call)} returned no result.**`];
      default:
        return [];
    }
  });
}

/** Every ask the planner could not plan, quoted, with what it would take. */
export function unplannedLines(unplanned: UnplannedPart[]): string[] {
  return unplanned.map((part) => {
    const quoted = part.text.length > 140 ? `${part.text.slice(0, 137)}…` : part.text;
    return `- “${quoted}” — needs ${part.need}.`;
  });
}

/** Writes the final answer from every result of the turn: figures, tables, and what failed. */
export function synthesize(
  turn: TurnState,
  plan: RequestPlan,
  lexicon: Lexicon,
  unavailable: string[],
): string {
  const calls = turn.calls;
  const okCount = calls.filter((call) => call.outcome.kind === 'ok').length;
  const steps = turn.stepsSoFar;
  const intro =
    calls.length === 0
      ? ''
      : okCount === calls.length
        ? `Here is what ${calls.length === 1 ? 'the tool' : everyOf(calls.length, 'tool call')} returned${steps > 1 ? ` over ${steps} steps` : ''}:`
        : `${okCount} of ${calls.length} tool calls succeeded${steps > 1 ? ` over ${steps} steps` : ''}:`;

  const body = sections
    .map(([name, section]) =>
      section(
        calls.filter((call) => call.toolName === name),
        lexicon,
      ),
    )
    .filter((part): part is string => Boolean(part));
  const generic = genericSection(
    calls.filter((call) => !knownTools.has(call.toolName)),
    lexicon,
  );
  if (generic) body.push(generic);

  if (plan.chain) {
    const lookups = calls.filter(
      (call) => call.toolName === 'lookup_product' && call.outcome.kind === 'ok',
    );
    const stock = calls.find((call) => call.toolName === 'check_inventory');
    if (lookups.length > 0 && !stock) {
      body.push('I could not check stock because no product lookup succeeded.');
    }
  }

  const failures = failureLines(calls);
  if (failures.length) body.push(['### What did not work', ...failures].join('\n'));
  if (plan.unplanned.length) {
    body.push(['### What I could not plan', ...unplannedLines(plan.unplanned)].join('\n'));
  }
  if (unavailable.length) {
    body.push(
      `Not available in this conversation: ${unavailable.map((name) => `\`${name}\``).join(', ')}, so I skipped ${unavailable.length === 1 ? 'that part' : 'those parts'}.`,
    );
  }
  return [intro, ...body].filter(Boolean).join('\n\n');
}

import accountJson from '../../../public/data/account.json';
import catalogueJson from '../../../public/data/catalogue.json';
import ratesJson from '../../../public/data/rates.json';
import storesJson from '../../../public/data/stores.json';
import weatherJson from '../../../public/data/weather.json';
import { type Product, parseDataFile } from '../../shared/tools/data-files';
import { escapeRegExp, fold } from './text';

/** A name the planner can spot in a request, and where it was found. */
export type Mention<T> = { value: T; index: number; text: string };

type Entry<T> = { pattern: RegExp; value: T };

function entries<T>(names: Array<[string, T]>): Array<Entry<T>> {
  // Longest names first so "Nimbus Pro Max" wins over "Nimbus Pro".
  return names
    .filter(([name]) => name.trim().length >= 2)
    .sort(([a], [b]) => b.length - a.length)
    .map(([name, value]) => ({
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(fold(name))}(?![\\p{L}\\p{N}])`, 'gu'),
      value,
    }));
}

/** Finds every non-overlapping mention of the entries in the text, in reading order. */
function findAll<T>(text: string, table: Array<Entry<T>>): Array<Mention<T>> {
  const folded = fold(text);
  const taken: Array<[number, number]> = [];
  const found: Array<Mention<T>> = [];
  for (const entry of table) {
    for (const match of folded.matchAll(entry.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      taken.push([start, end]);
      found.push({ value: entry.value, index: start, text: text.slice(start, end) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const catalogue = parseDataFile('catalogue', catalogueJson).products;
const weather = parseDataFile('weather', weatherJson);
const rates = parseDataFile('rates', ratesJson);
const stores = parseDataFile('stores', storesJson).stores;
const account = parseDataFile('account', accountJson);

const productTable = entries<Product>(
  catalogue.flatMap((product): Array<[string, Product]> => {
    const names: Array<[string, Product]> = [
      [product.name, product],
      [product.sku, product],
      [`${product.brand} ${product.name}`, product],
    ];
    return names;
  }),
);

const cityTable = entries<string>(
  weather.cities.flatMap(
    (city): Array<[string, string]> => [
      [city.city, city.city],
      ...(city.aliases ?? []).map((alias): [string, string] => [alias, city.city]),
    ],
  ),
);

const currencyNames: Record<string, string[]> = {
  USD: ['dollar', 'dollars', 'us dollar', 'us dollars', 'usd'],
  EUR: ['euro', 'euros', 'eur'],
  GBP: ['pound', 'pounds', 'sterling', 'british pounds', 'gbp'],
  JPY: ['yen', 'japanese yen', 'jpy'],
  CHF: ['swiss franc', 'swiss francs', 'franc', 'francs', 'chf'],
  CAD: ['canadian dollar', 'canadian dollars', 'cad'],
  AUD: ['australian dollar', 'australian dollars', 'aud'],
  CNY: ['yuan', 'renminbi', 'rmb', 'cny'],
  INR: ['rupee', 'rupees', 'indian rupees', 'inr'],
  KRW: ['won', 'korean won', 'krw'],
  BRL: ['real', 'reais', 'brazilian real', 'brl'],
  MXN: ['mexican peso', 'mexican pesos', 'peso', 'pesos', 'mxn'],
  SEK: ['krona', 'kronor', 'swedish krona', 'sek'],
  SGD: ['singapore dollar', 'singapore dollars', 'sgd'],
  NZD: ['new zealand dollar', 'new zealand dollars', 'nzd'],
};

const knownCurrencies = new Set([rates.base, ...Object.keys(rates.rates)]);
const currencyTable = entries<string>([
  ...[...knownCurrencies].map((code): [string, string] => [code, code]),
  ...Object.entries(currencyNames).flatMap(([code, names]) =>
    names.map((name): [string, string] => [name, code]),
  ),
]);

const storeTable = entries<string>(
  stores.flatMap(
    (store): Array<[string, string]> => [
      [store.id, store.id],
      [store.name, store.id],
    ],
  ),
);

/** IANA zones by their city ("Tokyo" → "Asia/Tokyo"), plus cities the zone database names differently. */
function zoneTable(): Array<Entry<string>> {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const names: Array<[string, string]> = zones.flatMap((zone): Array<[string, string]> => {
    const city = zone.split('/').at(-1)?.replace(/_/g, ' ');
    return city
      ? [
          [city, zone],
          [zone, zone],
        ]
      : [];
  });
  const extra: Record<string, string> = {
    'San Francisco': 'America/Los_Angeles',
    Seattle: 'America/Los_Angeles',
    Boston: 'America/New_York',
    Washington: 'America/New_York',
    Miami: 'America/New_York',
    Beijing: 'Asia/Shanghai',
    Mumbai: 'Asia/Kolkata',
    Delhi: 'Asia/Kolkata',
    'New Delhi': 'Asia/Kolkata',
    Bangalore: 'Asia/Kolkata',
    Barcelona: 'Europe/Madrid',
    Munich: 'Europe/Berlin',
    Milan: 'Europe/Rome',
    Osaka: 'Asia/Tokyo',
    Kyoto: 'Asia/Tokyo',
    Melbourne: 'Australia/Melbourne',
    'Rio de Janeiro': 'America/Sao_Paulo',
    'Cape Town': 'Africa/Johannesburg',
    UTC: 'UTC',
    GMT: 'UTC',
  };
  for (const [city, zone] of Object.entries(extra)) names.push([city, zone]);
  for (const city of weather.cities) {
    const match = names.find(([name]) => fold(name) === fold(city.city));
    if (!match) continue;
    for (const alias of city.aliases ?? []) names.push([alias, match[1]]);
  }
  return entries(names);
}
const timezoneTable = zoneTable();

/** What the offline planner knows the world contains: the same data files the tools read. */
export const lexicon = {
  products: catalogue,
  homeStoreId: account.profile.homeStoreId,
  cityNames: weather.cities.map((city) => city.city),
  findProducts: (text: string) => findAll(text, productTable),
  findCities: (text: string) => findAll(text, cityTable),
  findCurrencies: (text: string) => findAll(text, currencyTable),
  findStores: (text: string) => findAll(text, storeTable),
  findTimezones: (text: string) => findAll(text, timezoneTable),
  storeName: (id: string) => stores.find((store) => store.id === id)?.name,
};
export type Lexicon = typeof lexicon;

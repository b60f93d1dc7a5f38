import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DataFile, type DataFileName, dataFileNames, parseDataFile } from './data-files';

const dataDir = new URL('../../../public/data/', import.meta.url);

function read<Name extends DataFileName>(name: Name): DataFile<Name> {
  return parseDataFile(name, JSON.parse(readFileSync(new URL(`${name}.json`, dataDir), 'utf8')));
}

describe('public/data fixtures', () => {
  it('has exactly the declared files, all valid, under 200 KB together', () => {
    const files = readdirSync(dataDir).sort();
    expect(files).toEqual(dataFileNames.map((name) => `${name}.json`).sort());
    for (const name of dataFileNames) expect(() => read(name)).not.toThrow();
    const bytes = files.reduce((sum, file) => sum + statSync(new URL(file, dataDir)).size, 0);
    expect(bytes).toBeLessThan(200 * 1024);
  });

  it('rejects a malformed file with a message naming it', () => {
    expect(() => parseDataFile('rates', { base: 'USD', rates: {} })).toThrow(
      /rates\.json is invalid: asOf/,
    );
  });

  it('has a catalogue of at least 12 distinct products including the example ones', () => {
    const { products } = read('catalogue');
    expect(products.length).toBeGreaterThanOrEqual(12);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
    const examples = ['Aurora X1', 'Nimbus Pro', 'Vega Air'].map((name) =>
      products.find((p) => p.name === name),
    );
    const prices = examples.map((p) => p?.priceUsd);
    expect(prices.every((price) => typeof price === 'number')).toBe(true);
    expect(new Set(prices).size).toBe(3);
  });

  it('keeps stock consistent between the catalogue and the stores', () => {
    const { products } = read('catalogue');
    const { stores } = read('stores');
    for (const product of products) {
      for (const store of stores) expect(store.inventory[product.sku]).toBeDefined();
      const total = stores.reduce((sum, s) => sum + (s.inventory[product.sku]?.quantity ?? 0), 0);
      expect(product.inStock, product.sku).toBe(total > 0);
    }
    for (const store of stores) {
      for (const sku of Object.keys(store.inventory)) {
        expect(products.some((p) => p.sku === sku)).toBe(true);
      }
    }
  });

  it('has three knowledge bases of at least 30 unique articles each', () => {
    const seenUrls = new Set<string>();
    for (const source of ['docs', 'faq', 'forum'] as const) {
      const file = read(`kb-${source}`);
      expect(file.source).toBe(source);
      expect(file.articles.length).toBeGreaterThanOrEqual(30);
      expect(new Set(file.articles.map((a) => a.id)).size).toBe(file.articles.length);
      expect(new Set(file.articles.map((a) => a.title)).size).toBe(file.articles.length);
      expect(new Set(file.articles.map((a) => a.body)).size).toBe(file.articles.length);
      for (const article of file.articles) {
        expect(article.body.split(/[.!?](\s|$)/).length).toBeGreaterThan(2);
        expect(article.body).not.toMatch(/lorem|ipsum/i);
        expect(article.tags.length).toBeGreaterThan(0);
        expect(seenUrls.has(article.url)).toBe(false);
        seenUrls.add(article.url);
      }
    }
  });

  it('covers at least 20 cities, including the ones the examples use', () => {
    const { cities } = read('weather');
    expect(cities.length).toBeGreaterThanOrEqual(20);
    const names = cities.map((c) => c.city);
    for (const city of ['Paris', 'Tokyo', 'New York', 'London', 'Berlin', 'Sydney', 'São Paulo']) {
      expect(names).toContain(city);
    }
  });

  it('has USD-based rates for at least 10 currencies', () => {
    const file = read('rates');
    expect(file.base).toBe('USD');
    expect(file.rates.USD).toBe(1);
    expect(Object.keys(file.rates).length).toBeGreaterThanOrEqual(10);
  });

  it('has one account whose orders add up and point at real products and stores', () => {
    const account = read('account');
    const { products } = read('catalogue');
    const { stores } = read('stores');
    expect(stores.some((s) => s.id === account.profile.homeStoreId)).toBe(true);
    expect(account.orders.length).toBeGreaterThanOrEqual(5);
    for (const order of account.orders) {
      const sum = order.items.reduce((total, item) => total + item.quantity * item.unitPriceUsd, 0);
      expect(order.total).toBeCloseTo(sum, 2);
      for (const item of order.items) {
        expect(products.find((p) => p.sku === item.sku)?.name).toBe(item.name);
      }
    }
    const processing = account.orders.filter((o) => o.status === 'processing');
    expect(account.balance.pending).toBeCloseTo(
      processing.reduce((total, order) => total + order.total, 0),
      2,
    );
  });
});

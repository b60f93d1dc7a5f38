import { z } from 'zod';

/**
 * The demo pack's data files, served from `public/data/<name>.json`. Both sides validate them
 * with these schemas, so a typo in a fixture fails loudly instead of surfacing as `undefined`.
 */

const isoDate = z.iso.date();
const specValue = z.union([z.string(), z.number(), z.boolean()]);

export const productSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  brand: z.string().min(1),
  category: z.string().min(1),
  priceUsd: z.number().positive(),
  rating: z.number().min(0).max(5),
  reviewCount: z.number().int().nonnegative(),
  specs: z.record(z.string(), specValue),
  inStock: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;

export const catalogueFileSchema = z.object({ products: z.array(productSchema).min(1) });

export const cityWeatherSchema = z.object({
  city: z.string().min(1),
  country: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  tempC: z.number(),
  condition: z.string().min(1),
  humidityPct: z.number().min(0).max(100),
  windKph: z.number().nonnegative(),
});
export type CityWeather = z.infer<typeof cityWeatherSchema>;

export const weatherFileSchema = z.object({
  observedAt: z.iso.datetime(),
  cities: z.array(cityWeatherSchema).min(1),
});

export const ratesFileSchema = z.object({
  base: z.string().length(3),
  asOf: isoDate,
  rates: z.record(z.string().length(3), z.number().positive()),
});

export const orderItemSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  quantity: z.number().int().positive(),
  unitPriceUsd: z.number().nonnegative(),
});

export const orderStatusSchema = z.enum([
  'processing',
  'shipped',
  'delivered',
  'returned',
  'cancelled',
]);

export const orderSchema = z.object({
  id: z.string().min(1),
  date: isoDate,
  items: z.array(orderItemSchema).min(1),
  total: z.number().nonnegative(),
  currency: z.string().length(3),
  status: orderStatusSchema,
});
export type Order = z.infer<typeof orderSchema>;

export const accountFileSchema = z.object({
  profile: z.object({
    customerId: z.string().min(1),
    name: z.string().min(1),
    email: z.email(),
    tier: z.string().min(1),
    memberSince: isoDate,
    homeStoreId: z.string().min(1),
  }),
  balance: z.object({
    currency: z.string().length(3),
    available: z.number(),
    pending: z.number(),
    creditLimit: z.number().nonnegative(),
    asOf: z.iso.datetime(),
  }),
  orders: z.array(orderSchema),
});

export const stockEntrySchema = z.object({
  quantity: z.number().int().nonnegative(),
  restockDate: isoDate.nullable(),
});

export const storeSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  city: z.string().min(1),
  timezone: z.string().min(1),
  inventory: z.record(z.string(), stockEntrySchema),
});
export type Store = z.infer<typeof storeSchema>;

export const storesFileSchema = z.object({ stores: z.array(storeSchema).min(1) });

export const knowledgeBaseSources = ['docs', 'faq', 'forum'] as const;
export type KnowledgeBaseSource = (typeof knowledgeBaseSources)[number];

export const articleSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  body: z.string().min(1),
  url: z.url(),
  tags: z.array(z.string()),
});
export type Article = z.infer<typeof articleSchema>;

export const knowledgeBaseFileSchema = z.object({
  source: z.enum(knowledgeBaseSources),
  articles: z.array(articleSchema).min(1),
});

/** Every data file by name (the name is also its path: `/data/<name>.json`). */
export const dataFileSchemas = {
  catalogue: catalogueFileSchema,
  weather: weatherFileSchema,
  rates: ratesFileSchema,
  account: accountFileSchema,
  stores: storesFileSchema,
  'kb-docs': knowledgeBaseFileSchema,
  'kb-faq': knowledgeBaseFileSchema,
  'kb-forum': knowledgeBaseFileSchema,
} as const;

export type DataFileName = keyof typeof dataFileSchemas;
export type DataFile<Name extends DataFileName> = z.infer<(typeof dataFileSchemas)[Name]>;

export const dataFileNames = Object.keys(dataFileSchemas) as DataFileName[];

/** The URL path a data file is served from. */
export function dataFileUrl(name: DataFileName): string {
  return `/data/${name}.json`;
}

/** Validates raw JSON as the named data file; throws a readable error naming the file. */
export function parseDataFile<Name extends DataFileName>(name: Name, raw: unknown): DataFile<Name> {
  const result = dataFileSchemas[name].safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : '';
    throw new Error(`Data file ${name}.json is invalid: ${where}`);
  }
  return result.data as DataFile<Name>;
}

/** The source's knowledge-base file name. */
export function knowledgeBaseFile(source: KnowledgeBaseSource): `kb-${KnowledgeBaseSource}` {
  return `kb-${source}`;
}

import { z } from 'zod';
import { knowledgeBaseSources } from './data-files';
import { defineToolSpec } from './tool-spec';

export const SEARCH_DEFAULT_LIMIT = 3;
export const SEARCH_MAX_LIMIT = 10;

export const searchKnowledgeBaseInput = z.object({
  source: z
    .enum(knowledgeBaseSources)
    .describe(
      'Which knowledge base: "docs" (official guides and policies), "faq" (short answers) or "forum" (community threads).',
    ),
  query: z
    .string()
    .min(1)
    .describe('What to search for, in a few keywords (e.g. "return policy opened headphones").'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(SEARCH_MAX_LIMIT)
    .optional()
    .describe(
      `How many hits to return (default ${SEARCH_DEFAULT_LIMIT}, at most ${SEARCH_MAX_LIMIT}).`,
    ),
});
export type SearchKnowledgeBaseInput = z.infer<typeof searchKnowledgeBaseInput>;

export const searchKnowledgeBaseOutput = z.object({
  source: z.enum(knowledgeBaseSources),
  query: z.string(),
  totalMatches: z.number(),
  hits: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      snippet: z.string(),
      url: z.string(),
      score: z.number(),
      tags: z.array(z.string()),
    }),
  ),
});
export type SearchKnowledgeBaseOutput = z.infer<typeof searchKnowledgeBaseOutput>;

export const searchKnowledgeBaseSpec = defineToolSpec({
  name: 'search_knowledge_base',
  description:
    "Full-text search of the electronics store's help content: shipping, returns, warranty, payments, product " +
    'setup and troubleshooting. Returns ranked hits with title, snippet, url and score. Each call searches ONE ' +
    'source; to cover docs, FAQ and forum, make three calls in the same response and they run in parallel.',
  input: searchKnowledgeBaseInput,
  runsOn: 'browser',
  timeoutMs: 8000,
  simulatedLatency: { baseMs: 850, jitterMs: 300 },
});

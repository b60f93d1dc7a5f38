import { describe, expect, it } from 'vitest';
import { searchKnowledgeBaseInput } from '../shared/tools/search-knowledge-base';
import {
  bestSnippet,
  knowledgeBaseIndex,
  searchKnowledgeBaseHandler,
} from './search-knowledge-base';
import { createFsDataLoader, testContext } from './test-data-loader';

describe('search_knowledge_base', () => {
  it.each([
    ['docs', 'pair Halcyon 700 headphones bluetooth', 'Pairing the Halcyon 700 headphones'],
    [
      'docs',
      'how do I set a battery charge limit on my Aurora X1',
      'Setting a charge limit on the Aurora X1',
    ],
    ['faq', 'how long do I have to return an item', 'How long do I have to return something?'],
    ['faq', 'do gift cards expire', 'Do Kestrel gift cards expire?'],
    [
      'forum',
      'Vega Air wifi keeps disconnecting',
      '[Solved] Vega Air Wi-Fi keeps dropping after sleep',
    ],
    ['forum', 'swollen battery', 'Old laptop battery is swelling — what should I do?'],
  ] as const)(
    'ranks the obviously relevant %s article first for "%s"',
    async (source, query, title) => {
      const result = await searchKnowledgeBaseHandler({ source, query }, testContext());
      expect(result.hits[0]?.title).toBe(title);
      expect(result.source).toBe(source);
    },
  );

  it('returns ranked hits with snippet, url and score, up to the limit', async () => {
    const result = await searchKnowledgeBaseHandler(
      { source: 'docs', query: 'return refund', limit: 4 },
      testContext(),
    );
    expect(result.hits).toHaveLength(4);
    expect(result.totalMatches).toBeGreaterThanOrEqual(4);
    const scores = result.hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const hit of result.hits) {
      expect(hit.url).toMatch(/^https:\/\/help\.kestrel\.example\/docs\//);
      expect(hit.snippet.length).toBeGreaterThan(20);
      expect(hit.snippet.length).toBeLessThanOrEqual(221);
    }
  });

  it('defaults to three hits and tolerates typos', async () => {
    const result = await searchKnowledgeBaseHandler(
      { source: 'faq', query: 'warrantee batery' },
      testContext(),
    );
    expect(result.hits).toHaveLength(3);
    expect(result.hits.map((hit) => hit.title)).toContain('Is a worn-out battery covered?');
  });

  it('returns no hits, not an error, when nothing matches', async () => {
    const result = await searchKnowledgeBaseHandler(
      { source: 'forum', query: 'xylophone' },
      testContext(),
    );
    expect(result).toMatchObject({ totalMatches: 0, hits: [] });
  });

  it('builds each index once per loaded file', async () => {
    const load = createFsDataLoader();
    const { articles } = await load('kb-docs');
    expect(await knowledgeBaseIndex(articles)).toBe(await knowledgeBaseIndex(articles));
    const { articles: faq } = await load('kb-faq');
    expect(await knowledgeBaseIndex(faq)).not.toBe(await knowledgeBaseIndex(articles));
  });

  it('picks the sentence with the matched terms as the snippet', () => {
    const body = 'Intro sentence here. The battery lasts long. Closing words.';
    expect(bestSnippet(body, ['battery'])).toBe('The battery lasts long.');
  });

  it('rejects an unknown source in the input schema', () => {
    const parsed = searchKnowledgeBaseInput.safeParse({ source: 'blog', query: 'returns' });
    expect(parsed.success).toBe(false);
  });

  it('honours an aborted signal', async () => {
    await expect(
      searchKnowledgeBaseHandler({ source: 'docs', query: 'x' }, testContext(AbortSignal.abort())),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

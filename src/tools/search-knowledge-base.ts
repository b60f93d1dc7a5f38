import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { whenIdle } from '../platform/when-idle';
import { type Article, knowledgeBaseFile } from '../shared/tools/data-files';
import {
  SEARCH_DEFAULT_LIMIT,
  type SearchKnowledgeBaseInput,
  type SearchKnowledgeBaseOutput,
} from '../shared/tools/search-knowledge-base';
import { normalizeText } from './text-match';
import { loadData, type ToolHandler } from './tool-context';

// Words that appear in nearly every question ("how do I ... my ...") and only dilute the ranking.
const stopWords = new Set(
  (
    'a an and are as at be but by can do does for from has have how i if in into is it its me my of on ' +
    'or our so that the their them then there these this to was we what when where which who why will ' +
    'with you your'
  ).split(' '),
);

function processTerm(term: string): string | null {
  const normalized = normalizeText(term);
  if (normalized.length < 2 || stopWords.has(normalized)) return null;
  return normalized;
}

type IndexedArticle = Article & { tagText: string };

// The search engine is not on the first screen: loaded on first use, or before, while idle.
const loadMiniSearch = () => import('minisearch').then((module) => module.default);

/**
 * Starts loading the search engine while the page is idle, so the first search does not pay for
 * the chunk inside its measured time (as `preloadCalculator` does for the expression parser).
 */
export function preloadKnowledgeSearch() {
  whenIdle(() => void loadMiniSearch().catch(() => undefined), 2000);
}

function buildIndex(
  Engine: typeof MiniSearch,
  articles: readonly Article[],
): MiniSearch<IndexedArticle> {
  const index = new Engine<IndexedArticle>({
    fields: ['title', 'tagText', 'body'],
    processTerm,
    searchOptions: {
      boost: { title: 3, tagText: 2 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'OR',
    },
  });
  index.addAll(articles.map((article) => ({ ...article, tagText: article.tags.join(' ') })));
  return index;
}

// One index per loaded file: the loader caches files, so each source is indexed once per page.
const indexCache = new WeakMap<readonly Article[], Promise<MiniSearch<IndexedArticle>>>();

/** The search index for a knowledge base's articles, built on first use and cached. */
export function knowledgeBaseIndex(
  articles: readonly Article[],
): Promise<MiniSearch<IndexedArticle>> {
  let index = indexCache.get(articles);
  if (!index) {
    index = loadMiniSearch().then((Engine) => buildIndex(Engine, articles));
    // A failed download is not kept: the next search tries again.
    index.catch(() => indexCache.delete(articles));
    indexCache.set(articles, index);
  }
  return index;
}

const SNIPPET_MAX_CHARS = 220;

/** The body's sentence that contains the most matched terms, trimmed to a snippet. */
export function bestSnippet(body: string, matchedTerms: readonly string[]): string {
  const sentences = body.split(/(?<=[.!?])\s+/);
  let best = sentences[0] ?? body;
  let bestScore = -1;
  for (const sentence of sentences) {
    const words = new Set(normalizeText(sentence).split(' '));
    const score = matchedTerms.filter((term) => words.has(term)).length;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  if (best.length <= SNIPPET_MAX_CHARS) return best;
  const cut = best.slice(0, SNIPPET_MAX_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/** search_knowledge_base: ranked full-text hits from one source, searched in the page. */
export const searchKnowledgeBaseHandler: ToolHandler<
  SearchKnowledgeBaseInput,
  SearchKnowledgeBaseOutput
> = async (input, ctx) => {
  const file = await loadData(ctx, knowledgeBaseFile(input.source));
  ctx.signal.throwIfAborted();
  const index = await knowledgeBaseIndex(file.articles);
  ctx.signal.throwIfAborted();
  const results: SearchResult[] = index.search(input.query);
  const byId = new Map(file.articles.map((article) => [article.id, article]));
  const limit = input.limit ?? SEARCH_DEFAULT_LIMIT;
  const hits = results.slice(0, limit).flatMap((result) => {
    const article = byId.get(String(result.id));
    if (!article) return [];
    return [
      {
        id: article.id,
        title: article.title,
        snippet: bestSnippet(article.body, result.terms),
        url: article.url,
        score: Math.round(result.score * 100) / 100,
        tags: article.tags,
      },
    ];
  });
  return { source: input.source, query: input.query, totalMatches: results.length, hits };
};

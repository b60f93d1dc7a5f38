/**
 * Counts in words, one home for every page and the proxy: "1 call", "2 calls", "both calls",
 * "all 3 calls". English only; a noun with an irregular plural passes it.
 */

/** The noun for `n` things: "call" for 1, "calls" otherwise (0 included). */
export function nounFor(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural;
}

/** "1 call", "2 calls", "0 calls". */
export function countOf(n: number, singular: string, plural?: string): string {
  return `${n} ${nounFor(n, singular, plural)}`;
}

/** Every one of `n` things: "no calls", "the call", "both calls", "all 3 calls". */
export function everyOf(n: number, singular: string, plural?: string): string {
  if (n === 0) return `no ${nounFor(0, singular, plural)}`;
  if (n === 1) return `the ${singular}`;
  if (n === 2) return `both ${nounFor(2, singular, plural)}`;
  return `all ${n} ${nounFor(n, singular, plural)}`;
}

/** `k` out of `n`: "2 of 3 calls", "1 of 1 call", "both calls" when all of two. */
export function partOf(k: number, n: number, singular: string, plural?: string): string {
  if (k === n && n === 2) return everyOf(n, singular, plural);
  return `${k} of ${n} ${nounFor(n, singular, plural)}`;
}

/** The verb agreeing with `n`: ("was", "were"), ("is", "are"), ("it", "them"). */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

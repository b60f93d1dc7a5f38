/** Lower-cases, strips diacritics and collapses punctuation to single spaces ("São-Paulo" → "sao paulo"). */
export function normalizeText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** normalizeText without any spaces, for codes such as SKUs ("aur x1-14" → "aurx114"). */
export function compactText(value: string): string {
  return normalizeText(value).replace(/ /g, '');
}

/** Levenshtein edit distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Edits tolerated as a typo: none for short words, then about one per four characters. */
export function typoBudget(length: number): number {
  if (length < 4) return 0;
  return Math.min(3, Math.floor(length / 4));
}

/** The candidates closest to `query` by edit distance on normalized text, best first. */
export function closestMatches(query: string, candidates: readonly string[], count = 3): string[] {
  const key = normalizeText(query);
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(key, normalizeText(candidate)) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((entry) => entry.candidate);
}

/** "a, b, c and 4 more" — keeps error messages short while still listing real values. */
export function listSome(values: readonly string[], count = 5): string {
  const shown = values.slice(0, count).join(', ');
  const rest = values.length - count;
  return rest > 0 ? `${shown} and ${rest} more` : shown;
}

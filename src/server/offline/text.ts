/** Lower-cases and strips diacritics so "São Paulo" and "sao paulo" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits "Paris, Tokyo and New York" into its items, trimming filler words at the ends. */
export function splitList(text: string): string[] {
  return text
    .split(/\s*,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|\s+or\s+/i)
    .map((item) =>
      item
        .replace(/^(?:the|in|at|for)\s+/i, '')
        .replace(
          /\s+(?:today|tomorrow|now|right now|currently|please|at the moment|this week)$/i,
          '',
        )
        .replace(/[\s"'“”‘’]+$|^[\s"'“”‘’]+/g, '')
        .trim(),
    )
    .filter((item) => item.length > 0 && item.length <= 60);
}

/** Canonical JSON (sorted keys), so equal inputs compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short, stable hash (FNV-1a, base 36) for deterministic ids. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/** Optimal-string-alignment distance, capped: enough to tell a one-letter slip from a new word. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? cap + 1;
}

/**
 * Mends one-letter slips ("wether", "calcualte", "Tokio") in words of five letters or more, so
 * the intent patterns see the word meant. Lower-case keywords match any case; names (cities)
 * only capitalised words. A word that merely extends a keyword ("balanced", "computer") is left
 * alone: it is a different word, not a slip.
 */
export function correctTypos(
  text: string,
  vocabulary: { keywords: readonly string[]; names: readonly string[] },
): string {
  const keywords = new Set(vocabulary.keywords);
  const realWords = new Set(['leather', 'feather', 'heather', 'whether', 'compere', 'convent']);
  const names = new Map(vocabulary.names.map((name) => [fold(name), name]));
  return text.replace(/\p{L}{5,}/gu, (word) => {
    const folded = fold(word);
    if (keywords.has(folded) || names.has(folded) || realWords.has(folded)) return word;
    const related = (candidate: string) =>
      folded.startsWith(candidate) || candidate.startsWith(folded);
    for (const keyword of keywords) {
      if (!related(keyword) && editDistance(folded, keyword, 1) <= 1) return keyword;
    }
    if (/^\p{Lu}/u.test(word)) {
      for (const [key, name] of names) {
        if (!related(key) && editDistance(folded, key, 1) <= 1) return name;
      }
    }
    return word;
  });
}

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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * JSON with object keys sorted at every depth, so two inputs that differ only in key order
 * serialise identically (the deduplication key). Throws like JSON.stringify on cycles.
 */
export function canonicalJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, inner: unknown) => {
    if (!isPlainObject(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = inner[key];
    return sorted;
  });
  // JSON.stringify(undefined) is undefined; an absent input and `{}` are still distinct calls.
  return json ?? 'undefined';
}

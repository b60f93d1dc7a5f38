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

/**
 * Two calls with this same key are one call: the first runs, the others share its result (the
 * page's executor and the proxy's server tools both key calls so). Undefined for an input
 * JSON cannot express, which is never a duplicate of another.
 */
export function dedupKeyOf(toolName: string, input: unknown): string | undefined {
  try {
    return `${toolName}\u0000${canonicalJson(input)}`;
  } catch {
    return undefined;
  }
}

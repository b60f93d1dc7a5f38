/**
 * Which source files a built chunk's bytes come from, read from its source map (`build.sourcemap`
 * is on), so figure 7 can name the biggest modules of the initial JavaScript and a regression
 * names its cause. Bytes are the minified output each source produced (raw, not gzip: gzip of a
 * slice depends on its neighbours, so per-source gzip would be a guess).
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const sourceMapSchema = z.object({
  sources: z.array(z.string()),
  mappings: z.string(),
});

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digit = new Map([...base64].map((char, index) => [char, index]));

/** One mapping segment's fields (Base64 VLQ, the source map v3 encoding). */
function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const bits = digit.get(char) ?? 0;
    value += (bits & 31) << shift;
    if (bits & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Where a source file lives, shortened: `src/…` for the app, the package name for a dependency. */
export function moduleName(source: string): string {
  const nodeModules = source.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const rest = source.slice(nodeModules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? source);
  }
  const src = source.lastIndexOf('src/');
  return src >= 0 ? source.slice(src) : source.replace(/^(\.\.\/)+/, '');
}

/**
 * Bytes of `code` per source file (each generated column range belongs to the source of the
 * segment that starts it; text before a line's first segment and unmapped ranges count as
 * `(unmapped)`). The figures add up to the chunk's length minus its newlines.
 */
export function bytesPerSource(code: string, mapText: string): Map<string, number> {
  const map = sourceMapSchema.parse(JSON.parse(mapText));
  const totals = new Map<string, number>();
  const add = (name: string, bytes: number) => {
    if (bytes > 0) totals.set(name, (totals.get(name) ?? 0) + bytes);
  };
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  let sourceIndex = 0;
  for (const [lineIndex, line] of lines.entries()) {
    const segments = mappingLines[lineIndex]?.split(',').filter(Boolean) ?? [];
    let column = 0;
    let previousColumn = 0;
    let previousSource: string | undefined = '(unmapped)';
    for (const segment of segments) {
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      add(previousSource ?? '(unmapped)', column - previousColumn);
      if (fields.length >= 4) {
        sourceIndex += fields[1] ?? 0;
        previousSource = map.sources[sourceIndex];
      } else previousSource = '(unmapped)';
      previousColumn = column;
    }
    add(previousSource ?? '(unmapped)', line.length - previousColumn);
  }
  return totals;
}

/** The chunk's bytes per module (`moduleName`), or nothing when the chunk has no map beside it. */
export function chunkModules(chunkPath: string): Map<string, number> {
  const mapPath = `${chunkPath}.map`;
  const modules = new Map<string, number>();
  if (!existsSync(mapPath)) return modules;
  const perSource = bytesPerSource(readFileSync(chunkPath, 'utf8'), readFileSync(mapPath, 'utf8'));
  for (const [source, bytes] of perSource) {
    const name = moduleName(source);
    modules.set(name, (modules.get(name) ?? 0) + bytes);
  }
  return modules;
}

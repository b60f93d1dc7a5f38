/** Figure 7: the JavaScript the first screen loads (the entry and its static imports), gzipped. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chunkModules } from './bundle-sources.ts';

export type ChunkSize = { file: string; bytes: number; gzipBytes: number };
export type BundleResult = {
  initial: ChunkSize[];
  initialGzipKb: number;
  initialRawKb: number;
  lazy: ChunkSize[];
  lazyGzipKb: number;
  css: ChunkSize[];
  /**
   * The initial chunks' biggest modules (a package, or a file under src/), minified bytes from
   * the source maps, largest first: what a regression of the initial figure grew by.
   */
  biggestInitialModules: ModuleSize[];
};

export type ModuleSize = { module: string; bytes: number };

const BIGGEST_MODULES = 15;

function size(dir: string, file: string): ChunkSize {
  const bytes = readFileSync(join(dir, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

/** Relative files a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found];
}

export function measureBundle(clientDir: string): BundleResult {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g),
  ].flatMap((match) => (match[1] ? [match[1]] : []));
  const initial = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift() as string;
    if (initial.has(file)) continue;
    initial.add(file);
    const code = readFileSync(join(clientDir, file), 'utf8');
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    for (const target of staticImports(code)) {
      const resolved = join(dir, target).replace(/\\/g, '/');
      if (!initial.has(resolved)) queue.push(resolved);
    }
  }
  const assets = readdirSync(join(clientDir, 'assets'));
  const js = assets.filter((file) => file.endsWith('.js')).map((file) => `assets/${file}`);
  const initialSizes = [...initial].map((file) => size(clientDir, file));
  const lazy = js.filter((file) => !initial.has(file)).map((file) => size(clientDir, file));
  const css = assets
    .filter((file) => file.endsWith('.css'))
    .map((file) => size(clientDir, `assets/${file}`));
  const kb = (list: ChunkSize[], key: 'bytes' | 'gzipBytes') =>
    Math.round((list.reduce((sum, item) => sum + item[key], 0) / 1024) * 10) / 10;
  const modules = new Map<string, number>();
  for (const file of initial)
    for (const [module, bytes] of chunkModules(join(clientDir, file)))
      modules.set(module, (modules.get(module) ?? 0) + bytes);
  const biggestInitialModules = [...modules]
    .map(([module, bytes]) => ({ module, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, BIGGEST_MODULES);
  return {
    initial: initialSizes,
    initialGzipKb: kb(initialSizes, 'gzipBytes'),
    initialRawKb: kb(initialSizes, 'bytes'),
    lazy: lazy.sort((a, b) => b.gzipBytes - a.gzipBytes),
    lazyGzipKb: kb(lazy, 'gzipBytes'),
    css,
    biggestInitialModules,
  };
}

import { readFile } from 'node:fs/promises';
import { type DataFile, type DataFileName, parseDataFile } from '../shared/tools/data-files';
import type { DataLoader, ToolContext } from './tool-context';

const dataDir = new URL('../../public/data/', import.meta.url);

/** For unit tests: loads the real fixtures from public/data with node fs, validated like the page does. */
export function createFsDataLoader(): DataLoader & { calls: DataFileName[] } {
  const calls: DataFileName[] = [];
  // Cached per loader, like the page's react-query loader, so index caches see one object per file.
  const cache = new Map<DataFileName, Promise<unknown>>();
  const load = <Name extends DataFileName>(file: Name) => {
    calls.push(file);
    let pending = cache.get(file);
    if (!pending) {
      pending = readFile(new URL(`${file}.json`, dataDir), 'utf8').then((text) =>
        parseDataFile(file, JSON.parse(text)),
      );
      cache.set(file, pending);
    }
    return pending as Promise<DataFile<Name>>;
  };
  return Object.assign(load, { calls });
}

/** For unit tests: a context with a fresh signal (or the given one) and the fs loader. */
export function testContext(signal: AbortSignal = new AbortController().signal): ToolContext {
  return { signal, load: createFsDataLoader() };
}

import { describe, expect, it } from 'vitest';
import { bytesPerSource, moduleName } from './bundle-sources.ts';

describe('bytesPerSource', () => {
  const map = (mappings: string) =>
    JSON.stringify({ version: 3, sources: ['../src/a.ts', '../src/b.ts'], mappings });

  it('gives each column range to the source of the segment that starts it', () => {
    // Line 0: a from column 0, b from column 3; line 1: b (the source index carries over);
    // line 2: no segment; line 3: back to a (a negative delta).
    const code = 'abcdef\nxy\nzz\nqqq';
    const totals = bytesPerSource(code, map('AAAA,GCAA;AAAA;;ADAA'));
    expect(Object.fromEntries(totals)).toEqual({
      '../src/a.ts': 3 + 3,
      '../src/b.ts': 3 + 2,
      '(unmapped)': 2,
    });
  });

  it('counts text before a line’s first segment and after a source-less segment as unmapped', () => {
    const totals = bytesPerSource('..abc', map('EAAA,E'));
    expect(Object.fromEntries(totals)).toEqual({ '../src/a.ts': 2, '(unmapped)': 3 });
  });
});

describe('moduleName', () => {
  it('names a dependency by its package and an app file by its path under src/', () => {
    expect(moduleName('../node_modules/react-dom/cjs/react-dom-client.production.js')).toBe(
      'react-dom',
    );
    expect(moduleName('../node_modules/@tanstack/virtual-core/dist/esm/index.js')).toBe(
      '@tanstack/virtual-core',
    );
    expect(moduleName('../../src/timeline/waterfall.tsx')).toBe('src/timeline/waterfall.tsx');
  });
});

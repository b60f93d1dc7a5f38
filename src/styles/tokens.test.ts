import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callStatuses as vocabulary } from '../trace/call-vocabulary';
import { breakpoints } from './breakpoints';

const srcDir = join(import.meta.dirname, '..');
const tokensPath = join(import.meta.dirname, 'tokens.css');

/** Comments removed: they may name tokens or sizes they do not use. */
function readCss(path: string): string {
  return readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
}

const tokens = readCss(tokensPath);
const sheets = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.css'))
  .map((file) => join(srcDir, file))
  .filter((path) => path !== tokensPath)
  .map((path) => ({ name: relative(srcDir, path), css: readCss(path) }));

/** Every `--name:` the text sets. */
function declaredIn(css: string): Set<string> {
  return new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1] ?? ''));
}

/** `property: value` pairs of the text (declarations only, not selectors or at-rules). */
function declarations(css: string): Array<{ property: string; value: string }> {
  return [...css.matchAll(/(?:^|[{;])\s*([\w-]+)\s*:\s*([^;{}]+);/g)].map((match) => ({
    property: match[1] ?? '',
    value: (match[2] ?? '').trim(),
  }));
}

const declared = declaredIn(tokens);

/** Every colour token the call vocabulary names: each needs `--status-<token>` and its rules. */
const callStatuses = [...new Set(Object.values(vocabulary).map((status) => status.token))];

describe('design tokens', () => {
  it('finds the stylesheets it checks', () => {
    expect(sheets.map((sheet) => sheet.name)).toEqual(
      expect.arrayContaining([
        'app/styles.css',
        'styles/status.css',
        'timeline/timeline.css',
        'demo/demo.css',
        'demo/modes.css',
      ]),
    );
  });

  it('keeps the scale small: six type sizes, five spacings, three radii plus pill and round', () => {
    const named = (prefix: string) => [...declared].filter((name) => name.startsWith(prefix));
    expect(named('--font-size-')).toHaveLength(6);
    expect(named('--space-')).toHaveLength(5);
    expect(named('--radius-')).toHaveLength(5);
  });

  it('declares the breakpoints that src/styles/breakpoints.ts gives code', () => {
    const inCss = Object.fromEntries(
      [...tokens.matchAll(/--breakpoint-([\w-]+)\s*:\s*(\d+)px/g)].map((match) => [
        match[1],
        Number(match[2]),
      ]),
    );
    expect(inCss).toEqual(breakpoints);
  });

  it('has a colour token for every call status, in both themes', () => {
    for (const status of callStatuses) expect(declared).toContain(`--status-${status}`);
    const [light = '', dark = ''] = tokens.split(':root[data-theme="dark"]');
    // A status token built on a palette colour follows the theme only if the palette colour
    // is set again for dark.
    for (const match of light.matchAll(/--status-[\w-]+\s*:\s*var\((--[\w-]+)\)/g)) {
      const base = match[1] ?? '';
      if (base.startsWith('--status-')) continue;
      expect(declaredIn(dark), `${base} has no dark value`).toContain(base);
    }
  });

  for (const sheet of sheets) {
    describe(sheet.name, () => {
      it('uses and sets only custom properties declared in tokens.css', () => {
        const used = [...sheet.css.matchAll(/var\(\s*(--[\w-]+)/g)].map((match) => match[1]);
        const stray = [...new Set([...used, ...declaredIn(sheet.css)])].filter(
          (name) => name !== undefined && !declared.has(name),
        );
        expect(stray).toEqual([]);
      });

      it('takes font sizes and radii from the scale', () => {
        const raw = declarations(sheet.css).filter(({ property, value }) => {
          if (property === 'font-size')
            return !/^(var\(--font-size-[\w-]+\)|[\d.]+em|inherit)$/.test(value);
          if (/^border(-[a-z]+)*-radius$/.test(property))
            return !value.split(/\s+/).every((part) => /^(0|var\(--radius-[\w-]+\))$/.test(part));
          return false;
        });
        expect(raw.map(({ property, value }) => `${property}: ${value}`)).toEqual([]);
      });

      it('takes colours from the tokens', () => {
        const literals = [...sheet.css.matchAll(/#[\da-f]{3,8}\b|\b(rgba?|hsla?|oklch)\(/gi)];
        expect(literals.map((match) => match[0])).toEqual([]);
      });

      it('queries widths only at the declared breakpoints', () => {
        const allowed = Object.values(breakpoints) as number[];
        const queries = [...sheet.css.matchAll(/@(media|container)([^{]*)\{/g)].map(
          (match) => match[2] ?? '',
        );
        const widths = queries.flatMap((query) =>
          [...query.matchAll(/(\d+(?:\.\d+)?)(px|em|rem)/g)].map(
            (match) => `${match[1]}${match[2]}`,
          ),
        );
        expect(widths.filter((width) => !allowed.map((bp) => `${bp}px`).includes(width))).toEqual(
          [],
        );
      });
    });
  }

  it('binds each status to the same token for the chat row and the waterfall', () => {
    const status = sheets.find((sheet) => sheet.name === 'styles/status.css')?.css ?? '';
    const rules = [...status.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((match) => ({
      selectors: (match[1] ?? '').split(',').map((selector) => selector.trim()),
      body: match[2] ?? '',
    }));
    for (const name of callStatuses) {
      const rule = rules.find((candidate) => candidate.selectors.includes(`.tool-call-${name}`));
      expect(rule?.selectors, name).toEqual(
        expect.arrayContaining([`.wf-status-${name}`, `.wf-icon-${name}`]),
      );
      expect(rule?.body.trim(), name).toBe(`--tone: var(--status-${name});`);
    }
  });
});

describe('breakpoints in code', () => {
  it('come from src/styles/breakpoints.ts, never a width typed by hand', () => {
    const code = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'))
      .filter((file) => !file.startsWith('server') && file !== join('styles', 'breakpoints.ts'));
    const handTyped = code.filter((file) =>
      /\((min-|max-)?width\s*(:|<|>|<=|>=)\s*\d/.test(readFileSync(join(srcDir, file), 'utf8')),
    );
    expect(handTyped).toEqual([]);
  });
});

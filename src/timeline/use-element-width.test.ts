import { describe, expect, it } from 'vitest';
import { entryWidth } from './use-element-width';

describe('entryWidth', () => {
  const contentRect = { width: 300 } as DOMRectReadOnly;

  it('reads the border box the observer reports', () => {
    const borderBoxSize = [{ inlineSize: 312.5, blockSize: 20 }];
    expect(entryWidth({ borderBoxSize, contentRect })).toBe(312.5);
  });

  it('falls back to the content rect where there is no border box size', () => {
    expect(entryWidth({ borderBoxSize: [], contentRect })).toBe(300);
    expect(
      entryWidth({ borderBoxSize: undefined as unknown as ResizeObserverSize[], contentRect }),
    ).toBe(300);
  });
});

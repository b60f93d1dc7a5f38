import { describe, expect, it } from 'vitest';
import { mcpToolName, nameServerTools } from './naming';

describe('MCP tool names', () => {
  it('are <server>_<tool> with characters outside [A-Za-z0-9_-] replaced', () => {
    expect(mcpToolName('everything', 'get-sum')).toBe('everything_get-sum');
    expect(mcpToolName('fs', 'read.file/v2 now')).toBe('fs_read_file_v2_now');
  });

  it('are at most 64 characters', () => {
    const name = mcpToolName('server', 'x'.repeat(100));
    expect(name).toHaveLength(64);
    expect(name.startsWith('server_xxx')).toBe(true);
  });

  it('refuse a name already taken, by a built-in or a sibling after sanitising', () => {
    const { named, refused } = nameServerTools('a', ['b', 'x.y', 'x_y', 'c'], new Set(['a_b']));
    expect([...named]).toEqual([
      ['a_x_y', 'x.y'],
      ['a_c', 'c'],
    ]);
    expect(refused).toEqual([
      'tool "b" is refused: its name a_b is already taken',
      'tool "x_y" is refused: its name a_x_y is already taken',
    ]);
  });
});

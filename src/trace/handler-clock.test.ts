import { describe, expect, it } from 'vitest';
import { createHandlerClock } from './handler-clock';

describe('handler clock', () => {
  it('records nothing unless enabled', () => {
    const clock = createHandlerClock(false);
    clock.record({ callId: 'a', enteredAt: 1, sleptAt: 2, returnedAt: 3 });
    expect(clock.entries).toEqual([]);
  });

  it('keeps the latest entries when enabled', () => {
    const clock = createHandlerClock(true);
    for (let index = 0; index < 5001; index++) {
      clock.record({ callId: `c${index}`, enteredAt: index, sleptAt: index, returnedAt: index });
    }
    expect(clock.entries).toHaveLength(5000);
    expect(clock.entries[0]?.callId).toBe('c1');
  });
});

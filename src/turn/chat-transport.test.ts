import { describe, expect, it } from 'vitest';
import { CONNECTION_LOST, describeStreamFailure } from './chat-transport';

describe('describeStreamFailure', () => {
  it('turns a broken connection into a sentence a person can act on', () => {
    const failure = describeStreamFailure(new TypeError('network error'));
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(CONNECTION_LOST);
  });

  it('leaves Stop and other errors alone', () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect(describeStreamFailure(abort)).toBe(abort);
    const other = new Error('The model’s response was cut off');
    expect(describeStreamFailure(other)).toBe(other);
  });
});

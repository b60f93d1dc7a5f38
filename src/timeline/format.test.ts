import { describe, expect, it } from 'vitest';
import {
  dataMs,
  dataRatio,
  describeInput,
  formatSpeedup,
  isOpenStatus,
  prettyJson,
  statusIcon,
  statusLabel,
} from './format';

describe('describeInput', () => {
  it('reads the values, not the keys', () => {
    expect(describeInput({ city: 'Paris' })).toBe('Paris');
    expect(describeInput({ source: 'docs', query: 'battery life', limit: 3 })).toBe(
      'docs · battery life · 3',
    );
    expect(describeInput({})).toBe('');
    expect(describeInput(undefined)).toBe('');
    expect(describeInput('raw')).toBe('raw');
  });

  it('cuts long input to the given length', () => {
    const text = describeInput({ expression: 'x'.repeat(100) }, 10);
    expect(text).toHaveLength(10);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('data attribute values', () => {
  it('are rounded numbers, or empty when unknown', () => {
    expect(dataMs(1002.46)).toBe('1002.5');
    expect(dataMs(0)).toBe('0');
    expect(dataMs(undefined)).toBe('');
    expect(dataMs(Number.NaN)).toBe('');
    expect(dataRatio(2.8571)).toBe('2.86');
    expect(dataRatio(undefined)).toBe('');
  });
});

describe('statuses', () => {
  it('have words and an icon, so colour is never the only signal', () => {
    for (const status of [
      'ok',
      'error',
      'timeout',
      'invalid-input',
      'cancelled',
      'deduplicated',
      'interrupted',
      'running',
      'queued',
      'input-streaming',
      'sharing',
    ] as const) {
      expect(statusLabel(status)).not.toBe('');
      expect(statusIcon(status)).not.toBe('');
    }
    expect(isOpenStatus('running')).toBe(true);
    expect(isOpenStatus('ok')).toBe(false);
  });
});

describe('formatSpeedup and prettyJson', () => {
  it('format for reading', () => {
    expect(formatSpeedup(2.857)).toBe('2.86×');
    expect(formatSpeedup(undefined)).toBe('—');
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(prettyJson(cyclic)).toBe('[object Object]');
  });
});

import { describe, expect, it } from 'vitest';
import { importTraceFile } from './index';
import { readTraceFile } from './read-trace-file';
import { otlpFile, sequentialWeather } from './test-fixtures';

describe('readTraceFile', () => {
  it('reads a file where no worker can start (here), with the same result as importTraceFile', async () => {
    const text = JSON.stringify(otlpFile([sequentialWeather('genai')]));
    const result = await readTraceFile(new Blob([text], { type: 'application/json' }));
    expect(result).toEqual(importTraceFile(text));
    expect(result.ok && result.choices[0]?.callCount).toBe(3);
  });

  it('says why a file is not a trace instead of throwing', async () => {
    const result = await readTraceFile(new Blob(['{ not json']));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/not valid JSON/);
  });
});

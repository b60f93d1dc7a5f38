import { describe, expect, it } from 'vitest';
import { TRACE_FORMAT, TRACE_FORMAT_VERSION } from './export-format';
import { finishedRun, runningRun } from './export-test-runs';
import { exportRuns, traceFileName } from './export-trace';
import { heldRunIds, importTrace, markInterrupted, replaceQuestion } from './import-trace';
import { toOtlp } from './otlp';

function expectError(text: string): string {
  const result = importTrace(text);
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

function fileWith(change: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(exportRuns([finishedRun()])) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file);
}

describe('exportRuns / importTrace', () => {
  it('round-trips a finished run into an equal trace', () => {
    const run = finishedRun();
    const text = exportRuns([run], new Date('2026-01-01T00:00:00.000Z'));
    const result = importTrace(text);
    expect(result).toEqual({ ok: true, runs: [run], exportedAt: '2026-01-01T00:00:00.000Z' });
    // Importing and exporting again changes nothing either.
    if (!result.ok) return;
    expect(exportRuns(result.runs, new Date('2026-01-01T00:00:00.000Z'))).toBe(text);
  });

  it('writes the versioned envelope', () => {
    const file = JSON.parse(exportRuns([], new Date('2026-02-03T04:05:06.789Z')));
    expect(file).toEqual({
      format: TRACE_FORMAT,
      version: TRACE_FORMAT_VERSION,
      exportedAt: '2026-02-03T04:05:06.789Z',
      runs: [],
    });
    expect(traceFileName(new Date('2026-02-03T04:05:06.789Z'))).toBe(
      'fanout-trace-2026-02-03T04-05-06.json',
    );
  });

  it('brings a run exported mid-flight back as interrupted', () => {
    const result = importTrace(exportRuns([finishedRun(), runningRun()]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [finished, cutOff] = result.runs;
    expect(finished).toEqual(finishedRun());
    expect(cutOff?.status).toBe('interrupted');
    expect(cutOff?.endedAt).toBe(400);
    expect(cutOff?.spans.c1).toEqual(runningRun().spans.c1);
    expect(cutOff?.spans.c2).toMatchObject({ state: 'settled', status: 'interrupted' });
    expect(cutOff?.spans.c2?.settledAt).toBeUndefined();
    expect(cutOff?.spans.c3).toMatchObject({ state: 'settled', status: 'interrupted' });
  });

  it('drops unknown fields instead of refusing the file', () => {
    const text = fileWith((file) => {
      const runs = file.runs as Array<Record<string, unknown>>;
      if (runs[0]) runs[0].addedLater = { anything: true };
    });
    const result = importTrace(text);
    expect(result).toMatchObject({ ok: true, runs: [finishedRun()] });
  });
});

describe('importTrace errors', () => {
  it('says when the text is not JSON', () => {
    expect(expectError('{"format": ')).toMatch(/^The file is not valid JSON \(/);
    expect(expectError('')).toMatch(/not valid JSON/);
  });

  it('says when the file is something else', () => {
    expect(expectError('[1, 2]')).toBe(
      'This is not a Fanout trace: the file holds no JSON object.',
    );
    expect(expectError('{"format": "har", "version": 1}')).toBe(
      'This is not a Fanout trace: "format" should be "fanout-trace".',
    );
    const otlp = JSON.stringify(toOtlp([finishedRun()], { serviceName: 'fanout-web' }));
    expect(expectError(otlp)).toMatch(/^This is an OTLP export, not a Fanout trace/);
  });

  it('refuses a newer version with a sentence about versions', () => {
    const text = fileWith((file) => {
      file.version = 2;
      file.runs = 'whatever version 2 holds';
    });
    expect(expectError(text)).toBe(
      'This trace was written by a newer Fanout (format version 2); this one reads version 1. Update Fanout to open it.',
    );
    expect(expectError(fileWith((file) => (file.version = '1')))).toMatch(/"version" must be/);
  });

  it('names the path of an invalid field', () => {
    const text = fileWith((file) => {
      const runs = file.runs as Array<{ spans: Record<string, Record<string, unknown>> }>;
      const span = runs[0]?.spans['call-b'];
      if (span) span.startedAt = 'soon';
    });
    expect(expectError(text)).toMatch(
      /^The trace file is invalid — runs\[0\]\.spans\["call-b"\]\.startedAt: .*expected number/,
    );
    const negative = fileWith((file) => {
      const runs = file.runs as Array<{ steps: Array<Record<string, unknown>> }>;
      const step = runs[0]?.steps[1];
      if (step) step.requestAt = -4;
    });
    expect(expectError(negative)).toMatch(/runs\[0\]\.steps\[1\]\.requestAt: /);
    const status = fileWith((file) => {
      const runs = file.runs as Array<Record<string, unknown>>;
      if (runs[0]) runs[0].status = 'done';
    });
    expect(expectError(status)).toMatch(/runs\[0\]\.status: /);
  });

  it('refuses dangling references and duplicate runs', () => {
    const dangling = fileWith((file) => {
      const runs = file.runs as Array<{ spanOrder: string[] }>;
      runs[0]?.spanOrder.push('call-z');
    });
    expect(expectError(dangling)).toBe(
      'The trace file is invalid — runs[0].spanOrder[7]: names call "call-z", which the run has no span for.',
    );
    const duplicate = exportRuns([finishedRun(), finishedRun()]);
    expect(expectError(duplicate)).toBe(
      'The trace file is invalid — runs[1].id: run "run-1" appears twice.',
    );
  });

  it('lists at most three problems', () => {
    const text = fileWith((file) => {
      const runs = file.runs as Array<Record<string, unknown>>;
      if (!runs[0]) return;
      Object.assign(runs[0], { prompt: 1, policy: 2, status: 3, parallelToolCalls: 4 });
    });
    expect(expectError(text)).toMatch(/\(and 1 more\)\.$/);
  });
});

describe('importTrace does not trust what it can check', () => {
  it('refuses a span or a step that ends before it starts, naming it', () => {
    const span = fileWith((file) => {
      const runs = file.runs as Array<{ spans: Record<string, Record<string, unknown>> }>;
      const call = runs[0]?.spans['call-b'];
      if (call) call.settledAt = 1;
    });
    expect(expectError(span)).toMatch(
      /^The trace file is invalid — runs\[0\]\.spans\["call-b"\]: settledAt \(1 ms\) is before startedAt \(\d+(\.\d+)? ms\)\.$/,
    );
    const step = fileWith((file) => {
      const runs = file.runs as Array<{ steps: Array<Record<string, unknown>> }>;
      const first = runs[0]?.steps[0];
      if (first) first.finishedAt = 0;
    });
    expect(expectError(step)).toBe(
      'The trace file is invalid — runs[0].steps[0]: finishedAt (0 ms) is before firstByteAt (120.25 ms).',
    );
  });

  it('measures a call’s output size from its output instead of the stated one', () => {
    const huge = 'y'.repeat(5 * 1024 * 1024);
    const text = fileWith((file) => {
      const runs = file.runs as Array<{ spans: Record<string, Record<string, unknown>> }>;
      const call = runs[0]?.spans['call-a'];
      if (call) Object.assign(call, { output: { text: huge }, outputBytes: 418 });
    });
    const result = importTrace(text);
    if (!result.ok) throw new Error(result.error);
    expect(result.runs[0]?.spans['call-a']?.outputBytes).toBe(huge.length + '{"text":""}'.length);
  });

  it('finds the runs a file would replace, and asks in words', () => {
    const run = finishedRun();
    expect(heldRunIds([run], new Set(['run-9']))).toEqual([]);
    expect(heldRunIds([run], new Set([run.id]))).toEqual([run.id]);
    expect(replaceQuestion('t.json', ['run-1'])).toBe(
      "t.json holds a run you already have (run-1). Replace it with the file's version?",
    );
    expect(replaceQuestion('t.json', ['a', 'b', 'c', 'd'])).toBe(
      "t.json holds 4 runs you already have (a, b, c and 1 more). Replace them with the file's version?",
    );
  });
});

describe('markInterrupted', () => {
  it('returns a finished run as the same object', () => {
    const run = finishedRun();
    expect(markInterrupted(run)).toBe(run);
  });

  it('does not touch its input', () => {
    const run = runningRun();
    const before = structuredClone(run);
    const marked = markInterrupted(run);
    expect(run).toEqual(before);
    expect(marked.status).toBe('interrupted');
    expect(marked.steps).toBe(run.steps);
  });

  it('ends an empty run at its start', () => {
    const run = { ...runningRun(), steps: [], spanOrder: [], spans: {} };
    expect(markInterrupted(run)).toMatchObject({ status: 'interrupted', endedAt: 0 });
  });
});

describe('importTrace hostile ids', () => {
  it('does not take inherited properties for spans', () => {
    for (const callId of ['constructor', '__proto__', 'toString']) {
      const text = fileWith((file) => {
        const runs = file.runs as Array<{ spanOrder: string[] }>;
        runs[0]?.spanOrder.push(callId);
      });
      expect(expectError(text)).toMatch(/runs\[0\]\.spanOrder\[7\]: names call/);
    }
  });
});

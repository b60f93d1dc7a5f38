import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drawCharts } from './charts.ts';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});
const scratch = () => {
  const directory = mkdtempSync(join(tmpdir(), 'fanout-charts-'));
  directories.push(directory);
  return directory;
};

const summary = (median: number) => ({ n: 3, median, min: median, max: median });

describe('drawCharts', () => {
  it('writes one SVG per chart, titled and labelled with the run', async () => {
    const directory = scratch();
    await drawCharts(
      {
        generatedAt: '2026-11-25T02:13:33.815Z',
        eager: [
          {
            label: 'OpenAI Chat Completions',
            gainFirstOutputMs: 1141,
            parallel: { firstOutputMs: summary(1425) },
            batch: { firstOutputMs: summary(2566) },
          },
        ],
      },
      directory,
    );
    expect(readdirSync(directory).sort()).toEqual([
      'eager-gain.svg',
      'speedup.svg',
      'wall-over-limit.svg',
    ]);
    const eager = readFileSync(join(directory, 'eager-gain.svg'), 'utf8');
    expect(eager.startsWith('<svg')).toBe(true);
    expect(eager).toContain('OpenAI Chat Completions');
    expect(eager).toContain('1141');
    expect(eager).toContain('2026-11-25 02:13 UTC');
    // No step figure in this file: the chart says so instead of drawing empty axes.
    expect(readFileSync(join(directory, 'speedup.svg'), 'utf8')).toContain('No step figures');
  });

  it('refuses a results object whose figures have the wrong shape', async () => {
    await expect(drawCharts({ eager: [{ label: 'x' }] }, scratch())).rejects.toThrow();
  });
});

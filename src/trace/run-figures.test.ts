import { describe, expect, it } from 'vitest';
import { threeCityRun } from '../timeline/trace-fixtures';
import { dependencyLinks } from './dependencies';
import { parallelOpportunity, runMetrics } from './metrics';
import { linksOf, metricsOf, opportunityOf, prepareRunFigures } from './run-figures';

describe('run figures', () => {
  it('are the same figures the metrics module gives', () => {
    const run = threeCityRun('sequential');
    expect(metricsOf(run, undefined)).toEqual(runMetrics(run));
    expect(linksOf(run)).toEqual(dependencyLinks(run));
    expect(opportunityOf(run)).toEqual(parallelOpportunity(run));
  });

  it('are worked out once per run object, and again for another clock value or run', () => {
    const run = threeCityRun('sequential');
    const first = metricsOf(run, undefined);
    expect(metricsOf(run, undefined)).toBe(first);
    expect(metricsOf(run, 5000)).not.toBe(first);
    expect(metricsOf(threeCityRun('sequential'), undefined)).not.toBe(first);
    expect(linksOf(run)).toBe(linksOf(run));
    expect(opportunityOf(run)).toBe(opportunityOf(run));
  });

  it('are ready after an import prepares them', async () => {
    const run = threeCityRun('sequential');
    await prepareRunFigures([run]);
    const links = linksOf(run);
    const opportunity = opportunityOf(run, links);
    await prepareRunFigures([run]);
    expect(linksOf(run)).toBe(links);
    expect(opportunityOf(run, links)).toBe(opportunity);
    expect(opportunity.callIds).toEqual(['Paris', 'Tokyo', 'New York']);
  });
});

/**
 * The plan's cases, run on the real network: their results must be ordered
 * the way the lock projects imply. Comparisons test the difference of two
 * means against its own 95% margin.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studentT } from '../../src/engine/index.js';
import { runScenario, type ScenarioRun, type Stat } from '../../src/run/index.js';
import { withDemandDefaults } from '../../src/scenario/demand.js';
import { loadScenario } from '../../src/scenario/load.js';

const file = (name: string) => join(process.cwd(), 'scenarios', `${name}.yaml`);
const run = (name: string, patch: object = {}, replications = 5) => runScenario({ ...loadScenario(file(name)).scenario, ...patch }, { workers: 2, replications });

/**
 * a is lower than b: the difference of the means exceeds its own 95% margin
 * (Welch, with the standard errors recovered from each interval).
 */
function lower(a: Stat, b: Stat): boolean {
  const se = (s: Stat) => s.halfWidth / studentT(0.975, s.n - 1);
  const dof = Math.min(a.n, b.n) - 1;
  return b.mean - a.mean > studentT(0.975, dof) * Math.hypot(se(a), se(b));
}
const wait = (r: ScenarioRun, lock: string) => r.aggregate.locks.find((l) => l.id === lock)!.waitMeanH as Stat;
const busy = (r: ScenarioRun, lock: string) => (r.aggregate.locks.find((l) => l.id === lock)!.utilisation as Stat).mean;

describe("the plan's cases", () => {
  const baseline = run('baseline-2013');

  it('baseline-2013: the main-line locks the plan expands first, Guigang and Changzhou, are the two most congested, both at capacity (busy 90% or more of their working hours)', async () => {
    const b = await baseline;
    const ranked = [...b.aggregate.locks].sort((x, y) => (y.waitMeanH as Stat).mean - (x.waitMeanH as Stat).mean).map((l) => l.id);
    const congested = [...b.aggregate.locks].sort((x, y) => (y.shareOfWaiting as Stat).mean - (x.shareOfWaiting as Stat).mean).slice(0, 2).map((l) => l.id);
    expect(congested.sort()).toEqual(['changzhou', 'guigang']);
    expect(ranked.indexOf('changzhou')).toBeLessThan(4);
    expect(busy(b, 'guigang')).toBeGreaterThanOrEqual(0.9);
    expect(busy(b, 'changzhou')).toBeGreaterThanOrEqual(0.9);
  });

  it("adding Changzhou's third and fourth lines lowers its wait", async () => {
    const [b, cz] = [await baseline, await run('changzhou-3-4')];
    expect(lower(wait(cz, 'changzhou'), wait(b, 'changzhou')), `${wait(cz, 'changzhou').mean} vs ${wait(b, 'changzhou').mean}`).toBe(true);
  });

  it("Guigang's second line lowers Guigang's wait", async () => {
    const [b, gg] = [await baseline, await run('guigang-2')];
    expect(lower(wait(gg, 'guigang'), wait(b, 'guigang')), `${wait(gg, 'guigang').mean} vs ${wait(b, 'guigang').mean}`).toBe(true);
  });

  it('plan-2020 carries more than baseline-2013 at the same (2020) demand', async () => {
    // Two replications each: the gap (about 30 Mt) dwarfs even a 1-degree-of-freedom margin (about 4 Mt).
    const oldNetwork = await run('baseline-2013', {
      name: 'baseline-2013-at-2020-demand',
      demand: withDemandDefaults({ year: 2020, basis: 'plan', baseYear: 2013, targetYear: 2020, targetTonnes: 300e6, targetTeu: 10e6 }, 2013),
    }, 2);
    const plan = await run('plan-2020', {}, 2);
    expect(lower(oldNetwork.aggregate.mainLine.tonnes, plan.aggregate.mainLine.tonnes)).toBe(true);
  });
});

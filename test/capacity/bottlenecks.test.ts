import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA, checkDesignCapacities, searchCapacity, studyBottlenecks, sweepDemand } from '../../src/capacity/index.js';
import { cycleS } from '../../src/model/lock.js';
import { buildScenarioInput } from '../../src/run/index.js';
import { loadScenario } from '../../src/scenario/load.js';

// The synthetic chain (test/fixtures/two-locks): sand from the upper port to the lower one through
// a narrow lock (one vessel a lockage, 23 min) and then a wide one (four a lockage), boats back empty.
const chain = loadScenario(join(process.cwd(), 'test', 'fixtures', 'scenarios', 'chain.yaml'));
const twoLines = loadScenario(join(process.cwd(), 'test', 'fixtures', 'scenarios', 'chain-narrow-2.yaml'));
const levels = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4];
const YEAR_H = 8760;

/** Tonnes a year a line passes at the utilisation limit if every lockage is full: limit × b / T(b) vessels, half of them loaded. */
function batchBound(lock: 'narrow' | 'wide', perLockage: number, limit: number): number {
  const line = chain.seeds.locks.find((l) => l.id === lock)!.lines[0]!;
  const vesselsPerH = (limit * perLockage * 3600) / cycleS(line, perLockage);
  return vesselsPerH * YEAR_H * 0.5 * 1000; // 2000 t boats at load factor 0.5 down, empty up
}

describe('bottleneck study of a two-lock chain', async () => {
  // The fixture's locks start each lockage at once, so the Dutch 30 min is the telling criterion here.
  const study = await studyBottlenecks(chain.scenario, { levels, workers: 2, seeds: chain.seeds, criteria: { ...DEFAULT_CRITERIA, waitThresholdH: 0.5 } });

  it('names the smaller lock the first bottleneck, and the other once it is relieved', () => {
    const [first, second] = study.analysis.locks;
    expect(first!.id).toBe('narrow');
    expect(first!.rankBySaturation).toBe(1);
    expect(first!.saturatesAt).toBeGreaterThan(1);
    expect(first!.saturatesAt).toBeLessThan(2);
    // The wide lock sees the same traffic and does not saturate within ×4 while the narrow one holds it back.
    expect(second!.id).toBe('wide');
    expect(second!.saturatesAt).toBeNull();
    expect(study.relief?.lock).toBe('narrow');
    const next = study.relief!.analysis.locks[0]!;
    expect(next.id).toBe('wide');
    expect(next.saturatesAt).not.toBeNull();
    expect(next.saturatesAt!).toBeGreaterThan(first!.saturatesAt!);
  });

  it('reads the narrow lock’s practical capacity at 90% utilisation close under the batch-service bound', () => {
    const narrow = study.analysis.locks.find((l) => l.id === 'narrow')!;
    expect(narrow.byUtilisation.status).toBe('reached');
    const bound = batchBound('narrow', 1, 0.9);
    // Never above the bound (no lockage carries more than one boat); below it only by the
    // empty turnarounds that chance leaves even in heavy traffic, which we allow 20% for.
    expect(narrow.byUtilisation.tonnesPerYear).toBeLessThanOrEqual(bound);
    expect(narrow.byUtilisation.tonnesPerYear).toBeGreaterThan(0.8 * bound);
    // The waiting criterion (30 min) binds earlier than 90% utilisation here.
    expect(narrow.byWait.status).toBe('reached');
    expect(narrow.byWait.tonnesPerYear).toBeLessThan(narrow.byUtilisation.tonnesPerYear);
  });

  it('keeps the wide lock, once it binds, under its own bound with four boats a lockage', () => {
    const wide = study.relief!.analysis.locks.find((l) => l.id === 'wide')!;
    expect(wide.byUtilisation.status).toBe('reached');
    expect(wide.byUtilisation.tonnesPerYear).toBeLessThanOrEqual(batchBound('wide', 4, 0.9));
    // and above what one boat a lockage could pass at 90%: batching is what gives it the headroom
    expect(wide.byUtilisation.tonnesPerYear).toBeGreaterThan(batchBound('wide', 1, 0.9));
  });

  it('builds delay curves on which waiting rises with the traffic through the lock', () => {
    const curve = study.analysis.curves.find((c) => c.id === 'narrow')!;
    expect(curve.points.map((p) => p.multiplier)).toEqual(levels);
    const tonnes = curve.points.map((p) => p.tonnesPerYear.mean);
    // At ×1 the lock passes the scenario's 5 Mt a year (down, loaded).
    expect(tonnes[1]! / 1e6).toBeCloseTo(5, 0);
    for (let i = 1; i < curve.points.length; i++) {
      expect(curve.points[i]!.waitMeanH.mean).toBeGreaterThan(curve.points[i - 1]!.waitMeanH.mean);
      expect(curve.points[i]!.utilisation.mean).toBeGreaterThanOrEqual(curve.points[i - 1]!.utilisation.mean);
    }
    // Past saturation the traffic through the lock stops following demand.
    expect(tonnes[7]! / tonnes[1]!).toBeLessThan(3);
  });

  it('ranks by share of waiting at the scenario’s own demand as well', () => {
    const narrow = study.analysis.locks.find((l) => l.id === 'narrow')!;
    expect(narrow.rankByShare).toBe(1);
    expect(narrow.own.shareOfWaiting.mean).toBeGreaterThan(0.5);
  });

  it('prints the design code’s formula beside each published figure, computed from the seeds', () => {
    const checks = checkDesignCapacities(buildScenarioInput(chain.scenario, chain.seeds), study.analysis);
    const narrow = checks.find((c) => c.lock === 'narrow')!;
    // By hand: n = 24 h × 60 / 23 min = 62.6 lockages a day, N = 365 d, G = 2000 t,
    // P = ½ × 62.6 × 365 × 2000 × 0.55 / 1.15 = 10.93 Mt a year one way.
    expect(narrow.formulaOneWayT / 1e6).toBeCloseTo(0.5 * ((24 * 60) / 23) * 365 * 2000 * (0.55 / 1.15) / 1e6, 6);
    expect(narrow.formulaOneWayT / 1e6).toBeCloseTo(10.93, 2);
    expect(narrow.publishedOneWayT).toBe(10e6);
    expect(narrow.simulated?.byUtilisation.status).toBe('reached');
  });
});

describe('capacity search', () => {
  it('never lowers the sustainable throughput when a lock line is added (within CI)', async () => {
    const one = await searchCapacity(chain.scenario, { workers: 2, seeds: chain.seeds, replications: 3, tolerance: 0.1 });
    const two = await searchCapacity(twoLines.scenario, { workers: 2, seeds: twoLines.seeds, replications: 3, tolerance: 0.1 });
    expect(one.binding?.place).toBe('narrow');
    expect(one.sustainable!.multiplier).toBeGreaterThan(1);
    expect(two.sustainable!.multiplier).toBeGreaterThan(one.sustainable!.multiplier);
    expect(two.sustainable!.mainLineTonnes.high).toBeGreaterThanOrEqual(one.sustainable!.mainLineTonnes.low);
    // The bracket is closed to the tolerance, and its ends are judged as they should be.
    expect(one.unsustainable!.multiplier - one.sustainable!.multiplier).toBeLessThanOrEqual(0.1 * one.sustainable!.multiplier + 1e-9);
    expect(one.evaluations.every((e) => e.sustainable === (e.multiplier <= one.sustainable!.multiplier))).toBe(true);
  });
});

describe('demand sweep', () => {
  it('gives the same results on one worker as on two, and the same draws at every level (common random numbers)', async () => {
    const opts = { levels: [1, 2], replications: 2, seeds: chain.seeds };
    const one = await sweepDemand(chain.scenario, { ...opts, workers: 1 });
    const two = await sweepDemand(chain.scenario, { ...opts, workers: 2 });
    expect(two.levels.map((l) => l.results)).toEqual(one.levels.map((l) => l.results));
    // Doubling demand doubles the voyages, give or take the luck of one replication's draws.
    const voyages = one.levels.map((l) => l.results[0]!.net.voyagesStarted);
    expect(voyages[1]! / voyages[0]!).toBeGreaterThan(1.9);
    expect(voyages[1]! / voyages[0]!).toBeLessThan(2.1);
  });
});

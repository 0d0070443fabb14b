import { describe, expect, it } from 'vitest';
import { compareLockMaxima, compareLockRecords, recordTraffic, type Compared, type RecordComparison } from '../../src/capacity/index.js';
import { loadSeeds } from '../../src/network/index.js';
import { SEEDS } from '../network/seed-fixture.js';

const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
// One replication each: the bands (±25%, a factor of 2) are far wider than the replication noise (about ±3% for the per-lockage figures, measured with `waterway-sim locks`).
const run = { replications: 1, seed: 1 };
const records = compareLockRecords(seeds, run);
const maxima = compareLockMaxima(seeds, run);
const rec = (id: string): RecordComparison => records.find((r) => r.record.id === id)!;
const ok = (c: Compared | null, what: string) => {
  expect(c, what).not.toBeNull();
  expect(c!.ok, `${what}: model ${c!.model.mean.toFixed(2)} against ${c!.observed.toFixed(2)}`).toBe(true);
};

describe("a record's traffic as a lock study's input", () => {
  it('Changzhou, February 2016: 3,303 ships in 29 days, 1,893 of them down with 1.90 Mt of the 2.73 Mt', () => {
    const t = recordTraffic(seeds.lockRecords.find((r) => r.id === 'changzhou-2016-02')!);
    expect(t.shipsPerYear).toBeCloseTo((3303 / 29) * 365, 6);
    expect(t.downShare).toBeCloseTo(1893 / 3303, 12);
    expect(t.cargoPerShipT.down).toBeCloseTo(1.9e6 / 1893, 6);
    expect(t.cargoPerShipT.up).toBeCloseTo(0.83e6 / 1410, 6);
    expect(t.seasonal).toBe(false);
  });
});

describe('the lock model against the record (seeds/xijiang/observed.yaml)', () => {
  it('reproduces its calibration record, Changzhou in February 2016: ships and tonnes a lockage within ±25%, the mean wait within a factor of 2', () => {
    const c = rec('changzhou-2016-02');
    expect(c.record.use).toBe('calibration');
    ok(c.vesselsPerLockage, 'ships a lockage');
    ok(c.tonnesPerLockage, 't a lockage');
    ok(c.lockagesPerDay, 'lockages a day');
    ok(c.waitMeanH, 'mean wait');
  });

  it('reproduces the held-out Changzhou records of January–May 2015 and of 2025 (per-lockage figures and the 2025 mean wait)', () => {
    for (const id of ['changzhou-2015-jan-may', 'changzhou-2025']) {
      const c = rec(id);
      expect(c.record.use).toBe('validation');
      ok(c.vesselsPerLockage, `${id} ships a lockage`);
      ok(c.tonnesPerLockage, `${id} t a lockage`);
      ok(c.lockagesPerDay, `${id} lockages a day`);
    }
    ok(rec('changzhou-2025').waitMeanH, 'changzhou-2025 mean wait');
  });

  it('fills its chambers: Changzhou lockages carry five ships or more at the 2025 traffic, not the 1.6 of a lock that starts with the first ship', () => {
    expect(rec('changzhou-2025').vesselsPerLockage!.model.mean).toBeGreaterThan(4.5);
    expect(rec('changzhou-2025').areaFill.mean).toBeGreaterThan(0.6);
  });

  it('never puts a lock’s maximum below what it passed: Changzhou 224 Mt (2024), Guigang line 1 31.66 Mt (2019), Xijin line 1 15 Mt a year (2022), Datengxia 33.67 Mt rated in its first year at 11.5 h a day', () => {
    expect(maxima.map((m) => m.maximum.id).sort()).toEqual(['changzhou-2024', 'datengxia-2020', 'guigang-line1-2019', 'xijin-line1-2022']);
    for (const m of maxima) expect(m.model.mean, `${m.maximum.id}: ${(m.model.mean / 1e6).toFixed(1)} Mt`).toBeGreaterThanOrEqual(m.maximum.tonnesPerYear);
  });
});

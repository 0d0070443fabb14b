import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepDemand } from '../../src/capacity/index.js';
import type { ReplicationResult } from '../../src/model/index.js';
import { ResultStore, WorkerSession, withSession } from '../../src/run/index.js';
import { loadScenario } from '../../src/scenario/load.js';

const chain = loadScenario(join(process.cwd(), 'test', 'fixtures', 'scenarios', 'chain.yaml'));
const store = () => new ResultStore(join(mkdtempSync(join(tmpdir(), 'store-')), 'resume'), 'test');

describe('finished replications kept on disk (--resume)', () => {
  it('a resumed sweep runs only the missing replications and gives exactly the results of an uninterrupted one', async () => {
    await withSession(new WorkerSession(), async (session) => {
      const opts = { levels: [1, 2], replications: 3, workers: 2, seeds: chain.seed, session };
      const fresh = await sweepDemand(chain.scenario, opts);
      const kept = store();
      await sweepDemand(chain.scenario, { ...opts, store: kept });
      expect(kept.count()).toBe(6);
      // As if stopped after four: two of the six files are gone.
      for (const f of readdirSync(kept.dir).slice(0, 2)) rmSync(join(kept.dir, f));
      let reused = -1, ran = 0;
      const resumed = await sweepDemand(chain.scenario, { ...opts, store: kept, onReused: (n) => (reused = n), onProgress: () => ran++ });
      expect(reused).toBe(4);
      expect(ran).toBe(1 + 2); // one report of the reused four, then one per replication run
      expect(resumed.levels.map((l) => l.results)).toEqual(fresh.levels.map((l) => l.results));
    });
  });

  it('keys each replication by everything that decides it: another seed, level or replication is another file', () => {
    const s = store();
    const task = { scenario: chain.scenario, scenarioKey: 'chain', streamKey: 'chain', variant: { demandMultiplier: 1 }, replication: 0, seed: 1 };
    const keys = new Set([s.key(task), s.key({ ...task, seed: 2 }), s.key({ ...task, replication: 1 }), s.key({ ...task, variant: { demandMultiplier: 1.5 } }), s.key({ ...task, scenario: { ...chain.scenario, year: 2020 } })]);
    expect(keys.size).toBe(5);
    expect(new ResultStore(s.dir, 'other version').key(task)).not.toBe(s.key(task));
  });

  it('keeps NaN, ±Infinity and −0 through the file, which JSON alone cannot', () => {
    const s = store();
    const task = { scenario: chain.scenario, scenarioKey: 'chain', replication: 0, seed: 1 };
    const odd = { a: NaN, b: Infinity, c: -Infinity, d: -0, e: [1.5, NaN], f: { g: 0 } } as unknown as ReplicationResult;
    s.save(task, odd);
    expect(s.load(task)).toEqual(odd);
    expect(Object.is((s.load(task) as unknown as { d: number }).d, -0)).toBe(true);
  });
});

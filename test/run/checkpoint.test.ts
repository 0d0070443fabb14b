import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
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
      const opts = { levels: [1, 2], replications: 3, workers: 2, seeds: chain.seeds, session };
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
    const odd = { ...result(), measuredDays: NaN, warmupDays: -0, mainLine: { ...result().mainLine, tonnes: Infinity, teu: -Infinity } };
    s.save(task, odd);
    expect(s.load(task)).toEqual(odd);
    expect(Object.is(s.load(task)!.warmupDays, -0)).toBe(true);
  });
});

/** A result of the right shape (what a replication of nothing would give). */
function result(): ReplicationResult {
  return {
    network: 'two-locks', year: 2013, seed: 1, replication: 0, measuredDays: 170, warmupDays: 10,
    mainLine: { tonnes: 5e6, teu: 0, targetTonnes: 3e8, targetTeu: 1e7, tonnesReached: false, teuReached: false },
    ports: [], locks: [],
    net: { voyagesStarted: 1, voyagesCompleted: 1, offeredT: 1, servedT: 1, backlogT: 0, backlogVessels: 0, backlogAt: [], meanTransitH: 1, totalLockWaitH: 0 },
    conservation: { ok: true, vesselsGenerated: 1, vesselsFinished: 1, vesselsSailing: 0, vesselsAtLocks: 0, vesselsAtPorts: 0, tonnesLoaded: 1, tonnesUnloaded: 1, tonnesAfloat: 0, problems: [] },
    warnings: [], events: 10,
  };
}

describe('stored replications are checked before use (--resume)', () => {
  const task = { scenario: chain.scenario, scenarioKey: 'chain', streamKey: 'chain', variant: { demandMultiplier: 1 }, replication: 0, seed: 1 };
  /** A store whose notices are collected, with one saved replication of `task`. */
  const saved = () => {
    const notices: string[] = [];
    const s = new ResultStore(join(mkdtempSync(join(tmpdir(), 'store-')), 'resume'), 'test', (l) => notices.push(l));
    s.save(task, result());
    return { s, notices, file: join(s.dir, `${s.key(task)}.json`) };
  };
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');

  it('clearing removes only what the store wrote', () => {
    const { s } = saved();
    writeFileSync(join(s.dir, 'notes.txt'), 'mine');
    s.clear();
    expect(readdirSync(s.dir)).toEqual(['notes.txt']);
    rmSync(join(s.dir, 'notes.txt'));
    s.clear();
    expect(existsSync(s.dir)).toBe(false);
  });

  it('uses a file that is what it says, for this very task', () => {
    const { s, notices } = saved();
    expect(s.load(task)).toEqual(result());
    expect(notices).toEqual([]);
  });

  it('discards, with a one-line notice, a file whose numbers were edited, or from another scenario, seed, variant or version, or of the wrong shape', () => {
    const cases: [string, (file: string, s: ResultStore) => void, RegExp][] = [
      ['edited numbers', (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"tonnes":5000000', '"tonnes":9000000')), /its content does not match its sha256 digest/],
      ['another scenario', (f, s) => {
        const other = { ...task, scenario: { ...chain.scenario, name: 'other' } };
        s.save(other, result());
        copyFileSync(join(s.dir, `${s.key(other)}.json`), f);
      }, /it is for another scenario/],
      ['another seed', (f, s) => {
        s.save({ ...task, seed: 2 }, { ...result(), seed: 2 });
        copyFileSync(join(s.dir, `${s.key({ ...task, seed: 2 })}.json`), f);
      }, /it is for another seed/],
      ['another version', (f) => {
        const other = new ResultStore(join(f, '..', '..', 'v2'), '9.9.9', () => {});
        other.save(task, result());
        copyFileSync(join(other.dir, `${other.key(task)}.json`), f);
      }, /it is for another package version/],
      ['plain JSON of another shape', (f) => writeFileSync(f, '{"a":1}'), /not a stored replication of this format/],
      ['a digest-true file of the wrong shape', (f) => {
        const header = JSON.parse(readFileSync(f, 'utf8').split('\n')[0]!);
        const content = '{"network":"two-locks","ports":"none"}';
        writeFileSync(f, `${JSON.stringify({ ...header, digest: sha(content) })}\n${content}`);
      }, /bad shape: result\.year: expected a number/],
      ['garbage', (f) => writeFileSync(f, '\u0000{{{'), /not valid JSON/],
    ];
    for (const [, spoil, reason] of cases) {
      const { s, notices, file } = saved();
      spoil(file, s);
      expect(s.load(task)).toBeUndefined();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(new RegExp(`^ignored stored replication ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*; running it again$`));
      expect(notices[0]).toMatch(reason);
      // Saved again, it is used again.
      s.save(task, result());
      expect(s.load(task)).toEqual(result());
    }
  });
});

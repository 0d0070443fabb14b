import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { cliCommand } from '../helpers.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latinHypercube, studySensitivity } from '../../src/capacity/index.js';
import { loadSeeds } from '../../src/network/index.js';
import { loadScenario } from '../../src/scenario/load.js';

// The two-lock chain with two uncertain figures behind the narrow lock, which binds: its levelling
// time (10 min, range 6–20) and its exit time (2 min, range 1.5–2.5). The target is set at 20 Mt,
// which the seeds' chain sustains (about 22 Mt) and a 20-min levelling does not.
function uncertainChain(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sens-'));
  cpSync(resolve('test', 'fixtures', 'two-locks'), join(dir, 'seeds'), { recursive: true });
  const locks = join(dir, 'seeds', 'locks.yaml');
  const text = readFileSync(locks, 'utf8');
  const i = text.indexOf('- id: wide');
  const narrow = text
    .slice(0, i)
    .replace('levelling: { value: 10, unit: min, estimate: "test" }', 'levelling: { value: 10, unit: min, low: 6, high: 20, estimate: "test; range 6-20" }')
    .replace('exitPerVessel: { value: 2, unit: min, estimate: "test" }', 'exitPerVessel: { value: 2, unit: min, low: 1.5, high: 2.5, estimate: "test; range 1.5-2.5" }');
  writeFileSync(locks, narrow + text.slice(i));
  const scenario = join(dir, 'chain.yaml');
  writeFileSync(scenario, `name: chain-uncertain\nnetwork: seeds\nyear: 2013\ndemand:\n  flows:\n    - { from: up, to: down, commodity: sand, tonnesMt: 5 }\nhorizon: { years: 0.5, warmupDays: 10 }\nreplications: 4\nseed: 11\ntargets: { tonnesMt: 20 }\n`);
  return scenario;
}

describe('sensitivity: one uncertain input at a time over its range', async () => {
  const { scenario, seed } = loadScenario(uncertainChain());
  const s = await studySensitivity(scenario, seed, { replications: 4, tolerance: 0.05, workers: 2, samples: 4 });

  it('varies the figures behind what binds, ranked by the swing in sustainable Mt', () => {
    expect(s.base.binding).toMatchObject({ place: 'narrow', placeKind: 'lock' });
    expect(s.rows.map((r) => r.label)).toEqual(['narrow cycle.levelling', 'narrow cycle.exitPerVessel']);
    expect(s.rows[0]!.swingMt).toBeGreaterThan(s.rows[1]!.swingMt);
    const mt = (x: { search: { sustainable: { mainLineTonnes: { mean: number } } | null } }) => x.search.sustainable!.mainLineTonnes.mean;
    // A longer levelling, a slower lock: less sustained.
    expect(mt(s.rows[0]!.high)).toBeLessThan(mt(s.rows[0]!.low));
  });

  it('names the input the verdict hinges on: at 20 min of levelling 20 Mt is out of reach, at 6 min it is reached', () => {
    const lev = s.rows[0]!;
    expect(lev.flips).toEqual([{ target: 'tonnes', low: 'reachable', high: 'not reachable' }]);
    expect(s.rows[1]!.flips).toEqual([]);
  });

  it('draws all inputs together: P(20 Mt reachable) between the ends, the estimates’ spread and the noise apart', () => {
    const j = s.joint!;
    expect(j.samples).toHaveLength(4);
    // Levelling spread over 6–20 min in four strata: the short ones reach 20 Mt, the long ones do not.
    expect(j.pMeanReaches.tonnes).toBeGreaterThan(0);
    expect(j.pMeanReaches.tonnes).toBeLessThan(1);
    expect(j.pCiReaches.tonnes).toBeLessThanOrEqual(j.pMeanReaches.tonnes);
    expect(j.spreadMt[0]).toBeLessThan(j.spreadMt[2]);
    expect(j.noiseMt).toBeGreaterThan(0);
    expect(j.noiseMt).toBeLessThan(j.spreadMt[2] - j.spreadMt[0]);
  });

  it('an override changes only the figure it names, and the variant is keyed apart from the seeds', () => {
    const f = seed.figures.find((x) => x.path === '[0].cycle.levelling')!;
    const variant = loadSeeds(seed.dir, undefined, [{ file: f.file, at: f.at, value: 20 }]);
    expect(variant.locks[0]!.cycle.levellingS).toBe(1200);
    expect(variant.locks[0]!.cycle.exitPerVesselS).toBe(seed.locks[0]!.cycle.exitPerVesselS);
    expect(variant.dir).not.toBe(seed.dir);
  });
});

describe('Latin hypercube', () => {
  it('puts one draw in each of n equal strata of every range, the same for the same seed', () => {
    const ranges = [{ low: 0, high: 1 }, { low: 10, high: 30 }];
    const d = latinHypercube(ranges, 5, 3);
    expect(d).toHaveLength(5);
    for (const [c, r] of ranges.entries()) {
      const strata = d.map((x) => Math.floor(((x[c]! - r.low) / (r.high - r.low)) * 5)).sort();
      expect(strata).toEqual([0, 1, 2, 3, 4]);
    }
    expect(latinHypercube(ranges, 5, 3)).toEqual(d);
    expect(latinHypercube(ranges, 5, 4)).not.toEqual(d);
  });
});

describe('waterway-sim sensitivity', () => {
  it('prints the tornado and what the verdict hinges on, and writes sensitivity.csv and report.html', async () => {
    const scenario = uncertainChain();
    const out = join(mkdtempSync(join(tmpdir(), 'sens-')), 'out');
    const { stdout } = await promisify(execFile)(process.execPath, [...cliCommand(), 'sensitivity', scenario, '--samples', '0', '--out', out], { maxBuffer: 1 << 24 });
    expect(stdout).toMatch(/^narrow cycle\.levelling +10 min +6 +20 /m);
    expect(stdout).toContain('The verdict hinges on: narrow cycle.levelling (20 Mt reachable at 6, not reachable at 20 min; the seeds say 10)');
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['report.html', 'sensitivity.csv']);
    expect(readFileSync(join(out, 'sensitivity.csv'), 'utf8')).toContain('narrow cycle.levelling,locks.yaml,[0].cycle.levelling,min,10,6,20,');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-input="narrow cycle.levelling"');
  }, 120_000);
});

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
// which the seeds' chain sustains (about 22 Mt) and a 20-min levelling does not. The lower port
// has 3 dry-bulk berths (range 2–4), enough for the chain but what binds once the locks are open river.
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
  const ports = join(dir, 'seeds', 'ports.yaml');
  const p = readFileSync(ports, 'utf8');
  const j = p.indexOf('- id: down');
  writeFileSync(ports, p.slice(0, j) + p.slice(j).replace('{ cargo: dry-bulk, count: { value: 20, unit: "1", estimate: "test" }', '{ cargo: dry-bulk, count: { value: 3, unit: "1", low: 2, high: 4, estimate: "test; range 2-4" }'));
  const scenario = join(dir, 'chain.yaml');
  writeFileSync(scenario, `name: chain-uncertain\nnetwork: seeds\nyear: 2013\ndemand:\n  flows:\n    - { from: up, to: down, commodity: sand, tonnesMt: 5 }\nhorizon: { years: 0.5, warmupDays: 10 }\nreplications: 4\nseed: 11\ntargets: { tonnesMt: 20 }\n`);
  return scenario;
}

const mtOf = (x: { search: { sustainable: { mainLineTonnes: { mean: number } } | null } }) => (x.search.sustainable?.mainLineTonnes.mean ?? 0) / 1e6;

describe('sensitivity: one uncertain input at a time over its range', async () => {
  const { scenario, seeds } = loadScenario(uncertainChain());
  const s = await studySensitivity(scenario, seeds, { replications: 4, tolerance: 0.05, workers: 2, samples: 4 });

  it('varies the figures behind what binds, ranked by the swing in sustainable Mt', () => {
    expect(s.base.binding).toMatchObject({ place: 'narrow', placeKind: 'lock' });
    expect(s.rows.filter((r) => r.part === 'whole network').map((r) => r.label)).toEqual(['narrow cycle.levelling', 'narrow cycle.exitPerVessel']);
    expect(s.rows[0]!.swingMt).toBeGreaterThan(s.rows[1]!.swingMt);
    const mt = (x: { search: { sustainable: { mainLineTonnes: { mean: number } } | null } }) => x.search.sustainable!.mainLineTonnes.mean;
    // A longer levelling, a slower lock: less sustained.
    expect(mt(s.rows[0]!.high)).toBeLessThan(mt(s.rows[0]!.low));
    // A swing several times the search's 5% step is not marked as within its resolution.
    expect(s.rows[0]!.swingMt * 1e6).toBeGreaterThan(3 * 0.05 * mt({ search: s.base }));
    expect(s.rows[0]!.withinResolution).toBe(false);
  });

  it('names the input the verdict hinges on: at 20 min of levelling 20 Mt is out of reach, at 6 min it is reached', () => {
    const lev = s.rows[0]!;
    expect(lev.flips).toEqual([{ target: 'tonnes', low: 'reachable', high: 'not reachable' }]);
    expect(s.rows[1]!.flips).toEqual([]);
  });

  it('studies what binds next: with the locks open river the lower berths bind, and their count flips the berths-alone verdict', () => {
    expect(s.next!.part).toBe('berths alone');
    expect(s.next!.base.binding).toMatchObject({ place: 'down dry-bulk berths', placeKind: 'berths' });
    const next = s.rows.filter((r) => r.part === 'berths alone');
    expect(next.map((r) => r.label)).toEqual(['down dry-bulk berths: count']);
    // Fewer berths, less sustained; 2 berths (about 2 × 4.4 Mt handled, 17 Mt main-line) fall short of 20 Mt.
    expect(mtOf(next[0]!.low)).toBeLessThan(mtOf(next[0]!.high));
    expect(next[0]!.flips).toEqual([{ target: 'tonnes', low: 'not reachable', high: 'reachable' }]);
  });

  it('draws all inputs together: P(20 Mt reachable) between the ends, the estimates’ spread and the noise apart', () => {
    const j = s.joint!;
    expect(j.samples).toHaveLength(4);
    expect(s.inputs).toEqual(['narrow cycle.levelling', 'narrow cycle.exitPerVessel', 'down dry-bulk berths: count']);
    // Levelling spread over 6–20 min in four strata: the short ones reach 20 Mt, the long ones do not.
    expect(j.pMeanReaches.tonnes).toBeGreaterThan(0);
    expect(j.pMeanReaches.tonnes).toBeLessThan(1);
    expect(j.pCiReaches.tonnes).toBeLessThanOrEqual(j.pMeanReaches.tonnes);
    expect(j.spreadMt[0]).toBeLessThan(j.spreadMt[2]);
    expect(j.noiseMt).toBeGreaterThan(0);
    expect(j.noiseMt).toBeLessThan(j.spreadMt[2] - j.spreadMt[0]);
  });

  it('an override changes only the figure it names, and the variant is keyed apart from the seeds', () => {
    const f = seeds.figures.find((x) => x.path === '[0].cycle.levelling')!;
    const variant = loadSeeds(seeds.dir, undefined, [{ file: f.file, at: f.at, value: 20 }]);
    expect(variant.locks[0]!.cycle.levellingS).toBe(1200);
    expect(variant.locks[0]!.cycle.exitPerVesselS).toBe(seeds.locks[0]!.cycle.exitPerVesselS);
    expect(variant.dir).not.toBe(seeds.dir);
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
    expect(stdout).toContain('The verdict hinges on: narrow cycle.levelling (20 Mt reachable at 6 min, not reachable at 20 min; the seeds say 10 min)');
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['report.html', 'sensitivity.csv']);
    expect(stdout).toMatch(/^What binds next, once narrow is relieved: the berths alone sustain [\d.]+ ± [\d.]+ Mt and [\d.]+ ± [\d.]+ M TEU at ×[\d.]+; binds first: down dry-bulk berths\.$/m);
    expect(stdout).toMatch(/^down dry-bulk berths: count +3 +2 +4 /m);
    expect(stdout).toContain('  The berths alone verdict hinges on: down dry-bulk berths: count (20 Mt not reachable at 2, reachable at 4; the seeds say 3)');
    const csv = readFileSync(join(out, 'sensitivity.csv'), 'utf8');
    expect(csv).toContain('whole network,narrow cycle.levelling,locks.yaml,[0].cycle.levelling,min,10,6,20,');
    expect(csv).toContain('berths alone,down dry-bulk berths: count,ports.yaml,');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('data-input="narrow cycle.levelling"');
    expect(html).toMatch(/<table class="sortable" id="sensitivity-next-table">.*?<tr data-input="down dry-bulk berths: count">/s);
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { cliCommand } from '../helpers.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studySensitivity } from '../../src/capacity/index.js';
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
  const s = await studySensitivity(scenario, seed, { replications: 4, tolerance: 0.05, workers: 2 });

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

  it('an override changes only the figure it names, and the variant is keyed apart from the seeds', () => {
    const f = seed.figures.find((x) => x.path === '[0].cycle.levelling')!;
    const variant = loadSeeds(seed.dir, undefined, [{ file: f.file, at: f.at, value: 20 }]);
    expect(variant.locks[0]!.cycle.levellingS).toBe(1200);
    expect(variant.locks[0]!.cycle.exitPerVesselS).toBe(seed.locks[0]!.cycle.exitPerVesselS);
    expect(variant.dir).not.toBe(seed.dir);
  });
});

describe('waterway-sim sensitivity', () => {
  it('prints the tornado and what the verdict hinges on, and writes sensitivity.csv and report.html', async () => {
    const scenario = uncertainChain();
    const out = join(mkdtempSync(join(tmpdir(), 'sens-')), 'out');
    const { stdout } = await promisify(execFile)(process.execPath, [...cliCommand(), 'sensitivity', scenario, '--out', out], { maxBuffer: 1 << 24 });
    expect(stdout).toMatch(/^narrow cycle\.levelling +10 min +6 +20 /m);
    expect(stdout).toContain('The verdict hinges on: narrow cycle.levelling (20 Mt reachable at 6, not reachable at 20 min; the seeds say 10)');
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['report.html', 'sensitivity.csv']);
    expect(readFileSync(join(out, 'sensitivity.csv'), 'utf8')).toContain('narrow cycle.levelling,locks.yaml,[0].cycle.levelling,min,10,6,20,');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-input="narrow cycle.levelling"');
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { cliCommand, refusals, tempFiles } from '../helpers.js';
import { brokenSeeds } from '../network/seed-fixture.js';

const SCENARIOS = join(process.cwd(), 'scenarios');

const files = (texts: Record<string, string>) => tempFiles(texts, 'scenario-hydrology-');
const problems = (file: string) => refusals(() => loadScenario(file), file);

describe('scenario key hydrology: the hydrological year', () => {
  it('the shipped low-water cases resolve to their years of the seeds', () => {
    const d21 = loadScenario(join(SCENARIOS, 'drought-2021.yaml')).scenario;
    expect(d21).toMatchObject({ name: 'drought-2021', year: 2021, demand: { year: 2021 } });
    expect(d21.hydrology.id).toBe('drought-2021');
    expect(d21.hydrology.depthReductions.find((g) => g.segments.includes('xj-changzhou-wuzhou'))!.byMonthM[10]).toBe(1.8);
    const d23 = loadScenario(join(SCENARIOS, 'drought-2023.yaml')).scenario;
    expect(d23).toMatchObject({ name: 'drought-2023', year: 2023 });
    expect(d23.hydrology.lineWithdrawals).toEqual([expect.objectContaining({ lock: 'changzhou', lines: ['1', '2'], days: 69 })]);
  });

  it('without the key a scenario runs in the normal year: no reductions, no withdrawals', () => {
    const { scenario } = loadScenario(join(SCENARIOS, 'plan-2020.yaml'));
    expect(scenario.hydrology).toMatchObject({ id: 'normal', depthReductions: [], lineWithdrawals: [] });
  });

  it('is inherited through extends and overridden like any key', () => {
    const dir = files({
      'base.yaml': 'name: base\nyear: 2021\nhydrology: drought-2021\n',
      'child.yaml': 'name: child\nextends: base.yaml\n',
      'wet.yaml': 'name: wet\nextends: base.yaml\nhydrology: normal\n',
    });
    expect(loadScenario(join(dir, 'child.yaml')).scenario.hydrology.id).toBe('drought-2021');
    expect(loadScenario(join(dir, 'wet.yaml')).scenario.hydrology.id).toBe('normal');
  });

  it('an unknown year is refused at its file and line, with a suggestion and the years there are', () => {
    const dir = files({ 'base.yaml': 'name: base\nyear: 2021\nhydrology: drougth-2021\n', 'child.yaml': 'name: child\nextends: base.yaml\n' });
    const expected = "hydrology: unknown hydrological year 'drougth-2021' (did you mean 'drought-2021'?); the network's hydrology.yaml has normal, dry, drought-2021, drought-2023";
    expect(problems(join(dir, 'base.yaml'))).toEqual([`${join(dir, 'base.yaml')}:3: ${expected}`]);
    // Written in the extended file, it is that file's line that is named.
    expect(problems(join(dir, 'child.yaml')).map((p) => p.replace(/^.*\/(?=base\.yaml)/, ''))).toEqual([`base.yaml:3: ${expected}`]);
  });

  it('not a name is a schema problem', () => {
    const dir = files({ 'bad.yaml': 'name: bad\nyear: 2021\nhydrology: [dry]\n' });
    expect(problems(join(dir, 'bad.yaml'))).toEqual([`${join(dir, 'bad.yaml')}:3: hydrology: expected string, got a list`]);
  });

  it('on a network with no hydrology.yaml only the normal year exists', () => {
    const seeds = brokenSeeds(() => {});
    rmSync(join(seeds, 'hydrology.yaml'));
    const dir = files({ 'ok.yaml': `name: ok\nyear: 2021\nnetwork: ${seeds}\nhydrology: normal\n`, 'dry.yaml': `name: dry\nyear: 2021\nnetwork: ${seeds}\nhydrology: dry\n` });
    expect(loadScenario(join(dir, 'ok.yaml')).scenario.hydrology.id).toBe('normal');
    expect(problems(join(dir, 'dry.yaml'))).toEqual([`${join(dir, 'dry.yaml')}:4: hydrology: unknown hydrological year 'dry' (did you mean 'normal'?); the network's hydrology.yaml has normal`]);
  });

  it('waterway-sim run refuses an unknown year with exit code 1 and writes nothing', async () => {
    const dir = files({ 'bad.yaml': 'name: bad\nextends: ' + join(SCENARIOS, 'drought-2021.yaml') + '\nhydrology: drought-2022\n' });
    const out = join(dir, 'out');
    const e = await promisify(execFile)(process.execPath, [...cliCommand(), 'run', join(dir, 'bad.yaml'), '--out', out, '--replications', '1', '--workers', '1']).then(
      () => {
        throw new Error('expected a failure');
      },
      (err: { code: number; stderr: string }) => err,
    );
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/bad\.yaml:3: hydrology: unknown hydrological year 'drought-2022' \(did you mean 'drought-202[13]'\?\)/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

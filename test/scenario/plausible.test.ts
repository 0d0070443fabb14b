import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/network/index.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cliCommand, refusals, tempFiles } from '../helpers.js';

const TWO_PORTS = resolve('test', 'fixtures', 'two-ports');
const scenario = (extra: string) => `name: odd\nnetwork: ${TWO_PORTS}\nyear: 2013\n${extra}`;
const exec = promisify(execFile);

describe('setBerths: rates with their unit in the key, merged into the port', () => {
  it("replaces the kinds it names and keeps the port's other berths", () => {
    const dir = tempFiles({ 'a.yaml': scenario('changes:\n  - setBerths: { port: up, berths: [{ cargo: container, count: 3, teuPerH: 40 }] }\n') });
    const { scenario: s, seeds } = loadScenario(join(dir, 'a.yaml'));
    const up = applyChanges(seeds, s.changes).seeds.ports.find((p) => p.id === 'up')!;
    expect(up.berths.map((b) => [b.cargo, b.count, Math.round(b.ratePerS * 3600)])).toEqual([
      ['dry-bulk', 4, 1000],
      ['general', 2, 500],
      ['container', 3, 40],
    ]);
  });

  it('refuses a rate in the other unit, and the unitless key', () => {
    const dir = tempFiles({
      'a.yaml': scenario('changes:\n  - setBerths: { port: up, berths: [{ cargo: container, count: 3, tonnesPerH: 400 }, { cargo: dry-bulk, count: 2, teuPerH: 30 }] }\n'),
      'b.yaml': scenario('changes:\n  - setBerths: { port: up, berths: [{ cargo: dry-bulk, count: 2, ratePerH: 300 }] }\n'),
    });
    const a = refusals(() => loadScenario(join(dir, 'a.yaml')));
    expect(a).toContainEqual(expect.stringMatching(/:5: changes\[0\]\.setBerths\.berths\[0\]\.tonnesPerH: a container berth's rate is given in teuPerH \(TEU an hour\)$/));
    expect(a).toContainEqual(expect.stringMatching(/changes\[0\]\.setBerths\.berths\[1\]\.teuPerH: a dry-bulk berth's rate is given in tonnesPerH \(tonnes an hour\)$/));
    expect(refusals(() => loadScenario(join(dir, 'b.yaml'))).join('\n')).toMatch(/ratePerH/);
  });
});

describe('values the schema allows but no waterway has are warnings', () => {
  const odd = scenario(
    [
      'changes:',
      '  - addLockLine: { lock: dam, id: "9", lengthM: 0.34, widthM: 0.034, sillDepthM: 580, designVesselT: 1000, opened: 2013 }',
      'demand: { year: 2013, targetYear: 2020, targetMt: 300000000 }',
      'horizon: { years: 1, warmupDays: 720 }',
      'targets: { tonnesMt: 300000000 }',
      '',
    ].join('\n'),
  );

  it('names each with its file, line and key, and still loads', () => {
    const dir = tempFiles({ 'a.yaml': odd });
    const { scenario: s } = loadScenario(join(dir, 'a.yaml'));
    const file = join(dir, 'a.yaml');
    expect(s.warnings).toEqual([
      `${file}:5: changes[0].addLockLine.sillDepthM: warning: a sill 580 m deep: no river lock's is deeper than about 30 m (metres, not centimetres?)`,
      `${file}:5: changes[0].addLockLine.lengthM: warning: a chamber 0.34 m long takes no vessel of the fleet (the shortest is 85 m)`,
      `${file}:5: changes[0].addLockLine.widthM: warning: a chamber 0.034 m wide takes no vessel of the fleet (the narrowest is 14.8 m)`,
      `${file}:6: demand.targetMt: warning: 300000000 Mt is more than a billion tonnes a year (the key is in millions of tonnes)`,
      `${file}:8: targets.tonnesMt: warning: 300000000 Mt is more than a billion tonnes a year (the key is in millions of tonnes)`,
      `${file}:7: horizon.warmupDays: warning: a warm-up of 720 days is longer than the 365 days measured after it`,
    ]);
  });

  it('demand beyond any network: a flow over a billion tonnes, demand scaled more than tenfold', () => {
    const dir = tempFiles({ 'a.yaml': scenario('demand:\n  demandScale: 50\n  flows: [{ from: up, to: down, commodity: sand, tonnesMt: 5000 }]\n') });
    expect(loadScenario(join(dir, 'a.yaml')).scenario.warnings).toEqual([
      expect.stringMatching(/:6: demand\.flows\[0\]\.tonnesMt: warning: a flow of 5000 Mt a year is more than a billion tonnes/),
      expect.stringMatching(/:5: demand\.demandScale: warning: demand ×50: more than 10 times the scenario's demand/),
    ]);
  });

  it('validate prints them and exits 0; a plausible file has none', async () => {
    const dir = tempFiles({ 'a.yaml': odd, 'b.yaml': scenario('demand: { year: 2013 }\n') });
    const { stdout, stderr } = await exec(process.execPath, [...cliCommand(), 'validate', join(dir, 'a.yaml')]);
    expect(stdout).toContain(': ok (odd');
    expect(stderr.trim().split('\n')).toHaveLength(6);
    expect(stderr).toContain('warmupDays: warning: a warm-up of 720 days');
    expect(loadScenario(join(dir, 'b.yaml')).scenario.warnings).toEqual([]);
  });
});

it('run prints them and keeps them in summary.json', async () => {
  const dir = tempFiles({ 'a.yaml': scenario('targets: { tonnesMt: 300000000 }\nhorizon: { years: 0.05, warmupDays: 1 }\n') });
  const out = join(dir, 'out');
  const { stderr } = await exec(process.execPath, [...cliCommand(), 'run', join(dir, 'a.yaml'), '--replications', '1', '--no-report', '--no-capacity', '--out', out]);
  expect(stderr).toContain('targets.tonnesMt: warning: 300000000 Mt is more than a billion tonnes a year');
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { scenario: { warnings: string[] } };
  expect(summary.scenario.warnings).toEqual([expect.stringMatching(/:4: targets\.tonnesMt: warning: 300000000 Mt is more than a billion tonnes/)]);
});

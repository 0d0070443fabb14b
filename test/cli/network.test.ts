import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cliCommand, tempFiles } from '../helpers.js';
import { loadSeeds, openLines } from '../../src/network/index.js';
import { scenarioPath } from '../../src/cli/scenario-options.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepareScenario } from '../../src/run/prepare.js';
import { SEEDS, brokenSeeds } from '../network/seed-fixture.js';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { cwd: process.cwd() });
const failure = (...args: string[]) => cli(...args).then(
  () => { throw new Error('expected a failure'); },
  (e: { code: number; stdout: string; stderr: string }) => e,
);

describe('waterway-sim network', () => {
  it('--json lists nodes, ports, locks and km by class beside the plan figures', async () => {
    const out = JSON.parse((await cli('network', '--year', '2020', '--json')).stdout);
    expect(out.year).toBe(2020);
    expect(out.ports).toHaveLength(11);
    expect(out.plan2020.kmByClass).toEqual({ I: 502, II: 696, III: 819 });
    expect(out.kmClassIIIAndAbove).toBeCloseTo(out.kmByClass.I + out.kmByClass.II + out.kmByClass.III, 0);
    const cz = out.locks.find((l: { id: string }) => l.id === 'changzhou');
    expect(cz.lines.map((l: { lengthM: number }) => l.lengthM)).toContain(340);
  });

  it('prints a table of every lock line with its dimensions', async () => {
    const { stdout } = await cli('network', '--year', '2013');
    expect(stdout).toMatch(/changzhou\s+Changzhou\s+长洲\s+lines\s+fill 70%, hold ≤ 6 h\s+1\s+200 × 34 × 4\.5\s+2000 t\s+2007/);
    expect(stdout).toMatch(/3\s+340 × 34 × 5\.8\s+3000 t\s+2015 \(not yet\)/);
  });

  it("prints each lock's lockage rule as it applies in the year: Changzhou's points priority from 2024 only", async () => {
    const [y2020, y2024] = await Promise.all([cli('network', '--year', '2020'), cli('network', '--year', '2024')]);
    const rule = (out: string) => /^\s+changzhou\s.*?(fill \d+%, hold ≤ [\d.]+ h(, points)?)/m.exec(out)![1];
    expect(rule(y2020.stdout)).toBe('fill 70%, hold ≤ 6 h');
    expect(rule(y2024.stdout)).toBe('fill 70%, hold ≤ 6 h, points');
  });

  it('--geojson writes a FeatureCollection: a point per node, a line per segment, lon/lat order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'geojson-'));
    const file = join(dir, 'xijiang.geojson');
    await cli('network', '--geojson', file, '--year', '2020');
    const gj = JSON.parse(readFileSync(file, 'utf8'));
    expect(gj.type).toBe('FeatureCollection');
    const points = gj.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'Point');
    const lines = gj.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'LineString');
    const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
    expect(points).toHaveLength(seeds.nodes.length);
    expect(lines).toHaveLength(seeds.segments.length);
    const nanning = points.find((f: { properties: { id: string } }) => f.properties.id === 'nanning');
    expect(nanning.geometry.coordinates[0]).toBeGreaterThan(105); // longitude first
    expect(nanning.geometry.coordinates[1]).toBeLessThan(30);
    expect(nanning.properties.kind).toBe('port');
    expect(lines[0].properties.class).toMatch(/^(I|II|III|IV|V|VI|VII)$/);
    expect(readdirSync(dir)).toEqual(['xijiang.geojson']); // no temporary file left behind
  });

  it('refuses broken seeds with every problem, exit 1, no stack trace, no output file', async () => {
    const seeds = brokenSeeds((f) => {
      f.get('segments').setIn([0, 'to'], 7);
      f.get('locks').setIn([0, 'head', 'value'], -3);
    });
    const out = join(mkdtempSync(join(tmpdir(), 'geojson-')), 'x.geojson');
    const e = await failure('network', '--seeds', seeds, '--geojson', out);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/segments\.yaml:\d+: \[0\]\.to: expected string, got 7/);
    expect(e.stderr).toMatch(/locks\.yaml:\d+: \[0\]\.head\.value: negative value -3/);
    expect(e.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe('waterway-sim route', () => {
  it('prints path, km, locks passed and travel time', async () => {
    const { stdout } = await cli('route', 'nanning', 'guangzhou', '--vessel', 'dry-1000', '--year', '2020');
    expect(stdout).toMatch(/^Nanning → Guangzhou, dry-1000/);
    expect(stdout).toMatch(/\d+ km; sailing [\d.]+ h \+ 5 lockages [\d.]+ h \(nominal, no waiting\) = [\d.]+ h/);
    expect(stdout).toMatch(/Yongning .* → Xijin .* → Guigang .* → Guiping .* → Changzhou/);
  });

  it('without --vessel, picks the largest dry-cargo class that has a route', async () => {
    const out = JSON.parse((await cli('route', 'liuzhou', 'guangzhou', '--year', '2020', '--json')).stdout);
    expect(out.vessel).toBe('dry-500');
  });

  it('says why there is no route, exit 1', async () => {
    const e = await failure('route', 'baise', 'guangzhou', '--vessel', 'dry-2000', '--year', '2020');
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/^waterway-sim: Baise → Guangzhou: no route for dry-2000 2,000 t .*You river: depth 2\.4 m is less than the 2\.6 m draught/);
  });

  it('names an unknown port with a suggestion', async () => {
    const e = await failure('route', 'nanning', 'guangzou');
    expect(e.stderr).toBe("waterway-sim: unknown port or node 'guangzou' (did you mean 'guangzhou'?)\n");
  });
});

describe('waterway-sim route: places as people write them', () => {
  const json = async (...args: string[]) => JSON.parse((await cli('route', ...args, '--vessel', 'dry-1000', '--json')).stdout);

  it('takes English and Chinese names in any case, and routes them as their ids', async () => {
    const [byId, byEnglish, byChinese, text] = await Promise.all([
      json('nanning', 'guangzhou'),
      json('Nanning', 'GUANGZHOU'),
      json('南宁', '广州'),
      cli('route', 'Nanning', 'Guangzhou', '--vessel', 'dry-1000'),
    ]);
    expect([byId.from, byId.to]).toEqual(['nanning', 'guangzhou']);
    expect(byEnglish).toEqual(byId);
    expect(byChinese).toEqual(byId);
    expect(text.stdout).toMatch(/^Nanning → Guangzhou, dry-1000/);
  });

  it('a name a port shares with a lock is the port; with "lock" or 船闸 it is the lock', async () => {
    const [port, lock, english] = await Promise.all([json('贵港', '广州'), json('贵港船闸', '广州'), json('Guigang lock', 'Guangzhou')]);
    expect(port.from).toBe('guigang'); // the port's node
    expect(lock.from).toBe('guigang-lock'); // the lock's site (nodes.yaml)
    expect(english.from).toBe('guigang-lock');
    expect(port.locks.map((l: { lock: string }) => l.lock)[0]).toBe('guigang'); // from the port, the lock is passed
    expect(lock.locks.map((l: { lock: string }) => l.lock)).not.toContain('guigang');
  });

  it('two names of one place: refused, saying so', async () => {
    const e = await failure('route', 'guangzhou', '广州');
    expect(e.code).toBe(1);
    expect(e.stderr).toBe("waterway-sim: 'guangzhou' and '广州' are the same place, Guangzhou (guangzhou): a route needs two\n");
  });

  it('a mistyped Chinese name is answered with the Chinese name and its id', async () => {
    const e = await failure('route', '南凝', '广州');
    expect(e.stderr).toBe("waterway-sim: unknown port or node '南凝' (did you mean '南宁' (nanning)?)\n");
  });
});

describe('one year rule: the scenario\'s year, else the default scenario\'s', () => {
  const planFile = join(process.cwd(), 'scenarios', 'plan-2020.yaml');
  const plan = parse(readFileSync(planFile, 'utf8')) as { year: number; changes: { modifyLockLine?: { lock: string; line: string; opened: number } }[] };

  it('network and route without a scenario state the network in the year run takes with its default scenario', async () => {
    const runsYear = (parse(readFileSync(scenarioPath(undefined), 'utf8')) as { year: number }).year;
    const [network, route] = await Promise.all([cli('network', '--json'), cli('route', 'nanning', 'guangzhou', '--json')]);
    expect(JSON.parse(network.stdout).year).toBe(runsYear);
    expect(JSON.parse(route.stdout).year).toBe(runsYear);
    expect(JSON.parse(network.stdout).scenario).toBeNull();
  });

  it('network SCENARIO shows the lines plan-2020 brings forward in service, as it runs them; the seeds alone do not', async () => {
    const [scenario, option, seeds, text] = await Promise.all([
      cli('network', planFile, '--json'),
      cli('network', '--scenario', planFile, '--json'),
      cli('network', '--year', String(plan.year), '--json'),
      cli('network', planFile),
    ]);
    const inService = (out: string) => {
      const net = JSON.parse(out) as { locks: { id: string; lines: { id: string; inService: boolean }[] }[] };
      return Object.fromEntries(net.locks.flatMap((l) => l.lines.map((ln) => [`${l.id} ${ln.id}`, ln.inService])));
    };
    expect(JSON.parse(scenario.stdout).year).toBe(plan.year);
    expect(JSON.parse(scenario.stdout).scenario.name).toBe('plan-2020');
    // Every line the file opens by its year is in service (Xijin 2, Honghua 2, the Baise and Longtan lifts).
    const opened = plan.changes.flatMap((c) => (c.modifyLockLine && c.modifyLockLine.opened <= plan.year ? [`${c.modifyLockLine.lock} ${c.modifyLockLine.line}`] : []));
    expect(opened).toEqual(expect.arrayContaining(['xijin 2', 'honghua 2']));
    for (const line of opened) {
      expect(inService(scenario.stdout)[line], line).toBe(true);
      expect(inService(seeds.stdout)[line], line).toBe(false);
    }
    expect(option.stdout).toBe(scenario.stdout);
    expect(text.stdout.split('\n')[0]).toMatch(/as plan-2020 runs it \(.*plan-2020\.yaml\): its changes applied, in 2020$/);
    expect(text.stdout).not.toMatch(/^\s+2\s+280 × 34 × 5\.8\s+3000 t\s+2020 \(not yet\)/m);
  });

  it('network SCENARIO is the network a replication of it runs on', async () => {
    const { scenario, seeds } = loadScenario(planFile);
    const runs = prepareScenario(scenario, seeds).input.network;
    const shown = JSON.parse((await cli('network', planFile, '--json')).stdout) as { year: number; locks: { id: string; lines: { id: string; inService: boolean }[] }[] };
    expect(shown.year).toBe(runs.year);
    for (const l of shown.locks) expect(l.lines.filter((x) => x.inService).map((x) => x.id), l.id).toEqual(openLines(runs.lock(l.id)!, runs.year).map((x) => x.id));
  });

  it('route --scenario routes on the scenario network: Xijin passed through both lines under plan-2020', async () => {
    const [seeds, scenario] = await Promise.all([
      cli('route', 'nanning', 'guangzhou', '--vessel', 'dry-1000', '--json'),
      cli('route', 'nanning', 'guangzhou', '--vessel', 'dry-1000', '--json', '--scenario', planFile),
    ]);
    const xijin = (out: string) => (JSON.parse(out) as { locks: { lock: string; lines: string[] }[] }).locks.find((l) => l.lock === 'xijin')!.lines;
    expect(xijin(seeds.stdout)).toEqual(['1']);
    expect(xijin(scenario.stdout)).toEqual(['1', '2']);
    expect(JSON.parse(scenario.stdout).scenario).toBe('plan-2020');
  });

  it('a scenario naming a lock by its Chinese name: network shows its change', async () => {
    const dir = tempFiles({ 's.yaml': 'name: s\nyear: 2013\nchanges:\n  - modifyLockLine: { lock: 西津, line: "2", opened: 2013 }\n' }, 'names-');
    const net = JSON.parse((await cli('network', join(dir, 's.yaml'), '--json')).stdout) as { year: number; locks: { id: string; lines: { id: string; inService: boolean }[] }[] };
    expect(net.year).toBe(2013);
    expect(net.locks.find((l) => l.id === 'xijin')!.lines.find((l) => l.id === '2')!.inService).toBe(true);
  });
});

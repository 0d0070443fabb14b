import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';
import { loadSeeds } from '../../src/network/index.js';
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

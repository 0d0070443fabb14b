import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const TOY = join('test', 'fixtures', 'scenarios', 'toy.yaml');
const cli = (args: string[], env: Record<string, string> = {}) =>
  exec(process.execPath, [...cliCommand(), ...args], { cwd: process.cwd(), env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
const failure = (args: string[], env: Record<string, string> = {}) =>
  cli(args, env).then(
    () => {
      throw new Error('expected a failure');
    },
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('waterway-sim run SCENARIO', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'run-')), 'toy');
  const first = cli(['run', TOY, '--workers', '2', '--out', out]);

  it('prints the verdict with CIs and P(reached), the port table and the lock table', async () => {
    const { stdout } = await first;
    expect(stdout).toMatch(/^Main-line port throughput [\d.]+ ± [\d.]+ Mt against 300 Mt: NOT reached, P\(reached\) = 0%$/m);
    expect(stdout).toMatch(/^Main-line containers {6}[\d.]+ ± [\d.]+ M TEU against 10 M TEU/m);
    expect(stdout).toMatch(/^Ports$/m);
    expect(stdout).toMatch(/^Locks, by mean wait$/m);
    expect(stdout).toMatch(/6 replications on 2 workers/);
    // The capacity verdict: each part's sustainable throughput against the targets, what binds it, what that rests on.
    expect(stdout).toMatch(/^Capacity against the targets: the largest demand sustained/m);
    for (const part of ['whole network', 'locks alone', 'berths alone']) expect(stdout).toMatch(new RegExp(`^  ${part}: [\\d.]+ ± [\\d.]+ Mt, [\\d.]+ Mt (short of|above) 300 Mt`, 'm'));
    // The toy's lock and berths carry ×4 of its demand: the search stops there, so 300 Mt is unknown, not refused.
    expect(stdout).toMatch(/^  whole network: [^\n]+ Mt short of 300 Mt \(unknown\);[^\n]+at ×4 or more, the search limit/m);
    expect(stdout).toContain("  What the verdict hinges on: nothing found: no lock or berth group binds up to ×4 of the scenario's demand, where the search stopped.");
  });

  it('writes summary.json (scenario, seed, replications, version), ports.csv, locks.csv, replications.csv, network.geojson and report.html', async () => {
    const { stdout } = await first;
    expect(readdirSync(out).sort()).toEqual(['.waterway-sim', 'locks.csv', 'network.geojson', 'ports.csv', 'replications.csv', 'report.html', 'summary.json']);
    expect(stdout).toContain(`report: ${join(out, 'report.html')}`);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s).toMatchObject({ schema: 'waterway-sim/summary@3', seed: 7, replications: 6, scenario: { name: 'toy', year: 2013 } });
    expect(s.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.scenario.texts[0].text).toContain('name: toy');
    // UTF-8 with a byte-order mark, so that spreadsheets read the Chinese names right.
    expect(readFileSync(join(out, 'ports.csv'), 'utf8').split('\n')[0]).toBe('\uFEFFport,name_en,name_zh,main_line,loaded_mt,loaded_mt_ci95,unloaded_mt,unloaded_mt_ci95,throughput_mt,throughput_mt_ci95,teu,teu_ci95,capacity_mt,capacity_mt_ci95');
    expect(readFileSync(join(out, 'ports.csv'), 'utf8')).toContain('up,Upper,上港,1,');
    expect(readFileSync(join(out, 'replications.csv'), 'utf8').trim().split('\n')).toHaveLength(7);
    expect(s.capacity.parts.map((p: { part: string }) => p.part)).toEqual(['whole network', 'locks alone', 'berths alone']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('id="capacity-table"');
    expect(html).toContain('data-part="locks alone"');
    expect(html).toContain('<p id="capacity-hinges">What the verdict hinges on: nothing found');
    expect(s.capacity.hinges).toEqual([]);
  });

  it('--format both writes every table as CSV and as JSON records; --no-report leaves report.html out; a bad --format writes nothing', async () => {
    const both = join(mkdtempSync(join(tmpdir(), 'run-')), 'both');
    const { stdout } = await cli(['run', TOY, '--replications', '2', '--format', 'both', '--no-report', '--no-capacity', '--out', both]);
    expect(readdirSync(both).sort()).toEqual(['.waterway-sim', 'locks.csv', 'locks.json', 'network.geojson', 'ports.csv', 'ports.json', 'replications.csv', 'replications.json', 'summary.json']);
    expect(stdout).not.toMatch(/^report:/m);
    // Two replications: the intervals rest on one degree of freedom, and the run says so, in summary.json too.
    const few = 'warning: 2 replications: the 95% intervals rest on 1 degree of freedom and are wide; use 5 or more (--replications)';
    expect(stdout).toContain(few);
    expect(JSON.stringify(JSON.parse(readFileSync(join(both, 'summary.json'), 'utf8')))).toContain(few.replace('warning: ', ''));
    const ports = JSON.parse(readFileSync(join(both, 'ports.json'), 'utf8'));
    expect(ports[0]).toMatchObject({ port: 'up', name_en: 'Upper', name_zh: '上港', main_line: 1 });
    const e = await failure(['run', TOY, '--format', 'csv,xslx', '--out', join(both, 'never')]);
    expect(e.code).toBe(1);
    expect(e.stderr).toBe("waterway-sim: --format: unknown format 'xslx' in 'csv,xslx' (did you mean 'xlsx'?); expected csv, json, xlsx or both, or a comma list such as csv,xlsx\n");
    expect(existsSync(join(both, 'never'))).toBe(false);
  });

  it("writes network.geojson: each lock's and port's point carries its figures of summary.json as flat properties for QGIS", async () => {
    await first;
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const g = JSON.parse(readFileSync(join(out, 'network.geojson'), 'utf8')) as { properties: Record<string, unknown>; features: { geometry: { type: string }; properties: Record<string, unknown> }[] };
    expect(g.properties).toMatchObject({ schema: 'waterway-sim/network-results@1', command: 'run', scenario: 'toy', seed: '7', replications: 6, version: s.version, year: 2013 });
    const point = (key: string, id: string) => {
      const at = g.features.filter((f) => f.properties[key] === id);
      expect(at, `${key} ${id}`).toHaveLength(1);
      const p = at[0]!.properties;
      // Flat: QGIS reads a nested object as text.
      for (const [k, v] of Object.entries(p)) expect(v === null || ['string', 'number', 'boolean'].includes(typeof v), k).toBe(true);
      return p;
    };
    const same = (p: Record<string, unknown>, name: string, st: { mean: number; low: number; high: number; halfWidth: number }, k = 1) => {
      expect(p[name], name).toBeCloseTo(st.mean * k, 9);
      expect(p[`${name}_lo`], name).toBeCloseTo(st.low * k, 9);
      expect(p[`${name}_hi`], name).toBeCloseTo(st.high * k, 9);
      expect(p[`${name}_ci95`], name).toBeCloseTo(st.halfWidth * k, 9);
    };
    expect(s.locks.length).toBeGreaterThan(0);
    for (const l of s.locks) {
      const p = point('lock', l.id);
      expect([p.name_en, p.name_zh]).toEqual([l.name.en, l.name.zh]);
      same(p, 'wait_mean_h', l.waitMeanH);
      same(p, 'utilisation', l.utilisation);
      expect(p.wait_p90_h).toBeCloseTo(l.waitP90H.mean, 9);
      expect(p.share_of_waiting).toBeCloseTo(l.shareOfWaiting.mean, 9);
      expect(p.ic_ratio).toBeCloseTo(l.icRatio.mean, 9);
      expect(p.worst_lock).toBe(s.worstLock === l.id);
      // Tonnes both ways: the mean is the sum of the means; the half-width of a sum is at most the sum of the half-widths.
      expect(p.throughput_mt).toBeCloseTo((l.tonnesUp.mean + l.tonnesDown.mean) / 1e6, 9);
      expect(p.throughput_mt_ci95 as number).toBeLessThanOrEqual((l.tonnesUp.halfWidth + l.tonnesDown.halfWidth) / 1e6 + 1e-12);
      expect(p.throughput_mt_lo as number).toBeLessThanOrEqual(p.throughput_mt as number);
      expect(p.throughput_mt_hi as number).toBeGreaterThanOrEqual(p.throughput_mt as number);
    }
    expect(s.ports.length).toBeGreaterThan(0);
    for (const port of s.ports) {
      const p = point('port', port.id);
      expect([p.name_en, p.name_zh]).toEqual([port.name.en, port.name.zh]);
      same(p, 'throughput_mt', port.throughputT, 1e-6);
      same(p, 'teu', port.teu);
      expect(p.loaded_mt).toBeCloseTo(port.loadedT.mean / 1e6, 9);
      expect(p.capacity_mt).toBeCloseTo(port.capacityT.mean / 1e6, 9);
      for (const b of port.berths) expect(p[`berths_${b.cargo.replace('-', '_')}_utilisation`], b.cargo).toBeCloseTo(b.utilisation.mean, 9);
      expect(p.utilisation).toBeCloseTo(Math.max(...port.berths.map((b: { utilisation: { mean: number } }) => b.utilisation.mean)), 9);
    }
    // Channels carry no results.
    for (const f of g.features.filter((x) => x.geometry.type !== 'Point')) expect(f.properties).not.toHaveProperty('throughput_mt');
  });

  it('writes the same summary.json with 1 and 3 workers, apart from wall time', async () => {
    await first;
    const one = join(mkdtempSync(join(tmpdir(), 'run-')), 'one');
    const three = join(mkdtempSync(join(tmpdir(), 'run-')), 'three');
    await Promise.all([cli(['run', TOY, '--workers', '1', '--out', one]), cli(['run', TOY, '--workers', '3', '--out', three])]);
    const read = (dir: string) => {
      const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
      delete s.wallS;
      delete s.capacity.wallS;
      return s;
    };
    expect(read(one)).toEqual(read(out));
    expect(read(three)).toEqual(read(out));
  });

  it('a replication that keeps failing is reported with scenario and seed; exit non-zero; no output written', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'run-')), 'never');
    const e = await failure(['run', TOY, '--workers', '2', '--no-capacity', '--quiet', '--out', dir], { WATERWAY_SIM_INJECT_FAULT: '4:throw' });
    expect(e.code).toBe(2);
    expect(e.stderr).toBe("waterway-sim: replication 4 of scenario 'toy' (seed 7) failed twice: the worker threw injected fault in replication 4\n");
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(join(dir, '..'))).toEqual([]);
  });
});

describe('waterway-sim validate', () => {
  it('says ok for good files and lists every problem of bad ones, exit 1', async () => {
    const ok = await cli(['validate', 'scenarios/plan-2020.yaml', 'scenarios/xijin-2.yaml']);
    expect(ok.stdout).toMatch(/^scenarios\/plan-2020\.yaml: ok \(plan-2020, network of 2020, \d+ changes\)$/m);
    const dir = mkdtempSync(join(tmpdir(), 'bad-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'bad.yaml'), 'name: bad\nyear: 2013\nreplicatons: 2\nchanges:\n  - removeLockLine: { lock: changzou, line: "1" }\n');
    const e = await failure(['validate', join(dir, 'bad.yaml')]);
    expect(e.code).toBe(1);
    const lines = e.stderr.trim().split('\n');
    // The schema's problem and the network's in one pass (issue 19).
    expect(lines[0]).toMatch(/bad\.yaml:3: replicatons: unknown key 'replicatons' \(did you mean 'replications'\?\)$/);
    expect(lines[1]).toMatch(/bad\.yaml:5: changes\[0\]\.removeLockLine\.lock: unknown lock 'changzou' \(did you mean 'changzhou'\?\)$/);
    expect(lines.at(-1)).toBe('waterway-sim: 2 problems found');
  });
});

describe('waterway-sim compare', () => {
  it('one table, a column per scenario, deltas against the first, worst lock marked; reads earlier outputs too', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cmp-'));
    const runDir = join(out, 'toy-run');
    await cli(['run', TOY, '--workers', '2', '--no-capacity', '--out', runDir]);
    const { stdout } = await cli(['compare', runDir, TOY, '--replications', '3', '--seed', '8', '--workers', '2', '--format', 'csv,xlsx', '--out', join(out, 'cmp')]);
    expect(stdout).toMatch(/Δ against toy/);
    expect(stdout).toMatch(/main line Mt\s+[\d.]+ ± [\d.]+\s+[\d.]+ ± [\d.]+\s+[-+]?[\d.]+/);
    expect(stdout).toMatch(/Dam lock\s+[\d.]+ ± [\d.]+ \*/);
    const csv = readFileSync(join(out, 'cmp', 'compare.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('\uFEFFkpi,name_en,name_zh,toy,toy#2,toy#2_delta,toy#2_delta_significant');
    expect(csv.find((l) => l.startsWith('wait_h_dam,'))).toMatch(/^wait_h_dam,Dam lock,坝船闸,[\d.]+,[\d.]+,-?[\d.]+,(yes|no)$/);
    expect(stdout).toContain(`report: ${join(out, 'cmp', 'report.html')}`);
    expect(readFileSync(join(out, 'cmp', 'report.html'), 'utf8')).toContain('Mean wait at each lock, by scenario');
    // The workbook: compare's sheet, headed by the scenario labels.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'cmp', 'compare.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'compare']);
    expect((wb.getWorksheet('compare')!.getRow(1).values as unknown[]).slice(4)).toEqual(['toy (unit of the kpi)', 'toy#2 (unit of the kpi)', 'toy#2 Δ against toy (unit of the kpi)', "toy#2 Δ significant (Welch's t at 5%)"]);
  });
});

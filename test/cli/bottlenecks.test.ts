import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { cwd: process.cwd() });
const chain = join('test', 'fixtures', 'scenarios', 'chain.yaml');
const fail = (p: Promise<unknown>) => p.then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);

describe('waterway-sim bottlenecks', () => {
  it('prints the ranking and writes bottlenecks.csv and curves.csv ready for plotting', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bn-')), 'chain');
    const { stdout } = await cli('bottlenecks', chain, '--levels', '1:3:1', '--replications', '2', '--threshold-h', '0.5', '--out', out);
    expect(stdout).toMatch(/First bottleneck: Narrow lock/);
    expect(stdout).toMatch(/Takes over once it is relieved: Wide lock|no other lock saturates/);
    expect(stdout).toMatch(/Design capacity check/);
    const rows = parse(readFileSync(join(out, 'bottlenecks.csv')), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.sweep === 'scenario').map((r) => r.lock)).toEqual(['narrow', 'wide']);
    expect(rows[0]!.rank_by_saturation).toBe('1');
    const curves = parse(readFileSync(join(out, 'curves.csv')), { columns: true, bom: true }) as Record<string, string>[];
    const narrow = curves.filter((r) => r.sweep === 'scenario' && r.lock === 'narrow');
    expect(narrow.map((r) => Number(r.multiplier))).toEqual([1, 2, 3]);
    expect(Number(narrow[0]!.tonnes_mt_per_year)).toBeCloseTo(5, 0);
    expect(existsSync(join(out, 'design-check.csv'))).toBe(true);
    // network.geojson: each lock's point carries its figures at ×1 (curves.csv) and its saturation (bottlenecks.csv).
    const g = JSON.parse(readFileSync(join(out, 'network.geojson'), 'utf8')) as { properties: Record<string, unknown>; features: { properties: Record<string, unknown> }[] };
    expect(g.properties).toMatchObject({ schema: 'waterway-sim/network-results@1', command: 'bottlenecks', scenario: 'chain', replications: 2, wait_threshold_h: 0.5 });
    const num = (text: string) => (text === '' ? null : Number(text));
    for (const r of rows.filter((x) => x.sweep === 'scenario')) {
      const p = g.features.find((f) => f.properties.lock === r.lock)!.properties;
      expect([p.name_en, p.name_zh]).toEqual([r.name_en, r.name_zh]);
      if (r.saturates_at_multiplier === '') expect(p.saturation_multiplier).toBeNull();
      else expect(p.saturation_multiplier).toBeCloseTo(Number(r.saturates_at_multiplier), 4);
      expect(p.saturates_by).toBe(r.saturates_by || null);
      expect(p.rank_by_saturation).toBe(num(r.rank_by_saturation!));
      expect(p.capacity_wait_status).toBe(r.wait_capacity_status);
      expect(p.capacity_wait_mt).toBeCloseTo(Number(r.wait_capacity_mt_per_year), 2);
      expect(p.capacity_utilisation_mt).toBeCloseTo(Number(r.utilisation_capacity_mt_per_year), 2);
      const own = curves.find((c) => c.sweep === 'scenario' && c.lock === r.lock && Number(c.multiplier) === 1)!;
      for (const [prop, col] of [['throughput_mt', 'tonnes_mt_per_year'], ['throughput_mt_lo', 'tonnes_low_mt'], ['throughput_mt_hi', 'tonnes_high_mt'], ['wait_mean_h', 'wait_mean_h'], ['wait_mean_h_lo', 'wait_mean_low_h'], ['wait_mean_h_hi', 'wait_mean_high_h'], ['utilisation', 'utilisation'], ['wait_open_mean_h', 'wait_open_mean_h']] as const) {
        expect(p[prop], `${r.lock} ${prop}`).toBeCloseTo(Number(own[col]), 3);
      }
    }
    for (const port of ['up', 'down']) expect(g.features.find((f) => f.properties.port === port)!.properties.throughput_mt).toBeGreaterThan(0);
  });

  it('refuses bad levels and thresholds in one line, without a stack trace, writing nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bn-')), 'never');
    for (const [args, message] of [
      [['--levels', '2:1:0.1'], /--levels: '2:1:0.1' runs backwards/],
      [['--threshold-min', '-5'], /--threshold-min: expected a positive number, got '-5'/],
      [['--threshold-min', '30', '--threshold-h', '1'], /give the threshold once/],
      [['--berths', 'none'], /--berths: expected 'scenario' or 'unconstrained'/],
    ] as const) {
      const e = await fail(cli('bottlenecks', chain, ...args, '--out', out));
      expect(e.code).toBe(1);
      expect(e.stderr).toMatch(message);
      expect(e.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe('waterway-sim capacity', () => {
  it('compares scenarios in one table against the targets and names the binding lock', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cap-')), 'cap');
    const { stdout } = await cli('capacity', chain, join('test', 'fixtures', 'scenarios', 'chain-narrow-2.yaml'), '--replications', '2', '--format', 'csv,xlsx', '--out', out);
    const lines = stdout.split('\n');
    expect(lines.find((l) => l.startsWith('chain '))).toMatch(/narrow \(wait/);
    expect(lines.find((l) => l.startsWith('chain-narrow-2 '))).toBeDefined();
    const rows = parse(readFileSync(join(out, 'capacity.csv')), { columns: true, bom: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.scenario))).toEqual(new Set(['chain', 'chain-narrow-2']));
    // The workbook: the same rows under headings with units.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'capacity.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'capacity']);
    expect(wb.getWorksheet('capacity')!.rowCount).toBe(rows.length + 1);
    expect(wb.getWorksheet('capacity')!.getRow(1).values).toContain('main-line throughput (Mt/yr)');
    // Each part on its own: the narrow lock binds the locks alone; with every lock open river the
    // berths alone sustain more than the network does.
    expect(lines.find((l) => /^chain +locks alone /.test(l))).toMatch(/narrow \(wait\)/);
    const mt = (part: string) => Number(/×[\d.]+(?: \(limit\))? +([\d.]+) ±/.exec(lines.find((l) => new RegExp(`^chain +${part} `).test(l))!)![1]);
    expect(mt('berths alone')).toBeGreaterThan(mt('whole network'));
    expect(new Set(rows.map((r) => r.part))).toEqual(new Set(['whole network', 'locks alone', 'berths alone']));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const part of ['whole network', 'locks alone', 'berths alone']) expect(html).toContain(`data-scenario="chain" data-part="${part}"`);
    expect(html).toContain('<svg');
  });

  it('names the file and the problem when a scenario is broken, before any run starts', async () => {
    const e = await fail(cli('capacity', chain, join('test', 'fixtures', 'scenarios', 'no-such.yaml')));
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/no-such\.yaml/);
    expect(e.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

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
    const { stdout } = await cli('capacity', chain, join('test', 'fixtures', 'scenarios', 'chain-narrow-2.yaml'), '--replications', '2', '--out', out);
    const lines = stdout.split('\n');
    expect(lines.find((l) => l.startsWith('chain '))).toMatch(/narrow \(wait/);
    expect(lines.find((l) => l.startsWith('chain-narrow-2 '))).toBeDefined();
    const rows = parse(readFileSync(join(out, 'capacity.csv')), { columns: true, bom: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.scenario))).toEqual(new Set(['chain', 'chain-narrow-2']));
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

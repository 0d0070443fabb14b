import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { maxBuffer: 64 << 20 });
const fixture = join('test', 'fixtures', 'scenarios', 'record-month.yaml');
const csvRows = (file: string) => readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');

describe('waterway-sim trajectory and hindcast', () => {
  it('trajectory writes a row per year for the main line and per year and lock, the saturation years, the demand fit and the report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'traj-')), 'out');
    const { stdout } = await cli('trajectory', fixture, '--years', '2025:2026', '--format', 'csv,xlsx', '--out', out);
    expect(stdout).toContain('record-month: 2025–2026, demand from the record to 2025, then the central growth path');
    expect(stdout).toContain('Saturation year of each lock');
    expect(stdout).toMatch(/2026 .*2025 fit grown along the central path/);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['demand-fit.csv', 'record-month-trajectory.xlsx', 'report.html', 'saturation.csv', 'trajectory.csv']);
    const rows = csvRows(join(out, 'trajectory.csv'));
    expect(rows[0]).toBe('year,item,name_en,name_zh,tonnesMt,tonnesMtLow,tonnesMtHigh,teuM,teuMLow,teuMHigh,targetTonnesMt,targetTeuM,demand,vessels,waitMeanH,waitMeanHLow,waitMeanHHigh,waitP90H,utilisation,queuedAtEnd,overNorm');
    const locks = rows.filter((r) => r.startsWith('2025,') && !r.startsWith('2025,main line')).length;
    expect(rows).toHaveLength(1 + 2 * (1 + locks));
    expect(csvRows(join(out, 'demand-fit.csv')).some((r) => r.startsWith('2025,lock-cargo,changzhou,223.5546'))).toBe(true);
    expect(csvRows(join(out, 'saturation.csv'))).toContainEqual(expect.stringMatching(/^changzhou,Changzhou,长洲,/));
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'record-month-trajectory.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'trajectory', 'saturation', 'demand-fit']);
    expect((wb.getWorksheet('trajectory')!.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['year', 'item (id)', 'name (English)', 'name (Chinese 中文)', 'tonnes (Mt/yr)', 'tonnes, 95% CI low (Mt/yr)', 'tonnes, 95% CI high (Mt/yr)']);
  });

  it('hindcast --json prints the comparison with its bands', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hind-')), 'out');
    const { stdout } = await cli('hindcast', fixture, '--years', '2024:2025', '--json', '--out', out);
    const j = JSON.parse(stdout) as { years: number[]; rows: { year: number; kind: string; subject: string; use: string; observed: number; band: number }[]; summary: { use: string; rows: number }[] };
    expect(j.years).toEqual([2024, 2025]);
    expect(j.rows.find((r) => r.year === 2024 && r.kind === 'lock cargo' && r.subject === 'changzhou')).toMatchObject({ use: 'fitted', observed: 224, band: 0.15 });
    expect(j.rows.find((r) => r.year === 2025 && r.kind === 'lock ships')).toMatchObject({ use: 'not fitted', observed: 123620 });
    expect(j.summary.map((s) => s.use)).toEqual(['fitted', 'held back', 'not fitted']);
    expect(existsSync(join(out, 'hindcast.csv'))).toBe(true);
  });

  it('refuses years out of order or before the record, in one line, and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'traj-')), 'out');
    for (const [years, why] of [['2026:2025', /--years: 2025 comes before 2026/], ['2005:2014', /--years: the record starts in 2013/]] as const) {
      const err = await cli('trajectory', fixture, '--years', years, '--out', out).then(() => null, (e: { code: number; stderr: string }) => e);
      expect(err?.code, years).toBe(1);
      expect(err!.stderr).toMatch(why);
      expect(err!.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('keeps the finished replications when stopped; --resume reuses them', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'traj-'));
    const out = join(parent, 'out');
    const kept = join(parent, '.out.resume');
    const args = ['trajectory', fixture, '--years', '2024:2025', '--out', out];
    const child = spawn(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, WATERWAY_SIM_INJECT_FAULT: '1:hang' } });
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if ((existsSync(kept) && readdirSync(kept).some((f) => f.endsWith('.json'))) || Date.now() - started > 30_000) {
          clearInterval(poll);
          child.kill('SIGINT');
          resolve();
        }
      }, 100);
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    const saved = readdirSync(kept).filter((f) => f.endsWith('.json')).length;
    expect(saved).toBeGreaterThanOrEqual(1);
    const { stdout } = await cli(...args, '--resume');
    expect(stdout).toContain(`resumed: ${saved} replications reused`);
    expect(existsSync(join(out, 'trajectory.csv'))).toBe(true);
    expect(existsSync(kept)).toBe(false);
  });
});

describe('--years', () => {
  it('reads from:to within the record and the last year run', async () => {
    const { parseYears } = await import('../../src/cli/trajectory.js');
    expect(parseYears('2013:2016', 2013, 2060)).toEqual([2013, 2014, 2015, 2016]);
    expect(parseYears(' 2020 ', 2013, 2060)).toEqual([2020]);
    expect(() => parseYears('2013:2099', 2013, 2060)).toThrow(/--years: 2099 is after 2060, the last year this command runs/);
    expect(() => parseYears('soon', 2013, 2060)).toThrow(/--years: expected 'from:to' such as 2013:2035, got 'soon'/);
  });
});

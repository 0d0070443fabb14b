import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/cli/errors.js';
import { writeOutputs } from '../../src/cli/output-folder.js';
import { parseFormat } from '../../src/cli/output-options.js';
import { columnHeading } from '../../src/report/columns.js';
import { sheetNames, workbookXlsx } from '../../src/report/workbook.js';
import type { Row } from '../../src/report/tables.js';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const TOY = join('test', 'fixtures', 'scenarios', 'toy.yaml');
const about = { file: 'test', title: 'waterway-sim test', facts: [['seed', '7'], ['replications', 2]] as const };

async function readBack(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

describe('the workbook (--format xlsx)', () => {
  const locks: Row[] = [
    { lock: 'changzhou', name_en: 'Changzhou', name_zh: '长洲', wait_mean_h: 6.25, wait_mean_h_ci95: 0.5, mt_up: 80.5, lines: 4 },
    { lock: 'guigang', name_en: 'Guigang', name_zh: '贵港', wait_mean_h: 1.5, wait_mean_h_ci95: 0.25, mt_up: 20, lines: 2 },
  ];

  it('an About sheet, then a sheet per table with a frozen, filterable header of headings with units and the names in English and Chinese', async () => {
    const wb = await readBack(await workbookXlsx({ locks, 'design-check': [{ lock: 'changzhou', published_one_way_mt: 136 }] }, about));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'locks', 'design-check']);
    const ws = wb.getWorksheet('locks')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rowValues(ws, 1)).toEqual(['lock id', 'name (English)', 'name (Chinese 中文)', 'mean wait (h)', 'mean wait, ± 95% CI half-width (h)', 'tonnes up (Mt/yr)', 'lines']);
    expect(rowValues(ws, 2)).toEqual(['changzhou', 'Changzhou', '长洲', 6.25, 0.5, 80.5, 4]);
    expect(rowValues(ws, 3)).toEqual(['guigang', 'Guigang', '贵港', 1.5, 0.25, 20, 2]);
    expect(ws.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.autoFilter).toBeDefined();
    expect(rowValues(wb.getWorksheet('design-check')!, 1)).toEqual(['lock id', 'published capacity, one way (Mt/yr)']);
    // About: the title, the facts given, and a line per sheet with its row count.
    const lines = wb.getWorksheet('About')!.getSheetValues().filter(Array.isArray).map((r) => r.slice(1));
    expect(lines[0]).toEqual(['waterway-sim test']);
    expect(lines).toContainEqual(['seed', 7]);
    expect(lines).toContainEqual(['replications', 2]);
    expect(lines.find((l) => l[0] === 'locks')?.slice(0, 2)).toEqual(['locks', 2]);
    expect(lines.find((l) => l[0] === 'design-check')?.slice(0, 2)).toEqual(['design-check', 1]);
  });

  it('numbers as numbers, a seed written as text as a number; NaN, ±Infinity and empty text as empty cells; text starting with = stays text, never a formula', async () => {
    const rows: Row[] = [{ seed: '7', word: 'alpha', formula: '=1+1', nan: NaN, inf: Infinity, empty: '', yes: true, zero: 0 }];
    const ws = (await readBack(await workbookXlsx({ odd: rows }, about))).getWorksheet('odd')!;
    const cells = rowValues(ws, 2);
    expect(cells[0]).toBe(7);
    expect(cells[1]).toBe('alpha');
    expect(cells[2]).toBe('=1+1');
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect([cells[3], cells[4], cells[5]]).toEqual([undefined, undefined, undefined]);
    expect(cells[6]).toBe(true);
    expect(cells[7]).toBe(0);
  });

  it("compare's columns keep their scenario labels, each later one with its Δ against the first and its significance", async () => {
    const rows: Row[] = [{ kpi: 'main_line_mt', name_en: '', name_zh: '', base: 169.5, alt: 180, alt_delta: 10.5, alt_delta_significant: 'yes' }];
    const ws = (await readBack(await workbookXlsx({ compare: rows }, about))).getWorksheet('compare')!;
    expect(rowValues(ws, 1)).toEqual(['KPI (id, unit in its suffix)', 'name (English)', 'name (Chinese 中文)', 'base (unit of the kpi)', 'alt (unit of the kpi)', 'alt Δ against base (unit of the kpi)', "alt Δ significant (Welch's t at 5%)"]);
  });

  it('headings read the unit off the key: camelCase or snake_case, a CI qualifier anywhere, unknown keys by their suffix; joint inputs take their unit from sensitivity', async () => {
    expect(columnHeading('tonnesMtLow')).toBe('tonnes, 95% CI low (Mt/yr)');
    expect(columnHeading('waitMeanHHigh')).toBe('mean wait, 95% CI high (h)');
    expect(columnHeading('wait_open_low_h')).toBe('mean wait in normal operation, 95% CI low (h)');
    expect(columnHeading('wait_12h_capacity_one_way_mt')).toBe('capacity at a mean wait of 12 h, one way (Mt/yr)');
    expect(columnHeading('berth_queue_h')).toBe('berth queue (h)');
    expect(columnHeading('boxes_mteu')).toBe('boxes (M TEU/yr)');
    const sensitivity: Row[] = [{ input: 'foshan container berths: rate', unit: 'TEU/h' }, { input: 'foshan container berths: count', unit: '1' }];
    const joint: Row[] = [{ sample: 1, 'foshan container berths: rate': 30, 'foshan container berths: count': 25, mt: 150 }];
    const ws = (await readBack(await workbookXlsx({ sensitivity, joint }, about))).getWorksheet('joint')!;
    expect(rowValues(ws, 1)).toEqual(['sample', 'foshan container berths: rate (TEU/h)', 'foshan container berths: count', 'sustainable main-line throughput (Mt/yr)']);
  });

  it('sheet names Excel accepts: at most 31 characters, none of []:*?/\\, unique whatever their case', () => {
    const names = sheetNames(['About', 'a/b:c', 'x'.repeat(40), 'x'.repeat(40), 'ABOUT', '']);
    for (const n of names) {
      expect(n.length).toBeGreaterThan(0);
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  afterEach(() => vi.useRealTimers());
  it('the same tables give the same bytes at any time: the workbook carries one fixed date, not the time of writing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-03-01T10:00:00Z'));
    const a = await workbookXlsx({ locks }, about);
    vi.setSystemTime(new Date('2031-07-15T18:31:07Z'));
    const b = await workbookXlsx({ locks }, about);
    vi.useRealTimers();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const wb = await readBack(a);
    expect(wb.created.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });

  it('--format takes csv, json, xlsx, both or a comma list of them, and refuses anything else naming the nearest', () => {
    expect([...parseFormat({ format: 'csv,xlsx' })].sort()).toEqual(['csv', 'xlsx']);
    expect([...parseFormat({ format: 'both,XLSX' })].sort()).toEqual(['csv', 'json', 'xlsx']);
    expect(() => parseFormat({ format: 'xls' })).toThrow(new UserError("--format: unknown format 'xls' in 'xls' (did you mean 'xlsx'?); expected csv, json, xlsx or both, or a comma list such as csv,xlsx"));
    expect(() => parseFormat({ format: 'csv,' })).toThrow(/--format: an empty format in 'csv,'/);
    expect(() => parseFormat({ format: 'pdf' })).toThrow(new UserError("--format: unknown format 'pdf' in 'pdf'; expected csv, json, xlsx or both, or a comma list such as csv,xlsx"));
  });

  it('is written with the other outputs, all or nothing, and a later run replaces it (its marker hash read back from the bytes)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wb-')), 'run');
    writeOutputs(dir, { 'summary.json': '{}', 'test.xlsx': await workbookXlsx({ locks }, about) });
    writeOutputs(dir, { 'summary.json': '{}', 'test.xlsx': await workbookXlsx({ locks: locks.slice(1) }, about) });
    expect(readdirSync(dir).sort()).toEqual(['.waterway-sim', 'summary.json', 'test.xlsx']);
    expect((await readBack(readFileSync(join(dir, 'test.xlsx')))).getWorksheet('locks')!.rowCount).toBe(2);
  });

  it('run --format csv,xlsx: one workbook beside the CSVs, a sheet per CSV holding its every value, numbers as numbers', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wb-')), 'toy');
    const { stdout } = await exec(process.execPath, [...cliCommand(), 'run', TOY, '--replications', '2', '--no-capacity', '--no-report', '--format', 'csv,xlsx', '--out', out]);
    expect(stdout).toContain(join(out, 'toy.xlsx'));
    const wb = await readBack(readFileSync(join(out, 'toy.xlsx')));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'ports', 'locks', 'replications']);
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    const facts = new Map(wb.getWorksheet('About')!.getSheetValues().flatMap((r) => (Array.isArray(r) ? [[r[1], r[2]] as const] : [])));
    expect(facts.get('scenario')).toBe('toy');
    expect(facts.get('seed')).toBe(7);
    expect(facts.get('replications')).toBe(2);
    expect(facts.get('waterway-sim version')).toBe(version);
    for (const table of ['ports', 'locks', 'replications']) {
      const csv = parse(readFileSync(join(out, `${table}.csv`)), { bom: true }) as string[][];
      const ws = wb.getWorksheet(table)!;
      expect(ws.views[0], table).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.rowCount, table).toBe(csv.length);
      expect(rowValues(ws, 1), table).toHaveLength(csv[0]!.length);
      for (let r = 1; r < csv.length; r++) {
        const cells = rowValues(ws, r + 1);
        csv[r]!.forEach((text, c) => {
          const at = `${table} row ${r} ${csv[0]![c]}`;
          if (text === '') expect(cells[c], at).toBeUndefined();
          else if (/^-?\d+(\.\d+)?$/.test(text)) expect(cells[c], at).toBe(Number(text));
          else expect(cells[c], at).toBe(text);
        });
      }
    }
    expect(rowValues(wb.getWorksheet('ports')!, 1).slice(0, 3)).toEqual(['port id', 'name (English)', 'name (Chinese 中文)']);
    expect(rowValues(wb.getWorksheet('ports')!, 2).slice(0, 3)).toEqual(['up', 'Upper', '上港']);
    expect(rowValues(wb.getWorksheet('locks')!, 1)).toContain('mean wait (h)');
  });
});

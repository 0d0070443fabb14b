/**
 * One .xlsx of every table a command writes (exceljs): an About sheet first (what made it,
 * the scenario, seed, replications, version, and what each sheet holds), then a sheet per
 * table with a frozen, filterable header row whose headings carry their units, names in
 * English and Chinese, and numbers stored as numbers.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { WorkbookAbout } from './about.js';
import { TABLE_NOTES, tableHeadings } from './columns.js';
import type { Row } from './tables.js';

/**
 * The one date a workbook carries (document properties and zip entries): fixed, so that the
 * same run gives the same bytes. 1980-01-01 is the zip format's first date, the usual choice
 * of reproducible builds.
 */
export const WORKBOOK_DATE = new Date(Date.UTC(1980, 0, 1));

/** Excel's limit on a sheet name, and the characters it refuses in one. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_BAD = /[[\]:*?/\\]/g;

/** The workbook, packed: a Uint8Array to write as it is. */
export async function workbookXlsx(tables: Record<string, readonly Row[]>, about: WorkbookAbout): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = wb.lastModifiedBy = 'waterway-sim';
  wb.created = wb.modified = WORKBOOK_DATE;
  wb.title = about.title;
  const names = sheetNames(['About', ...Object.keys(tables)]);
  const sheets = Object.entries(tables).map(([table, rows], i) => ({ table, rows, sheet: names[i + 1]! }));
  aboutSheet(wb, names[0]!, about, sheets);
  for (const { table, rows, sheet } of sheets) tableSheet(wb, sheet, table, rows, tables);
  return fixedDates(await wb.xlsx.writeBuffer());
}

function aboutSheet(wb: ExcelJS.Workbook, name: string, about: WorkbookAbout, sheets: { table: string; rows: readonly Row[]; sheet: string }[]): void {
  const ws = wb.addWorksheet(name);
  ws.addRow([about.title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  for (const [label, value] of about.facts) ws.addRow([label, cell(value)]);
  ws.addRow([]);
  ws.addRow(['sheet', 'rows', 'what it holds']).font = { bold: true };
  for (const s of sheets) ws.addRow([s.sheet, s.rows.length, TABLE_NOTES[s.table] ?? `the rows of ${s.table}.csv`]);
  ws.addRow([]);
  ws.addRow(['units', 'Headings carry units in brackets; flows and counts are per year. A figure over replications is their mean; "± 95% CI half-width" is its Student-t half-width, and "95% CI low/high" the interval (cut at zero where the quantity cannot be negative). Each sheet holds the rows of the CSV of the same name, column for column.']);
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 100;
  ws.getColumn(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  ws.getColumn(3).alignment = { vertical: 'top', wrapText: true };
}

function tableSheet(wb: ExcelJS.Workbook, name: string, table: string, rows: readonly Row[], all: Record<string, readonly Row[]>): void {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const nameCol = keys.indexOf('name_zh');
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: nameCol >= 0 && nameCol < 6 ? nameCol + 1 : 0 }] });
  if (keys.length === 0) {
    ws.addRow(['(no rows)']);
    return;
  }
  const headings = tableHeadings(table, keys, all);
  const header = ws.addRow(headings);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  for (const r of rows) ws.addRow(keys.map((k) => cell(r[k])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: keys.length } };
  // Columns as wide as their values (and the heading's longest word); headings wrap, on as many lines as the longest needs.
  let lines = 1;
  keys.forEach((k, i) => {
    const widest = rows.reduce((w, r) => Math.max(w, textWidth(r[k])), 0);
    const word = Math.max(...headings[i]!.split(' ').map(textWidth));
    const width = Math.min(60, Math.max(10, widest, word) + 2);
    ws.getColumn(i + 1).width = width;
    lines = Math.max(lines, Math.ceil(textWidth(headings[i]) / (width - 2)));
  });
  header.height = 15 * Math.min(lines + 1, 8);
}

/**
 * A table value as a cell: numbers as numbers (none for NaN or ±Infinity, which a sheet
 * cannot hold), text that is a plain number (a seed written as text) as that number, and
 * empty text as an empty cell.
 */
function cell(v: string | number | boolean | undefined): string | number | boolean | null {
  if (v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && PLAIN_NUMBER.test(v) && Number.isSafeInteger(Math.trunc(Number(v)))) return Number(v);
  // Excel holds at most 32,767 characters in a cell.
  return typeof v === 'string' && v.length > CELL_MAX ? `${v.slice(0, CELL_MAX - 1)}…` : v;
}
const CELL_MAX = 32767;
const PLAIN_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/;

/** Characters a value takes on screen, Chinese characters counting two. */
function textWidth(v: string | number | boolean | undefined): number {
  if (v === undefined || v === '') return 0;
  const s = String(v);
  return s.length + (s.match(/[\u2e80-\u9fff\uff00-\uffef]/g)?.length ?? 0);
}

/** Sheet names Excel accepts: no []:*?/\, at most 31 characters, unique whatever their case. */
export function sheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((w) => {
    const base = w.replace(SHEET_NAME_BAD, '-').replace(/^'|'$/g, '').trim() || 'sheet';
    let name = base.slice(0, SHEET_NAME_MAX);
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base.slice(0, SHEET_NAME_MAX - String(k).length - 1)} ${k}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The packed workbook with every zip entry dated WORKBOOK_DATE (exceljs stamps them with the time of writing). */
async function fixedDates(packed: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(packed);
  for (const f of Object.values(zip.files)) f.date = WORKBOOK_DATE;
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

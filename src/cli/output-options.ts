import type { Command } from 'commander';
import { closest, distance } from 'fastest-levenshtein';
import { tableFiles, type Row } from '../report/tables.js';
import type { WorkbookAbout } from '../report/about.js';
import { UserError } from './errors.js';

export interface OutputOptions {
  format: string;
  /** Commander's --no-report. */
  report?: boolean;
}

/** What --format may name; `both` is csv and json together (kept from before xlsx). */
export const OUTPUT_FORMATS = ['csv', 'json', 'xlsx', 'both'] as const;
type OutputFormat = Exclude<(typeof OUTPUT_FORMATS)[number], 'both'>;

/** --format for the tables; --no-report where the command writes report.html. */
export function addOutputOptions(cmd: Command, withReport = true): Command {
  cmd.option('--format <formats>', "tables as 'csv', 'json', 'xlsx' (one workbook), 'both' (csv and json), or a comma list such as csv,xlsx", 'csv');
  return withReport ? cmd.option('--no-report', 'skip report.html') : cmd;
}

/** The formats --format names, each once; refused with the allowed values (and a guess) otherwise. */
export function parseFormat(o: OutputOptions): Set<OutputFormat> {
  const given = String(o.format);
  const parts = given.split(',').map((p) => p.trim().toLowerCase());
  const formats = new Set<OutputFormat>();
  for (const p of parts) {
    if (p === 'both') formats.add('csv').add('json');
    else if ((OUTPUT_FORMATS as readonly string[]).includes(p)) formats.add(p as OutputFormat);
    else {
      const nearest = closest(p, [...OUTPUT_FORMATS]);
      const guess = p !== '' && distance(p, nearest) <= 2 ? nearest : undefined;
      throw new UserError(`--format: ${p === '' ? 'an empty format' : `unknown format '${p}'`} in '${given}'${guess ? ` (did you mean '${guess}'?)` : ''}; expected csv, json, xlsx or both, or a comma list such as csv,xlsx`);
    }
  }
  return formats;
}

/**
 * Every table of a command in the chosen formats, for one all-or-nothing write:
 * NAME.csv and/or NAME.json per table, and with xlsx one workbook `<about.file>.xlsx`
 * holding them all. Asynchronous because the workbook is packed so; nothing is
 * written here, so writeOutputs still puts every file in place at once.
 */
export async function tables(o: OutputOptions, named: Record<string, Row[]>, about: WorkbookAbout): Promise<Record<string, string | Uint8Array>> {
  const formats = parseFormat(o);
  const text = formats.has('csv') && formats.has('json') ? 'both' : formats.has('csv') ? 'csv' : formats.has('json') ? 'json' : null;
  const files: Record<string, string | Uint8Array> = text ? Object.assign({}, ...Object.entries(named).map(([name, rows]) => tableFiles(name, rows, text))) : {};
  if (formats.has('xlsx')) {
    // Loaded only when asked for: exceljs takes most of a second to import.
    const { workbookXlsx } = await import('../report/workbook.js');
    files[`${about.file}.xlsx`] = await workbookXlsx(named, about);
  }
  return files;
}

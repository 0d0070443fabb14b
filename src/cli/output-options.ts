import type { Command } from 'commander';
import { TABLE_FORMATS, tableFiles, type Row, type TableFormat } from '../report/tables.js';
import { UserError } from './errors.js';

export interface OutputOptions {
  format: string;
  /** Commander's --no-report. */
  report?: boolean;
}

/** --format for the tables; --no-report where the command writes report.html. */
export function addOutputOptions(cmd: Command, withReport = true): Command {
  cmd.option('--format <format>', "tables as 'csv', 'json' or 'both'", 'csv');
  return withReport ? cmd.option('--no-report', 'skip report.html') : cmd;
}

export function parseFormat(o: OutputOptions): TableFormat {
  if (!TABLE_FORMATS.includes(o.format as TableFormat)) throw new UserError(`--format: expected one of ${TABLE_FORMATS.join(', ')}, got '${o.format}'`);
  return o.format as TableFormat;
}

/** Every table of a command in the chosen format, for one all-or-nothing write. */
export function tables(o: OutputOptions, named: Record<string, Row[]>): Record<string, string> {
  const format = parseFormat(o);
  return Object.assign({}, ...Object.entries(named).map(([name, rows]) => tableFiles(name, rows, format)));
}

import { stringify } from 'csv-stringify/sync';

/** A flat table: one record per row, the same columns in every row. */
export type Row = Record<string, string | number | boolean>;
export type TableFormat = 'csv' | 'json' | 'both';

/**
 * A text cell made safe for spreadsheets (OWASP "CSV injection"): one that begins
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so Excel
 * shows it as text instead of running it as a formula. Number cells are left alone.
 */
export function csvCell(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A table as NAME.csv and/or NAME.json. The CSV is UTF-8 with a byte-order
 * mark, so spreadsheet programs read the Chinese names right, and a header row;
 * the JSON is an array of the same records.
 */
export function tableFiles(name: string, rows: readonly Row[], format: TableFormat): Record<string, string> {
  const files: Record<string, string> = {};
  if (format !== 'json') files[`${name}.csv`] = stringify(neutralised(rows), { header: true, bom: true });
  if (format !== 'csv') files[`${name}.json`] = JSON.stringify(rows, null, 1) + '\n';
  return files;
}

/** Every text cell, and every column name, through csvCell. */
function neutralised(rows: readonly Row[]): Row[] {
  return rows.map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) out[csvCell(k) as string] = csvCell(v);
    return out;
  });
}

import { stringify } from 'csv-stringify/sync';

/** A flat table: one record per row, the same columns in every row. */
export type Row = Record<string, string | number | boolean>;
export type TableFormat = 'csv' | 'json' | 'both';
export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'json', 'both'];

/**
 * A table as NAME.csv and/or NAME.json. The CSV is UTF-8 with a byte-order
 * mark, so spreadsheet programs read the Chinese names right, and a header row;
 * the JSON is an array of the same records.
 */
export function tableFiles(name: string, rows: readonly Row[], format: TableFormat): Record<string, string> {
  const files: Record<string, string> = {};
  if (format !== 'json') files[`${name}.csv`] = stringify(rows as Row[], { header: true, bom: true });
  if (format !== 'csv') files[`${name}.json`] = JSON.stringify(rows, null, 1) + '\n';
  return files;
}

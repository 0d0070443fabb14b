import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tableFiles } from '../../src/report/tables.js';

const rows = [
  { lock: 'changzhou', name_en: 'Changzhou', name_zh: '长洲', wait_mean_h: 1.25 },
  { lock: 'guigang', name_en: 'Guigang, old "1"', name_zh: '贵港', wait_mean_h: 0.5 },
];

describe('tables as files', () => {
  it('csv: UTF-8 with a byte-order mark and a header; quotes and Chinese names survive a round trip', () => {
    const files = tableFiles('locks', rows, 'csv');
    expect(Object.keys(files)).toEqual(['locks.csv']);
    const text = files['locks.csv']!;
    expect(text.startsWith('\uFEFFlock,name_en,name_zh,wait_mean_h\n')).toBe(true);
    expect(parse(text, { columns: true, bom: true, cast: true })).toEqual(rows);
  });

  it('json: the same records, numbers as numbers', () => {
    const files = tableFiles('locks', rows, 'json');
    expect(Object.keys(files)).toEqual(['locks.json']);
    expect(JSON.parse(files['locks.json']!)).toEqual(rows);
  });

  it('both: one of each', () => {
    expect(Object.keys(tableFiles('ports', rows, 'both')).sort()).toEqual(['ports.csv', 'ports.json']);
  });
});

import type { Compared, MaximumComparison, RecordComparison } from '../capacity/lock-record.js';
import { plain, pm, table } from './terminal.js';

const FIGURES = [
  ['lockagesPerDay', 'lockages a day', 1],
  ['vesselsPerLockage', 'ships a lockage', 2],
  ['tonnesPerLockage', 't a lockage', 0],
  ['waitMeanH', 'mean wait h', 2],
  ['waitWithinH', 'wait within h', 2],
] as const;

/** The lock records beside the model, a row per figure, and each maximum against its record. */
export function lockRecordReport(records: readonly RecordComparison[], maxima: readonly MaximumComparison[], replications: number): string {
  const rows: (string | number)[][] = [['record', 'use', 'figure', 'record', 'model', 'ratio', '']];
  for (const c of records) {
    let first = true;
    for (const [key, label, digits] of FIGURES) {
      const x: Compared | null = c[key];
      if (!x) continue;
      rows.push([first ? c.record.id : '', first ? c.record.use : '', label, x.observed.toFixed(digits), pm(x.model, 1, digits), `×${x.ratio.toFixed(2)}`, x.ok ? 'ok' : 'MISS']);
      first = false;
    }
  }
  const maxRows: (string | number)[][] = [['lock', 'year', 'lines', 'passed Mt', 'model max Mt', 'ratio', '', 'traffic']];
  for (const m of maxima) {
    const x = m.maximum;
    maxRows.push([x.lock, x.year, x.lines?.join('+') ?? 'all', `${(x.tonnesPerYear / 1e6).toFixed(2)} ${x.basis}`, pm(m.model, 1e-6, 1), `×${m.ratio.toFixed(2)}`, m.ok ? 'ok' : 'BELOW', m.traffic]);
  }
  return plain([
    `Locks against their record (seeds' observed.yaml): each record's traffic through its lock alone, ${replications} replications, model mean ± 95% CI.`,
    `Per-lockage figures count as reproduced within ±25%, mean waits within a factor of 2.`,
    '',
    table(rows, [false, false, false, true, true, true, false]),
    '',
    'The most each lock passes, kept busy by a standing queue on both sides, against the most it passed:',
    '',
    table(maxRows, [false, true, false, true, true, true, false, false]),
  ].join('\n'));
}

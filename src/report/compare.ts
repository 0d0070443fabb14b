import type { CompareColumn as Column } from './html/compare-report.js';
import type { Row } from './tables.js';
import { indent, plain, pm, table, targetLabel } from './terminal.js';
import type { Stat } from '../run/index.js';
import { studentT } from '../engine/index.js';

type Name = { en: string; zh: string };

/** compare.csv's own columns; a scenario's label never takes one of these names. */
export const FIXED_COLUMNS: readonly string[] = ['kpi', 'name_en', 'name_zh'];

/**
 * Gives every column a label of its own for the table and compare.csv: the scenario's
 * name, with #2, #3… when it is taken — by an earlier column (the same scenario twice,
 * say with two seeds), by its `_delta` column, or by a fixed column (kpi, name_en, name_zh).
 */
export function labelColumns(cols: { name: string }[]): void {
  const taken = new Set(FIXED_COLUMNS);
  for (const c of cols) {
    let label = c.name;
    for (let k = 2; taken.has(label) || taken.has(`${label}_delta`); k++) label = `${c.name}#${k}`;
    taken.add(label);
    taken.add(`${label}_delta`);
    c.name = label;
  }
}

/** The comparison: a column per scenario, and a Δ column per scenario after the first. */
export function compareTable(cols: Column[]): { text: string; rows: Row[] } {
  const base = cols[0]!;
  const header: string[] = ['', ...cols.flatMap((c, i) => (i === 0 ? [c.name] : [c.name, 'Δ']))];
  const rows: (string | number)[][] = [header];
  const csvRows: Row[] = [];
  const add = (label: string, key: string, value: (c: Column) => number, text: (c: Column) => string, digits: number, name: Name = { en: '', zh: '' }, st?: (c: Column) => Stat | undefined, deltaUnit = '') => {
    const sig = (c: Column) => (st ? differs(st(base), st(c)) : null);
    const delta = (c: Column) => `${signed(value(c) - value(base), digits)}${Number.isFinite(value(c) - value(base)) ? deltaUnit : ''}${sig(c) === false ? ' n.s.' : ''}`;
    rows.push([label, ...cols.flatMap((c, i) => (i === 0 ? [text(c)] : [text(c), delta(c)]))]);
    const rec: Row = { kpi: key, name_en: name.en, name_zh: name.zh };
    cols.forEach((c, i) => {
      rec[c.name] = round(value(c), digits + 2);
      if (i > 0) {
        rec[`${c.name}_delta`] = round(value(c) - value(base), digits + 2);
        rec[`${c.name}_delta_significant`] = sig(c) === null ? '' : sig(c) ? 'yes' : 'no';
      }
    });
    csvRows.push(rec);
  };
  add('main line Mt', 'main_line_mt', (c) => c.tonnes.mean / 1e6, (c) => pm(c.tonnes, 1e-6), 1, undefined, (c) => c.tonnes);
  add('main line M TEU', 'main_line_mteu', (c) => c.teu.mean / 1e6, (c) => pm(c.teu, 1e-6, 2), 2, undefined, (c) => c.teu);
  // P(reached) in percent in every column, its Δ in percentage points; each column against its own target.
  const [tonnesTarget, teuTarget] = [targetLabel(cols, (c) => c.targetTonnes, 'Mt'), targetLabel(cols, (c) => c.targetTeu, 'M TEU')];
  const pText = (p: number, target: number, unit: string, shared: boolean) => `${(100 * p).toFixed(0)}%${shared ? '' : ` of ${target / 1e6} ${unit}`}`;
  add(`P(${tonnesTarget.label} reached), %`, 'p_tonnes_reached_pct', (c) => 100 * c.pTonnes, (c) => pText(c.pTonnes, c.targetTonnes, 'Mt', tonnesTarget.shared), 0, undefined, undefined, ' pp');
  add(`P(${teuTarget.label} reached), %`, 'p_teu_reached_pct', (c) => 100 * c.pTeu, (c) => pText(c.pTeu, c.targetTeu, 'M TEU', teuTarget.shared), 0, undefined, undefined, ' pp');
  rows.push(['mean wait per lock, h (* = worst: largest share of all lock waiting)', ...header.slice(1).map(() => '')]);
  const lockIds = [...new Set(cols.flatMap((c) => [...c.waits.keys()]))];
  // Locks most waited at in the first scenario first.
  lockIds.sort((a, b) => (base.waits.get(b)?.wait.mean ?? 0) - (base.waits.get(a)?.wait.mean ?? 0));
  for (const id of lockIds) {
    const name = cols.map((c) => c.waits.get(id)?.name).find(Boolean) ?? { en: id, zh: '' };
    const v = (c: Column) => c.waits.get(id)?.wait.mean ?? NaN;
    add(`  ${name.en}`, `wait_h_${id}`, v, (c) => (c.waits.has(id) ? `${pm(c.waits.get(id)!.wait, 1, 2)}${c.worst === id ? ' *' : ''}` : '—'), 2, name, (c) => c.waits.get(id)?.wait);
  }
  const text = plain([`Scenarios compared (means ± 95% CI; Δ against ${base.name}, P(reached) in percentage points; n.s.: not significant, Welch's t at 5%):`, ...cols.map((c) => `  ${c.name}: ${c.source}`), '', indent(table(rows, [false, ...header.slice(1).map(() => true)]))].join('\n'));
  return { text, rows: csvRows };
}

/**
 * Does b differ from a beyond the replications' noise? Welch's t-test at 5% on the two means,
 * the standard errors recovered from the 95% half-widths; null where either has no interval
 * (one replication, or a summary read back without one). The scenarios draw independent
 * streams, so the replications are not paired.
 */
export function differs(a: Stat | undefined, b: Stat | undefined): boolean | null {
  if (!a || !b || !(a.n > 1) || !(b.n > 1) || !Number.isFinite(a.halfWidth) || !Number.isFinite(b.halfWidth)) return null;
  const se = (s: Stat) => s.halfWidth / studentT(0.975, s.n - 1);
  const va = se(a) ** 2, vb = se(b) ** 2;
  if (va + vb === 0) return a.mean !== b.mean;
  const dof = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return Math.abs(b.mean - a.mean) / Math.sqrt(va + vb) > studentT(0.975, dof);
}

function signed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return x > 0 && Number(s) !== 0 ? `+${s}` : s;
}

function round(x: number, digits: number): number | string {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : '';
}

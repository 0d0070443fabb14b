import type { Command } from 'commander';
import { describe } from './commands.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageVersion } from '../package.js';
import type { CompareColumn as Column } from '../report/html/compare-report.js';
import { SUMMARY_SCHEMA } from '../report/outputs.js';
import type { Row } from '../report/tables.js';
import { indent, plain, pm, table, targetLabel } from '../report/terminal.js';
import type { SeedNetwork } from '../network/index.js';
import type { Stat } from '../run/index.js';
import { studentT } from '../engine/index.js';
import { InputError, formatProblem } from '../input/problems.js';
import { readBoundedText } from '../input/yaml-file.js';
import { UserError } from './errors.js';
import { prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { addReplicationOptions, runWithProgress, type ReplicationOptions, loadRunnable } from './scenario-options.js';

interface Options extends ReplicationOptions, OutputOptions {
  out?: string;
}

type Name = { en: string; zh: string };

export function registerCompare(program: Command): void {
  addOutputOptions(addReplicationOptions(
    program
      .command('compare')
      .argument('<scenarios...>', 'scenario files to run, or output folders of earlier runs (holding summary.json)')
      .description(describe('compare')),
  ))
    .option('--out <dir>', 'folder for compare.csv and report.html', join('out', 'compare'))
    .action(async (args: string[], opts: Options) => {
      parseFormat(opts);
      if (args.length < 2) throw new UserError('compare needs at least two scenarios or output folders');
      prepareOutputFolder(opts.out!, '--out', { lock: false }); // a bad --out is refused at once
      const columns: Column[] = [];
      const seedCache = new Map<string, SeedNetwork>();
      for (const arg of args) {
        if (existsSync(arg) && statSync(arg).isDirectory()) columns.push(readColumn(arg));
        else {
          prepareOutputFolder(opts.out!); // locked before the first run (reading earlier summaries needs no lock)
          columns.push(await runColumn(arg, opts, seedCache));
        }
      }
      labelColumns(columns);
      const { text, rows } = compareTable(columns);
      const files = tables(opts, { compare: rows });
      if (opts.report !== false) files['report.html'] = await (await import('../report/html/compare-report.js')).compareReportHtml(columns, packageVersion());
      const written = writeOutputs(opts.out!, files);
      console.log(text);
      console.log(`\nwrote ${written.join(', ')}`);
      if (opts.report !== false) console.log(`report: ${join(opts.out!, 'report.html')}`);
    });
}

async function runColumn(file: string, opts: Options, seedCache: Map<string, SeedNetwork>): Promise<Column> {
  const { scenario, seed } = loadRunnable(file, { seedCache });
  const run = await runWithProgress(scenario, opts, seed);
  const a = run.aggregate;
  return {
    name: scenario.name,
    source: `${file} (${run.results.length} replications, seed ${run.seed})`,
    seed: run.seed,
    replications: run.results.length,
    tonnes: a.mainLine.tonnes,
    teu: a.mainLine.teu,
    targetTonnes: a.mainLine.targetTonnes,
    targetTeu: a.mainLine.targetTeu,
    pTonnes: a.mainLine.pTonnesReached,
    pTeu: a.mainLine.pTeuReached,
    waits: new Map(a.locks.map((l) => [l.id as string, { name: l.name as Name, wait: l.waitMeanH as Stat }])),
    ports: a.ports.map((p) => ({ id: p.id as string, name: p.name as Name, mainLine: p.mainLine as boolean, throughputT: p.throughputT as Stat })),
    worst: a.worstLock,
    trace: { name: scenario.name, hash: run.scenarioHash, files: scenario.files, texts: scenario.texts },
  };
}

function readColumn(dir: string): Column {
  const file = join(dir, 'summary.json');
  if (!existsSync(file)) throw new UserError(`${dir}: no summary.json in this folder (run the scenario first, or give its file)`);
  let text: string;
  try {
    text = readBoundedText(file, file, MAX_SUMMARY_BYTES);
  } catch (err) {
    if (err instanceof InputError) throw new UserError(formatProblem(err.problems[0]!));
    throw err;
  }
  let s: Record<string, any>;
  try {
    s = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: damaged, not JSON (${(err as Error).message.split('\n')[0]}); run the scenario again`);
  }
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new UserError(`${file}: not a waterway-sim summary (not a JSON object); run the scenario again`);
  if (s.schema !== SUMMARY_SCHEMA) throw new UserError(`${file}: schema '${plain(String(s.schema)).slice(0, 60)}' is not ${SUMMARY_SCHEMA}; run the scenario again`);
  const wrong = summaryShapeProblem(s);
  if (wrong) throw new UserError(`${file}: damaged summary: ${wrong}; run the scenario again`);
  return {
    name: s.scenario.name,
    source: `${file} (${s.replications} replications, seed ${s.seed})`,
    seed: s.seed,
    replications: s.replications,
    tonnes: s.mainLine.tonnes,
    teu: s.mainLine.teu,
    targetTonnes: s.mainLine.targetTonnes,
    targetTeu: s.mainLine.targetTeu,
    pTonnes: s.mainLine.pTonnesReached,
    pTeu: s.mainLine.pTeuReached,
    waits: new Map(s.locks.map((l: { id: string; name: Name; waitMeanH: Stat }) => [l.id, { name: l.name, wait: l.waitMeanH }])),
    ports: s.ports.map((p: { id: string; name: Name; mainLine: boolean; throughputT: Stat }) => ({ id: p.id, name: p.name, mainLine: p.mainLine, throughputT: p.throughputT })),
    worst: s.worstLock ?? null,
    trace: { name: s.scenario.name, hash: s.scenario.hash, files: s.scenario.files ?? [], texts: s.scenario.texts ?? [] },
  };
}

/** Largest summary.json compare reads (a real one is well under 1 MB). */
const MAX_SUMMARY_BYTES = 64 * 1024 * 1024;

/** What compare needs from a summary.json and is missing or of the wrong kind, or undefined. */
export function summaryShapeProblem(s: Record<string, any>): string | undefined {
  const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  // JSON keeps NaN as null: a mean over no finite value, or the half-width of one replication.
  const numberOrNull = (v: unknown) => typeof v === 'number' || v === null;
  const isStat = (x: unknown) => isObj(x) && numberOrNull(x.mean) && numberOrNull(x.halfWidth);
  const isName = (x: unknown) => isObj(x) && typeof x.en === 'string' && typeof x.zh === 'string';
  if (!isObj(s.scenario) || typeof s.scenario.name !== 'string') return 'scenario.name is missing or not text';
  if (s.scenario.files !== undefined && !(Array.isArray(s.scenario.files) && s.scenario.files.every((f: unknown) => typeof f === 'string'))) return 'scenario.files is not a list of file names';
  if (s.scenario.texts !== undefined && !(Array.isArray(s.scenario.texts) && s.scenario.texts.every((t: unknown) => isObj(t) && typeof t.file === 'string' && typeof t.text === 'string'))) return 'scenario.texts is not a list of { file, text }';
  if (!isObj(s.mainLine)) return 'mainLine is missing';
  for (const k of ['tonnes', 'teu']) if (!isStat(s.mainLine[k])) return `mainLine.${k} is not a statistic`;
  for (const k of ['targetTonnes', 'targetTeu', 'pTonnesReached', 'pTeuReached']) if (typeof s.mainLine[k] !== 'number') return `mainLine.${k} is not a number`;
  if (!Array.isArray(s.locks) || !s.locks.every((l: unknown) => isObj(l) && typeof l.id === 'string' && isName(l.name) && isStat(l.waitMeanH))) return 'locks is not a list of locks with id, name and waitMeanH';
  if (!Array.isArray(s.ports) || !s.ports.every((p: unknown) => isObj(p) && typeof p.id === 'string' && isName(p.name) && isStat(p.throughputT))) return 'ports is not a list of ports with id, name and throughputT';
  if (s.worstLock !== undefined && s.worstLock !== null && typeof s.worstLock !== 'string') return 'worstLock is not text';
  return undefined;
}

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

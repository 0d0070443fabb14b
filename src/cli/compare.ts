import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { SUMMARY_SCHEMA } from '../report/outputs.js';
import { indent, pm, table } from '../report/terminal.js';
import type { Stat } from '../run/index.js';
import { loadScenario } from '../scenario/load.js';
import { UserError } from './errors.js';
import { writeOutputs } from './output-folder.js';
import { addReplicationOptions, runWithProgress, type ReplicationOptions } from './scenario-options.js';

/** What compare needs of one scenario's results, from a fresh run or an earlier summary.json. */
interface Column {
  name: string;
  source: string;
  tonnes: Stat;
  teu: Stat;
  pTonnes: number;
  pTeu: number;
  waits: Map<string, { name: string; wait: Stat }>;
  worst: string | null;
}

interface Options extends ReplicationOptions {
  out?: string;
}

export function registerCompare(program: Command): void {
  addReplicationOptions(
    program
      .command('compare')
      .argument('<scenarios...>', 'scenario files to run, or output folders of earlier runs (holding summary.json)')
      .description('one table of several scenarios: main-line Mt, TEU, P(reached) and mean wait per lock, with deltas against the first'),
  )
    .option('--out <dir>', 'folder for compare.csv', join('out', 'compare'))
    .action(async (args: string[], opts: Options) => {
      if (args.length < 2) throw new UserError('compare needs at least two scenarios or output folders');
      const columns: Column[] = [];
      for (const arg of args) columns.push(existsSync(arg) && statSync(arg).isDirectory() ? readColumn(arg) : await runColumn(arg, opts));
      // The same scenario twice (say, two seeds) gets #2, #3… so its columns stay apart.
      const seen = new Map<string, number>();
      for (const c of columns) {
        const k = (seen.get(c.name) ?? 0) + 1;
        seen.set(c.name, k);
        if (k > 1) c.name = `${c.name}#${k}`;
      }
      const { text, csv } = compareTable(columns);
      const [file] = writeOutputs(opts.out!, { 'compare.csv': csv });
      console.log(text);
      console.log(`\nwrote ${file}`);
    });
}

async function runColumn(file: string, opts: Options): Promise<Column> {
  const { scenario, seed } = loadScenario(file);
  const run = await runWithProgress(scenario, opts, seed);
  const a = run.aggregate;
  return {
    name: scenario.name,
    source: `${file} (${run.results.length} replications, seed ${run.seed})`,
    tonnes: a.mainLine.tonnes,
    teu: a.mainLine.teu,
    pTonnes: a.mainLine.pTonnesReached,
    pTeu: a.mainLine.pTeuReached,
    waits: new Map(a.locks.map((l) => [l.id as string, { name: (l.name as { en: string }).en, wait: l.waitMeanH as Stat }])),
    worst: a.worstLock,
  };
}

function readColumn(dir: string): Column {
  const file = join(dir, 'summary.json');
  if (!existsSync(file)) throw new UserError(`${dir}: no summary.json in this folder (run the scenario first, or give its file)`);
  const s = JSON.parse(readFileSync(file, 'utf8'));
  if (s.schema !== SUMMARY_SCHEMA) throw new UserError(`${file}: schema '${s.schema}' is not ${SUMMARY_SCHEMA}; run the scenario again`);
  return {
    name: s.scenario.name,
    source: `${file} (${s.replications} replications, seed ${s.seed})`,
    tonnes: s.mainLine.tonnes,
    teu: s.mainLine.teu,
    pTonnes: s.mainLine.pTonnesReached,
    pTeu: s.mainLine.pTeuReached,
    waits: new Map(s.locks.map((l: { id: string; name: { en: string }; waitMeanH: Stat }) => [l.id, { name: l.name.en, wait: l.waitMeanH }])),
    worst: s.worstLock,
  };
}

/** The comparison: a column per scenario, and a Δ column per scenario after the first. */
export function compareTable(cols: Column[]): { text: string; csv: string } {
  const base = cols[0]!;
  const header: string[] = ['', ...cols.flatMap((c, i) => (i === 0 ? [c.name] : [c.name, 'Δ']))];
  const rows: (string | number)[][] = [header];
  const csvRows: Record<string, string | number>[] = [];
  const add = (label: string, key: string, value: (c: Column) => number, text: (c: Column) => string, digits: number) => {
    rows.push([label, ...cols.flatMap((c, i) => (i === 0 ? [text(c)] : [text(c), signed(value(c) - value(base), digits)]))]);
    const rec: Record<string, string | number> = { kpi: key };
    cols.forEach((c, i) => {
      rec[c.name] = round(value(c), digits + 2);
      if (i > 0) rec[`${c.name}_delta`] = round(value(c) - value(base), digits + 2);
    });
    csvRows.push(rec);
  };
  add('main line Mt', 'main_line_mt', (c) => c.tonnes.mean / 1e6, (c) => pm(c.tonnes, 1e-6), 1);
  add('main line M TEU', 'main_line_mteu', (c) => c.teu.mean / 1e6, (c) => pm(c.teu, 1e-6, 2), 2);
  add('P(300 Mt reached)', 'p_tonnes_reached', (c) => c.pTonnes, (c) => `${(100 * c.pTonnes).toFixed(0)}%`, 2);
  add('P(10 M TEU reached)', 'p_teu_reached', (c) => c.pTeu, (c) => `${(100 * c.pTeu).toFixed(0)}%`, 2);
  rows.push(['mean wait per lock, h (* = worst)', ...header.slice(1).map(() => '')]);
  const lockIds = [...new Set(cols.flatMap((c) => [...c.waits.keys()]))];
  // Locks most waited at in the first scenario first.
  lockIds.sort((a, b) => (base.waits.get(b)?.wait.mean ?? 0) - (base.waits.get(a)?.wait.mean ?? 0));
  for (const id of lockIds) {
    const name = cols.map((c) => c.waits.get(id)?.name).find(Boolean) ?? id;
    const v = (c: Column) => c.waits.get(id)?.wait.mean ?? NaN;
    add(`  ${name}`, `wait_h_${id}`, v, (c) => (c.waits.has(id) ? `${pm(c.waits.get(id)!.wait, 1, 2)}${c.worst === id ? ' *' : ''}` : '—'), 2);
  }
  const text = [`Scenarios compared (means ± 95% CI; Δ against ${base.name}):`, ...cols.map((c) => `  ${c.name}: ${c.source}`), '', indent(table(rows, [false, ...header.slice(1).map(() => true)]))].join('\n');
  return { text, csv: stringify(csvRows, { header: true }) };
}

function signed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return x > 0 && Number(s) !== 0 ? `+${s}` : s;
}

function round(x: number, digits: number): number | string {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : '';
}

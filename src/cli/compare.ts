import type { Command } from 'commander';
import { describe } from './commands.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageVersion } from '../package.js';
import type { CompareColumn as Column } from '../report/html/compare-report.js';
import { SUMMARY_SCHEMA } from '../report/outputs.js';
import { plain } from '../report/terminal.js';
import { compareTable, labelColumns } from '../report/compare.js';
import type { SeedNetwork } from '../network/index.js';
import type { Stat } from '../run/index.js';
import { InputError, formatProblem } from '../input/problems.js';
import { readBoundedText } from '../input/yaml-file.js';
import { UserError } from './errors.js';
import type { Fact } from '../report/about.js';
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
      const version = packageVersion();
      const about = { file: 'compare', title: `waterway-sim compare: ${columns.map((c) => c.name).join(', ')}`, facts: compareFacts(columns, version) };
      const files = await tables(opts, { compare: rows }, about);
      if (opts.report !== false) files['report.html'] = await (await import('../report/html/compare-report.js')).compareReportHtml(columns, version);
      const written = writeOutputs(opts.out!, files);
      console.log(text);
      console.log(`\nwrote ${written.join(', ')}`);
      if (opts.report !== false) console.log(`report: ${join(opts.out!, 'report.html')}`);
    });
}

async function runColumn(file: string, opts: Options, seedCache: Map<string, SeedNetwork>): Promise<Column> {
  const { scenario, seeds } = loadRunnable(file, { seedCache });
  const run = await runWithProgress(scenario, opts, seeds);
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
    waits: new Map(a.locks.map((l) => [l.id, { name: l.name, wait: l.waitMeanH }])),
    ports: a.ports.map((p) => ({ id: p.id, name: p.name, mainLine: p.mainLine, throughputT: p.throughputT })),
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

/** The workbook's About lines for a comparison: each column's scenario, where it came from, seed and replications. */
function compareFacts(columns: Column[], version: string): Fact[] {
  return [
    ...columns.map((c, i): Fact => [`scenario ${i + 1}: ${c.name}`, `${c.trace.files.join(', ') || c.source}; seed ${c.seed}, ${c.replications} replications`]),
    ['waterway-sim version', version],
  ];
}

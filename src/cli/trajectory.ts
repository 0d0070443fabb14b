import type { Command } from 'commander';
import { describe } from './commands.js';
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { hindcastRows, hindcastSummary, runTrajectory, type Trajectory } from '../capacity/index.js';
import { lastRecordYear } from '../model/index.js';
import { packageRoot, packageVersion } from '../package.js';
import { demandFitRows, hindcastCsvRows, hindcastReport, saturationRows, trajectoryReport, trajectoryRows } from '../report/trajectory.js';
import { ResultStore } from '../run/index.js';
import type { SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { addWaitOptions, parseCriteria, type CriteriaOptions } from './capacity-options.js';
import { UserError } from './errors.js';
import { noteResumable } from './interrupt.js';
import { criteriaFacts, scenarioFacts, type WorkbookAbout } from '../report/about.js';
import { defaultOutFolder, prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { addReplicationOptions, injectedFault, loadRunnable, replicationSettings, scenarioPath, taskTimeoutSetting } from './scenario-options.js';
import { Progress } from './progress.js';

interface Options extends CriteriaOptions, OutputOptions {
  years?: string;
  path?: string;
  resume?: boolean;
  out?: string;
  json?: boolean;
}

/** Past it a growth path from the record says nothing (and the seeds' lines are planned to about 2031). */
export const LAST_TRAJECTORY_YEAR = 2060;

/** `from:to` (both whole years, from ≤ to, within first..last) as a list. */
export function parseYears(text: string, first: number, last: number): number[] {
  const m = /^\s*(\d{4})\s*:\s*(\d{4})\s*$/.exec(text) ?? /^\s*(\d{4})\s*$/.exec(text);
  if (!m) throw new UserError(`--years: expected 'from:to' such as 2013:2035, got '${text}'`);
  const from = Number(m[1]), to = Number(m[2] ?? m[1]);
  if (to < from) throw new UserError(`--years: ${to} comes before ${from}`);
  if (from < first) throw new UserError(`--years: the record starts in ${first}, the base year of the network's demand; ${from} is before it`);
  if (to > last) throw new UserError(`--years: ${to} is after ${last}, the last year this command runs`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function registerTrajectory(program: Command): void {
  addOutputOptions(addWaitOptions(addReplicationOptions(
    program
      .command('trajectory')
      .argument('[scenario]', 'scenario file: its lock programme (default: scenarios/plan-2020.yaml)')
      .description(describe('trajectory')),
  )))
    .option('--years <from:to>', `years to run, up to ${LAST_TRAJECTORY_YEAR} (default: the base year to 2035)`)
    .option('--path <id>', "growth path after the record: low, central or high (default: the scenario's, else central)")
    .option('--out <dir>', 'output folder (default: out/<scenario name>-trajectory)')
    .option('--resume', 'reuse the replications an interrupted run of the same command finished (kept beside the output folder)')
    .action(async (file: string | undefined, opts: Options) => {
      const { scenario, seeds } = loadRunnable(scenarioPath(file));
      const years = parseYears(opts.years ?? `${seeds.baseYear}:2035`, seeds.baseYear, LAST_TRAJECTORY_YEAR);
      const t = await study(scenario, seeds, years, opts, '-trajectory', false);
      const files = await tables(opts, { trajectory: trajectoryRows(t.trajectory), saturation: saturationRows(t.trajectory), 'demand-fit': demandFitRows(t.trajectory) }, studyAbout(t, 'trajectory'));
      if (opts.report !== false) files['report.html'] = await ((await import('../report/html/trajectory-report.js')).trajectoryReportHtml(t.trajectory, null, packageVersion()));
      finish(t, files, opts, trajectoryReport(t.trajectory));
    });
}

export function registerHindcast(program: Command): void {
  addOutputOptions(addWaitOptions(addReplicationOptions(
    program
      .command('hindcast')
      .argument('[scenario]', 'scenario file (default: scenarios/record.yaml, the seeds as they stand)')
      .description(describe('hindcast')),
  )))
    .option('--years <from:to>', 'years to run (default: the base year to the last recorded year)')
    .option('--out <dir>', 'output folder (default: out/<scenario name>-hindcast)')
    .option('--resume', 'reuse the replications an interrupted run of the same command finished (kept beside the output folder)')
    .option('--json', 'print the comparison as JSON instead of the table')
    .action(async (file: string | undefined, opts: Options) => {
      const { scenario, seeds } = loadRunnable(file ?? recordScenarioPath());
      const years = parseYears(opts.years ?? `${seeds.baseYear}:${lastRecordYear(seeds)}`, seeds.baseYear, lastRecordYear(seeds));
      const t = await study(scenario, seeds, years, opts, '-hindcast', true);
      const rows = hindcastRows(t.trajectory, seeds);
      const files = await tables(opts, { hindcast: hindcastCsvRows(rows), 'demand-fit': demandFitRows(t.trajectory) }, studyAbout(t, 'hindcast'));
      if (opts.report !== false) files['report.html'] = await (await import('../report/html/trajectory-report.js')).trajectoryReportHtml(t.trajectory, rows, packageVersion());
      const json = JSON.stringify({ scenario: scenario.name, years, replications: t.trajectory.replications, seed: t.trajectory.seed, summary: hindcastSummary(rows), rows: hindcastCsvRows(rows) }, null, 2) + '\n';
      finish(t, files, opts, opts.json ? null : hindcastReport(t.trajectory, rows), opts.json ? json : null);
    });
}

function recordScenarioPath(): string {
  const local = join('scenarios', 'record.yaml');
  return existsSync(local) ? local : relative(process.cwd(), join(packageRoot(), 'scenarios', 'record.yaml'));
}

interface Study {
  trajectory: Trajectory;
  out: string;
  store: ResultStore;
  reused: number;
}

async function study(scenario: ResolvedScenario, seeds: SeedNetwork, years: number[], opts: Options, suffix: string, hindcast: boolean): Promise<Study> {
  parseFormat(opts);
  const criteria = parseCriteria(opts);
  const settings = replicationSettings(scenario, opts);
  const path = opts.path ?? scenario.demand.path;
  if (opts.path !== undefined && !seeds.demand?.growthPaths.some((g) => g.id === path)) {
    throw new UserError(`--path: unknown growth path '${path}'; the network's demand.yaml has ${seeds.demand?.growthPaths.map((g) => g.id).join(', ') || 'none'}`);
  }
  const out = opts.out ?? defaultOutFolder(scenario.name, suffix);
  const real = prepareOutputFolder(out);
  const store = new ResultStore(join(dirname(real), `.${basename(real)}.resume`), packageVersion());
  if (!opts.resume) store.clear();
  noteResumable(store.dir);
  let reused = 0;
  const total = years.length * settings.replications;
  const fault = injectedFault();
  const timeout = taskTimeoutSetting();
  const progress = new Progress(opts);
  progress.stage(`${scenario.name} ${years[0]}–${years[years.length - 1]}`, total);
  try {
    const trajectory = await runTrajectory(scenario, {
      years,
      criteria,
      seeds,
      path,
      ...settings,
      ...timeout,
      ...(hindcast ? { recordHydrology: true } : {}),
      store,
      onReused: (n) => {
        reused += n;
        progress.reused(n);
      },
      onProgress: (done) => progress.update(done),
      ...(fault ? { fault } : {}),
    }).catch((err: unknown) => {
      throw err instanceof RangeError ? new UserError(err.message) : err;
    });
    return { trajectory, out, store, reused };
  } finally {
    progress.stop();
  }
}

/** The workbook's name and About lines for a trajectory or a hindcast. */
function studyAbout(s: Study, command: 'trajectory' | 'hindcast'): WorkbookAbout {
  const t = s.trajectory;
  return {
    file: `${t.base.name}-${command}`,
    title: `waterway-sim ${command}: ${t.base.name}`,
    facts: [
      ...scenarioFacts(t.base),
      ['years', `${t.years[0]!.year}–${t.years[t.years.length - 1]!.year}`],
      ['demand', `from the record to ${t.lastRecordYear}, then the ${t.path} growth path`],
      ['seed', String(t.seed)],
      ['replications a year', t.replications],
      ...criteriaFacts(t.criteria),
      ['waterway-sim version', packageVersion()],
    ],
  };
}

function finish(s: Study, files: Record<string, string | Uint8Array>, opts: Options, text: string | null, json: string | null = null): void {
  const written = writeOutputs(s.out, files);
  s.store.clear();
  noteResumable(null);
  if (json !== null) {
    process.stdout.write(json);
    return;
  }
  if (text !== null) console.log(text);
  const t = s.trajectory;
  console.log(`\n${t.years.length} years × ${t.replications} replications on ${t.workers} worker${t.workers === 1 ? '' : 's'} in ${t.wallS.toFixed(1)} s`);
  if (opts.resume) console.log(`resumed: ${s.reused} replications reused from the interrupted run, the rest run now`);
  console.log(`wrote ${written.join(', ')}`);
  if (opts.report !== false) console.log(`report: ${join(s.out, 'report.html')}`);
}

import type { Command } from 'commander';
import { describe } from './commands.js';
import { join } from 'node:path';
import { packageVersion } from '../package.js';
import { locksRows, portsRows, replicationsRows, summaryJson } from '../report/outputs.js';
import { runReport } from '../report/terminal.js';
import { defaultOutFolder, prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { addReplicationOptions, replicationSettings, runWithProgress, scenarioPath, taskTimeoutSetting, workersToStartEarly, type ReplicationOptions, loadRunnable } from './scenario-options.js';
import { capacityVerdict } from '../capacity/index.js';
import { backendLabel } from '../run/backend.js';
import type { SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { capacityVerdictLines } from '../report/capacity.js';
import { runResultsGeoJson } from '../report/geojson-results.js';
import { scenarioFacts, type Fact } from '../report/about.js';
import { networkGeoJson } from '../network/index.js';
import { scenarioNetwork } from '../scenario/network.js';
import { WorkerSession, type ScenarioRun } from '../run/index.js';
import { Progress, searchProgress } from './progress.js';

interface Options extends ReplicationOptions, OutputOptions {
  out?: string;
  json?: boolean;
  /** Commander's --no-capacity. */
  capacity?: boolean;
}

/** Replications a level of the main job's capacity search, and its bisection tolerance: what keeps the job near a minute. */
export const VERDICT_SEARCH = { replications: 4, tolerance: 0.05 } as const;

export function registerRun(program: Command): void {
  addOutputOptions(addReplicationOptions(
    program
      .command('run')
      .argument('[scenario]', 'scenario file (default: scenarios/plan-2020.yaml)')
      .description(describe('run')),
  ))
    .option('--out <dir>', 'output folder (default: out/<scenario name>)')
    .option('--json', 'print summary.json instead of the tables')
    .option('--no-capacity', "skip the capacity verdict (the largest demand the network, the locks alone and the berths alone sustain): only the state at the scenario's demand")
    .action(async (file: string | undefined, opts: Options) => {
      parseFormat(opts);
      // The threads load while this one reads the input; one session serves the run and its capacity verdict.
      const session = new WorkerSession();
      session.prestart(workersToStartEarly(opts));
      try {
        await runAndWrite(file, opts, session);
      } finally {
        await session.close();
      }
    });
}

/** The run, its capacity verdict and every output, on the session's workers. */
async function runAndWrite(file: string | undefined, opts: Options, session: WorkerSession): Promise<void> {
  const { scenario, seeds } = loadRunnable(scenarioPath(file));
  const out = opts.out ?? defaultOutFolder(scenario.name);
  prepareOutputFolder(out); // before the run: a bad --out is refused at once
  const run = await runWithProgress(scenario, opts, seeds, session);
  const settings = replicationSettings(scenario, opts);
  const capacity = opts.capacity === false ? null : await verdictWithProgress(scenario, seeds, settings, opts, session);
  const version = packageVersion();
  const summary = JSON.stringify({ ...summaryJson(run, version), ...(capacity ? { capacity } : {}) }, null, 2) + '\n';
  const about = { file: scenario.name, title: `waterway-sim run: ${scenario.name}`, facts: runFacts(run, version) };
  const files: Record<string, string | Uint8Array> = {
    'summary.json': summary,
    'network.geojson': JSON.stringify(runResultsGeoJson(networkGeoJson(scenarioNetwork(scenario, seeds)), run, version), null, 1) + '\n',
    ...(await tables(opts, { ports: portsRows(run), locks: locksRows(run), replications: replicationsRows(run) }, about)),
  };
  if (opts.report !== false) {
    // Loaded only when needed: the charting libraries take a third of a second to import.
    const { runReportHtml } = await import('../report/html/run-report.js');
    files['report.html'] = await runReportHtml(run, version, seeds, capacity);
  }
  const written = writeOutputs(out, files);
  if (opts.json) {
    process.stdout.write(summary);
    return;
  }
  console.log(runReport(run));
  if (capacity) console.log(['', ...capacityVerdictLines(capacity)].join('\n'));
  const where = settings.backend.kind === 'redis' ? `the queue at ${backendLabel(settings.backend)}` : `${run.workers} worker${run.workers === 1 ? '' : 's'}`;
  console.log(`\n${run.results.length} replications on ${where} in ${run.wallS.toFixed(1)} s`);
  console.log(`wrote ${written.join(', ')}`);
  if (opts.report !== false) console.log(`report: ${join(out, 'report.html')}`);
}

/** The workbook's About lines for a run. */
function runFacts(run: ScenarioRun, version: string): Fact[] {
  const s = run.scenario;
  return [
    ...scenarioFacts(s),
    ['scenario hash', run.scenarioHash],
    ['seed', String(run.seed)],
    ['replications', run.results.length],
    ['measured span (days)', s.horizonS / 86400],
    ['warm-up (days)', s.warmupS / 86400],
    ['waterway-sim version', version],
    ['beside it', 'summary.json (every KPI with its CI), network.geojson (the network with each lock\'s and port\'s results, for QGIS)'],
  ];
}

/** The capacity verdict's searches, with their progress on stderr. */
async function verdictWithProgress(scenario: ResolvedScenario, seeds: SeedNetwork, settings: ReturnType<typeof replicationSettings>, opts: Options, session: WorkerSession) {
  const timeout = taskTimeoutSetting();
  const progress = new Progress(opts);
  try {
    return await capacityVerdict(scenario, seeds, {
      replications: Math.min(VERDICT_SEARCH.replications, settings.replications),
      tolerance: VERDICT_SEARCH.tolerance,
      seed: settings.seed,
      workers: settings.workers,
      backend: settings.backend,
      ...timeout,
      session,
      ...searchProgress(progress, `${scenario.name} capacity verdict`),
    });
  } finally {
    progress.stop();
  }
}

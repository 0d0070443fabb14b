import type { Command } from 'commander';
import { join } from 'node:path';
import { packageVersion } from '../package.js';
import { locksCsv, portsCsv, replicationsCsv, summaryJson } from '../report/outputs.js';
import { runReport } from '../report/terminal.js';
import { loadScenario } from '../scenario/load.js';
import { writeOutputs } from './output-folder.js';
import { addReplicationOptions, runWithProgress, scenarioPath, type ReplicationOptions } from './scenario-options.js';

interface Options extends ReplicationOptions {
  out?: string;
  json?: boolean;
}

export function registerRun(program: Command): void {
  addReplicationOptions(
    program
      .command('run')
      .argument('[scenario]', 'scenario file (default: scenarios/plan-2020.yaml)')
      .description("run a scenario's replications in worker threads and judge them against the targets"),
  )
    .option('--out <dir>', 'output folder (default: out/<scenario name>)')
    .option('--json', 'print summary.json instead of the tables')
    .action(async (file: string | undefined, opts: Options) => {
      const { scenario, seed } = loadScenario(scenarioPath(file));
      const run = await runWithProgress(scenario, opts, seed);
      const out = opts.out ?? join('out', scenario.name);
      const summary = JSON.stringify(summaryJson(run, packageVersion()), null, 2) + '\n';
      const written = writeOutputs(out, {
        'summary.json': summary,
        'ports.csv': portsCsv(run),
        'locks.csv': locksCsv(run),
        'replications.csv': replicationsCsv(run),
      });
      if (opts.json) {
        process.stdout.write(summary);
        return;
      }
      console.log(runReport(run));
      console.log(`\n${run.results.length} replications on ${run.workers} worker${run.workers === 1 ? '' : 's'} in ${run.wallS.toFixed(1)} s`);
      console.log(`wrote ${written.join(', ')}`);
    });
}

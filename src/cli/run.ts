import type { Command } from 'commander';
import { join } from 'node:path';
import { packageVersion } from '../package.js';
import { locksRows, portsRows, replicationsRows, summaryJson } from '../report/outputs.js';
import { runReport } from '../report/terminal.js';
import { defaultOutFolder, prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { addReplicationOptions, runWithProgress, scenarioPath, type ReplicationOptions, loadRunnable } from './scenario-options.js';

interface Options extends ReplicationOptions, OutputOptions {
  out?: string;
  json?: boolean;
}

export function registerRun(program: Command): void {
  addOutputOptions(addReplicationOptions(
    program
      .command('run')
      .argument('[scenario]', 'scenario file (default: scenarios/plan-2020.yaml)')
      .description("run a scenario's replications in worker threads and judge them against the targets"),
  ))
    .option('--out <dir>', 'output folder (default: out/<scenario name>)')
    .option('--json', 'print summary.json instead of the tables')
    .action(async (file: string | undefined, opts: Options) => {
      parseFormat(opts);
      const { scenario, seed } = loadRunnable(scenarioPath(file));
      const out = opts.out ?? defaultOutFolder(scenario.name);
      prepareOutputFolder(out); // before the run: a bad --out is refused at once
      const run = await runWithProgress(scenario, opts, seed);
      const version = packageVersion();
      const summary = JSON.stringify(summaryJson(run, version), null, 2) + '\n';
      const files: Record<string, string> = {
        'summary.json': summary,
        ...tables(opts, { ports: portsRows(run), locks: locksRows(run), replications: replicationsRows(run) }),
      };
      if (opts.report !== false) {
        // Loaded only when needed: the charting libraries take a third of a second to import.
        const { runReportHtml } = await import('../report/html/run-report.js');
        files['report.html'] = await runReportHtml(run, version, seed);
      }
      const written = writeOutputs(out, files);
      if (opts.json) {
        process.stdout.write(summary);
        return;
      }
      console.log(runReport(run));
      console.log(`\n${run.results.length} replications on ${run.workers} worker${run.workers === 1 ? '' : 's'} in ${run.wallS.toFixed(1)} s`);
      console.log(`wrote ${written.join(', ')}`);
      if (opts.report !== false) console.log(`report: ${join(out, 'report.html')}`);
    });
}

import type { Command } from 'commander';
import { describe } from './commands.js';
import { join } from 'node:path';
import { studySensitivity } from '../capacity/index.js';
import { packageVersion } from '../package.js';
import { jointRows, sensitivityReport, sensitivityRows } from '../report/sensitivity.js';
import { addWaitOptions, parseCriteria, type CriteriaOptions } from './capacity-options.js';
import { criteriaFacts, scenarioFacts, type Fact } from '../report/about.js';
import { defaultOutFolder, prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { VERDICT_SEARCH } from './run.js';
import { addReplicationOptions, loadRunnable, replicationSettings, scenarioPath, taskTimeoutSetting } from './scenario-options.js';
import { parseCount } from './options.js';
import { Progress, searchProgress } from './progress.js';

interface Options extends CriteriaOptions, OutputOptions {
  out?: string;
  samples: string;
}

export function registerSensitivity(program: Command): void {
  addOutputOptions(addWaitOptions(addReplicationOptions(
    program
      .command('sensitivity')
      .argument('[scenario]', 'scenario file (default: scenarios/plan-2020.yaml)')
      .description(describe('sensitivity')),
  )))
    .option('--out <dir>', 'output folder (default: out/<scenario name>-sensitivity)')
    .option('--samples <n>', 'Latin hypercube samples of all the inputs together (0: the tornado alone)', '8')
    .action(async (file: string | undefined, opts: Options) => {
      parseFormat(opts);
      const criteria = parseCriteria(opts);
      const { scenario, seeds } = loadRunnable(scenarioPath(file));
      const settings = replicationSettings(scenario, opts);
      const samples = opts.samples === '0' ? 0 : parseCount(opts.samples, '--samples', 1000);
      const out = opts.out ?? defaultOutFolder(scenario.name, '-sensitivity');
      prepareOutputFolder(out);
      const progress = new Progress(opts);
      const s = await studySensitivity(scenario, seeds, {
        criteria,
        replications: opts.replications !== undefined ? settings.replications : Math.min(VERDICT_SEARCH.replications, settings.replications),
        tolerance: VERDICT_SEARCH.tolerance,
        samples,
        seed: settings.seed,
        workers: settings.workers,
        backend: settings.backend,
        ...taskTimeoutSetting(),
        ...searchProgress(progress, `${scenario.name} sensitivity`),
      }).finally(() => progress.stop());
      const version = packageVersion();
      const facts: Fact[] = [
        ...scenarioFacts(scenario),
        ['seed', String(settings.seed)],
        ['replications a level', s.replications],
        ...criteriaFacts(criteria),
        ['Latin hypercube samples', samples],
        ['waterway-sim version', version],
      ];
      const files = await tables(opts, { sensitivity: sensitivityRows(s), ...(s.joint ? { joint: jointRows(s) } : {}) }, { file: `${scenario.name}-sensitivity`, title: `waterway-sim sensitivity: ${scenario.name}`, facts });
      if (opts.report !== false) files['report.html'] = await (await import('../report/html/sensitivity-report.js')).sensitivityReportHtml(s, version);
      const written = writeOutputs(out, files);
      console.log(sensitivityReport(s));
      console.log(`wrote ${written.join(', ')}`);
      if (opts.report !== false) console.log(`report: ${join(out, 'report.html')}`);
    });
}

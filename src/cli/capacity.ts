import { packageVersion } from '../package.js';
import type { Command } from 'commander';
import { describe } from './commands.js';
import { join } from 'node:path';
import { studyCapacity, type CapacityStudy } from '../capacity/index.js';
import { capacityReport, capacityRows } from '../report/capacity.js';
import { withSession } from '../run/index.js';
import { addCriteriaOptions, parseBerths, parseCriteria, type CriteriaOptions } from './capacity-options.js';
import { criteriaFacts, scenarioFacts, type Fact } from '../report/about.js';
import { prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { addReplicationOptions, replicationSettings, loadRunnable } from './scenario-options.js';
import { Progress, searchProgress } from './progress.js';

interface Options extends CriteriaOptions, OutputOptions {
  out: string;
}

export function registerCapacity(program: Command): void {
  addOutputOptions(addCriteriaOptions(
    addReplicationOptions(
      program
        .command('capacity')
        .argument('<scenarios...>', 'one or more scenario files, compared in one table')
        .description(describe('capacity')),
    ),
  ))
    .option('--out <dir>', 'folder for capacity.csv and report.html', join('out', 'capacity'))
    .action(async (files: string[], opts: Options) => {
      parseFormat(opts);
      const criteria = parseCriteria(opts);
      const berthsUnconstrained = parseBerths(opts);
      // Every file is read and checked before the first search starts.
      const seedCache = new Map();
      const loaded = files.map((f) => loadRunnable(f, { seedCache }));
      prepareOutputFolder(opts.out);
      // One set of workers for every scenario and step; each caches its inputs by scenario.
      const progress = new Progress(opts);
      const studies: CapacityStudy[] = await withSession(undefined, async (session) => {
        const out: CapacityStudy[] = [];
        for (const { scenario, seeds } of loaded) {
          const settings = replicationSettings(scenario, opts);
          out.push(await studyCapacity(scenario, { ...settings, seeds, session, criteria, berthsUnconstrained, ...searchProgress(progress, `${scenario.name} capacity`) }));
        }
        return out;
      }).finally(() => progress.stop());
      const version = packageVersion();
      const facts: Fact[] = [
        ...studies.flatMap((st, i) => scenarioFacts(st.scenario, studies.length === 1 ? 'scenario' : `scenario ${i + 1}`)),
        ...studies.map((st, i): Fact => {
          const r = replicationSettings(st.scenario, opts);
          return [`seed, replications a level${studies.length === 1 ? '' : ` (scenario ${i + 1})`}`, `${String(r.seed)}, ${r.replications}`];
        }),
        ...criteriaFacts(criteria),
        ['berths', berthsUnconstrained ? 'unconstrained' : "the scenario's"],
        ['waterway-sim version', version],
      ];
      const outputs = await tables(opts, { capacity: capacityRows(studies) }, { file: 'capacity', title: `waterway-sim capacity: ${studies.map((st) => st.scenario.name).join(', ')}`, facts });
      if (opts.report !== false) outputs['report.html'] = await (await import('../report/html/capacity-report.js')).capacityReportHtml(studies, version);
      const written = writeOutputs(opts.out, outputs);
      console.log(capacityReport(studies));
      console.log(`wrote ${written.join(', ')}`);
      if (opts.report !== false) console.log(`report: ${join(opts.out, 'report.html')}`);
    });
}

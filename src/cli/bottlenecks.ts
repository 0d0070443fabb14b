import type { Command } from 'commander';
import { describe } from './commands.js';
import { basename, dirname, join } from 'node:path';
import { checkDesignCapacities, parseLevels, studyBottlenecks, type BottleneckStudy } from '../capacity/index.js';
import { networkGeoJson } from '../network/index.js';
import { scenarioNetwork } from '../scenario/network.js';
import { criteriaFacts, scenarioFacts, type Fact } from '../report/about.js';
import { bottlenecksResultsGeoJson } from '../report/geojson-results.js';
import { packageVersion } from '../package.js';
import { bottlenecksReport, bottlenecksRows, curvesRows, designRows } from '../report/capacity.js';
import { buildScenarioInput, ResultStore } from '../run/index.js';
import { addCriteriaOptions, parseBerths, parseCriteria, type CriteriaOptions } from './capacity-options.js';
import { UserError } from './errors.js';
import { noteResumable } from './interrupt.js';
import { defaultOutFolder, prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { addReplicationOptions, injectedFault, replicationSettings, scenarioPath, loadRunnable } from './scenario-options.js';
import { Progress } from './progress.js';

interface Options extends CriteriaOptions, OutputOptions {
  levels: string;
  resume?: boolean;
  out?: string;
  takeover: boolean;
}

export function registerBottlenecks(program: Command): void {
  addOutputOptions(addCriteriaOptions(
    addReplicationOptions(
      program
        .command('bottlenecks')
        .argument('[scenario]', 'scenario file (default: scenarios/plan-2020.yaml)')
        .description(describe('bottlenecks')),
    ),
  ))
    .option('--levels <spec>', 'demand multipliers, from:to:step or a comma list (the scenario’s own demand, ×1, is always added)', '0.5:2.0:0.1')
    .option('--no-takeover', 'skip the second sweep with the first bottleneck relieved')
    .option('--out <dir>', 'output folder (default: out/<scenario name>-bottlenecks)')
    .option('--resume', 'reuse the replications an interrupted run of the same command finished (kept beside the output folder)')
    .action(async (file: string | undefined, opts: Options) => {
      parseFormat(opts);
      const levels = parseLevels(opts.levels);
      if (typeof levels === 'string') throw new UserError(`--levels: ${levels}`);
      const criteria = parseCriteria(opts);
      const berthsUnconstrained = parseBerths(opts);
      const { scenario, seeds } = loadRunnable(scenarioPath(file));
      const settings = replicationSettings(scenario, opts);
      const perSweep = (levels.includes(1) ? levels.length : levels.length + 1) * settings.replications;
      const out = opts.out ?? defaultOutFolder(scenario.name, '-bottlenecks');
      // Before the sweep: a bad --out is refused at once, and the lock keeps another run off the folder and its store.
      const real = prepareOutputFolder(out);
      // Every finished replication is kept until the outputs are written; --resume reuses them.
      const store = new ResultStore(join(dirname(real), `.${basename(real)}.resume`), packageVersion());
      if (!opts.resume) store.clear();
      noteResumable(store.dir);
      let reused = 0;
      const fault = injectedFault();
      const progress = new Progress(opts);
      try {
        const study = await studyBottlenecks(scenario, {
          levels,
          ...settings,
          seeds,
          criteria,
          berthsUnconstrained,
          takeover: opts.takeover,
          onStage: (stage) => progress.stage(`${scenario.name} ${stage}`, perSweep),
          onProgress: (done) => progress.update(done),
          store,
          onReused: (n) => {
            reused += n;
            progress.reused(n);
          },
          ...(fault ? { fault } : {}),
        });
        progress.stop();
        const checks = checkDesignCapacities(buildScenarioInput(scenario, seeds), study.analysis);
        const version = packageVersion();
        const about = { file: `${scenario.name}-bottlenecks`, title: `waterway-sim bottlenecks: ${scenario.name}`, facts: bottlenecksFacts(study, version) };
        const files: Record<string, string | Uint8Array> = {
          'network.geojson': JSON.stringify(bottlenecksResultsGeoJson(networkGeoJson(scenarioNetwork(scenario, seeds)), study, version), null, 1) + '\n',
          ...(await tables(opts, { bottlenecks: bottlenecksRows(study), curves: curvesRows(study), 'design-check': designRows(checks) }, about)),
        };
        if (opts.report !== false) files['report.html'] = await (await import('../report/html/bottlenecks-report.js')).bottlenecksReportHtml(study, checks, version);
        const written = writeOutputs(out, files);
        store.clear();
        noteResumable(null);
        console.log(bottlenecksReport(study, checks));
        if (opts.resume) console.log(`resumed: ${reused} replications reused from the interrupted run, the rest run now`);
        console.log(`wrote ${written.join(', ')}`);
        if (opts.report !== false) console.log(`report: ${join(out, 'report.html')}`);
      } finally {
        progress.stop();
      }
    });
}

/** The workbook's About lines for a bottleneck study. */
function bottlenecksFacts(study: BottleneckStudy, version: string): Fact[] {
  return [
    ...scenarioFacts(study.sweep.scenario),
    ['seed', String(study.sweep.seed)],
    ['replications a level', study.sweep.replications],
    ['demand levels (×)', study.sweep.levels.map((l) => l.multiplier).join(', ')],
    ...criteriaFacts(study.analysis.criteria, true),
    ['berths', study.sweep.variant.berthsUnconstrained ? 'unconstrained' : "the scenario's"],
    ['second sweep', study.relief ? `with ${study.relief.lock} relieved (sweep relieved:${study.relief.lock})` : 'none'],
    ['waterway-sim version', version],
    ['beside it', "network.geojson (the network with each lock's and port's results at the scenario's demand and each lock's saturation, for QGIS)"],
  ];
}

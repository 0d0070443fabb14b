import type { Command } from 'commander';
import { join } from 'node:path';
import { studySensitivity, type Sensitivity } from '../capacity/index.js';
import { packageVersion } from '../package.js';
import type { Row } from '../report/tables.js';
import { pm, plain, table } from '../report/terminal.js';
import { addWaitOptions, parseCriteria, type CriteriaOptions } from './capacity-options.js';
import { defaultOutFolder, prepareOutputFolder, writeOutputs } from './output-folder.js';
import { addOutputOptions, parseFormat, tables, type OutputOptions } from './output-options.js';
import { VERDICT_SEARCH } from './run.js';
import { addReplicationOptions, loadRunnable, replicationSettings, scenarioPath, taskTimeoutSetting } from './scenario-options.js';
import { parseCount } from './options.js';

interface Options extends CriteriaOptions, OutputOptions {
  out?: string;
  samples: string;
}

export function registerSensitivity(program: Command): void {
  addOutputOptions(addWaitOptions(addReplicationOptions(
    program
      .command('sensitivity')
      .argument('[scenario]', 'scenario file (default: scenarios/plan-2020.yaml)')
      .description('vary each uncertain seed figure behind what binds the network over its range, one at a time, and rank them by the swing in sustainable main-line throughput (a tornado)'),
  )))
    .option('--out <dir>', 'output folder (default: out/<scenario name>-sensitivity)')
    .option('--samples <n>', 'Latin hypercube samples of all the inputs together (0: the tornado alone)', '8')
    .action(async (file: string | undefined, opts: Options) => {
      parseFormat(opts);
      const criteria = parseCriteria(opts);
      const { scenario, seed } = loadRunnable(scenarioPath(file));
      const settings = replicationSettings(scenario, opts);
      const samples = opts.samples === '0' ? 0 : parseCount(opts.samples, '--samples', 1000);
      const out = opts.out ?? defaultOutFolder(scenario.name, '-sensitivity');
      prepareOutputFolder(out);
      const s = await studySensitivity(scenario, seed, {
        criteria,
        replications: opts.replications !== undefined ? settings.replications : Math.min(VERDICT_SEARCH.replications, settings.replications),
        tolerance: VERDICT_SEARCH.tolerance,
        samples,
        seed: settings.seed,
        workers: settings.workers,
        ...taskTimeoutSetting(),
      });
      const files = tables(opts, { sensitivity: sensitivityRows(s), ...(s.joint ? { joint: jointRows(s) } : {}) });
      if (opts.report !== false) files['report.html'] = await (await import('../report/html/sensitivity-report.js')).sensitivityReportHtml(s, packageVersion());
      const written = writeOutputs(out, files);
      console.log(sensitivityReport(s));
      console.log(`wrote ${written.join(', ')}`);
      if (opts.report !== false) console.log(`report: ${join(out, 'report.html')}`);
    });
}

const mt = (s: { search: { sustainable: { mainLineTonnes: { mean: number } } | null } }) => (s.search.sustainable ? s.search.sustainable.mainLineTonnes.mean / 1e6 : 0);
const mteu = (s: { search: { sustainable: { mainLineTeu: { mean: number } } | null } }) => (s.search.sustainable ? s.search.sustainable.mainLineTeu.mean / 1e6 : 0);

export function sensitivityRows(s: Sensitivity): Row[] {
  return s.rows.map((r) => ({
    input: r.label,
    file: r.figure.file,
    path: r.figure.path,
    unit: r.unit,
    seed_value: r.figure.written!.value,
    low: r.low.value,
    high: r.high.value,
    mt_at_low: +mt(r.low).toFixed(2),
    mt_at_high: +mt(r.high).toFixed(2),
    swing_mt: +r.swingMt.toFixed(2),
    mteu_at_low: +mteu(r.low).toFixed(3),
    mteu_at_high: +mteu(r.high).toFixed(3),
    swing_mteu: +r.swingMTeu.toFixed(3),
    flips: r.flips.map((f) => `${f.target}: ${f.low} at low, ${f.high} at high`).join('; '),
  }));
}

/** joint.csv: every Latin hypercube sample, its inputs' values and what the network sustains with them. */
export function jointRows(s: Sensitivity): Row[] {
  return (s.joint?.samples ?? []).map((x, k) => ({
    sample: k + 1,
    ...Object.fromEntries(s.inputs.map((label, i) => [label, +x.values[i]!.toPrecision(4)])),
    mt: x.search.sustainable ? +(x.search.sustainable.mainLineTonnes.mean / 1e6).toFixed(2) : '',
    mteu: x.search.sustainable ? +(x.search.sustainable.mainLineTeu.mean / 1e6).toFixed(3) : '',
    binds: x.search.binding?.place ?? '',
  }));
}

/** The joint study in sentences: P(reachable) over the estimates, the spread, and the simulation's noise apart. */
export function jointLines(s: Sensitivity): string[] {
  const j = s.joint;
  if (!j) return [];
  const pct = (p: number) => `${Math.round(100 * p)}%`;
  return [
    `All ${s.rows.length} inputs together, ${j.samples.length} Latin hypercube samples (each uniform over its range):`,
    `  P(${s.base.targets.tonnes / 1e6} Mt reachable) = ${pct(j.pMeanReaches.tonnes)} by the sustainable mean, ${pct(j.pCiReaches.tonnes)} with the whole 95% CI above; P(${s.base.targets.teu / 1e6} M TEU) = ${pct(j.pMeanReaches.teu)}, ${pct(j.pCiReaches.teu)}`,
    `  the estimates' uncertainty: sustainable Mt ${j.spreadMt.map((v) => v.toFixed(1)).join(' / ')} (5% / 50% / 95% of the samples), M TEU ${j.spreadMTeu.map((v) => v.toFixed(2)).join(' / ')}`,
    `  the simulation's own noise: ± ${j.noiseMt.toFixed(1)} Mt and ± ${j.noiseMTeu.toFixed(2)} M TEU (mean 95% half-width within a sample)`,
  ];
}

export function sensitivityReport(s: Sensitivity): string {
  const b = s.base.sustainable;
  const lines = [
    plain(`${s.scenario.name}: sustainable main-line throughput ${b ? `${pm(b.mainLineTonnes, 1e-6)} Mt and ${pm(b.mainLineTeu, 1e-6, 2)} M TEU at ×${b.multiplier}` : 'not found'}; binds first: ${s.base.binding?.place ?? 'nothing up to the search limit'} (${s.replications} replications a level; ${s.wallS.toFixed(0)} s)`),
    '',
    'One input at a time over its range (seeds low / high), ranked by the swing in sustainable Mt:',
  ];
  const rows: (string | number)[][] = [['input', 'seeds', 'low', 'high', 'Mt at low', 'Mt at high', 'swing Mt', 'M TEU at low', 'M TEU at high']];
  for (const r of s.rows) rows.push([r.label, r.unit === '1' ? String(r.figure.written!.value) : `${r.figure.written!.value} ${r.unit}`, r.low.value, r.high.value, mt(r.low).toFixed(1), mt(r.high).toFixed(1), r.swingMt.toFixed(1), mteu(r.low).toFixed(2), mteu(r.high).toFixed(2)]);
  lines.push(table(rows, [false, true, true, true, true, true, true, true, true]));
  const hinges = s.rows.filter((r) => r.flips.length > 0);
  lines.push('');
  lines.push(
    hinges.length === 0
      ? 'No input flips a verdict over its range: the verdict does not hinge on any one of them.'
      : `The verdict hinges on: ${hinges.map((r) => `${r.label} (${r.flips.map((f) => `${f.target === 'tonnes' ? `${s.base.targets.tonnes / 1e6} Mt` : `${s.base.targets.teu / 1e6} M TEU`} ${f.low} at ${r.low.value}, ${f.high} at ${r.high.value} ${r.unit}; the seeds say ${r.figure.written!.value}`).join('; ')})`).join('; ')}`,
  );
  if (s.joint) lines.push('', ...jointLines(s));
  return plain(lines.join('\n'));
}

import type { Command } from 'commander';
import { join } from 'node:path';
import { planLockSet, prepareFreightInput, runFreightYear, type ReplicationResult } from '../model/index.js';
import { buildNetwork, embeddedSeedsDir, loadSeeds } from '../network/index.js';
import { packageVersion } from '../package.js';
import { UserError } from './errors.js';
import { parseYear } from './network-options.js';
import { parseSeed } from './options.js';
import { table, writeAtomic } from './output.js';

interface Options {
  year: string;
  seed: string;
  out: string;
  json?: boolean;
  lockSet: string;
  demandScale: string;
  seeds?: string;
}

export const SUMMARY_SCHEMA = 'waterway-sim/run-summary@1';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate one year of freight on the embedded Xijiang network and judge it against the plan targets')
    .option('--year <year>', 'network and demand year', '2020')
    .option('--lock-set <set>', "'plan': the plan's Box 2 lock projects all in service; 'as-built': lines as opened in that year", 'plan')
    .option('--demand-scale <x>', 'multiplier on the demand', '1')
    .option('--seed <seed>', 'base seed of the random streams', '1')
    .option('--out <dir>', 'folder for summary.json', 'out')
    .option('--seeds <dir>', 'seed folder of another network')
    .option('--json', 'print summary.json to standard output instead of tables')
    .action((opts: Options) => {
      const year = parseYear(opts.year);
      const seed = parseSeed(opts.seed);
      const demandScale = Number(opts.demandScale);
      if (!(demandScale > 0) || !Number.isFinite(demandScale)) throw new UserError(`--demand-scale: expected a positive number, got '${opts.demandScale}'`);
      if (opts.lockSet !== 'plan' && opts.lockSet !== 'as-built') throw new UserError(`--lock-set: expected 'plan' or 'as-built', got '${opts.lockSet}'`);
      const seedData = loadSeeds(opts.seeds ?? embeddedSeedsDir(), opts.seeds ?? 'seeds/xijiang');
      const changes = opts.lockSet === 'plan' ? planLockSet(seedData, year) : [];
      const net = buildNetwork(seedData, year, changes);
      const prepared = prepareFreightInput(seedData, net, { year, demandScale });
      const started = performance.now();
      const result = runFreightYear(prepared.input, seed, 0);
      const wallS = (performance.now() - started) / 1000;
      if (!result.conservation.ok) throw new Error(`conservation check failed: ${result.conservation.problems.join('; ')}`);
      const summary = {
        schema: SUMMARY_SCHEMA,
        version: packageVersion(),
        network: seedData.id,
        year,
        lockSet: opts.lockSet,
        linesBroughtForward: changes.map((c) => (c.kind === 'modify-lock-line' ? `${c.lock}:${c.line}` : '')),
        seed,
        replications: 1,
        demand: {
          year,
          demandScale,
          flows: prepared.input.flows.length,
          portTotals: prepared.totals,
          balancing: prepared.diagnostics.balancing,
          excluded: prepared.diagnostics.excluded,
        },
        result,
        wallS,
      };
      const file = join(opts.out, 'summary.json');
      writeAtomic(file, JSON.stringify(summary, null, 2) + '\n');
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        return;
      }
      printRun(result, { lockSet: opts.lockSet, demandScale, wallS });
      console.log(`\nsummary: ${file}`);
    });
}

const mt = (t: number) => (t / 1e6).toFixed(1);
const h = (x: number) => x.toFixed(2);

function printRun(r: ReplicationResult, o: { lockSet: string; demandScale: number; wallS: number }): void {
  const m = r.mainLine;
  const verdict = (got: number, target: number, reached: boolean, unit: string, f: (x: number) => string) =>
    `${f(got)} of ${f(target)} ${unit} (${((100 * got) / target).toFixed(0)}%) ${reached ? 'REACHED' : 'not reached'}`;
  console.log(`${r.network}, ${r.year} (${o.lockSet === 'plan' ? "the plan's lock set" : 'lines as built'}), demand ×${o.demandScale}, seed ${r.seed}: one replication of ${r.measuredDays} days after ${r.warmupDays} days' warm-up`);
  console.log(`Main-line ports: ${verdict(m.tonnes, m.targetTonnes, m.tonnesReached, 'Mt', mt)}; ${verdict(m.teu, m.targetTeu, m.teuReached, 'M TEU', (x) => (x / 1e6).toFixed(2))}`);
  const n = r.net;
  console.log(
    `Network: ${n.voyagesCompleted.toLocaleString('en')} round trips completed; ${mt(n.servedT)} Mt delivered of ${mt(n.offeredT)} Mt offered; backlog at year end ${mt(n.backlogT)} Mt in ${n.backlogVessels.toLocaleString('en')} vessels; mean transit ${n.meanTransitH.toFixed(1)} h`,
  );
  for (const w of r.warnings) console.log(`warning: ${w}`);
  console.log('\nPorts');
  const portRows: (string | number)[][] = [['port', '', 'loaded Mt', 'unloaded Mt', 'throughput Mt', 'TEU', 'capacity Mt', 'busiest berths', 'wait h']];
  for (const p of [...r.ports].sort((a, b) => b.throughputT - a.throughputT)) {
    const busiest = [...p.berths].sort((a, b) => b.utilisation - a.utilisation)[0];
    portRows.push([p.name.en, p.name.zh, mt(p.loadedT), mt(p.unloadedT), mt(p.throughputT), Math.round(p.teu).toLocaleString('en'), mt(p.capacityT), busiest ? `${busiest.cargo} ${(100 * busiest.utilisation).toFixed(0)}%` : '', busiest ? h(busiest.meanWaitH) : '']);
  }
  console.log(indent(table(portRows, [false, false, true, true, true, true, true, false, true])));
  console.log('\nLocks, by mean wait');
  const lockRows: (string | number)[][] = [['lock', '', 'lines', 'vessels up/down', 'Mt up/down', 'busy', 'fill', 'wait h mean/p90/max', 'queue mean/max', 'I/C', 'closed h', 'share of wait']];
  for (const l of [...r.locks].sort((a, b) => b.waitMeanH - a.waitMeanH)) {
    lockRows.push([
      l.name.en,
      l.name.zh,
      l.lines.length,
      `${l.vesselsUp}/${l.vesselsDown}`,
      `${mt(l.tonnesUp)}/${mt(l.tonnesDown)}`,
      `${(100 * l.utilisation).toFixed(0)}%`,
      `${(100 * l.meanAreaFill).toFixed(0)}%`,
      `${h(l.waitMeanH)}/${h(l.waitP90H)}/${h(l.waitMaxH)}`,
      `${l.queueMean.toFixed(1)}/${l.queueMax}`,
      l.icRatio.toFixed(2),
      l.closureH.toFixed(0),
      `${(100 * l.shareOfWaiting).toFixed(1)}%`,
    ]);
  }
  console.log(indent(table(lockRows, [false, false, true, true, true, true, true, true, true, true, true, true])));
  console.log(`\n${(r.events / 1e6).toFixed(2)} M events in ${o.wallS.toFixed(2)} s`);
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

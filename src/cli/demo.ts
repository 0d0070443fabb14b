import type { Command } from 'commander';
import { describe } from './commands.js';
import { bulkServiceWq, meanCI } from '../engine/index.js';
import { SINGLE_LOCK_DEMO, runSingleLock, type SingleLockResult } from '../model/single-lock.js';
import { parseCount, parseSeed } from './options.js';

interface RunOptions {
  seed: string;
  replications: string;
  json?: boolean;
}

/**
 * `demo`: the engine's single-lock demo (Poisson arrivals every
 * 10 min on average, one chamber of 4 vessels, 30-min lockages, 10 years),
 * with the simulated wait beside the bulk-service reference.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(describe('demo'))
    .option('--seed <seed>', 'base seed of the random streams', '1')
    .option('--replications <n>', 'independent replications', '5')
    .option('--json', 'print the result as JSON')
    .action((opts: RunOptions) => {
      const seed = parseSeed(opts.seed);
      const replications = parseCount(opts.replications, '--replications', 1000);
      const started = performance.now();
      const results: SingleLockResult[] = [];
      for (let r = 0; r < replications; r++) results.push(runSingleLock({ ...SINGLE_LOCK_DEMO, seed, replication: r }));
      const wallS = (performance.now() - started) / 1000;
      const p = SINGLE_LOCK_DEMO;
      const referenceWaitS = bulkServiceWq(1 / p.meanHeadwayS, p.lockageS, p.chamberCapacity);
      const ci = (f: (r: SingleLockResult) => number) => meanCI(results.map(f));
      const summary = {
        model: 'single-lock demo',
        params: p,
        seed,
        replications,
        meanWaitMin: ci((r) => r.meanWaitS / 60),
        p90WaitMin: ci((r) => r.p90WaitS / 60),
        utilisation: ci((r) => r.utilisation),
        meanQueue: ci((r) => r.meanQueue),
        vesselsPerLockage: ci((r) => r.meanVesselsPerLockage),
        referenceMeanWaitMin: referenceWaitS / 60,
        events: results.reduce((s, r) => s + r.events, 0),
        wallS,
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        return;
      }
      const f = (c: { mean: number; halfWidth: number }, d = 2) => `${c.mean.toFixed(d)} ± ${Number.isFinite(c.halfWidth) ? c.halfWidth.toFixed(d) : '∞'}`;
      const years = p.horizonS / (365 * 86400);
      console.log(`waterway-sim: single-lock demo — the engine on one lock`);
      console.log(`  arrivals Poisson, mean headway ${p.meanHeadwayS / 60} min; one chamber, ${p.chamberCapacity} vessels per ${p.lockageS / 60}-min lockage`);
      console.log(`  ${replications} replications × ${years} years, warm-up ${p.warmupS / 86400} d, seed ${seed}; 95% CIs`);
      console.log(`  mean wait          ${f(summary.meanWaitMin)} min   (M/D^(1,4)/1 theory ${summary.referenceMeanWaitMin.toFixed(2)} min)`);
      console.log(`  p90 wait           ${f(summary.p90WaitMin)} min`);
      console.log(`  chamber busy       ${f(summary.utilisation, 3)}`);
      console.log(`  vessels/lockage    ${f(summary.vesselsPerLockage)}`);
      console.log(`  mean queue         ${f(summary.meanQueue)} vessels`);
      console.log(`  ${(summary.events / 1e6).toFixed(1)} M events in ${wallS.toFixed(2)} s`);
    });
}

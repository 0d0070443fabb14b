/**
 * Replications per second on the worker pool, with 1 and with 2 workers, on
 * the same scenario in the same run, and the speed-up between them.
 */
import { join } from 'node:path';
import { packageRoot } from '../src/package.js';
import { runScenario } from '../src/run/index.js';
import { loadScenario } from '../src/scenario/load.js';

const file = process.argv[2] ?? join(packageRoot(), 'scenarios', 'plan-2020.yaml');
const replications = Number(process.env.REPLICATIONS ?? 8);
const { scenario, seeds } = loadScenario(file);

const rates: Record<number, number> = {};
for (const workers of [1, 2]) {
  const run = await runScenario(scenario, { workers, replications, seeds });
  rates[workers] = replications / run.wallS;
  console.log(`${scenario.name}: ${replications} replications on ${workers} worker${workers > 1 ? 's' : ''} in ${run.wallS.toFixed(1)} s → ${rates[workers]!.toFixed(2)} replications/s`);
}
console.log(`speed-up with 2 workers: ${(rates[2]! / rates[1]!).toFixed(2)}× (target ≥ 1.8× on 2 cores)`);

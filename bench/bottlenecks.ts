/**
 * The full bottleneck study of a scenario (default plan-2020): 16 demand levels
 * × 8 replications on 2 workers, then the same sweep with the first bottleneck
 * relieved. Prints the wall time, and in the same run the time of one
 * replication in this thread at the lowest and highest level, so the sweep's
 * wall time reads as a multiple of the serial work it replaces.
 */
import { join } from 'node:path';
import { parseLevels, studyBottlenecks } from '../src/capacity/index.js';
import { runFreightYear } from '../src/model/index.js';
import { packageRoot } from '../src/package.js';
import { buildScenarioInput } from '../src/run/index.js';
import { loadScenario } from '../src/scenario/load.js';

const file = process.argv[2] ?? join(packageRoot(), 'scenarios', 'plan-2020.yaml');
const levels = parseLevels(process.env.LEVELS ?? '0.5:2.0:0.1') as number[];
const replications = Number(process.env.REPLICATIONS ?? 8);
const workers = Number(process.env.WORKERS ?? 2);
const { scenario, seeds } = loadScenario(file);

// Serial cost of one replication, at the ends of the sweep, in this thread.
const serialS: Record<string, number> = {};
for (const m of [levels[0]!, levels[levels.length - 1]!]) {
  const input = buildScenarioInput(scenario, seeds, { demandMultiplier: m });
  const t0 = performance.now();
  const r = runFreightYear(input, scenario.seed, 0, scenario.name);
  serialS[m] = (performance.now() - t0) / 1000;
  console.log(`one replication at ×${m}: ${serialS[m]!.toFixed(2)} s, ${(r.events / 1e6).toFixed(2)} M events`);
}
const meanSerial = (serialS[levels[0]!]! + serialS[levels[levels.length - 1]!]!) / 2;

const t0 = performance.now();
const study = await studyBottlenecks(scenario, { levels, replications, workers, seeds });
const wallS = (performance.now() - t0) / 1000;
const runs = study.sweep.levels.length * replications + (study.relief ? study.relief.sweep.levels.length * replications : 0);
const first = study.analysis.locks[0]!;
console.log(`${scenario.name}: ${study.sweep.levels.length} levels × ${replications} replications${study.relief ? `, then again with ${study.relief.lock} relieved` : ''}: ${runs} replications on ${workers} workers in ${wallS.toFixed(1)} s`);
console.log(`  sweep ${study.sweep.wallS.toFixed(1)} s${study.relief ? `, relief sweep ${study.relief.sweep.wallS.toFixed(1)} s` : ''}`);
console.log(`  serial estimate (runs × mean of the two end-level replications) ${(runs * meanSerial).toFixed(0)} s → wall time is ${(wallS / (runs * meanSerial)).toFixed(2)}× the serial work (ideal on ${workers} workers: ${(1 / workers).toFixed(2)}×)`);
console.log(`  first bottleneck ${first.id} at ×${first.saturatesAt?.toFixed(2) ?? '—'} (${first.saturatesBy ?? 'none'}); takes over: ${study.relief?.analysis.locks[0]?.id ?? '—'} at ×${study.relief?.analysis.locks[0]?.saturatesAt?.toFixed(2) ?? '—'}`);

/**
 * Our single-lock model beside the same model in SimPy 4 (bench/simpy/single_lock.py,
 * process style), in one run, run by run alternately so both see the same machine load:
 * - in process: events per second of the event loop alone, ours (the demo's callback model,
 *   and the process-style one for reference) against SimPy's; fails below MIN_RATIO×;
 * - whole process: `waterway-sim demo --replications 1` against `python3 single_lock.py`,
 *   median of RUNS each, and the ratio;
 * - the two models' results side by side (different random streams, so a statistical check).
 * "Events" are counted alike on both sides: vessel arrivals, lockage ends and the warm-up
 * cut-off, which is what our callback model's sim.eventsExecuted counts. Skips, exit 0,
 * where Python or SimPy 4 cannot be imported.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bulkServiceWq } from '../src/engine/index.js';
import { SINGLE_LOCK_DEMO, buildSingleLock, buildSingleLockProcesses, type SingleLockModel, type SingleLockParams } from '../src/model/single-lock.js';
import { packageRoot } from '../src/package.js';
import { differs } from '../src/report/compare.js';
import { pm } from '../src/report/terminal.js';
import { stat, type Stat } from '../src/run/aggregate.js';

const MIN_RATIO = 10;
const RUNS = Number(process.env.RUNS ?? 5);
const PYTHON = process.env.PYTHON ?? 'python3';
const root = packageRoot();
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const script = join(root, 'bench', 'simpy', 'single_lock.py');
const params = SINGLE_LOCK_DEMO;
const DAY_S = 86400;

/** One replication's figures, as both sides report them. */
interface Figures {
  meanWaitS: number;
  utilisation: number;
  meanVesselsPerLockage: number;
  vesselsPerDay: number;
  events: number;
  loopWallS: number;
}
interface SimpyRun extends Figures {
  simpySteps: number;
}

function skip(why: string): never {
  console.log(`SimPy bench skipped: ${why}.`);
  console.log(`  SimPy 4 is not among Debian's packages (python3-simpy is 2.3, imported as SimPy) and no Python package`);
  console.log(`  index may be reachable: put SimPy 4's source where the bench finds it (bench/simpy/README.md).`);
  process.exit(0);
}

function python(args: string[], executable = PYTHON) {
  const t0 = performance.now();
  const r = spawnSync(executable, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { ...r, wallS: (performance.now() - t0) / 1000 };
}

const probe = python(['--probe']);
if (probe.error) skip(`${PYTHON} cannot be run (${probe.error.message})`);
if (probe.status === 3) skip((JSON.parse(probe.stdout) as { skipped: string }).skipped);
if (probe.status !== 0) throw new Error(`${script} --probe failed: ${probe.stderr}`);
const about = JSON.parse(probe.stdout) as { simpy: string; simpyFrom: string; python: string; executable: string };

function ours(build: (p: SingleLockParams) => SingleLockModel, replication: number): Figures {
  const model = build({ ...params, replication });
  const t0 = performance.now();
  model.run();
  const loopWallS = (performance.now() - t0) / 1000;
  const r = model.result();
  const vesselsPerDay = (r.lockages * r.meanVesselsPerLockage) / ((params.horizonS - params.warmupS) / DAY_S);
  return { ...r, vesselsPerDay, events: model.sim.eventsExecuted, loopWallS };
}

/** One whole SimPy process, started as the interpreter itself, as node is, not through a launcher (pyenv's shim adds 0.4–1.5 s here under load). */
function simpy(replication: number): SimpyRun & { wallS: number } {
  const r = python(['--params', JSON.stringify(params), '--replication', String(replication)], about.executable);
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}): ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as SimpyRun), wallS: r.wallS };
}

function demo(seed: number): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'demo', '--replications', '1', '--seed', String(seed)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`waterway-sim demo failed (exit ${r.status}): ${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

// An untimed year of each of our variants first, so the JIT has compiled them before timing.
for (const build of [buildSingleLock, buildSingleLockProcesses]) build({ ...params, horizonS: 365 * DAY_S }).run();

const callbacks: Figures[] = [], processes: Figures[] = [], theirs: (SimpyRun & { wallS: number })[] = [];
const demoWallS: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const c = ours(buildSingleLock, r), p = ours(buildSingleLockProcesses, r);
  // The process style also runs an event to start each vessel's process; its model events are
  // the callback run's, which draws the same numbers (bench/single-lock.ts checks this).
  if (!(Math.abs(p.meanWaitS - c.meanWaitS) <= 1e-9 * c.meanWaitS)) throw new Error(`replication ${r}: the two styles of our model disagree`);
  callbacks.push(c);
  processes.push({ ...p, events: c.events });
  theirs.push(simpy(r));
  demoWallS.push(demo(r + 1));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rate = (rs: Figures[]) => median(rs.map((x) => x.events / x.loopWallS));
const years = (params.horizonS / (365 * DAY_S)).toFixed(0);
console.log(`single-lock model (λ = 1/${params.meanHeadwayS / 60} min, b = ${params.chamberCapacity}, lockage ${params.lockageS / 60} min, ${years} years), ${RUNS} runs each, alternating`);
console.log(`SimPy ${about.simpy} from ${about.simpyFrom}, Python ${about.python} (${about.executable}); Node ${process.versions.node}`);
console.log(`events: vessel arrivals + lockage ends + the warm-up cut-off, counted alike on both sides`);

console.log(`\nin process, the event loop alone (median events/s):`);
const simpyRate = rate(theirs);
const simpyStepsPerEvent = median(theirs.map((x) => x.simpySteps / x.events));
const line = (name: string, rs: Figures[]) => {
  const eps = rate(rs);
  console.log(`  ${name.padEnd(30)} ${(eps / 1e6).toFixed(3).padStart(7)} M events/s  ${median(rs.map((x) => x.events)).toLocaleString('en')} events in ${median(rs.map((x) => x.loopWallS)).toFixed(3)} s  ${(eps / simpyRate).toFixed(1).padStart(5)}× SimPy`);
  return eps / simpyRate;
};
const ratio = line('waterway-sim, callbacks (demo)', callbacks);
line('waterway-sim, processes', processes);
line(`SimPy ${about.simpy}, processes`, theirs);
console.log(`  (SimPy itself steps ${simpyStepsPerEvent.toFixed(2)} of its events per model event: ${(simpyRate * simpyStepsPerEvent / 1e6).toFixed(3)} M SimPy steps/s)`);

console.log(`\nwhole process, median of ${RUNS}:`);
const demoS = median(demoWallS), simpyS = median(theirs.map((x) => x.wallS));
console.log(`  waterway-sim demo --replications 1   ${demoS.toFixed(2)} s`);
console.log(`  python3 bench/simpy/single_lock.py   ${simpyS.toFixed(2)} s`);
console.log(`  waterway-sim takes ${(demoS / simpyS).toFixed(2)}× SimPy's wall time (SimPy ${(simpyS / demoS).toFixed(1)}× ours)`);

console.log(`\nthe two models' results, mean ± 95% CI over ${RUNS} replications (different random streams):`);
const reference = bulkServiceWq(1 / params.meanHeadwayS, params.lockageS, params.chamberCapacity);
const rows: [string, (f: Figures) => number, number][] = [
  ['mean wait, min', (f) => f.meanWaitS / 60, 2],
  ['vessels through a day', (f) => f.vesselsPerDay, 2],
  ['chamber busy', (f) => f.utilisation, 4],
  ['vessels a lockage', (f) => f.meanVesselsPerLockage, 3],
];
for (const [name, of, digits] of rows) {
  const a: Stat = stat(callbacks.map(of)), b: Stat = stat(theirs.map(of));
  const d = differs(a, b);
  const verdict = d === null ? 'no test (one run)' : d ? 'DIFFER (Welch t, 5%)' : 'agree (Welch t, 5%)';
  console.log(`  ${name.padEnd(22)} ours ${pm(a, 1, digits).padEnd(18)} SimPy ${pm(b, 1, digits).padEnd(18)} ${verdict}`);
}
console.log(`  (M/D^(1,${params.chamberCapacity})/1 theory: mean wait ${(reference / 60).toFixed(2)} min; ${(DAY_S / params.meanHeadwayS).toFixed(0)} vessels a day arrive)`);

const verdict = ratio >= MIN_RATIO ? 'met' : 'NOT MET';
console.log(`\nin process our engine runs ${ratio.toFixed(1)}× SimPy's event rate: target ≥ ${MIN_RATIO}× ${verdict}`);
if (ratio < MIN_RATIO) process.exitCode = 1;

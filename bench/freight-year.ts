/**
 * One simulated year of the plan-2020 scenario (scenarios/plan-2020.yaml: the
 * plan's locks, its demand), on one core, beside the engine's bare event queue
 * measured in the same run: the hold model at 1,000 pending events, and at the
 * model's own mean pending count (a deeper heap costs more per event).
 * Times are CPU seconds of this process, so other work on the machine counts less.
 */
import { EventQueue } from '../src/engine/index.js';
import { loadRunnable } from '../src/cli/scenario-options.js';
import { runFreightYear } from '../src/model/index.js';
import { buildScenarioInput } from '../src/run/prepare.js';

const REPS = Number(process.env.REPLICATIONS ?? 5);
const file = process.argv[2] ?? 'scenarios/plan-2020.yaml';
const { scenario } = loadRunnable(file, {});
const input = buildScenarioInput(scenario);

const cpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Events a CPU second of the bare queue: pop the earliest, push it back later, `pending` events held. */
function bareQueueRate(pending: number): number {
  const steps = 3_000_000;
  const q = new EventQueue(pending + 1);
  let seq = 0, now = 0, x = 1;
  for (let i = 0; i < pending; i++) q.push(i, seq++, i);
  const t0 = cpuS();
  for (let k = 0; k < steps; k++) {
    now = q.peekTime();
    x = (x * 16807) % 2147483647;
    q.push(now + (pending * x) / 2147483647, seq++, q.pop());
  }
  return steps / (cpuS() - t0);
}

const first0 = cpuS();
runFreightYear(input, 'warm-up', 0); // builds the routes once, and lets the JIT compile the model
const firstS = cpuS() - first0;
const runs = [];
for (let r = 0; r < REPS; r++) {
  const t0 = cpuS();
  const res = runFreightYear(input, 1, r, scenario.name);
  runs.push({ cpuS: cpuS() - t0, events: res.events, voyages: res.net.voyagesStarted, inNetwork: res.net.backlogVessels });
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
const cpu = median(runs.map((r) => r.cpuS));
const events = median(runs.map((r) => r.events));
const modelRate = events / cpu;
// Pending events ≈ vessels in the network (each holds one) at the year's end, as the model's heap depth.
const deep = Math.max(1000, median(runs.map((r) => r.inNetwork)));
const [shallowRate, deepRate] = [bareQueueRate(1000), bareQueueRate(deep)];
console.log(`${scenario.name}, one year, ${REPS} replications (median), CPU seconds on one core:`);
console.log(`  ${runs[0]!.voyages.toLocaleString('en')} round trips, ${(events / 1e6).toFixed(2)} M events, ${cpu.toFixed(3)} s a year (first, with routing and JIT: ${firstS.toFixed(2)} s) → ${(modelRate / 1e6).toFixed(2)} M events/s`);
console.log(`  bare queue, 1,000 pending: ${(shallowRate / 1e6).toFixed(2)} M events/s → model per event ${(shallowRate / modelRate).toFixed(1)}× the bare queue's`);
console.log(`  bare queue, ${deep.toLocaleString('en')} pending (the model's vessels in the network): ${(deepRate / 1e6).toFixed(2)} M events/s → ${(deepRate / modelRate).toFixed(1)}×`);

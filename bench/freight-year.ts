/**
 * One simulated year of the full Xijiang network (2020, the plan's lock set,
 * 2020 demand), timed on one core, beside the engine's bare event-queue rate
 * measured in the same run (bench/engine.ts's hold model, 1,000 pending).
 */
import { EventQueue } from '../src/engine/index.js';
import { planLockSet, prepareFreightInput, runFreightYear } from '../src/model/index.js';
import { buildNetwork, embeddedSeedsDir, loadSeeds } from '../src/network/index.js';

const REPS = Number(process.env.REPLICATIONS ?? 3);
const seed = loadSeeds(embeddedSeedsDir(), 'seeds/xijiang');
const net = buildNetwork(seed, 2020, planLockSet(seed, 2020));
const prepared = prepareFreightInput(seed, net, { year: 2020 });

function bareQueueRate(): number {
  const n = 1000, steps = 3_000_000;
  const q = new EventQueue(n + 1);
  let seq = 0, now = 0, x = 1;
  for (let i = 0; i < n; i++) q.push(i, seq++, i);
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) {
    now = q.peekTime();
    x = (x * 16807) % 2147483647;
    q.push(now + x / 2147483647, seq++, q.pop());
  }
  return steps / ((performance.now() - t0) / 1000);
}

runFreightYear(prepared.input, 'warm-up', 0); // let the JIT compile the model first
const runs = [];
for (let r = 0; r < REPS; r++) {
  const t0 = performance.now();
  const res = runFreightYear(prepared.input, 1, r);
  runs.push({ wallS: (performance.now() - t0) / 1000, events: res.events, voyages: res.net.voyagesStarted });
}
const queue = bareQueueRate();
const wall = runs.map((r) => r.wallS).sort((a, b) => a - b)[runs.length >> 1]!;
const events = runs[0]!.events;
console.log(`full network, one year (2020, plan lock set, 2020 demand), ${REPS} replications, median:`);
console.log(`  ${runs[0]!.voyages.toLocaleString('en')} round trips, ${(events / 1e6).toFixed(2)} M events, ${wall.toFixed(2)} s wall → ${(events / wall / 1e6).toFixed(2)} M events/s`);
console.log(`  engine EventQueue alone: ${(queue / 1e6).toFixed(2)} M events/s → the model runs at ${((events / wall) / queue).toFixed(3)}× the bare queue rate (${(queue / (events / wall)).toFixed(1)}× slower per event)`);

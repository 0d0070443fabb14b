/**
 * Engine overhead: the "hold" model. N events stay pending; each step pops the
 * earliest and pushes one a random increment later. The same pre-drawn
 * increments go through a bare typed-array heap, the engine's EventQueue, and the
 * full Simulation (schedule → run → handler), in the same run.
 */
import { EventQueue, Simulation } from '../src/engine/index.js';
import { BareHeap } from './bare-heap.js';

const PENDING = Number(process.env.PENDING ?? 1000);
const STEPS = Number(process.env.STEPS ?? 5_000_000);
const ROUNDS = 5;

// Pre-drawn exponential increments, so the generator is not part of what is timed.
const INC = new Float64Array(1 << 16);
let s = 12345;
for (let i = 0; i < INC.length; i++) {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  INC[i] = -Math.log(1 - s / 2 ** 32);
}
const MASK = INC.length - 1;

function bare(): number {
  const h = new BareHeap(PENDING + 1);
  for (let i = 0; i < PENDING; i++) h.push(INC[i & MASK]!, i);
  let now = 0;
  const t0 = performance.now();
  for (let k = 0; k < STEPS; k++) {
    now = h.times[0]!;
    const id = h.pop();
    h.push(now + INC[k & MASK]!, id);
  }
  return performance.now() - t0;
}

function eventQueue(): number {
  const q = new EventQueue(PENDING + 1);
  let seq = 0;
  for (let i = 0; i < PENDING; i++) q.push(INC[i & MASK]!, seq++, i);
  let now = 0;
  const t0 = performance.now();
  for (let k = 0; k < STEPS; k++) {
    now = q.peekTime();
    const slot = q.pop();
    q.push(now + INC[k & MASK]!, seq++, slot);
  }
  return performance.now() - t0;
}

function simulation(): number {
  const sim = new Simulation();
  let k = 0;
  const hold = () => {
    if (k < STEPS) sim.schedule(INC[k++ & MASK]!, hold);
  };
  for (let i = 0; i < PENDING; i++) sim.schedule(INC[i & MASK]!, hold);
  const t0 = performance.now();
  sim.run();
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const times = { bare: [] as number[], queue: [] as number[], sim: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  times.bare.push(bare());
  times.queue.push(eventQueue());
  times.sim.push(simulation());
}
const rate = (ms: number) => STEPS / (ms / 1000);
const b = median(times.bare), q = median(times.queue), sm = median(times.sim);
console.log(`engine overhead: hold model, ${PENDING} pending, ${STEPS.toLocaleString('en')} pop+push, median of ${ROUNDS}`);
console.log(`  bare typed-array heap   ${(rate(b) / 1e6).toFixed(2)} M events/s`);
console.log(`  engine EventQueue       ${(rate(q) / 1e6).toFixed(2)} M events/s   ratio ${(q / b).toFixed(2)}× the bare heap's time (target ≤ 1.5×)`);
console.log(`  Simulation schedule+run ${(rate(sm) / 1e6).toFixed(2)} M events/s   ratio ${(sm / b).toFixed(2)}× (adds dispatch, cancel bookkeeping)`);

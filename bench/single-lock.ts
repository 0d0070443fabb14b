/**
 * The single-lock model (Poisson arrivals, mean 10 min; one chamber carrying up to
 * 4 waiting vessels per deterministic 30-min lockage; 10 simulated years), run
 * three ways in the same process: the engine in callback style, the engine in
 * process (generator) style, and a hand-written loop on a bare heap that draws the
 * same random numbers. Prints rates, ratios, and the mean wait against the
 * bulk-service reference (src/engine/theory.ts: bulkServiceWq, derived there).
 */
import { Streams, bulkServiceWq, exponential, meanCI } from '../src/engine/index.js';
import { SINGLE_LOCK_DEMO, buildSingleLock, buildSingleLockProcesses, type SingleLockModel, type SingleLockParams } from '../src/model/single-lock.js';
import { BareHeap } from './bare-heap.js';

const REPLICATIONS = Number(process.env.REPLICATIONS ?? 6);
const YEAR_S = 365 * 86400;

/** Hand-written loop: no engine, two event kinds on a bare heap, same RNG stream. */
function handLoop(p: SingleLockParams): { events: number; meanWaitS: number; wallMs: number } {
  const rng = new Streams(p.seed, p.replication ?? 0).stream('arrivals');
  const heap = new BareHeap(16);
  const ARRIVAL = 0, LOCKAGE_END = 1;
  let queue = new Float64Array(1024); // arrival times, ring
  let qHead = 0, qLen = 0;
  let busy = false;
  let waitSum = 0, waitN = 0, events = 0;
  const t0 = performance.now();
  heap.push(exponential(rng, p.meanHeadwayS), ARRIVAL);
  const startLockage = (now: number) => {
    const take = Math.min(p.chamberCapacity, qLen);
    for (let k = 0; k < take; k++) {
      if (now >= p.warmupS) {
        waitSum += now - queue[(qHead + k) & (queue.length - 1)]!;
        waitN++;
      }
    }
    qHead = (qHead + take) & (queue.length - 1);
    qLen -= take;
    busy = true;
    heap.push(now + p.lockageS, LOCKAGE_END);
  };
  while (heap.size > 0) {
    const now = heap.times[0]!;
    if (now > p.horizonS) break;
    const kind = heap.pop();
    events++;
    if (kind === ARRIVAL) {
      if (qLen === queue.length) {
        const grown = new Float64Array(queue.length * 2);
        for (let k = 0; k < qLen; k++) grown[k] = queue[(qHead + k) & (queue.length - 1)]!;
        queue = grown;
        qHead = 0;
      }
      queue[(qHead + qLen++) & (queue.length - 1)] = now;
      heap.push(now + exponential(rng, p.meanHeadwayS), ARRIVAL);
      if (!busy) startLockage(now);
    } else {
      busy = false;
      if (qLen > 0) startLockage(now);
    }
  }
  return { events, meanWaitS: waitSum / waitN, wallMs: performance.now() - t0 };
}

function timed(build: (p: SingleLockParams) => SingleLockModel, p: SingleLockParams) {
  const model = build(p);
  const t0 = performance.now();
  model.run();
  const wallMs = performance.now() - t0;
  return { events: model.sim.eventsExecuted, meanWaitS: model.result().meanWaitS, wallMs };
}

const variants = {
  'engine, callbacks': (p: SingleLockParams) => timed(buildSingleLock, p),
  'engine, processes': (p: SingleLockParams) => timed(buildSingleLockProcesses, p),
  'hand-written loop': handLoop,
};
type Name = keyof typeof variants;
const runs: Record<Name, { events: number; meanWaitS: number; wallMs: number }[]> = {
  'engine, callbacks': [],
  'engine, processes': [],
  'hand-written loop': [],
};

// One untimed round first so every variant is compiled by the JIT before timing.
for (const v of Object.values(variants)) v({ ...SINGLE_LOCK_DEMO, horizonS: YEAR_S });
for (let r = 0; r < REPLICATIONS; r++) {
  const p = { ...SINGLE_LOCK_DEMO, replication: r };
  for (const [name, v] of Object.entries(variants) as [Name, (p: SingleLockParams) => (typeof runs)[Name][number]][]) runs[name].push(v(p));
}

const years = SINGLE_LOCK_DEMO.horizonS / YEAR_S;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const stats = (name: Name) => {
  const rs = runs[name];
  const wall = median(rs.map((r) => r.wallMs)) / 1000;
  const events = median(rs.map((r) => r.events));
  return { wall, eventsPerS: events / wall, yearsPerS: years / wall, events };
};
console.log(`single-lock model: λ = 1/10 min, b = 4, lockage 30 min, ${years} years, ${REPLICATIONS} replications (median wall time of one)`);
const hand = stats('hand-written loop');
for (const name of Object.keys(runs) as Name[]) {
  const s = stats(name);
  console.log(
    `  ${name.padEnd(18)} ${(s.eventsPerS / 1e6).toFixed(2).padStart(5)} M events/s  ${s.yearsPerS.toFixed(1).padStart(6)} sim-years/s  ` +
      `${(s.events / 1e3).toFixed(0)} k events  wall ${(s.wall * 1000).toFixed(0)} ms  time ratio to hand loop ${(s.wall / hand.wall).toFixed(2)}×`,
  );
}

const lambda = 1 / SINGLE_LOCK_DEMO.meanHeadwayS;
const reference = bulkServiceWq(lambda, SINGLE_LOCK_DEMO.lockageS, SINGLE_LOCK_DEMO.chamberCapacity);
const ci = meanCI(runs['engine, callbacks'].map((r) => r.meanWaitS));
console.log(
  `  mean wait: simulated ${(ci.mean / 60).toFixed(2)} ± ${(ci.halfWidth / 60).toFixed(2)} min (95% CI over replications), ` +
    `reference M/D^(1,4)/1 ${(reference / 60).toFixed(2)} min → ${Math.abs(ci.mean - reference) <= ci.halfWidth ? 'within' : 'OUTSIDE'} the CI`,
);
// Welford's running mean and a plain sum differ in the last bits, hence the 1e-9.
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);
const same = runs['engine, callbacks'].every((r, i) => close(r.meanWaitS, runs['hand-written loop'][i]!.meanWaitS) && close(r.meanWaitS, runs['engine, processes'][i]!.meanWaitS));
console.log(`  the three variants draw the same numbers and give ${same ? 'the same' : 'DIFFERENT'} mean wait in every replication (to 1e-9)`);
if (!same) for (const n of Object.keys(runs) as Name[]) console.log(n, runs[n].map((r) => r.meanWaitS));

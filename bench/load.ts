/**
 * Load: a 30-year horizon, and 1,000 replications in one pool, on plan-2020 and
 * 2 workers. For the replications it prints, per block of 100 finished, the rate
 * (replications/s, and its ratio to the first block's) and the largest worker
 * heap seen, so growth or slow-down over the run shows as ratios; and the
 * process's peak RSS. HORIZON_YEARS and REPLICATIONS shorten it.
 */
import { join } from 'node:path';
import { packageRoot } from '../src/package.js';
import { runScenario } from '../src/run/index.js';
import { loadScenario } from '../src/scenario/load.js';

const file = process.argv[2] ?? join(packageRoot(), 'scenarios', 'plan-2020.yaml');
const years = Number(process.env.HORIZON_YEARS ?? 30);
const total = Number(process.env.REPLICATIONS ?? 1000);
const { scenario, seed } = loadScenario(file);
const mb = (b: number) => (b / 2 ** 20).toFixed(0);
const peakRssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

// 1. A long horizon: one replication per worker.
{
  const one = await runScenario(scenario, { workers: 2, replications: 2, seeds: seed });
  const long = await runScenario({ ...scenario, horizonS: years * 365 * 86400 }, { workers: 2, replications: 2, seeds: seed });
  const perYear = (r: typeof one) => r.aggregate.mainLine.tonnes.mean / 1e6;
  const events = (r: typeof one) => r.results.reduce((s, x) => s + x.events, 0);
  console.log(`${years}-year horizon: 2 replications in ${long.wallS.toFixed(1)} s against ${one.wallS.toFixed(1)} s for 1 year (${(long.wallS / one.wallS).toFixed(1)}× the time for ${years}× the span)`);
  console.log(`  events/s ${(events(long) / long.wallS / 1e6).toFixed(2)} M against ${(events(one) / one.wallS / 1e6).toFixed(2)} M over 1 year (ratio ${((events(long) / long.wallS) / (events(one) / one.wallS)).toFixed(2)})`);
  console.log(`  main-line Mt a year: ${perYear(long).toFixed(1)} over ${years} years, ${perYear(one).toFixed(1)} over 1; conservation held in every replication (the run fails otherwise)`);
  console.log(`  peak RSS so far ${peakRssMb()} MB`);
}

// 2. Many replications of the same work, so that any slow-down or growth is the runner's.
{
  const blocks: { t: number; heap: number; rss: number }[] = [];
  const heapByThread = new Map<number, number[]>();
  let blockHeap = 0;
  const t0 = performance.now();
  const run = await runScenario(scenario, {
    replications: total,
    workers: 2,
    seeds: seed,
    onWorkerMemory: (thread, heap) => {
      heapByThread.set(thread, [...(heapByThread.get(thread) ?? []), heap]);
      blockHeap = Math.max(blockHeap, heap);
    },
    onProgress: (done) => {
      if (done % 100 === 0) {
        blocks.push({ t: (performance.now() - t0) / 1000, heap: blockHeap, rss: process.memoryUsage().rss });
        blockHeap = 0;
      }
    },
  });
  console.log(`${total} replications on 2 workers in ${run.wallS.toFixed(0)} s, ${(total / run.wallS).toFixed(2)} replications/s`);
  console.log('  block of 100   rate/s   ratio to first   largest worker heap MB   process RSS MB');
  let prev = 0;
  const first = 100 / blocks[0]!.t;
  blocks.forEach((b, i) => {
    const rate = 100 / (b.t - prev);
    prev = b.t;
    console.log(`  ${String(i + 1).padStart(4)}          ${rate.toFixed(2).padStart(6)}   ${(rate / first).toFixed(2).padStart(6)}           ${mb(b.heap).padStart(5)}                ${mb(b.rss).padStart(5)}`);
  });
  for (const [thread, heaps] of heapByThread) {
    const tenth = Math.max(1, Math.floor(heaps.length / 10));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`  worker ${thread}: ${heaps.length} replications; median heap after a replication ${mb(median(heaps.slice(0, tenth)))} MB in its first tenth, ${mb(median(heaps.slice(-tenth)))} MB in its last (ratio ${(median(heaps.slice(-tenth)) / median(heaps.slice(0, tenth))).toFixed(2)})`);
  }
  console.log(`  main-line throughput ${(run.aggregate.mainLine.tonnes.mean / 1e6).toFixed(2)} ± ${(run.aggregate.mainLine.tonnes.halfWidth / 1e6).toFixed(2)} Mt over ${total} replications`);
  console.log(`  peak RSS of the process since it started ${peakRssMb()} MB (the main thread keeps every replication's results)`);
}

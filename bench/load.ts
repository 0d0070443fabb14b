/**
 * Load, on plan-2020.
 * 1. Horizon: one replication of 1, 10 and 30 years, each in a fresh process so
 *    that its peak RSS is its own, as plan-2020 stands and with berths that never
 *    make a vessel wait (no queue that grows without bound); then again under a
 *    48 MB heap limit, which only a run whose memory stays flat completes: peak
 *    RSS without a limit follows the garbage collector's pace as much as what
 *    the run holds.
 * 2. Replications: 1,000 in one pool on 2 workers, printing per block of 100 the
 *    rate (and its ratio to the first block's) and the largest worker heap, so
 *    growth or slow-down over the run shows as ratios.
 * HORIZONS (comma-separated years) and REPLICATIONS shorten it; `load.js horizon Y [unconstrained]` is the child.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { runFreightYear } from '../src/model/index.js';
import { packageRoot } from '../src/package.js';
import { buildScenarioInput, runScenario } from '../src/run/index.js';
import { loadScenario } from '../src/scenario/load.js';

const file = join(packageRoot(), 'scenarios', 'plan-2020.yaml');
const { scenario, seeds } = loadScenario(file);
const mb = (b: number) => (b / 2 ** 20).toFixed(0);
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

if (process.argv[2] === 'horizon') {
  // The child: one replication in this thread, then its figures as JSON.
  const years = Number(process.argv[3]);
  const input = buildScenarioInput({ ...scenario, horizonS: years * 365 * 86400 }, seeds, process.argv[4] ? { berthsUnconstrained: true } : {});
  const t0 = performance.now();
  const r = runFreightYear(input, scenario.seed, 0, scenario.name);
  const held = r.ports.reduce((s, p) => s + p.berths.reduce((b, g) => b + g.queuedAtEnd, 0), 0) + r.locks.reduce((s, l) => s + l.queuedAtEnd, 0);
  console.log(JSON.stringify({ wallS: (performance.now() - t0) / 1000, peakRssMb: peakRssMb(), mtPerYear: r.mainLine.tonnes / 1e6, heldAtEnd: held, events: r.events }));
  process.exit(0);
}

// 1. Horizon. Peak RSS moves with the garbage collector's pace; a run that completes under a small heap limit shows what it really holds.
{
  const horizons = (process.env.HORIZONS ?? '1,10,30').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const HEAP_LIMIT_MB = 48;
  const child = (years: number, unconstrained: boolean, heapLimitMb?: number) =>
    execFileSync(process.execPath, [...(heapLimitMb ? [`--max-old-space-size=${heapLimitMb}`] : []), self, 'horizon', String(years), ...(unconstrained ? ['u'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  type Child = { wallS: number; peakRssMb: number; mtPerYear: number; heldAtEnd: number; events: number };
  const parse = (out: string) => JSON.parse(out.trim().split('\n').pop()!) as Child;
  console.log('horizon: one replication of plan-2020 per fresh process');
  console.log(`  berths          years   wall s   events/s M   main-line Mt/yr   vessels waiting at end   peak RSS MB   RSS / 1 year   under a ${HEAP_LIMIT_MB} MB heap limit: peak RSS MB`);
  for (const unconstrained of [false, true]) {
    let base = 0;
    for (const years of horizons) {
      const r = parse(child(years, unconstrained));
      let capped: string;
      try {
        capped = parse(child(years, unconstrained, HEAP_LIMIT_MB)).peakRssMb.toFixed(0);
      } catch {
        capped = 'out of memory';
      }
      if (!base) base = r.peakRssMb;
      console.log(`  ${(unconstrained ? 'unconstrained' : 'as planned').padEnd(14)} ${String(years).padStart(6)}   ${r.wallS.toFixed(1).padStart(6)}   ${(r.events / r.wallS / 1e6).toFixed(2).padStart(10)}   ${r.mtPerYear.toFixed(1).padStart(15)}   ${r.heldAtEnd.toLocaleString('en').padStart(22)}   ${r.peakRssMb.toFixed(0).padStart(11)}   ${(r.peakRssMb / base).toFixed(2).padStart(12)}   ${capped}`);
    }
  }
}

// 2. Replications of the same work, so that any slow-down or growth is the runner's (REPLICATIONS=0 skips them).
const total = Number(process.env.REPLICATIONS ?? 1000);
if (total > 0) {
  const blocks: { t: number; heap: number; rss: number }[] = [];
  const heapByThread = new Map<number, number[]>();
  let blockHeap = 0;
  const t0 = performance.now();
  const run = await runScenario(scenario, {
    replications: total,
    workers: 2,
    seeds,
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
  console.log(`  peak RSS of the process ${peakRssMb().toFixed(0)} MB (the main thread keeps every replication's results)`);
}

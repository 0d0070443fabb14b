/**
 * The Redis backend against the local pool, in one run on this machine:
 *  1. the same 32 replications of plan-2020 on the local pool (2 threads) and on Redis with
 *     2 worker processes (one job at a time each): the overhead as a ratio of wall times
 *     (target ≤ 1.10×), and the results compared;
 *  2. the queue's round trip per job: many one-replication jobs of a near-empty year, on one
 *     worker process against one local thread;
 *  3. Redis's memory over 10,000 replications (one job each): used memory sampled through the
 *     run, its peak against the empty queue's.
 * Needs Debian's redis-server on the PATH. REPLICATIONS, JOBS and MEMORY_REPLICATIONS change the counts.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/package.js';
import { runScenario } from '../src/run/index.js';
import type { ResolvedScenario } from '../src/scenario/load.js';
import { loadScenario } from '../src/scenario/load.js';

const replications = Number(process.env.REPLICATIONS ?? 32);
const jobs = Number(process.env.JOBS ?? 300);
const memoryReplications = Number(process.env.MEMORY_REPLICATIONS ?? 10_000);
const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const url = `redis://127.0.0.1:${port}`;
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', mkdtempSync(join(tmpdir(), 'bench-redis-')), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
redis.on('error', () => {
  console.error('bench/distributed: redis-server not found; install it with `apt-get install redis-server`');
  process.exit(1);
});
const redisCli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
for (let k = 0; ; k++) {
  try {
    if (redisCli('ping') === 'PONG') break;
  } catch {
    if (k > 100) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const usedMemory = () => Number(/^used_memory:(\d+)/m.exec(redisCli('info', 'memory'))![1]);

const workers: ChildProcess[] = [];
async function startWorkers(n: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, () => {
      const w = spawn(process.execPath, [cli, 'worker', '--backend', url, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
      workers.push(w);
      return new Promise<void>((resolve) => {
        let text = '';
        w.stdout!.on('data', (b: Buffer) => {
          text += b.toString();
          if (/taking jobs from/.test(text)) resolve();
        });
      });
    }),
  );
}
async function stopWorkers(): Promise<void> {
  await Promise.all(workers.splice(0).map((w) => new Promise((r) => (w.once('exit', r), w.kill('SIGTERM')))));
}

const redisBackend = { kind: 'redis' as const, url };
try {
  // 1. plan-2020, 32 replications: local pool of 2 threads against 2 worker processes.
  const plan = loadScenario(join(packageRoot(), 'scenarios', 'plan-2020.yaml'));
  // Local before and after Redis, so that neither side gains from going second.
  const local = await runScenario(plan.scenario, { workers: 2, replications, seeds: plan.seeds });
  await startWorkers(2);
  const remote = await runScenario(plan.scenario, { replications, seeds: plan.seeds, backend: redisBackend });
  await stopWorkers();
  const local2 = await runScenario(plan.scenario, { workers: 2, replications, seeds: plan.seeds });
  const localS = (local.wallS + local2.wallS) / 2;
  const same = JSON.stringify(local.aggregate) === JSON.stringify(remote.aggregate);
  console.log(`plan-2020, ${replications} replications: local pool (2 threads) ${local.wallS.toFixed(1)} s and ${local2.wallS.toFixed(1)} s; Redis, 2 worker processes ${remote.wallS.toFixed(1)} s`);
  console.log(`  overhead: ${(remote.wallS / localS).toFixed(3)}× the local wall time (target ≤ 1.10×); results ${same ? 'identical' : 'DIFFERENT'}`);
  // Two worker threads of one process slow each other (issue 17); two processes do not: the same pool in one thread says which.
  const one = await runScenario(plan.scenario, { workers: 1, replications: 8, seeds: plan.seeds });
  console.log(`  for scale: 8 replications on 1 local thread ${one.wallS.toFixed(1)} s → ${((one.wallS * replications) / 8 / localS).toFixed(2)}× speed-up of the 2-thread pool, ${((one.wallS * replications) / 8 / remote.wallS).toFixed(2)}× of the 2 worker processes`);

  // 2. Round trip: one-replication jobs of a near-empty year, one worker process against one local thread.
  const tiny = tinyToy();
  process.env.WATERWAY_SIM_REDIS_BATCH = '1';
  const l1 = await runScenario(tiny.scenario, { workers: 1, replications: jobs, seeds: tiny.seeds });
  await startWorkers(1);
  const r1 = await runScenario(tiny.scenario, { replications: jobs, seeds: tiny.seeds, backend: redisBackend });
  await stopWorkers();
  console.log(`round trip: ${jobs} one-replication jobs of a ${(tiny.scenario.horizonS / 86400).toFixed(1)}-day year: local thread ${((1000 * l1.wallS) / jobs).toFixed(2)} ms a replication, Redis ${((1000 * r1.wallS) / jobs).toFixed(2)} ms a job → ${((1000 * (r1.wallS - l1.wallS)) / jobs).toFixed(2)} ms of queue per job`);

  // 3. Memory over many replications, one job each.
  const before = usedMemory();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, usedMemory())), 100);
  await startWorkers(2);
  const many = await runScenario(tiny.scenario, { replications: memoryReplications, seeds: tiny.seeds, backend: redisBackend });
  await stopWorkers();
  clearInterval(sampler);
  peak = Math.max(peak, usedMemory());
  const after = usedMemory();
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  console.log(`memory: ${memoryReplications.toLocaleString('en')} replications (one job each) in ${many.wallS.toFixed(0)} s: Redis used ${mb(before)} before, peak ${mb(peak)} (sampled every 100 ms), ${mb(after)} after; peak ${(peak / before).toFixed(2)}× the empty queue`);
} finally {
  await stopWorkers();
  redis.kill('SIGKILL');
}

/** The toy with a year of a few days: a replication costs about as much as a job's handling. */
function tinyToy(): { scenario: ResolvedScenario; seeds: ReturnType<typeof loadScenario>['seeds'] } {
  const t = loadScenario(join(packageRoot(), 'test', 'fixtures', 'scenarios', 'toy.yaml'));
  return { scenario: { ...t.scenario, name: 'tiny-toy', horizonS: 2 * 86400, warmupS: 86400 }, seeds: t.seeds };
}

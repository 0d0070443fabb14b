/**
 * The worker side of the Redis backend (`waterway-sim worker`): takes jobs from the shared
 * BullMQ queue and runs each job's replications on this machine's own long-lived worker
 * threads, exactly as the local pool does, reporting progress through the job.
 */
import { cpus } from 'node:os';
import { deserialize } from 'node:v8';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { SeedNetwork } from '../network/index.js';
import { packageVersion } from '../package.js';
import { QUEUE_NAME } from './backend.js';
import { serializeResults } from './checkpoint.js';
import { runTasks, WorkerSession, type Task } from './pool.js';
import type { BatchJob, BatchResult } from './redis.js';

export interface ServeOptions {
  url: string;
  /** Jobs at once, each on a thread of its own (default: the number of CPUs). */
  concurrency?: number;
  /** A job whose worker stops answering for this long is taken up again by another (BullMQ's lock and stalled check). */
  stalledS?: number;
  log?: (line: string) => void;
}

/** Threads cache each scenario's built input: after this many distinct ones they are started afresh, when idle. */
const MAX_CACHED_SCENARIOS = 32;

export interface QueueServer {
  worker: Worker<BatchJob, BatchResult>;
  /** Finishes the jobs in hand (returning none unfinished), then stops the threads and the connection. */
  close(): Promise<void>;
}

export async function serveQueue(o: ServeOptions): Promise<QueueServer> {
  const version = packageVersion();
  const log = o.log ?? (() => {});
  const stalledMs = (o.stalledS ?? 30) * 1000;
  const connection = new Redis(o.url, { maxRetriesPerRequest: null });
  connection.on('error', (e) => log(`redis: ${e.message}`));
  let session = new WorkerSession();
  const seeds = new Map<string, SeedNetwork>();
  const scenarios = new Set<string>();
  let active = 0;

  const seedsOf = async (key: string): Promise<SeedNetwork> => {
    let s = seeds.get(key);
    if (s) return s;
    const blob = await connection.getBuffer(key);
    if (!blob) throw new UnrecoverableError(`the job's seeds (${key}) are not in Redis: they expire 7 days after the run that stored them; run the study again`);
    s = deserialize(blob) as SeedNetwork;
    if (seeds.size >= 8) seeds.delete(seeds.keys().next().value!);
    seeds.set(key, s);
    return s;
  };

  const processJob = async (job: Job<BatchJob, BatchResult>): Promise<BatchResult> => {
    const d = job.data;
    if (d.version !== version) {
      const why = `refused job ${job.id}: it comes from waterway-sim ${d.version} and this worker is ${version}; results of two versions must not mix, so run workers of the study's version`;
      log(why);
      throw new UnrecoverableError(why);
    }
    active++;
    try {
      const network = await seedsOf(d.seedsKey);
      // Keyed by content, not by the client's folder: two studies' folders of one name never mix here.
      const scenario = { ...d.scenario, seedsDir: `redis:${d.seedsKey}` };
      const tasks: Task[] = d.tasks.map((t) => ({
        ...t,
        scenario,
        scenarioKey: `${d.scenarioHash}|${d.seedsKey}|${t.scenarioKey}`,
        streamKey: t.streamKey ?? t.scenarioKey,
        seeds: network,
      }));
      for (const t of tasks) scenarios.add(t.scenarioKey);
      const started = performance.now();
      const results = await runTasks(tasks, {
        workers: 1,
        session,
        onProgress: (done, total) => void job.updateProgress({ done, total }).catch(() => {}),
        onIncident: (line) => log(`job ${job.id}: ${line}`),
      });
      log(`job ${job.id}: ${tasks.length} replication${tasks.length === 1 ? '' : 's'} of '${d.scenario.name}' in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return { results: serializeResults(results) };
    } catch (err) {
      if (err instanceof UnrecoverableError) throw err;
      // The pool already retried a lost thread once: a failure here is final, as it is locally.
      throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
    } finally {
      active--;
      if (active === 0 && scenarios.size > MAX_CACHED_SCENARIOS) {
        const old = session;
        session = new WorkerSession();
        scenarios.clear();
        await old.close();
      }
    }
  };

  const concurrency = o.concurrency ?? cpus().length;
  const worker = new Worker<BatchJob, BatchResult>(QUEUE_NAME, processJob, {
    connection,
    concurrency,
    lockDuration: stalledMs,
    stalledInterval: stalledMs,
    maxStalledCount: 1,
  });
  worker.on('error', (e) => log(`worker: ${e.message}`));
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      await worker.close();
      await session.close();
      connection.disconnect();
    },
  };
}

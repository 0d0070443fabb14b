/**
 * The client side of the Redis backend: a run's replications become BullMQ jobs (a batch of
 * replications of one scenario each) on the shared queue; `waterway-sim worker` processes on
 * any machine take them; the results come back as the jobs' return values, in task order.
 */
import { createHash, randomUUID } from 'node:crypto';
import { serialize } from 'node:v8';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { ReplicationResult } from '../model/index.js';
import { loadSeeds, type SeedNetwork } from '../network/index.js';
import { packageVersion } from '../package.js';
import { BackendError, backendLabel, QUEUE_NAME, type Backend } from './backend.js';
import { parseResults, scenarioHash } from './checkpoint.js';
import { ReplicationError, type PoolOptions, type Task } from './pool.js';

/** What a job carries: one scenario, its seeds by content hash, and a batch of its replications. */
export interface BatchJob {
  version: string;
  scenarioHash: string;
  /** Key of the seeds in Redis (v8-serialised SeedNetwork): stored once per run, not in every job. */
  seedsKey: string;
  scenario: Task['scenario'];
  tasks: Omit<Task, 'scenario'>[];
}

/** What a job returns: its replications' results, in its tasks' order (JSON that keeps NaN, ±Infinity and −0). */
export interface BatchResult {
  results: string;
}

/**
 * How long the client keeps trying to reach a Redis that went away before giving up: 5 s, or
 * WATERWAY_SIM_REDIS_GIVE_UP_S (the tests' shorter wait).
 */
function reconnectForS(): number {
  const env = Number(process.env.WATERWAY_SIM_REDIS_GIVE_UP_S);
  return env > 0 && env <= 3600 ? env : 5;
}
/** Seeds stay in Redis this long after a run stored them (a later run of the same seeds renews them). */
const SEEDS_TTL_S = 7 * 86400;
/** Approximate cap on the events stream: events only wake the client; the truth is in the jobs. */
export const EVENTS_MAX_LEN = 200;
/** How often the client looks at its jobs directly, for events it may have missed. */
const RECONCILE_MS = 2_000;
/** Jobs on the queue at once for one run: more are added as these finish, so Redis holds a window, not the whole study. */
export const MAX_OUTSTANDING_JOBS = 128;

/** A connection that gives up after reconnectForS() instead of retrying for ever. */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  const started = { at: 0 };
  const giveUpMs = reconnectForS() * 1000;
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times) => {
      if (times === 1) started.at = Date.now();
      return Date.now() - started.at > giveUpMs ? null : Math.min(200 * times, 1000);
    },
    ...extra,
  });
}

/** The replications in jobs of at most this many, so that many workers share a run and a lost job costs little. */
function batchSize(n: number): number {
  const env = Number(process.env.WATERWAY_SIM_REDIS_BATCH);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, Math.ceil(n / 64));
}

export async function runTasksOnRedis(tasks: readonly Task[], opts: PoolOptions & { backend: Extract<Backend, { kind: 'redis' }> }): Promise<ReplicationResult[]> {
  const url = opts.backend.url;
  const results: (ReplicationResult | undefined)[] = new Array(tasks.length);
  const toRun: number[] = [];
  tasks.forEach((t, i) => {
    const kept = opts.store?.load(t);
    if (kept) results[i] = kept;
    else toRun.push(i);
  });
  let done = tasks.length - toRun.length;
  if (opts.store) opts.onReused?.(done);
  if (done > 0) opts.onProgress?.(done, tasks.length);
  if (toRun.length === 0) return results as ReplicationResult[];

  const connection = redisConnection(url);
  const eventsConnection = redisConnection(url);
  const queue = new Queue<BatchJob, BatchResult>(QUEUE_NAME, { connection, streams: { events: { maxLen: EVENTS_MAX_LEN } } });
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
  const runId = randomUUID().slice(0, 8);
  /** Job id → the task indices it carries, and their progress. */
  const pending = new Map<string, { indices: number[]; progress: number }>();
  let reconcile: NodeJS.Timeout | undefined;

  try {
    return await new Promise<ReplicationResult[]>((resolve, reject) => {
      let over = false;
      const fail = (err: Error) => {
        if (over) return;
        over = true;
        reject(err);
      };
      let reached = false;
      const lost = (why: string) =>
        fail(new BackendError(reached ? `lost the connection to Redis at ${backendLabel(opts.backend)}: ${why}; no output was written` : `cannot reach Redis at ${backendLabel(opts.backend)} (tried for ${reconnectForS()} s); no output was written`));
      for (const c of [connection, eventsConnection]) {
        c.on('ready', () => (reached = true));
        c.on('end', () => lost(`it did not come back within ${reconnectForS()} s`));
        c.on('error', () => {}); // 'end' reports it, once
      }
      // BullMQ re-emits connection errors on its own objects; 'end' above is the one report.
      queue.on('error', () => {});
      events.on('error', () => {});
      let waiting: Awaited<ReturnType<typeof buildJobs>> = [];
      const report = () => opts.onProgress?.(done + [...pending.values()].reduce((s, p) => s + p.progress, 0), tasks.length);

      /** A job ended: its results (or failure) taken from the job itself, then the job removed. */
      const settle = async (id: string) => {
        const entry = pending.get(id);
        if (!entry || over) return;
        const job = (await queue.getJob(id)) as Job<BatchJob, BatchResult> | undefined;
        if (!job || !pending.has(id)) return;
        const state = await job.getState();
        // The event and the reconciler may both get here: only the first to come back settles it.
        if (!pending.has(id)) return;
        if (state === 'failed') {
          pending.delete(id);
          await job.remove().catch(() => {});
          return fail(new ReplicationError(job.failedReason || `job ${id} failed`));
        }
        if (state !== 'completed' || !job.returnvalue) return;
        pending.delete(id);
        const got = parseResults(job.returnvalue.results);
        entry.indices.forEach((i, k) => {
          results[i] = got[k]!;
          opts.store?.save(tasks[i]!, got[k]!);
        });
        done += entry.indices.length;
        await job.remove().catch(() => {});
        report();
        await topUp();
        if (pending.size === 0 && waiting.length === 0 && !over) {
          over = true;
          resolve(results as ReplicationResult[]);
        }
      };
      const settleSafely = (id: string) => void settle(id).catch((e: unknown) => lost(e instanceof Error ? e.message : String(e)));

      events.on('completed', ({ jobId }) => settleSafely(jobId));
      events.on('failed', ({ jobId }) => settleSafely(jobId));
      events.on('progress', ({ jobId, data }) => {
        const p = pending.get(jobId);
        if (p && typeof data === 'object' && data !== null && 'done' in data) {
          p.progress = Number((data as { done: number }).done);
          report();
        }
      });
      events.on('stalled', ({ jobId }) => {
        const p = pending.get(jobId);
        if (!p) return;
        p.progress = 0;
        const first = tasks[p.indices[0]!]!;
        opts.onIncident?.(`job ${jobId} (replications ${p.indices.map((i) => tasks[i]!.replication).join(', ')} of scenario '${first.scenario.name}', seed ${first.seed}): its worker stopped answering; BullMQ's stalled-job check put it back on the queue and another worker took it up`);
      });

      /** Tops the queue up to the window; called at start and as jobs finish. */
      const topUp = async () => {
        const room = MAX_OUTSTANDING_JOBS - pending.size;
        if (room <= 0 || waiting.length === 0 || over) return;
        const next = waiting.splice(0, room);
        for (const j of next) pending.set(j.id, { indices: j.indices, progress: 0 });
        await queue.addBulk(next.map((j) => ({ name: 'replications', data: j.data, opts: { jobId: j.id, attempts: 1, removeOnComplete: { age: 86400 }, removeOnFail: { age: 86400 } } })));
      };
      const start = async () => {
        await events.waitUntilReady();
        waiting = await buildJobs(tasks, toRun, opts, connection, runId);
        await topUp();
        if ((await queue.getWorkers()).length === 0) opts.onIncident?.(`no worker is connected to ${backendLabel(opts.backend)} yet: the jobs wait until one is (waterway-sim worker --backend …)`);
        // Events only wake the client; a missed one is caught here from the jobs themselves.
        reconcile = setInterval(() => {
          for (const id of pending.keys()) settleSafely(id);
        }, RECONCILE_MS);
      };
      start().catch((e: unknown) => (!reached || connection.status === 'end' ? lost(`it did not come back within ${reconnectForS()} s`) : fail(new BackendError(`${backendLabel(opts.backend)}: ${e instanceof Error ? e.message : String(e)}`))));
    });
  } finally {
    if (reconcile) clearInterval(reconcile);
    // Jobs of a failed run that no worker took yet are withdrawn, so they do not cost anyone time.
    if (pending.size > 0 && connection.status === 'ready') await Promise.all([...pending.keys()].map((id) => queue.remove(id).catch(() => 0)));
    // Closing drops BullMQ's error listeners: a connection still starting up would then throw its failure at the process.
    await Promise.allSettled([queue.waitUntilReady(), events.waitUntilReady()]);
    await Promise.allSettled([events.close(), queue.close()]);
    connection.disconnect();
    eventsConnection.disconnect();
  }
}

/** The run's jobs: its tasks grouped by scenario, in batches; each scenario's seeds stored once, by content. */
async function buildJobs(tasks: readonly Task[], toRun: number[], opts: PoolOptions, redis: Redis, runId: string) {
  const version = packageVersion();
  const given = (opts.workerData as { seeds?: Record<string, SeedNetwork> } | undefined)?.seeds ?? {};
  const seedsKeys = new Map<string, string>();
  const seedsKeyOf = async (dir: string): Promise<string> => {
    let key = seedsKeys.get(dir);
    if (key) return key;
    // A worker on another machine has not got this folder: the seeds go with the run.
    const blob = serialize(given[dir] ?? loadSeeds(dir.replace(/#.*$/, '')));
    key = `${QUEUE_NAME}:seeds:${createHash('sha256').update(blob).digest('hex').slice(0, 32)}`;
    await redis.set(key, blob, 'EX', SEEDS_TTL_S);
    seedsKeys.set(dir, key);
    return key;
  };
  // Tasks share scenario objects (a sweep's levels, a trajectory's years): hash each object once.
  const hashes = new Map<object, string>();
  const byScenario = new Map<string, number[]>();
  for (const i of toRun) {
    const sc = tasks[i]!.scenario;
    let h = hashes.get(sc);
    if (h === undefined) hashes.set(sc, (h = scenarioHash(sc)));
    const group = byScenario.get(h);
    if (group) group.push(i);
    else byScenario.set(h, [i]);
  }
  const size = batchSize(toRun.length);
  const jobs: { id: string; indices: number[]; data: BatchJob }[] = [];
  for (const [hash, indices] of byScenario) {
    // What a worker needs to build and run it: not the files' texts, kept for the report.
    const { texts: _t, warnings: _w, ...content } = tasks[indices[0]!]!.scenario;
    const scenario = { ...content, texts: [], warnings: [] };
    const seedsKey = await seedsKeyOf(scenario.seedsDir);
    for (let k = 0; k < indices.length; k += size) {
      const batch = indices.slice(k, k + size);
      jobs.push({
        id: `${runId}-${jobs.length}`,
        indices: batch,
        data: { version, scenarioHash: hash, seedsKey, scenario, tasks: batch.map((i) => withoutScenario(tasks[i]!)) },
      });
    }
  }
  return jobs;
}

function withoutScenario(t: Task): Omit<Task, 'scenario'> {
  const { scenario: _s, seeds: _d, ...rest } = t;
  return rest;
}

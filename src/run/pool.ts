import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import Pool from 'worker-threads-pool';
import type { ReplicationResult } from '../model/index.js';
import type { Backend } from './backend.js';
import type { ResultStore } from './checkpoint.js';
import type { ReadyMessage, ReplyMessage, TaskMessage } from './messages.js';

export type Task = Omit<TaskMessage, 'id'>;

export interface PoolOptions {
  /** Long-lived worker threads (default: the number of CPUs). */
  workers?: number;
  /** A replication running longer than this is taken as hung (default 600 s). */
  taskTimeoutS?: number;
  onProgress?: (done: number, total: number) => void;
  /** What happened along the way (a retried replication), for the run's report. */
  onIncident?: (text: string) => void;
  /** Handed to every worker at start (structured clone), e.g. seeds already loaded. */
  workerData?: unknown;
  /** Keeps the workers between calls (a sweep's levels, a search's steps) instead of starting fresh ones. */
  session?: WorkerSession;
  /** Finished replications: those already there are not run again, each new one is saved as it finishes. */
  store?: ResultStore;
  /** How many results came from the store. */
  onReused?: (count: number) => void;
  /** Each worker's heap in use after each replication: for load tests. */
  onWorkerMemory?: (threadId: number, heapUsedB: number) => void;
  /** Where the replications run (default: local worker threads). */
  backend?: Backend;
}

/**
 * Idle workers kept between runTasks calls. Workers cache inputs by scenario key
 * and hold nothing else, so any task may go to any of them. Close it when done.
 */
export class WorkerSession {
  readonly idle: Worker[] = [];
  private starting: Promise<void>[] = [];
  private readonly started: Worker[] = [];

  /**
   * Starts n workers now, so that they load while the main thread reads and checks the input;
   * each joins the idle ones when it says it is ready, and one that fails to start is dropped.
   */
  prestart(n: number): void {
    const [filename, options] = workerSpec();
    for (let k = 0; k < n; k++) {
      const worker = new Worker(filename, options);
      this.started.push(worker);
      this.starting.push(
        new Promise<void>((resolve) => {
          const settle = (ready: boolean) => {
            worker.off('message', onMessage);
            worker.off('error', onFailure);
            worker.off('exit', onFailure);
            if (ready) {
              readyWorkers.add(worker);
              this.idle.push(worker);
            } else void worker.terminate();
            resolve();
          };
          const onMessage = (m: ReadyMessage) => settle(m.ready === true);
          const onFailure = () => settle(false);
          worker.on('message', onMessage);
          worker.on('error', onFailure);
          worker.on('exit', onFailure);
        }),
      );
    }
  }

  /** Waits for the workers being started. */
  async ready(): Promise<void> {
    await Promise.all(this.starting.splice(0));
  }

  /** Ends every worker, idle or still starting (a run refused at its input does not wait for them). */
  async close(): Promise<void> {
    await Promise.all([...new Set([...this.idle.splice(0), ...this.started.splice(0)])].map((w) => w.terminate()));
    await this.ready();
  }
}

/** A replication failed for good; the message names its scenario, seed and replication. */
export class ReplicationError extends Error {
  override name = 'ReplicationError';
}

/** The worker script: the compiled .js beside this file, or (under vitest/tsx) the .ts through tsx. */
function workerSpec(): [string, WorkerOptions] {
  // The test suite points this at a fresh build of the same worker, which starts faster than tsx.
  if (process.env.WATERWAY_SIM_WORKER_SCRIPT) return [process.env.WATERWAY_SIM_WORKER_SCRIPT, {}];
  const url = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (!url.pathname.endsWith('.ts')) return [fileURLToPath(url), {}];
  // Node 20 cannot load .ts in a worker: load it through tsx's API inside the thread.
  const api = import.meta.resolve('tsx/esm/api');
  return [`import { tsImport } from ${JSON.stringify(api)};\nawait tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)});`, { eval: true }];
}

/** Runs f with the given session, or with one of its own that it closes afterwards. */
export async function withSession<T>(session: WorkerSession | undefined, f: (s: WorkerSession) => Promise<T>): Promise<T> {
  if (session) return f(session);
  const own = new WorkerSession();
  try {
    return await f(own);
  } finally {
    await own.close();
  }
}

/** Workers that have said they are ready. Only these are parked in a session: a late 'ready' from a reused worker would feed it a second task. */
const readyWorkers = new WeakSet<Worker>();
/** The seed folders each worker was sent with a task: seeds cross to a thread once. */
const seedsSent = new WeakMap<Worker, Set<string>>();

interface Slot {
  worker: Worker;
  detach: () => void;
  task: number | null;
  timer: NodeJS.Timeout | null;
  retired: boolean;
}

/**
 * Runs replications on N long-lived workers and returns their results in task
 * order, so the outcome never depends on how many workers there were or which
 * finished first. worker-threads-pool caps and starts the threads; the
 * protocol (one task at a time per worker, by message) and the fault handling
 * are ours: a worker that crashes, exits or hangs is replaced and its
 * replication retried once; a second failure, or an error the model reports,
 * fails the whole run with the scenario, seed and replication named.
 */
export async function runTasks(tasks: readonly Task[], opts: PoolOptions = {}): Promise<ReplicationResult[]> {
  // Loaded only when asked for: the queue's client is not needed on a single machine.
  if (opts.backend?.kind === 'redis') return (await import('./redis.js')).runTasksOnRedis(tasks, { ...opts, backend: opts.backend });
  await opts.session?.ready(); // workers started ahead are taken, not started again
  const n = Math.max(1, Math.min(opts.workers ?? cpus().length, tasks.length || 1));
  const timeoutMs = (opts.taskTimeoutS ?? 600) * 1000;
  const pool = new Pool({ max: n });
  const [filename, baseOptions] = workerSpec();
  const workerOptions: WorkerOptions = opts.workerData === undefined ? baseOptions : { ...baseOptions, workerData: opts.workerData };
  const results: (ReplicationResult | undefined)[] = new Array(tasks.length);
  const attempts = new Array<number>(tasks.length).fill(0);
  const queue: number[] = [];
  tasks.forEach((t, i) => {
    const kept = opts.store?.load(t);
    if (kept) results[i] = kept;
    else queue.push(i);
  });
  const slots = new Set<Slot>();
  let done = tasks.length - queue.length;
  let failed = false;
  let startFailures = 0;
  if (opts.store) opts.onReused?.(done);
  if (done > 0) opts.onProgress?.(done, tasks.length);

  const label = (i: number) => {
    const t = tasks[i]!;
    return `replication ${t.replication} of scenario '${t.scenario.name}' (seed ${t.seed})`;
  };

  return new Promise<ReplicationResult[]>((resolvePromise, rejectPromise) => {
    const finish = (err: Error | null) => {
      if (failed) return;
      if (err) failed = true;
      for (const s of slots) {
        s.retired = true;
        if (s.timer) clearTimeout(s.timer);
      }
      // A clean finish parks the ready workers in the session, if there is one; anything else ends them.
      const parked = !err && opts.session ? [...slots].filter((s) => readyWorkers.has(s.worker)) : [];
      for (const s of parked) {
        s.detach();
        opts.session!.idle.push(s.worker);
      }
      Promise.all([...slots].filter((s) => !parked.includes(s)).map((s) => s.worker.terminate())).then(
        () => (err ? rejectPromise(err) : resolvePromise(results as ReplicationResult[])),
        () => (err ? rejectPromise(err) : resolvePromise(results as ReplicationResult[])),
      );
    };

    const feed = (slot: Slot) => {
      if (failed || slot.retired) return;
      const i = queue.shift();
      if (i === undefined) {
        slot.task = null;
        if (done === tasks.length) finish(null);
        return;
      }
      slot.task = i;
      attempts[i]!++;
      slot.timer = setTimeout(() => lost(slot, `took longer than ${timeoutMs / 1000} s (hung?)`), timeoutMs);
      const msg: TaskMessage = { id: i, ...tasks[i]! };
      // An injected crash, exit or hang strikes once (a transient fault); 'throw' every time (a bug).
      if (attempts[i]! > 1 && msg.fault !== 'throw') delete msg.fault;
      if (msg.seeds) {
        const sent = seedsSent.get(slot.worker) ?? new Set<string>();
        seedsSent.set(slot.worker, sent);
        if (sent.has(msg.scenario.seedsDir)) delete msg.seeds;
        else sent.add(msg.scenario.seedsDir);
      }
      slot.worker.postMessage(msg);
    };

    /** The worker died or hung with a task in hand: replace it, retry the task once. */
    const lost = (slot: Slot, why: string) => {
      if (slot.retired || failed) return;
      slot.retired = true;
      if (slot.timer) clearTimeout(slot.timer);
      slots.delete(slot);
      void slot.worker.terminate();
      // A worker that cannot even load would be replaced for ever: the second such failure ends the run.
      if (!readyWorkers.has(slot.worker) && ++startFailures >= 2) return finish(new ReplicationError(`cannot start a worker thread: the worker ${why}`));
      const i = slot.task;
      if (i !== null) {
        if (attempts[i]! >= 2) return finish(new ReplicationError(`${label(i)} failed twice: the worker ${why}`));
        opts.onIncident?.(`${label(i)}: the worker ${why}; retried on a fresh worker`);
        queue.unshift(i);
      }
      start();
    };

    const start = () => {
      let parked = opts.session?.idle.pop();
      // A parked worker that died while idle (threadId -1) is dropped.
      while (parked && parked.threadId < 0) parked = opts.session!.idle.pop();
      if (parked) return attach(parked, true);
      pool.acquire(filename, workerOptions, (err, worker) => {
        if (err) return finish(new ReplicationError(`cannot start a worker thread: ${err.message}`));
        attach(worker, false);
      });
    };

    /** A fresh worker gets its first task when it says it is ready: loading modules is not the replication's time. */
    const attach = (worker: Worker, ready: boolean) => {
      const slot: Slot = { worker, detach: () => {}, task: null, timer: null, retired: false };
      slots.add(slot);
      const onMessage = (reply: ReplyMessage | ReadyMessage) => {
        if ('ready' in reply) {
          readyWorkers.add(worker);
          if (slot.timer) clearTimeout(slot.timer);
          return feed(slot);
        }
        if (slot.retired || reply.id !== slot.task) return;
        if (slot.timer) clearTimeout(slot.timer);
        if (!reply.ok) return finish(new ReplicationError(`${label(reply.id)} failed: ${reply.error}`));
        results[reply.id] = reply.result;
        opts.onWorkerMemory?.(worker.threadId, reply.heapUsedB);
        opts.store?.save(tasks[reply.id]!, reply.result);
        done++;
        opts.onProgress?.(done, tasks.length);
        feed(slot);
      };
      // worker-threads-pool listens for 'error' itself and would swallow it: listen too.
      const onError = (e: unknown) => lost(slot, `threw ${e instanceof Error ? e.message : String(e)}`);
      const onExit = (code: number) => {
        if (!slot.retired) lost(slot, `exited with code ${code}`);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      slot.detach = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      if (ready) feed(slot);
      else slot.timer = setTimeout(() => lost(slot, `did not start within ${timeoutMs / 1000} s`), timeoutMs);
    };

    if (queue.length === 0) return resolvePromise(results as ReplicationResult[]);
    for (let k = 0; k < Math.min(n, queue.length); k++) start();
  });
}

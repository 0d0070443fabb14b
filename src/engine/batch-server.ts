import { empty } from './arrays.js';
import type { Process, Waitable } from './process.js';
import type { Handler, Simulation } from './simulation.js';
import { ServerStats } from './server-stats.js';
import { Tally, type Resettable } from './stats.js';
import { WaitingLine } from './waiting-line.js';

export interface BatchServerOptions<C> {
  /** b: the most customers one service carries. */
  capacity: number;
  /** Parallel identical servers (default 1). */
  servers?: number;
  /** A service starts only when at least this many wait (default 1). */
  minBatch?: number;
  /**
   * The caller's capacity rule beyond the count b, e.g. "fits by length and width".
   * Called with the batch formed so far and the next candidate.
   */
  fits?: (batch: readonly C[], candidate: C) => boolean;
  /** May a later customer that fits go ahead of an earlier one that does not? (default false) */
  overtaking?: boolean;
  /** Duration in seconds of one service cycle for the whole batch. */
  serviceTime: (batch: readonly C[]) => number;
}

/** One server and the batch it is carrying; preallocated so a cycle allocates nothing. */
interface Server<C> {
  owner: BatchServer<C>;
  index: number;
  batch: C[];
  done: Handler<C>[];
  cycleStart: number;
}

function endOfService(server: Server<any>): void {
  server.owner.finish(server);
}

function resumeProcess(proc: Process): void {
  proc.resume(undefined);
}

/**
 * A batch (bulk) server: whenever a server is free and customers wait, it takes
 * up to b of them, in arrival order, that pass the capacity rule, and serves them
 * together in one cycle. A lock chamber is one.
 */
export class BatchServer<C> implements Resettable {
  readonly stats: ServerStats;
  readonly batchSize = new Tally(false);
  /** Services started (lockages) and customers carried, since the last reset. */
  cycles = 0;
  carried = 0;

  private readonly capacity: number;
  private readonly minBatch: number;
  private readonly fits: ((batch: readonly C[], candidate: C) => boolean) | undefined;
  private readonly overtaking: boolean;
  private readonly serviceTime: (batch: readonly C[]) => number;
  private readonly idle: Server<C>[] = [];
  private busyCount = 0;
  private readonly line = new WaitingLine<C, Handler<C>>();

  constructor(
    readonly sim: Simulation,
    options: BatchServerOptions<C>,
  ) {
    const { capacity, servers = 1, minBatch = 1 } = options;
    if (!(capacity >= 1) || !Number.isInteger(capacity)) throw new RangeError(`batch capacity must be a whole number ≥ 1, got ${capacity}`);
    if (!(servers >= 1) || !Number.isInteger(servers)) throw new RangeError(`servers must be a whole number ≥ 1, got ${servers}`);
    if (!(minBatch >= 1 && minBatch <= capacity)) throw new RangeError(`minBatch must lie in 1..${capacity}, got ${minBatch}`);
    this.capacity = capacity;
    this.minBatch = minBatch;
    this.fits = options.fits;
    this.overtaking = options.overtaking ?? false;
    this.serviceTime = options.serviceTime;
    for (let i = servers - 1; i >= 0; i--) this.idle.push({ owner: this, index: i, batch: [], done: [], cycleStart: 0 });
    this.stats = new ServerStats(sim.now);
  }

  get waiting(): number {
    return this.line.size;
  }

  /** Callback style: done(customer) runs when the service carrying it ends. */
  join(customer: C, done: Handler<C>): void {
    this.line.push(customer, this.sim.now, done);
    this.stats.queueLength.set(this.sim.now, this.line.size);
    this.tryStart();
  }

  /** Process style: `yield chamber.pass(vessel)` returns once the vessel is through. */
  pass(customer: C): Waitable {
    return {
      wait: (proc) => {
        this.join(customer, resumeProcess.bind(null, proc) as Handler<C>);
        return false;
      },
    };
  }

  /** @internal Called by the end-of-service event. */
  finish(server: Server<C>): void {
    const { batch, done } = server;
    const n = batch.length;
    this.busyCount--;
    this.stats.busy.set(this.sim.now, this.busyCount);
    this.idle.push(server);
    for (let i = 0; i < n; i++) done[i]!(batch[i]!);
    empty(batch);
    empty(done);
    this.tryStart();
  }

  reset(now: number): void {
    this.stats.reset(now);
    this.batchSize.reset();
    this.cycles = 0;
    this.carried = 0;
  }

  private tryStart(): void {
    while (this.idle.length > 0 && this.waiting >= this.minBatch) {
      const server = this.idle[this.idle.length - 1]!;
      this.fill(server);
      if (server.batch.length === 0) return; // nobody fits an empty server: the rule is the caller's to fix
      this.idle.pop();
      const now = this.sim.now;
      this.busyCount++;
      this.stats.busy.set(now, this.busyCount);
      this.stats.queueLength.set(now, this.waiting);
      this.cycles++;
      this.carried += server.batch.length;
      this.batchSize.add(server.batch.length);
      server.cycleStart = now;
      const duration = this.serviceTime(server.batch);
      if (!(duration >= 0)) throw new RangeError(`service time must be ≥ 0 s, got ${duration}`);
      this.sim.schedule(duration, endOfService, server);
    }
  }

  /** Takes the batch from the line: the first b, or with a capacity rule those that pass it in arrival order. */
  private fill(server: Server<C>): void {
    const { batch, done } = server;
    const line = this.line;
    const now = this.sim.now;
    const fits = this.fits;
    const n = line.size;
    let last = 0;
    for (let k = 0; k < n && batch.length < this.capacity; k++) {
      const c = line.item(k);
      if (fits !== undefined && !fits(batch, c)) {
        if (!this.overtaking) break;
        continue;
      }
      batch.push(c);
      done.push(line.done(k));
      this.stats.waits.add(now - line.since(k));
      line.mark(k);
      last = k + 1;
    }
    line.removeMarked(last);
  }
}

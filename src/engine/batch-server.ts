import type { Process, Waitable } from './process.js';
import type { Handler, Simulation } from './simulation.js';
import { Tally, WAITS_BOUND, TimeWeighted, type Resettable } from './stats.js';

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
  readonly queueLength: TimeWeighted;
  readonly busy: TimeWeighted;
  readonly waits = new Tally(true, WAITS_BOUND);
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
  // The waiting line: a ring buffer of parallel arrays, grown by doubling.
  private qCustomer: (C | undefined)[] = new Array(64);
  private qDone: (Handler<C> | undefined)[] = new Array(64);
  private qSince = new Float64Array(64);
  private head = 0;
  private count = 0;

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
    this.queueLength = new TimeWeighted(sim.now);
    this.busy = new TimeWeighted(sim.now);
  }

  get waiting(): number {
    return this.count;
  }

  /** Callback style: done(customer) runs when the service carrying it ends. */
  join(customer: C, done: Handler<C>): void {
    if (this.count === this.qSince.length) this.growLine();
    const at = (this.head + this.count) & (this.qSince.length - 1);
    this.qCustomer[at] = customer;
    this.qDone[at] = done;
    this.qSince[at] = this.sim.now;
    this.count++;
    this.queueLength.set(this.sim.now, this.count);
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
    this.busy.set(this.sim.now, this.busyCount);
    this.idle.push(server);
    for (let i = 0; i < n; i++) done[i]!(batch[i]!);
    batch.length = 0;
    done.length = 0;
    this.tryStart();
  }

  reset(now: number): void {
    this.queueLength.reset(now);
    this.busy.reset(now);
    this.waits.reset();
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
      this.busy.set(now, this.busyCount);
      this.queueLength.set(now, this.waiting);
      this.cycles++;
      this.carried += server.batch.length;
      this.batchSize.add(server.batch.length);
      server.cycleStart = now;
      const duration = this.serviceTime(server.batch);
      if (!(duration >= 0)) throw new RangeError(`service time must be ≥ 0 s, got ${duration}`);
      this.sim.schedule(duration, endOfService, server);
    }
  }

  private fill(server: Server<C>): void {
    const { batch, done } = server;
    const qc = this.qCustomer, qd = this.qDone, qs = this.qSince;
    const mask = qs.length - 1;
    const now = this.sim.now;
    const fits = this.fits;
    const n = this.count;
    if (fits === undefined) {
      const take = Math.min(this.capacity, n);
      for (let k = 0; k < take; k++) {
        const i = (this.head + k) & mask;
        batch.push(qc[i]!);
        done.push(qd[i]!);
        this.waits.add(now - qs[i]!);
        qc[i] = qd[i] = undefined;
      }
      this.head = (this.head + take) & mask;
      this.count -= take;
      return;
    }
    // With a capacity rule: scan in arrival order, closing the gaps that taken customers leave.
    let kept = 0;
    let k = 0;
    for (; k < n; k++) {
      const i = (this.head + k) & mask;
      const c = qc[i]!;
      if (batch.length < this.capacity && fits(batch, c)) {
        batch.push(c);
        done.push(qd[i]!);
        this.waits.add(now - qs[i]!);
        continue;
      }
      if (!this.overtaking || batch.length >= this.capacity) break;
      this.moveEntry(i, (this.head + kept++) & mask);
    }
    for (; k < n; k++) this.moveEntry((this.head + k) & mask, (this.head + kept++) & mask);
    for (let j = kept; j < n; j++) {
      const i = (this.head + j) & mask;
      qc[i] = qd[i] = undefined;
    }
    this.count = kept;
  }

  private moveEntry(from: number, to: number): void {
    if (from === to) return;
    this.qCustomer[to] = this.qCustomer[from];
    this.qDone[to] = this.qDone[from];
    this.qSince[to] = this.qSince[from]!;
  }

  private growLine(): void {
    const n = this.qSince.length;
    const qc: (C | undefined)[] = new Array(n * 2);
    const qd: (Handler<C> | undefined)[] = new Array(n * 2);
    const qs = new Float64Array(n * 2);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & (n - 1);
      qc[k] = this.qCustomer[i];
      qd[k] = this.qDone[i];
      qs[k] = this.qSince[i]!;
    }
    this.qCustomer = qc;
    this.qDone = qd;
    this.qSince = qs;
    this.head = 0;
  }
}

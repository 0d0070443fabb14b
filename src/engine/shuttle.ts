import { empty } from './arrays.js';
import type { Handler, Simulation } from './simulation.js';
import { QueueStats } from './server-stats.js';
import { TimeWeighted, type Resettable } from './stats.js';
import { WaitingLine } from './waiting-line.js';

/**
 * Fills one server's batch. begin() starts an empty batch for a server;
 * tryAdd() says whether a candidate fits beside those already taken (and
 * takes it if so). Stateful, so a 2-D packing need not be recomputed per candidate.
 */
export interface BatchLoader<C> {
  begin(server: number): void;
  tryAdd(candidate: C): boolean;
}

export interface ShuttleOptions<C> {
  /** Number of parallel servers (lock lines). */
  servers: number;
  loader: BatchLoader<C>;
  /** Can this server ever carry this customer? (size limits) */
  admits: (server: number, customer: C) => boolean;
  /** Duration of one crossing of `server` carrying `batch` (empty for a turnaround). */
  crossingTime: (server: number, batch: readonly C[]) => number;
  /** Most customers one crossing carries. */
  maxBatch?: number;
  /** How far down each waiting line a server looks for customers that fit (default 100). */
  scanLimit?: number;
  /** Keep each wait for percentiles (default true); a model that keeps its own can say false. */
  keepWaits?: boolean;
  /** Called as a crossing starts, for KPIs. */
  onCrossing?: (server: number, from: End, batch: readonly C[], durationS: number) => void;
  /**
   * The release rule (default: start at once). Asked before a server starts a crossing with the
   * batch its loader packed (empty for a fetch): returns the time it may start, now or earlier to
   * start at once, later to hold until then. Any arrival or crossing before that asks again.
   */
  release?: (server: number, from: End, batch: readonly C[], plan: BatchPlan) => number;
  // The rule may read the batch, the plan, the time, and at the far end only who waits first there
  // and which servers are bound for it: a held server is planned again only when one of those changes.
  /** Order in which waiting customers are offered to the loader: higher first, ties by arrival (default: arrival order). */
  priority?: (customer: C, sinceS: number) => number;
}

/** What the release rule may weigh besides the batch. */
export interface BatchPlan {
  /** Customers in the scanned window that the server admits but the loader had no room for. */
  leftOut: number;
  /** When the longest-waiting customer of the batch (or, for a fetch, the one fetched) began to wait. */
  oldestSinceS: number;
}

/** The two ends a shuttle runs between (for a lock: 0 = downstream side, 1 = upstream side). */
export type End = 0 | 1;

interface ServerState<C> {
  index: number;
  owner: Shuttle<C>;
  /** Where it is, or where its current crossing ends. */
  at: End;
  crossing: boolean;
  available: boolean;
  batch: C[];
  done: Handler<C>[];
  spareBatch: C[];
  spareDone: Handler<C>[];
  /** Window positions of the batch, while it is only planned. */
  picked: number[];
  /** When a held server asks its release rule again (Infinity: not held). */
  wakeS: number;
  /** Held this dispatch with customers to carry from its own end: not free to fetch from the other. */
  heldLoaded: boolean;
  /** What the last hold was decided on, and until when it holds (-Infinity: not held). */
  holdUntilS: number;
  holdLineVersion: number;
  holdFarSinceS: number;
  holdFarBound: number;
}

function endOfCrossing(s: ServerState<any>): void {
  s.owner.arrive(s);
}

function endOfHold(s: ServerState<any>): void {
  s.owner.wake(s);
}

/**
 * A two-ended batch server, such as a lock with several chambers: customers
 * wait at either end; a server at an end takes the waiting customers that its
 * loader packs (in arrival order, later ones may fill gaps) and carries them
 * across in one crossing. A server with nobody to take at its end crosses
 * empty to fetch customers waiting at the other end, unless another server
 * able to take them is already on its way there.
 *
 * The waiting line at each end is shared by all servers: a customer goes with
 * the first server that starts a crossing from its end and can take it.
 */
export class Shuttle<C> implements Resettable {
  /** Each end's waiting line: waits and length over time. */
  readonly ends: [QueueStats, QueueStats];
  readonly busy: TimeWeighted[];
  readonly crossings: number[];
  readonly emptyCrossings: number[];
  private readonly servers: ServerState<C>[] = [];
  private readonly lines: [WaitingLine<C, Handler<C>>, WaitingLine<C, Handler<C>>] = [new WaitingLine(), new WaitingLine()];
  // Reused by every plan(): planning runs at each arrival and allocates nothing.
  private readonly planned: BatchPlan = { leftOut: 0, oldestSinceS: Infinity };
  private readonly fetchPlan: BatchPlan = { leftOut: 0, oldestSinceS: Infinity };
  private readonly maxBatch: number;
  private readonly scanLimit: number;

  constructor(
    readonly sim: Simulation,
    private readonly opts: ShuttleOptions<C>,
  ) {
    if (!(opts.servers >= 1)) throw new RangeError('a shuttle needs at least one server');
    this.maxBatch = opts.maxBatch ?? Infinity;
    this.scanLimit = opts.scanLimit ?? 100;
    const keep = opts.keepWaits ?? true;
    this.ends = [new QueueStats(sim.now, keep), new QueueStats(sim.now, keep)];
    this.busy = [];
    this.crossings = [];
    this.emptyCrossings = [];
    for (let i = 0; i < opts.servers; i++) {
      this.servers.push({ index: i, owner: this, at: 0, crossing: false, available: true, batch: [], done: [], spareBatch: [], spareDone: [], picked: [], wakeS: Infinity, heldLoaded: false, holdUntilS: -Infinity, holdLineVersion: 0, holdFarSinceS: 0, holdFarBound: 0 });
      this.busy.push(new TimeWeighted(sim.now));
      this.crossings.push(0);
      this.emptyCrossings.push(0);
    }
  }

  waiting(end: End): number {
    return this.lines[end].size;
  }

  /** When the customer first in line at `end` began to wait (Infinity when nobody waits). */
  oldestWaitingSince(end: End): number {
    return this.lines[end].size > 0 ? this.lines[end].since(0) : Infinity;
  }

  /** Servers in service standing at `end` or on their way there. */
  boundFor(end: End): number {
    let n = 0;
    for (const s of this.servers) if (s.available && s.at === end) n++;
    return n;
  }

  /** Customers inside servers now, crossing. */
  aboard(): number {
    let n = 0;
    for (const s of this.servers) n += s.batch.length;
    return n;
  }

  /** Puts a server at an end before the run starts. */
  place(server: number, end: End): void {
    this.servers[server]!.at = end;
  }

  /** Customer waits at `end` to be carried to the other end; done(customer) when it arrives there. */
  join(customer: C, end: End, done: Handler<C>): void {
    const line = this.lines[end];
    line.push(customer, this.sim.now, done);
    this.ends[end].queueLength.set(this.sim.now, line.size);
    this.dispatch();
  }

  /** Takes a server out of service (after its current crossing) or back in. */
  setAvailable(server: number, available: boolean): void {
    const s = this.servers[server]!;
    if (s.available === available) return;
    s.available = available;
    if (available) this.dispatch();
  }

  isAvailable(server: number): boolean {
    return this.servers[server]!.available;
  }

  /** @internal End of a crossing. */
  arrive(s: ServerState<C>): void {
    s.crossing = false;
    this.busy[s.index]!.set(this.sim.now, 0);
    // Hand the server fresh arrays first: a done handler may join a customer, and the dispatch
    // that follows may load this very server.
    const { batch, done } = s;
    s.batch = s.spareBatch;
    s.done = s.spareDone;
    s.spareBatch = batch;
    s.spareDone = done;
    for (let i = 0; i < batch.length; i++) done[i]!(batch[i]!);
    empty(batch);
    empty(done);
    this.dispatch();
  }

  /** @internal A hold ran out: ask again. */
  wake(s: ServerState<C>): void {
    if (s.wakeS !== this.sim.now) return; // superseded by an earlier hold
    s.wakeS = Infinity;
    this.dispatch();
  }

  reset(now: number): void {
    for (const e of this.ends) e.reset(now);
    for (const b of this.busy) b.reset(now);
    this.crossings.fill(0);
    this.emptyCrossings.fill(0);
  }

  /** Starts every crossing that can start now. */
  private dispatch(): void {
    // Loaded crossings first: idle servers take what waits at their own end.
    for (const s of this.servers) {
      s.heldLoaded = false;
      if (s.crossing || !s.available || this.lines[s.at].size === 0) continue;
      if (this.stillHeld(s)) {
        s.heldLoaded = true;
        continue;
      }
      const plan = this.plan(s);
      if (s.batch.length === 0) continue;
      if (this.held(s, plan)) {
        s.heldLoaded = true;
        this.rememberHold(s);
        empty(s.batch);
        empty(s.picked);
        continue;
      }
      this.commit(s);
      this.start(s, s.at);
    }
    // Then empty crossings toward customers no server is coming for. Only idle servers at the
    // other end could fetch them, so with none (the usual case under load) there is nothing to check.
    this.fetchFor(0);
    this.fetchFor(1);
  }

  /** An empty crossing toward the first customer at `end` that no server is coming for, if an idle one can fetch it. */
  private fetchFor(end: End): void {
    const line = this.lines[end];
    if (line.size === 0 || !this.anyIdleAway(end)) return;
    const n = Math.min(line.size, this.scanLimit);
    for (let k = 0; k < n; k++) {
      const c = line.item(k);
      if (this.covered(c, end)) continue;
      // A server held with customers at its own end is not free to fetch: its release rule weighs this side too.
      let fetcher: ServerState<C> | undefined;
      for (const s of this.servers) {
        if (!s.crossing && s.available && !s.heldLoaded && s.at !== end && this.opts.admits(s.index, c)) {
          fetcher = s;
          break;
        }
      }
      const plan = this.fetchPlan;
      plan.leftOut = 0;
      plan.oldestSinceS = line.since(k);
      if (fetcher && !this.held(fetcher, plan)) this.start(fetcher, fetcher.at);
      return; // one fetch per end per dispatch: the next arrival or crossing re-dispatches
    }
  }

  /** Nothing the release rule reads has changed since it held this server, and the hold has not run out. */
  private stillHeld(s: ServerState<C>): boolean {
    if (!(this.sim.now < s.holdUntilS)) return false;
    const far: End = s.at === 0 ? 1 : 0;
    return s.holdLineVersion === this.lines[s.at].version && s.holdFarSinceS === this.oldestWaitingSince(far) && s.holdFarBound === this.boundFor(far);
  }

  private rememberHold(s: ServerState<C>): void {
    const far: End = s.at === 0 ? 1 : 0;
    s.holdUntilS = s.wakeS;
    s.holdLineVersion = this.lines[s.at].version;
    s.holdFarSinceS = this.oldestWaitingSince(far);
    s.holdFarBound = this.boundFor(far);
  }

  /** Does the release rule hold this server? If so, it is woken when the hold runs out. */
  private held(s: ServerState<C>, plan: BatchPlan): boolean {
    const release = this.opts.release;
    if (!release) return false;
    const at = release(s.index, s.at, s.batch, plan);
    if (!(at > this.sim.now)) return false;
    if (at < s.wakeS && at < Infinity) {
      s.wakeS = at;
      this.sim.at(at, endOfHold, s);
    }
    return true;
  }

  private anyIdleAway(end: End): boolean {
    for (const s of this.servers) if (!s.crossing && s.available && !s.heldLoaded && s.at !== end) return true;
    return false;
  }

  /** Is some server already at `end` or on its way there that could take this customer? */
  private covered(c: C, end: End): boolean {
    // `at` is where an idle server stands or where a crossing one is going.
    for (const s of this.servers) {
      if (s.available && s.at === end && this.opts.admits(s.index, c)) return true;
    }
    return false;
  }

  /** Packs the server's batch from the window (not yet taken from the line); returns what it had to leave. */
  private plan(s: ServerState<C>): BatchPlan {
    const line = this.lines[s.at];
    const loader = this.opts.loader;
    loader.begin(s.index);
    const n = Math.min(line.size, this.scanLimit);
    const order = this.opts.priority ? this.ranked(line, n) : null;
    let leftOut = 0, oldestSinceS = Infinity;
    for (let j = 0; j < n; j++) {
      const k = order ? order[j]! : j;
      const c = line.item(k);
      if (!this.opts.admits(s.index, c)) continue;
      if (s.batch.length < this.maxBatch && loader.tryAdd(c)) {
        s.batch.push(c);
        s.picked.push(k);
        oldestSinceS = Math.min(oldestSinceS, line.since(k));
      } else leftOut++;
    }
    const plan = this.planned;
    plan.leftOut = leftOut;
    plan.oldestSinceS = oldestSinceS;
    return plan;
  }

  /** Window positions by priority, highest first, ties in arrival order. */
  private ranked(line: WaitingLine<C, Handler<C>>, n: number): number[] {
    const score = this.scores;
    const order = this.order;
    score.length = order.length = n;
    for (let k = 0; k < n; k++) {
      score[k] = this.opts.priority!(line.item(k), line.since(k));
      order[k] = k;
    }
    return order.sort((a, b) => score[b]! - score[a]! || a - b);
  }

  private readonly scores: number[] = [];
  private readonly order: number[] = [];

  /** Takes the planned batch out of the waiting line. */
  private commit(s: ServerState<C>): void {
    const line = this.lines[s.at];
    const now = this.sim.now;
    for (const k of s.picked) {
      s.done.push(line.done(k));
      this.ends[s.at].waits.add(now - line.since(k));
      line.mark(k);
    }
    let last = 0;
    for (const k of s.picked) last = Math.max(last, k + 1);
    empty(s.picked);
    line.removeMarked(last);
    this.ends[s.at].queueLength.set(now, line.size);
  }

  private start(s: ServerState<C>, from: End): void {
    const duration = this.opts.crossingTime(s.index, s.batch);
    if (!(duration >= 0)) throw new RangeError(`crossing time must be ≥ 0 s, got ${duration}`);
    s.crossing = true;
    s.holdUntilS = -Infinity; // a hold is about the end it stood at
    s.at = from === 0 ? 1 : 0;
    this.busy[s.index]!.set(this.sim.now, 1);
    this.crossings[s.index]!++;
    if (s.batch.length === 0) this.emptyCrossings[s.index]!++;
    this.opts.onCrossing?.(s.index, from, s.batch, duration);
    this.sim.schedule(duration, endOfCrossing, s);
  }
}

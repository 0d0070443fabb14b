import { InvariantError, Shuttle, Tally, TimeWeighted, WAITS_BOUND, type End, type Handler, type Rng, type Simulation, type Streams } from '../engine/index.js';
import { lineTakes, type Hydrology, type Lock, type LockagePolicy, type LockLine } from '../network/index.js';
import { lockClosuresOfYear, type Closure, type ClosureParams } from './closures.js';
import { withdrawalClosures } from './hydrology.js';
import { WAIT_BANDS_S } from './kpis.js';
import { lockageRelease } from './lockage.js';
import { ChamberPacking, DEFAULT_MARGINS, type PackingMargins } from './packing.js';

/** What a lock needs to know of a vessel passing it. */
export interface LockCustomer {
  deadweightT: number;
  lengthM: number;
  beamM: number;
  draughtM: number;
  /** Cargo aboard now (0 when empty). */
  cargoT: number;
  /** Set by the lock when the vessel joins its queue. */
  lockJoinS: number;
  /** Set by the lock: its disruption count when the vessel joined, or -1 if a line was out of service then. */
  lockJoinEpoch: number;
  /** Set by the lock under a points rule: this vessel redeems points for a place up the queue. */
  jumpsQueue: boolean;
}

/** Shuttle ends: a vessel going up waits on the downstream side, one going down on the upstream side. */
export const DOWNSTREAM_SIDE: End = 0;
export const UPSTREAM_SIDE: End = 1;

export interface LineStats {
  lockages: number;
  emptyLockages: number;
  vessels: [number, number];
  tonnes: [number, number];
  areaFill: Tally;
  closed: TimeWeighted;
}

/**
 * One lock: its lines in service work in parallel as the servers of a Shuttle
 * between the downstream and upstream sides. Vessels wait per direction in a
 * line shared by all chambers, and go with the first chamber that starts a
 * lockage from their side and can take them (the earliest actual start). A
 * chamber is filled by row packing (packing.ts); one lockage takes
 * Σ entry + gate close + levelling + gate open + Σ exit; an empty turnaround
 * takes gate close + levelling + gate open. A ship lift is the same with its
 * own cycle components. When a lockage starts, and who goes first, is the lock's
 * lockage policy (lockage.ts).
 */
export class LockModel {
  readonly shuttle: Shuttle<LockCustomer>;
  readonly lineStats: LineStats[];
  readonly waits = new Tally(true, { ...WAITS_BOUND, bands: WAIT_BANDS_S });
  readonly waitsBySide: [Tally, Tally] = [new Tally(false), new Tally(false)];
  /**
   * Waits of vessels that saw every line in service from joining to leaving:
   * congestion alone, as capacity guidelines read waiting in normal operation.
   * Daily off-hours are normal operation; maintenance, floods and scenario closures are not.
   */
  readonly openWaits = new Tally(true, WAITS_BOUND);
  /** Disruptions begun so far; a vessel whose wait spans a change is not in openWaits. */
  private disruptions = 0;
  private linesDisrupted = 0;
  private readonly disruptedCount: number[];
  readonly queue: TimeWeighted;
  /** Seconds of waiting at this lock since the last reset, for its share of the network's waiting. */
  waitingS = 0;
  private readonly closedCount: number[];
  private readonly packing: ChamberPacking;

  constructor(
    readonly sim: Simulation,
    readonly lock: Lock,
    readonly lines: readonly LockLine[],
    margins: PackingMargins = DEFAULT_MARGINS,
    /** Draws who redeems points under a points rule (unused otherwise). */
    private readonly pointsRng: Rng | null = null,
    readonly policy: LockagePolicy = lock.lockage,
  ) {
    this.packing = new ChamberPacking(0, 0, margins);
    this.queue = new TimeWeighted(sim.now);
    this.closedCount = lines.map(() => 0);
    this.disruptedCount = lines.map(() => 0);
    this.lineStats = lines.map(() => ({ lockages: 0, emptyLockages: 0, vessels: [0, 0], tonnes: [0, 0], areaFill: new Tally(false), closed: new TimeWeighted(sim.now) }));
    const packing = this.packing;
    const entryExit = policy.priority === 'points' ? policy.pointsEntryExit : 1;
    const release = lockageRelease(policy, {
      now: () => sim.now,
      packedShare: () => packing.areaM2 / (packing.chamberLengthM * packing.chamberWidthM),
      oldestWaitingSince: (end) => this.shuttle.oldestWaitingSince(end),
      boundFor: (end) => this.shuttle.boundFor(end),
    });
    this.shuttle = new Shuttle<LockCustomer>(sim, {
      servers: Math.max(1, lines.length),
      keepWaits: false, // this model keeps its own, with the disruption marks
      admits: (i, v) => lines[i] !== undefined && lineTakes(lines[i]!, v),
      loader: {
        begin: (i) => packing.reset(lines[i]!.lengthM, lines[i]!.widthM),
        // Margins separate vessels; a lone vessel needs only to fit the chamber itself.
        tryAdd: (v) => packing.tryAdd(v) || (packing.count === 0 && (packing.placeAlone(v), true)),
      },
      crossingTime: (i, batch) => cycleS(lines[i]!, batch.length, entryExit),
      onCrossing: (i, from, batch) => this.recordLockage(i, from, batch),
      ...(release ? { release } : {}),
      ...(policy.priority === 'points' ? { priority: (v: LockCustomer) => (v.jumpsQueue ? 1 : 0) } : {}),
    });
    if (lines.length === 0) this.shuttle.setAvailable(0, false);
  }

  /** The vessel waits on its side, is locked through, then done(vessel) runs. */
  pass<V extends LockCustomer>(vessel: V, side: End, done: Handler<V>): void {
    vessel.lockJoinS = this.sim.now;
    vessel.lockJoinEpoch = this.linesDisrupted > 0 ? -1 : this.disruptions;
    vessel.jumpsQueue = this.pointsRng !== null && this.policy.priority === 'points' && this.pointsRng() < this.policy.pointsJumpShare;
    this.queue.add(this.sim.now, 1);
    this.shuttle.join(vessel, side, done as Handler<LockCustomer>);
  }

  /**
   * Closes (or reopens) one line; nested closures count, so overlapping spells behave.
   * A disruption (not a daily off-hours closure) also marks the waits it touches.
   */
  closeLine(index: number, closed: boolean, disruption = true): void {
    if (disruption) {
      const d = (this.disruptedCount[index]! += closed ? 1 : -1);
      if (closed && d === 1) {
        if (this.linesDisrupted++ === 0) this.disruptions++;
      } else if (!closed && d === 0) this.linesDisrupted--;
    }
    const n = (this.closedCount[index]! += closed ? 1 : -1);
    if (n < 0) throw new Error(`line ${this.lines[index]!.id} of ${this.lock.id} reopened more often than closed`);
    this.lineStats[index]!.closed.set(this.sim.now, n > 0 ? 1 : 0);
    this.shuttle.setAvailable(index, n === 0);
  }

  /**
   * A line's hours in the span since the last reset: those it worked (in service: not off-hours,
   * maintenance, flood or low water) and those it was busy locking within them (a crossing begun
   * before a closure may end inside it, hence the cap). Utilisation is their ratio.
   */
  lineHours(i: number, spanS: number): { closedS: number; workingS: number; busyS: number } {
    const closedS = this.lineStats[i]!.closed.integral(this.sim.now);
    const workingS = spanS - closedS;
    return { closedS, workingS, busyS: Math.min(workingS, this.shuttle.busy[i]!.integral(this.sim.now)) };
  }

  /** The closures of calendar year y within [fromS, toS): off-hours, maintenance, floods, and a low-water year's withdrawals. */
  closuresOfYear(streams: Streams, y: number, fromS: number, toS: number, params: ClosureParams, hydrology?: Hydrology): Closure[] {
    const out = lockClosuresOfYear(this.lock, this.lines, streams, y, fromS, toS, params);
    if (hydrology) out.push(...withdrawalClosures(hydrology, this.lock.id, this.lines.map((l) => l.id), y));
    return out;
  }

  /** Schedules a closure given in calendar time (0 = 1 January of the measured year) on the clock, clipped to the run. */
  scheduleClosure(c: Closure, warmupS: number, endS: number): void {
    const from = Math.max(0, c.fromS + warmupS), to = Math.min(endS, c.toS + warmupS);
    if (!(to > from)) return;
    const lines = c.line === null ? this.lines.map((_, i) => i) : [this.lines.findIndex((l) => l.id === c.line)].filter((i) => i >= 0);
    for (const i of lines) {
      const disruption = c.reason !== 'off-hours';
      this.sim.at(from, () => this.closeLine(i, true, disruption));
      if (to < endS) this.sim.at(to, () => this.closeLine(i, false, disruption));
    }
  }

  reset(now: number): void {
    this.shuttle.reset(now);
    this.waits.reset();
    for (const t of this.waitsBySide) t.reset();
    this.openWaits.reset();
    this.queue.reset(now);
    this.waitingS = 0;
    for (const s of this.lineStats) {
      s.lockages = s.emptyLockages = 0;
      s.vessels = [0, 0];
      s.tonnes = [0, 0];
      s.areaFill.reset();
      s.closed.reset(now);
    }
  }

  private recordLockage(i: number, from: End, batch: readonly LockCustomer[]): void {
    const s = this.lineStats[i]!;
    const now = this.sim.now;
    s.lockages++;
    if (batch.length === 0) {
      s.emptyLockages++;
      return;
    }
    const line = this.lines[i]!;
    let area = 0;
    for (const v of batch) {
      const w = now - v.lockJoinS;
      this.waits.add(w);
      this.waitsBySide[from].add(w);
      if (v.lockJoinEpoch === this.disruptions && this.linesDisrupted === 0) this.openWaits.add(w);
      this.waitingS += w;
      area += v.lengthM * v.beamM;
      s.tonnes[from] += v.cargoT;
    }
    s.vessels[from] += batch.length;
    const chamberM2 = line.lengthM * line.widthM;
    if (area > chamberM2 * (1 + 1e-9)) {
      const sizes = batch.map((v) => `${v.lengthM} × ${v.beamM} m`).join(', ');
      throw new InvariantError(`lock ${this.lock.id} line ${line.id} at ${now} s: ${batch.length} vessels (${sizes}) cover ${area.toFixed(0)} m², more than the chamber's ${chamberM2.toFixed(0)} m²`);
    }
    s.areaFill.add(area / chamberM2);
    this.queue.add(now, -batch.length);
    if (this.queue.level < 0) throw new InvariantError(`lock ${this.lock.id} at ${now} s: its queue went negative (${this.queue.level}): more vessels locked through than ever joined`);
  }
}

/** One lockage of `vessels` vessels in a line, from its cycle components; entryExit scales the per-vessel parts. */
export function cycleS(line: LockLine, vessels: number, entryExit = 1): number {
  const c = line.cycle;
  return vessels * entryExit * (c.entryPerVesselS + c.exitPerVesselS) + c.gateCloseS + c.levellingS + c.gateOpenS;
}

import { Discrete, Simulation, Streams, exponential, nextNhppArrival, type End } from '../engine/index.js';
import { deadweightShareAt, draughtAtShare, lineAdmits, type Hydrology, type LockagePolicy, type VesselClass, type WaterwayNetwork } from '../network/index.js';
import { DAY_S, DEFAULT_CLOSURE_PARAMS, YEAR_S, closureYears, type ClosureParams } from './closures.js';
import { seasonFactor } from './demand.js';
import { DOWNSTREAM_SIDE, LockModel, UPSTREAM_SIDE, type LockCustomer } from './lock.js';
import { DEFAULT_MARGINS, type PackingMargins } from './packing.js';
import { shareInYear } from './voyages.js';

/**
 * One lock of a network on its own, under the traffic a record describes: ships a year by
 * direction and cargo a ship, the dry fleet of the year. The lock's lines, cycle, lockage rule,
 * closures and the hydrological year are the model's own, as in the freight model. It measures
 * the lock alone, so its figures can be set beside the lock's record whatever the demand model
 * puts through it.
 */
export interface LockStudyInput {
  network: WaterwayNetwork;
  lock: string;
  /** Lines in service (default: those open in the network's year). */
  lines?: readonly string[];
  fleetYear: number;
  /** Ship passages a year, both ways. Omitted: a standing queue (see standingQueue). */
  shipsPerYear?: number;
  /** With no shipsPerYear: ships kept waiting on each side, so the lock never idles for want of traffic. */
  standingQueue?: number;
  /** Share of ship passages going downstream. */
  downShare: number;
  /** Mean cargo a ship carries, tonnes, by direction (empty ships included). */
  cargoPerShipT: { up: number; down: number };
  policy?: LockagePolicy;
  /** Hours a day the lock works, where the study year differs from the seeds. */
  operatingSPerDay?: number;
  /** Follow the seeds' monthly seasonality (default); a record of one month runs at its own rate all year. */
  seasonal?: boolean;
  hydrology?: Hydrology;
  closure?: ClosureParams;
  margins?: PackingMargins;
  warmupS?: number;
  horizonS?: number;
  seed: number | string;
  replication?: number;
}

export interface LockStudyResult {
  lock: string;
  lines: string[];
  shipsPerYear: number;
  tonnesPerYear: number;
  /** Rated deadweight of the ships passed a year (what some records count instead of cargo). */
  ratedTonnesPerYear: number;
  /** Lockages that carried ships, a day (what lock bulletins count as 闸次); empty turnarounds apart. */
  lockagesPerDay: number;
  vesselsPerLockage: number;
  tonnesPerLockage: number;
  areaFill: number;
  /** Busy share of the lines' working hours. */
  utilisation: number;
  waitMeanH: number;
}

interface StudyVessel extends LockCustomer {
  side: End;
}

export function runLockStudy(p: LockStudyInput): LockStudyResult {
  const net = p.network;
  const seedLock = net.lock(p.lock);
  if (!seedLock) throw new RangeError(`unknown lock '${p.lock}'`);
  const lock = p.operatingSPerDay === undefined ? seedLock : { ...seedLock, operatingSPerDay: p.operatingSPerDay };
  const lines = net.openLines(lock).filter((l) => !p.lines || p.lines.includes(l.id));
  if (lines.length === 0) throw new RangeError(`lock '${p.lock}' has no line in service in ${net.year}${p.lines ? ` among ${p.lines.join(', ')}` : ''}`);
  const warmupS = p.warmupS ?? 30 * DAY_S;
  const horizonS = p.horizonS ?? YEAR_S;
  const endS = warmupS + horizonS;
  const sim = new Simulation();
  const streams = new Streams(p.seed, `lock-study:${p.lock}#${p.replication ?? 0}`);
  const model = new LockModel(sim, lock, lines, p.margins ?? DEFAULT_MARGINS, streams.stream('points'), p.policy ?? net.lockageRule(lock));
  for (const y of closureYears(-warmupS, horizonS)) for (const c of model.closuresOfYear(streams, y, -warmupS, horizonS, p.closure ?? DEFAULT_CLOSURE_PARAMS, p.hydrology)) model.scheduleClosure(c, warmupS, endS);

  // The dry fleet of the year that some line of the lock takes (by length and beam).
  const fleet = net.seeds.fleet.filter((v) => !v.cargo.includes('container') && shareInYear(v, p.fleetYear) > 0 && lines.some((l) => lineAdmits(l, { ...v, draughtM: 0 }) === null));
  if (fleet.length === 0) throw new RangeError(`no dry vessel class of ${p.fleetYear} fits a line of '${p.lock}'`);
  const pickClass = new Discrete(fleet.map((v) => shareInYear(v, p.fleetYear)));
  const meanDwT = fleet.reduce((s, v) => s + shareInYear(v, p.fleetYear) * v.deadweightT, 0) / fleet.reduce((s, v) => s + shareInYear(v, p.fleetYear), 0);
  // Each direction's cargo as a share of the mean ship, loaded no deeper than the deepest sill that takes the ship.
  const loadShare = [Math.min(1, p.cargoPerShipT.up / meanDwT), Math.min(1, p.cargoPerShipT.down / meanDwT)];
  const rngClass = streams.stream('classes');
  // Each class's draught and cargo by side, worked out once.
  const loads = fleet.map((v) =>
    ([0, 1] as End[]).map((side) => {
      const sill = Math.max(...lines.filter((l) => lineAdmits(l, { ...v, draughtM: 0 }) === null).map((l) => l.sillDepthM));
      // Loaded no deeper than the sill: at most the share the hull carries at that draught.
      const share = Math.min(loadShare[side]!, deadweightShareAt(v, sill));
      return { draughtM: draughtAtShare(v, share), cargoT: v.deadweightT * share };
    }),
  );
  const newVessel = (side: End): StudyVessel => {
    const k = pickClass.sample(rngClass);
    const v: VesselClass = fleet[k]!;
    const load = loads[k]![side]!;
    return { deadweightT: v.deadweightT, lengthM: v.lengthM, beamM: v.beamM, draughtM: load.draughtM, cargoT: load.cargoT, lockJoinS: 0, lockJoinEpoch: 0, jumpsQueue: false, side };
  };

  let passed = 0, tonnes = 0, rated = 0;
  const measuring = () => sim.now >= warmupS;
  const through = (v: StudyVessel) => {
    if (measuring()) {
      passed++;
      tonnes += v.cargoT;
      rated += v.deadweightT;
    }
    if (p.shipsPerYear === undefined && sim.now < endS) join(v.side);
  };
  const join = (side: End) => model.pass(newVessel(side), side, through);

  if (p.shipsPerYear !== undefined) {
    const season = (p.seasonal ?? true) && net.seeds.demand ? net.seeds.demand.seasonality : Array<number>(12).fill(1);
    const maxSeason = Math.max(...season);
    for (const side of [DOWNSTREAM_SIDE, UPSTREAM_SIDE] as End[]) {
      const perS = (p.shipsPerYear * (side === UPSTREAM_SIDE ? p.downShare : 1 - p.downShare)) / YEAR_S;
      if (!(perS > 0)) continue;
      const rng = streams.stream(`arrivals:${side}`);
      const rate = (t: number) => perS * seasonFactor(season, t - warmupS);
      const next = () => {
        const t = nextNhppArrival(rng, sim.now, rate, perS * maxSeason, endS);
        if (t < Infinity) sim.at(t, arrive);
      };
      const arrive = () => {
        join(side);
        next();
      };
      next();
    }
  } else {
    // A standing queue: each ship locked through is replaced on its side when its lockage ends;
    // the first ships arrive over the first hour so that the lines start staggered.
    const q = p.standingQueue ?? 200;
    const rng = streams.stream('standing');
    for (const side of [DOWNSTREAM_SIDE, UPSTREAM_SIDE] as End[]) {
      for (let k = 0; k < q; k++) sim.at(Math.min(3600, exponential(rng, 600)), () => join(side));
    }
  }

  sim.at(warmupS, () => model.reset(sim.now));
  sim.run(endS);

  let lockages = 0, empty = 0, vessels = 0, lineTonnes = 0, busyS = 0, workingS = 0, fillSum = 0, fillN = 0;
  lines.forEach((_, i) => {
    const s = model.lineStats[i]!;
    lockages += s.lockages;
    empty += s.emptyLockages;
    vessels += s.vessels[0] + s.vessels[1];
    lineTonnes += s.tonnes[0] + s.tonnes[1];
    const hours = model.lineHours(i, horizonS);
    workingS += hours.workingS;
    busyS += hours.busyS;
    fillSum += s.areaFill.count > 0 ? s.areaFill.mean * s.areaFill.count : 0;
    fillN += s.areaFill.count;
  });
  const years = horizonS / YEAR_S;
  const loaded = lockages - empty;
  const w = model.waits;
  return {
    lock: lock.id,
    lines: lines.map((l) => l.id),
    shipsPerYear: passed / years,
    tonnesPerYear: tonnes / years,
    ratedTonnesPerYear: rated / years,
    lockagesPerDay: loaded / (horizonS / DAY_S),
    vesselsPerLockage: loaded > 0 ? vessels / loaded : 0,
    tonnesPerLockage: loaded > 0 ? lineTonnes / loaded : 0,
    areaFill: fillN > 0 ? fillSum / fillN : 0,
    utilisation: workingS > 0 ? busyS / workingS : 0,
    waitMeanH: w.count > 0 ? w.mean / 3600 : 0,
  };
}

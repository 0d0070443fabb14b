import { runLockStudy, type LockStudyInput, type LockStudyResult } from '../model/lock-study.js';
import { buildNetwork, type LockMaximum, type LockRecord, type SeedNetwork } from '../network/index.js';
import { stat, type Stat } from '../run/index.js';

/** Per-lockage figures within this share of the record count as reproduced. */
export const PER_LOCKAGE_BAND = 0.25;
/** Mean waits within this factor of the record count as reproduced. */
export const WAIT_FACTOR = 2;
/** Ships kept waiting on each side when a lock's maximum is measured (Changzhou averaged 422 in all in 2025). */
export const STANDING_QUEUE = 200;
/**
 * Cargo a ship carries, both ways, where no record of the lock gives the year's traffic: the mean
 * of Changzhou in September 2019 (14.12 Mt over 13,447 ships; 珠航局 via m.zgkjsz.com 2019-12-23).
 */
export const DEFAULT_CARGO_PER_SHIP_T = 1050;

/** One figure: the record's, the model's, their ratio and whether it is reproduced. */
export interface Compared {
  observed: number;
  model: Stat;
  ratio: number;
  /** Within the band (per-lockage: ±25%; waits: within a factor of 2, or under a 'within' bound). */
  ok: boolean;
}

export interface RecordComparison {
  record: LockRecord;
  lockagesPerDay: Compared | null;
  vesselsPerLockage: Compared | null;
  tonnesPerLockage: Compared | null;
  waitMeanH: Compared | null;
  /** The record says waits stayed within this many hours. */
  waitWithinH: Compared | null;
  /** The model's figures without a record to set them beside. */
  utilisation: Stat;
  areaFill: Stat;
}

export interface MaximumComparison {
  maximum: LockMaximum;
  /** What the lock passes kept busy, on the record's basis (cargo or rated deadweight). */
  model: Stat;
  ratio: number;
  /** Not below the record. */
  ok: boolean;
  traffic: string;
}

/** The traffic a record describes, as a lock study's input (a month's rate held for a year, no seasonality). */
export function recordTraffic(r: LockRecord): Pick<LockStudyInput, 'shipsPerYear' | 'downShare' | 'cargoPerShipT' | 'seasonal'> {
  const down = r.shipsDown ?? r.ships / 2;
  const up = r.ships - down;
  const perShip = r.cargoT / r.ships;
  const cargoPerShipT =
    r.cargoDownT !== undefined && down > 0 && up > 0 ? { down: r.cargoDownT / down, up: (r.cargoT - r.cargoDownT) / up } : { down: perShip, up: perShip };
  return { shipsPerYear: (r.ships / r.days) * 365, downShare: down / r.ships, cargoPerShipT, seasonal: r.days >= 365 };
}

/** The lock as a record saw it: the lines in service and the hours worked, where it says. */
function lockAsRecorded(x: { lock: string; lines?: string[]; operatingSPerDay?: number }): Pick<LockStudyInput, 'lock' | 'lines' | 'operatingSPerDay'> {
  return { lock: x.lock, ...(x.lines ? { lines: x.lines } : {}), ...(x.operatingSPerDay !== undefined ? { operatingSPerDay: x.operatingSPerDay } : {}) };
}

function replicate(n: number, run: (replication: number) => LockStudyResult): LockStudyResult[] {
  return Array.from({ length: n }, (_, k) => run(k));
}

function compare(observed: number | undefined, values: number[], ok: (ratio: number) => boolean): Compared | null {
  if (observed === undefined || !(observed > 0)) return null;
  const model = stat(values);
  const ratio = model.mean / observed;
  return { observed, model, ratio, ok: ok(ratio) };
}

const inBand = (ratio: number) => Math.abs(ratio - 1) <= PER_LOCKAGE_BAND;
const withinFactor = (ratio: number) => ratio >= 1 / WAIT_FACTOR && ratio <= WAIT_FACTOR;

/** Runs each record's traffic through its lock alone and sets the model's figures beside the record's. */
export function compareLockRecords(seeds: SeedNetwork, opts: { replications: number; seed: number | string }): RecordComparison[] {
  return seeds.lockRecords.map((r) => {
    const network = buildNetwork(seeds, r.year, []);
    const runs = replicate(opts.replications, (replication) =>
      runLockStudy({ network, ...lockAsRecorded(r), fleetYear: r.year, ...recordTraffic(r), seed: opts.seed, replication }),
    );
    const of = (f: (x: LockStudyResult) => number) => runs.map(f);
    const lockages = r.lockages;
    return {
      record: r,
      lockagesPerDay: compare(lockages !== undefined ? lockages / r.days : undefined, of((x) => x.lockagesPerDay), inBand),
      vesselsPerLockage: compare(lockages ? r.ships / lockages : undefined, of((x) => x.vesselsPerLockage), inBand),
      tonnesPerLockage: compare(lockages ? r.cargoT / lockages : undefined, of((x) => x.tonnesPerLockage), inBand),
      waitMeanH: compare(r.waitMeanS !== undefined ? r.waitMeanS / 3600 : undefined, of((x) => x.waitMeanH), withinFactor),
      waitWithinH: compare(r.waitWithinS !== undefined ? r.waitWithinS / 3600 : undefined, of((x) => x.waitMeanH), (ratio) => ratio <= 1),
      utilisation: stat(of((x) => x.utilisation)),
      areaFill: stat(of((x) => x.areaFill)),
    };
  });
}

/**
 * Each recorded maximum beside what the model's lock passes when it is never short of traffic: a
 * standing queue on both sides, the year's fleet and the lock's own closures. The ships carry the
 * cargo of the lock's record nearest in time, or DEFAULT_CARGO_PER_SHIP_T both ways.
 */
export function compareLockMaxima(seeds: SeedNetwork, opts: { replications: number; seed: number | string }): MaximumComparison[] {
  return seeds.lockMaxima.map((m) => {
    const nearest = seeds.lockRecords
      .filter((r) => r.lock === m.lock)
      .sort((a, b) => Math.abs(a.year - m.year) - Math.abs(b.year - m.year))[0];
    const traffic = nearest ? recordTraffic(nearest) : null;
    const network = buildNetwork(seeds, m.year, []);
    const runs = replicate(opts.replications, (replication) =>
      runLockStudy({
        network,
        ...lockAsRecorded(m),
        fleetYear: m.year,
        standingQueue: STANDING_QUEUE,
        downShare: traffic?.downShare ?? 0.5,
        cargoPerShipT: traffic?.cargoPerShipT ?? { down: DEFAULT_CARGO_PER_SHIP_T, up: DEFAULT_CARGO_PER_SHIP_T },
        seed: opts.seed,
        replication,
      }),
    );
    const model = stat(runs.map((x) => (m.basis === 'rated' ? x.ratedTonnesPerYear : x.tonnesPerYear)));
    const ratio = model.mean / m.tonnesPerYear;
    return {
      maximum: m,
      model,
      ratio,
      ok: model.mean >= m.tonnesPerYear,
      traffic: nearest ? `ships and cargo as record ${nearest.id}` : `${DEFAULT_CARGO_PER_SHIP_T} t a ship both ways`,
    };
  });
}

import type { Lock, LockLine, VesselClass } from '../network/index.js';
import { fullChamber } from './chamber.js';
import type { PackingMargins } from './packing.js';

/**
 * Coefficients of the Chinese lock design code's capacity formula (JTS 305,
 * 船闸总体设计规范). The defaults are those of the one worked example found
 * (Liulaojian third lock course design, citing the code's clause 6.1.18):
 * α = 0.55, β = 1.15, no non-cargo lockages. The code's own recommended
 * ranges could not be checked here (README, "Validation against design practice").
 */
export interface DesignCodeCoefficients {
  /** α, vessel loading coefficient (船舶装载系数). */
  loading: number;
  /** β, monthly traffic imbalance coefficient (运量不均衡系数). */
  imbalance: number;
  /** n0, lockages a day for non-cargo vessels. */
  nonCargoLockagesPerDay: number;
}

export const JTS305_DEFAULTS: DesignCodeCoefficients = { loading: 0.55, imbalance: 1.15, nonCargoLockagesPerDay: 0 };

export interface DesignCodeCapacity {
  /** P, one-way annual capacity in tonnes, summed over the lines. */
  oneWayTonnesPerYear: number;
  lines: {
    id: string;
    /** n = working hours a day ÷ the time of one full lockage. */
    lockagesPerDay: number;
    /** N = 365 − maintenance days − flood-closure days. */
    workingDays: number;
    /** G = deadweight of a full chamber of the admitted fleet mix. */
    chamberDeadweightT: number;
    oneWayTonnesPerYear: number;
  }[];
}

/**
 * P = ½ (n − n0) · N · G · α / β per line, from the same seeds the simulation
 * uses: n counts lockages of both directions (the ½ makes it one way, as the
 * worked example's numbers show), G the chamber packed as for the I/C ratio.
 */
export function designCodeCapacity(
  lock: Lock,
  lines: readonly LockLine[],
  fleet: readonly VesselClass[],
  share: (v: VesselClass) => number,
  margins: PackingMargins,
  k: DesignCodeCoefficients = JTS305_DEFAULTS,
): DesignCodeCapacity {
  const workingDays = 365 - (lock.maintenanceSPerYear + lock.floodClosureSPerYear) / 86400;
  const out = lines.map((line) => {
    const full = fullChamber(line, fleet, share, margins);
    const lockagesPerDay = full.deadweightT > 0 ? lock.operatingSPerDay / full.cycleS : 0;
    const p = 0.5 * Math.max(0, lockagesPerDay - k.nonCargoLockagesPerDay) * workingDays * full.deadweightT * k.loading / k.imbalance;
    return { id: line.id, lockagesPerDay, workingDays, chamberDeadweightT: full.deadweightT, oneWayTonnesPerYear: p };
  });
  return { oneWayTonnesPerYear: out.reduce((s, l) => s + l.oneWayTonnesPerYear, 0), lines: out };
}

import { lineAdmits, type LockLine, type VesselClass } from '../network/index.js';
import { cycleS } from './lock.js';
import { ChamberPacking, type PackingMargins } from './packing.js';

/** A chamber packed full with a representative mix of the fleet it admits. */
export interface FullChamber {
  vessels: number;
  /** Deadweight of the vessels aboard: the chamber's tonnage per lockage. */
  deadweightT: number;
  /** Cargo aboard if every vessel is loaded to its class's load factor. */
  cargoT: number;
  /** One lockage of the full chamber. */
  cycleS: number;
}

/**
 * Packs a line's chamber with the classes it admits in proportion to their
 * shares (largest remainder, so the sample follows the shares) until the next
 * vessel does not fit. The basis of the lock's I/C ratio and of the design
 * code's tonnage per lockage.
 */
export function fullChamber(line: LockLine, fleet: readonly VesselClass[], share: (v: VesselClass) => number, margins: PackingMargins): FullChamber {
  const mix = fleet.filter((v) => lineAdmits(line, v) === null);
  if (mix.length === 0) return { vessels: 0, deadweightT: 0, cargoT: 0, cycleS: cycleS(line, 0) };
  const packing = new ChamberPacking(line.lengthM, line.widthM, margins);
  packing.reset();
  const weights = mix.map((v) => Math.max(1e-9, share(v)));
  const total = weights.reduce((s, w) => s + w, 0);
  const taken = mix.map(() => 0);
  let deadweightT = 0, cargoT = 0;
  for (let k = 0; k < 200; k++) {
    let best = 0, bestGap = -Infinity;
    for (let j = 0; j < mix.length; j++) {
      const gap = ((k + 1) * weights[j]!) / total - taken[j]!;
      if (gap > bestGap) [best, bestGap] = [j, gap];
    }
    const v = mix[best]!;
    const placed = packing.tryAdd(v);
    if (!placed && packing.count > 0) break;
    taken[best]!++;
    if (placed) {
      deadweightT += v.deadweightT;
      cargoT += v.deadweightT * v.loadFactor;
    }
  }
  if (packing.count === 0) {
    // No class fits beside the margins: the lock still takes one vessel alone (lock.ts).
    const lone = mix[weights.indexOf(Math.max(...weights))]!;
    deadweightT = lone.deadweightT;
    cargoT = lone.deadweightT * lone.loadFactor;
  }
  const vessels = Math.max(1, packing.count);
  return { vessels, deadweightT, cargoT, cycleS: cycleS(line, vessels) };
}

import { IMMEDIATE_LOCKAGE, type CycleComponents, type Lock, type LockLine } from '../../src/network/index.js';

/** Cycle components in whole minutes, easy to add up by hand. */
export const CYCLE: CycleComponents = { gateOpenS: 180, gateCloseS: 180, levellingS: 600, entryPerVesselS: 300, exitPerVesselS: 120 };

export function line(id: string, lengthM: number, widthM: number, opened = 2000): LockLine {
  return { id, name: { en: `line ${id}`, zh: `${id}线` }, lengthM, widthM, sillDepthM: 5, designVesselT: 3000, opened, planned: false, cycle: CYCLE };
}

export function lock(lines: LockLine[], extra: Partial<Lock> = {}): Lock {
  return {
    id: 'toy',
    name: { en: 'Toy', zh: '玩具' },
    node: 'toy',
    kind: 'lock',
    headM: 10,
    operatingSPerDay: 86400,
    maintenanceSPerYear: 0,
    floodClosureSPerYear: 0,
    floodSeason: [],
    cycle: CYCLE,
    lockage: IMMEDIATE_LOCKAGE,
    lines,
    designCapacity: [],
    ...extra,
  };
}

export function vessel(lengthM: number, beamM: number, cargoT = 1000) {
  return { deadweightT: cargoT, lengthM, beamM, draughtM: 2, cargoT, lockJoinS: 0, lockJoinEpoch: 0, jumpsQueue: false };
}

import type { CargoKind } from '../network/index.js';
import type { LockCustomer } from './lock.js';
import type { PortModel } from './port.js';
import type { BackhaulLoad } from './voyage-plan.js';
import type { Step, VoyageType } from './voyages.js';

/** Where a vessel is in its round trip. */
export const enum VesselState {
  Sailing,
  AtLock,
  AtPort,
  Done,
}

/**
 * One round trip in progress: the vessel and where it is. Records are pooled:
 * a finished vessel is reused by the next voyage, so the hot path allocates none.
 */
export interface Vessel extends LockCustomer {
  type: VoyageType;
  /** The ports of the voyage type's origin and destination in this replication. */
  originPort: PortModel;
  destinationPort: PortModel;
  /** Its place in the list of vessels in the network, and the order it started in (for reading that list in order). */
  liveIndex: number;
  serial: number;
  /** 0 out to the destination, 1 on the way back. */
  leg: 0 | 1;
  step: number;
  steps: Step[];
  /** Cargo ready at the origin (the voyage's start), for transit times. */
  readyS: number;
  backhaul: BackhaulLoad | null;
  /** TEU of the current leg's cargo. */
  teuAboard: number;
  /** Tonnes actually aboard: set when loading ends, cleared when unloading ends. */
  aboardT: number;
  state: VesselState;
  // The berth call in progress (kept on the vessel so a call allocates nothing).
  berthPort: PortModel | null;
  berthCargo: CargoKind | null;
  afterBerth: ((v: Vessel) => void) | null;
}

/** A vessel with every field present from the start, so all share one hidden class. */
export function newVessel(type: VoyageType, port: PortModel): Vessel {
  return {
    type,
    originPort: port,
    destinationPort: port,
    liveIndex: -1,
    serial: 0,
    deadweightT: 0,
    lengthM: 0,
    beamM: 0,
    draughtM: 0,
    cargoT: 0,
    teuAboard: 0,
    aboardT: 0,
    lockJoinS: 0,
    lockJoinEpoch: 0,
    jumpsQueue: false,
    leg: 0,
    step: -1,
    steps: type.out,
    readyS: 0,
    backhaul: null,
    state: VesselState.Sailing,
    berthPort: null,
    berthCargo: null,
    afterBerth: null,
  };
}

/** KPIs of one replication: plain data, the same shape whether one run or many are reported. */

export interface BerthKpi {
  cargo: string;
  berths: number;
  /** Handling rate per berth, t/h (or TEU/h for container berths). */
  ratePerH: number;
  rateUnit: 't' | 'TEU';
  utilisation: number;
  meanWaitH: number;
  calls: number;
  /** Cargo handled, in the berths' unit (t, or TEU for container berths). */
  handled: number;
  /** Cargo the berths could handle in the measured span if always busy handling. */
  capacity: number;
  /** Vessels waiting for a berth at the end of the run. */
  queuedAtEnd: number;
}

export interface PortKpi {
  id: string;
  name: { en: string; zh: string };
  mainLine: boolean;
  loadedT: number;
  unloadedT: number;
  throughputT: number;
  teu: number;
  /** Handling capacity in tonnes for non-container berths over the measured span. */
  capacityT: number;
  capacityTeu: number;
  berths: BerthKpi[];
}

/** Lower edges of the waiting-time bands, hours; the last band is open above. */
export const WAIT_BANDS_H: readonly number[] = [0, 0.25, 0.5, 1, 2, 4, 8, 16, 32];
export const WAIT_BANDS_S: readonly number[] = WAIT_BANDS_H.map((h) => h * 3600);

/** What a lock line, and a lock as the sum of its lines, passed and how busy it was. */
export interface LockTraffic {
  lockages: number;
  /** Upbound vessels come from the downstream side. */
  vesselsUp: number;
  vesselsDown: number;
  tonnesUp: number;
  tonnesDown: number;
  /** Share of its working hours (in service: not off-hours, maintenance, flood or low water) a line spent locking. */
  utilisation: number;
  /** Hours in service in the measured span. */
  workingH: number;
  /** Vessels and cargo tonnes per loaded lockage. */
  vesselsPerLockage: number;
  tonnesPerLockage: number;
  meanAreaFill: number;
  closureH: number;
  /** Vessels passed ÷ vessels the lines could pass with every lockage full (I/C). */
  icRatio: number;
}

export interface LineKpi extends LockTraffic {
  id: string;
  emptyLockages: number;
}

export interface LockKpi extends LockTraffic {
  id: string;
  name: { en: string; zh: string };
  lines: LineKpi[];
  waitMeanH: number;
  waitP90H: number;
  waitMaxH: number;
  waitMeanUpH: number;
  waitMeanDownH: number;
  /** Mean and p90 wait of the vessels whose wait saw every line in service (congestion alone). */
  waitMeanOpenH: number;
  waitP90OpenH: number;
  /** Share of the vessels locked through whose wait fell in each band of WAIT_BANDS_H. */
  waitShares: number[];
  queueMean: number;
  queueMax: number;
  /** This lock's share of all waiting at locks. */
  shareOfWaiting: number;
  /** Vessels waiting at the end of the run. */
  queuedAtEnd: number;
}

export interface NetworkKpi {
  voyagesStarted: number;
  voyagesCompleted: number;
  offeredT: number;
  servedT: number;
  /** Cargo generated (at any time) and not delivered at the end. */
  backlogT: number;
  backlogVessels: number;
  /** The five places holding most vessels at the end ('… berths', '… lock', 'under way'). */
  backlogAt: { place: string; vessels: number; tonnes: number }[];
  meanTransitH: number;
  totalLockWaitH: number;
}

export interface ConservationCheck {
  ok: boolean;
  vesselsGenerated: number;
  vesselsFinished: number;
  vesselsSailing: number;
  vesselsAtLocks: number;
  vesselsAtPorts: number;
  tonnesLoaded: number;
  tonnesUnloaded: number;
  tonnesAfloat: number;
  problems: string[];
}

export interface ReplicationResult {
  network: string;
  year: number;
  seed: number | string;
  replication: number;
  measuredDays: number;
  warmupDays: number;
  mainLine: { tonnes: number; teu: number; targetTonnes: number; targetTeu: number; tonnesReached: boolean; teuReached: boolean };
  ports: PortKpi[];
  locks: LockKpi[];
  net: NetworkKpi;
  conservation: ConservationCheck;
  warnings: string[];
  events: number;
}

import type { DemandShape, Hydrology, WaterwayNetwork } from '../network/index.js';
import { DAY_S, DEFAULT_CLOSURE_PARAMS, type Closure, type ClosureParams } from './closures.js';
import type { OdFlow } from './demand.js';
import { FreightYear } from './freight-year.js';
import type { ReplicationResult } from './kpis.js';
import { DEFAULT_MARGINS, type PackingMargins } from './packing.js';

export { fleetShare } from './voyage-plan.js';

/** Everything one replication needs. No files, no threads: plain data. */
export interface FreightInput {
  network: WaterwayNetwork;
  flows: readonly OdFlow[];
  shape: DemandShape;
  /** Year whose fleet mix applies (usually the network year). */
  fleetYear: number;
  /** Shares by vessel class id that replace the year's mix, where given. */
  fleetShares?: Record<string, number>;
  warmupS: number;
  /** Measured span after the warm-up. */
  horizonS: number;
  margins: PackingMargins;
  /** Mooring, unmooring and formalities per port call. */
  callOverheadS: number;
  closure: ClosureParams;
  extraClosures: readonly Closure[];
  targets: { tonnes: number; teu: number };
  /** Locks that pass vessels as open river would: a what-if that removes them as constraints. */
  relievedLocks?: readonly string[];
  /** Berths that never make a vessel wait (their seeded counts still set utilisation and capacity). */
  berthsUnconstrained?: boolean;
  /** Vessels in the network at once beyond which the run stops as overloaded (default MAX_VESSELS_IN_NETWORK). */
  maxVesselsInNetwork?: number;
  /** The hydrological year: depth lost by reach and month, lines withdrawn (default: normal water). */
  hydrology?: Hydrology;
  /** Refuse reaches whose class tonnage is below a vessel's deadweight (default: only depth limits). */
  classTonnageCap?: boolean;
}

/**
 * Demand far beyond what the network carries piles vessels up without end; past
 * this many at once a replication stops with OverloadError rather than run for
 * hours. Measured: plan-2020 at its own demand ends the year with about 42,000
 * in the network; at ×100 a replication reaches the limit by day 48, after 29 s
 * and 1.9 GB peak RSS for two workers.
 */
export const MAX_VESSELS_IN_NETWORK = 2_000_000;

/** The replication stopped because demand far exceeds what the network can carry. */
export class OverloadError extends Error {
  override name = 'OverloadError';
}

export const DEFAULT_FREIGHT_PARAMS = {
  warmupS: 30 * DAY_S,
  horizonS: 365 * DAY_S,
  margins: DEFAULT_MARGINS,
  callOverheadS: 3600,
  closure: DEFAULT_CLOSURE_PARAMS,
  targets: { tonnes: 300e6, teu: 10e6 },
} as const;

/** One replication of a year of freight on the network (see FreightYear). */
export function runFreightYear(input: FreightInput, seed: number | string, replication: number, scenarioKey = ''): ReplicationResult {
  return new FreightYear(input, seed, replication, scenarioKey).run();
}

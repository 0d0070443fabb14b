import { roundTripBlocker, type CargoKind, type SeedNetwork, type WaterwayNetwork } from '../network/index.js';
import { DEFAULT_FREIGHT_PARAMS, type FreightInput } from './freight-model.js';
import { gravityFlows, portTotalsForYear, type DemandDiagnostics, type OdFlow, type PortTotal } from './demand.js';
import type { Closure } from './closures.js';
import { shareInYear } from './voyages.js';
import { demandZones, flowsToZones } from './zones.js';

export { runFreightYear, DEFAULT_FREIGHT_PARAMS, MAX_VESSELS_IN_NETWORK, OverloadError, type FreightInput } from './freight-model.js';
export type * from './kpis.js';
export { WAIT_BANDS_H } from './kpis.js';
export { gravityFlows, portTotalsForYear, publishedTotal, CONTAINER_COMMODITY, type OdFlow, type PortTotal } from './demand.js';
export { furness, balanceTotals, FURNESS_TOLERANCE } from './furness.js';
export type { Closure } from './closures.js';

export interface DemandOptions {
  /** Year of the demand; growth runs geometrically from the base year to the target year. */
  year: number;
  demandScale?: number;
  baseYear?: number;
  targetYear?: number;
  targetTonnes?: number;
  targetTeu?: number;
  gravityExponent?: number;
  /** Flows given outright replace the gravity model. */
  flows?: OdFlow[];
  /** Port totals given outright replace the published ones grown to the year. */
  totals?: PortTotal[];
  /** Monthly factors that replace the seeds' seasonality. */
  seasonality?: number[];
}

export interface PreparedInput {
  input: FreightInput;
  totals: PortTotal[];
  diagnostics: DemandDiagnostics;
}

/** Can some fleet class carrying `cargo` make the round trip between two nodes? */
export function reachability(net: WaterwayNetwork, year: number): (from: string, to: string, cargo: CargoKind) => boolean {
  const cache = new Map<string, boolean>();
  return (from, to, cargo) => {
    const key = `${from}|${to}|${cargo}`;
    let ok = cache.get(key);
    if (ok === undefined) {
      const classes = net.seed.fleet.filter((v) => v.cargo.includes(cargo) && shareInYear(v, year) > 0);
      ok = roundTripBlocker(net, from, to, classes) === null;
      cache.set(key, ok);
    }
    return ok;
  };
}

/**
 * Everything a replication needs, from the seeds and the options: port totals
 * grown to the year, OD flows by gravity and Furness (or as given), and the
 * model's default parameters. The plan's targets default to 300 Mt and
 * 10 M TEU in 2020 from the 2013 base.
 */
export function prepareFreightInput(seed: SeedNetwork, net: WaterwayNetwork, opts: DemandOptions, extraClosures: Closure[] = []): PreparedInput {
  if (!seed.demand) throw new RangeError(`the seed folder ${seed.dir} has no demand.yaml: the demand model needs its commodity mix and seasonality`);
  const growth = {
    baseYear: opts.baseYear ?? seed.baseYear,
    targetYear: opts.targetYear ?? 2020,
    targetTonnes: opts.targetTonnes ?? DEFAULT_FREIGHT_PARAMS.targets.tonnes,
    targetTeu: opts.targetTeu ?? DEFAULT_FREIGHT_PARAMS.targets.teu,
  };
  const scale = opts.demandScale ?? 1;
  // Given totals and flows scale as grown ones do, so a demand sweep moves every kind of demand.
  // Totals are only needed to spread demand over pairs; given flows need none.
  const totals = opts.totals?.map((t) => ({ ...t, tonnes: t.tonnes * scale, teu: t.teu * scale })) ?? (opts.flows ? [] : portTotalsForYear(seed, opts.year, growth, scale));
  const shape = opts.seasonality ? { ...seed.demand, seasonality: opts.seasonality } : seed.demand;
  let flows: OdFlow[];
  let diagnostics: DemandDiagnostics = { balancing: [], excluded: [] };
  if (opts.flows) flows = flowsToZones(opts.flows.map((f) => ({ ...f, tonnes: f.tonnes * scale, teu: f.teu * scale })), demandZones(seed));
  else {
    const g = gravityFlows(seed, { shape, totals, gravityExponent: opts.gravityExponent ?? 1, reachable: reachability(net, net.year) });
    flows = g.flows;
    diagnostics = g.diagnostics;
  }
  return {
    totals,
    diagnostics,
    input: {
      network: net,
      flows,
      shape,
      fleetYear: net.year,
      warmupS: DEFAULT_FREIGHT_PARAMS.warmupS,
      horizonS: DEFAULT_FREIGHT_PARAMS.horizonS,
      margins: DEFAULT_FREIGHT_PARAMS.margins,
      callOverheadS: DEFAULT_FREIGHT_PARAMS.callOverheadS,
      closure: DEFAULT_FREIGHT_PARAMS.closure,
      extraClosures,
      targets: { tonnes: growth.targetTonnes, teu: growth.targetTeu },
    },
  };
}
export { planLockSet, BOX2_LOCKS } from './plan.js';
export { demandZones, type Zone } from './zones.js';
export { fullChamber, type FullChamber } from './chamber.js';
export { designCodeCapacity, JTS305_DEFAULTS, type DesignCodeCapacity, type DesignCodeCoefficients } from './design-code.js';
export { fleetShare } from './freight-model.js';

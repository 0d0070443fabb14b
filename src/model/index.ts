import type { SeedNetwork, WaterwayNetwork } from '../network/index.js';
import { DEFAULT_FREIGHT_PARAMS, type FreightInput } from './freight-model.js';
import { gravityFlows, portTotalsForYear, reachability, type DemandDiagnostics, type OdFlow, type PortTotal } from './demand.js';
import type { Closure } from './closures.js';
import { recordDemand, type RecordDemand } from './record-demand.js';
import { demandZones, flowsToZones } from './zones.js';

export { runFreightYear, DEFAULT_FREIGHT_PARAMS, MAX_VESSELS_IN_NETWORK, OverloadError, type FreightInput } from './freight-model.js';
export type * from './kpis.js';
export { WAIT_BANDS_H } from './kpis.js';
export { gravityFlows, portTotalsForYear, publishedTotal, reachability, inlandScope, CONTAINER_COMMODITY, type OdFlow, type PortTotal } from './demand.js';
export { furness, balanceTotals, FURNESS_TOLERANCE } from './furness.js';
export type { Closure } from './closures.js';

export interface DemandOptions {
  /** Year of the demand; growth runs geometrically from the base year to the target year. */
  year: number;
  /** record: the year's port totals and lock counts fitted together (record-demand.ts); plan (default): grown to the plan's targets. */
  basis?: 'record' | 'plan';
  /** Growth path after the record (basis record). */
  path?: string;
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
  /** The fit behind a record demand. */
  record?: RecordDemand;
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
  const planPath = opts.basis !== 'record' && !opts.flows && !opts.totals;
  let totals = opts.totals?.map((t) => ({ ...t, tonnes: t.tonnes * scale, teu: t.teu * scale })) ?? (planPath ? portTotalsForYear(seed, opts.year, growth, scale) : []);
  const shape = opts.seasonality ? { ...seed.demand, seasonality: opts.seasonality } : seed.demand;
  let flows: OdFlow[];
  let diagnostics: DemandDiagnostics = { balancing: [], excluded: [] };
  let record: RecordDemand | undefined;
  if (opts.flows) flows = flowsToZones(opts.flows.map((f) => ({ ...f, tonnes: f.tonnes * scale, teu: f.teu * scale })), demandZones(seed));
  else if (opts.basis === 'record' && !opts.totals) {
    record = recordDemand(seed, opts.year, opts.path ?? 'central', opts.gravityExponent ?? 1);
    flows = record.flows.map((f) => ({ ...f, tonnes: f.tonnes * scale, teu: f.teu * scale }));
    totals = record.totals.map((t) => ({ ...t, tonnes: t.tonnes * scale, teu: t.teu * scale }));
  } else {
    const g = gravityFlows(seed, { shape, totals, gravityExponent: opts.gravityExponent ?? 1, reachable: reachability(net, net.year) });
    flows = g.flows;
    diagnostics = g.diagnostics;
  }
  return {
    totals,
    diagnostics,
    ...(record ? { record } : {}),
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
export { recordDemand, lastRecordYear, growthPath, type RecordDemand, type DemandFigure } from './record-demand.js';
export { fitToCounts, type CountConstraint, type CountFit } from './od-fit.js';
export { fullChamber, type FullChamber } from './chamber.js';
export { designCodeCapacity, JTS305_DEFAULTS, type DesignCodeCapacity, type DesignCodeCoefficients } from './design-code.js';
export { fleetShare } from './freight-model.js';

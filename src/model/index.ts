import type { SeedNetwork, WaterwayNetwork } from '../network/index.js';
import type { Demand } from '../scenario/demand.js';
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

export interface PreparedInput {
  input: FreightInput;
  totals: PortTotal[];
  diagnostics: DemandDiagnostics;
  /** The fit behind a record demand. */
  record?: RecordDemand;
}

/**
 * Everything a replication needs, from the seeds and the scenario's demand
 * (taken whole: its defaults are set in scenario/demand.ts): port totals grown
 * to the year, OD flows by gravity and Furness, or fitted to the record, or as
 * given, and the model's default parameters.
 */
export function prepareFreightInput(seeds: SeedNetwork, net: WaterwayNetwork, opts: Demand, extraClosures: Closure[] = []): PreparedInput {
  if (!seeds.demand) throw new RangeError(`the seed folder ${seeds.dir} has no demand.yaml: the demand model needs its commodity mix and seasonality`);
  const growth = { baseYear: opts.baseYear, targetYear: opts.targetYear, targetTonnes: opts.targetTonnes, targetTeu: opts.targetTeu };
  const scale = opts.demandScale;
  // Given totals and flows scale as grown ones do, so a demand sweep moves every kind of demand.
  // Totals are only needed to spread demand over pairs; given flows need none.
  const planPath = opts.basis !== 'record' && !opts.flows && !opts.totals;
  let totals = opts.totals?.map((t) => ({ ...t, tonnes: t.tonnes * scale, teu: t.teu * scale })) ?? (planPath ? portTotalsForYear(seeds, opts.year, growth, scale) : []);
  const shape = opts.seasonality ? { ...seeds.demand, seasonality: opts.seasonality } : seeds.demand;
  let flows: OdFlow[];
  let diagnostics: DemandDiagnostics = { balancing: [], excluded: [] };
  let record: RecordDemand | undefined;
  if (opts.flows) flows = flowsToZones(opts.flows.map((f) => ({ ...f, tonnes: f.tonnes * scale, teu: f.teu * scale })), demandZones(seeds));
  else if (opts.basis === 'record' && !opts.totals) {
    record = recordDemand(seeds, opts.year, opts.path, opts.gravityExponent);
    flows = record.flows.map((f) => ({ ...f, tonnes: f.tonnes * scale, teu: f.teu * scale }));
    totals = record.totals.map((t) => ({ ...t, tonnes: t.tonnes * scale, teu: t.teu * scale }));
  } else {
    const g = gravityFlows(seeds, { shape, totals, gravityExponent: opts.gravityExponent, reachable: reachability(net, net.year) });
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

import { Discrete } from '../engine/index.js';
import { emptyDraughtM, type Berth, type CargoKind, type Port, type VesselClass } from '../network/index.js';
import { DAY_S, MONTH_START_DAY } from './closures.js';
import type { FreightInput } from './freight-model.js';
import { depthReductionM, monthOf } from './hydrology.js';
import { buildVoyageTypes, shareInYear, type VoyageType } from './voyages.js';
import { seasonFactor, type OdFlow } from './demand.js';
import { demandZones, type Zone } from './zones.js';

/** A backhaul as a vessel carries it: fixed per voyage type, so a voyage shares it rather than allocating one. */
export interface BackhaulLoad {
  commodity: string;
  cargo: CargoKind;
  tonnes: number;
  teu: number;
}

/**
 * What every replication of one input shares, built once: the locks modelled,
 * the demand zones, the voyage types with their routes per (origin, destination,
 * class), and the arrival mix by month. Read-only during a run.
 */
export interface VoyagePlan {
  /** Locks the model runs (in service, not relieved), in the network's order; a step's lock is an index here. */
  lockIds: string[];
  lockIndex: ReadonlyMap<string, number>;
  zones: Zone[];
  /** The port each zone runs as: an area's share of the berths, or an open port for gateways and unrecorded wharves. */
  zonePorts: Map<string, Port>;
  types: VoyageType[];
  unrouted: OdFlow[];
  /** Each type's backhauls as carried, in the order of type.backhauls; no draw where they weigh nothing (never drawn then). */
  backhaulLoads: Map<VoyageType, { pick: Discrete | null; loads: BackhaulLoad[] }>;
  /** Each type's origin and destination zone, as an index into zones. */
  originZone: Int32Array;
  destinationZone: Int32Array;
  /** Round trips per second by month, all types together, and the draw of a type in each month. */
  monthRate: number[];
  /** Round trips per second by calendar day (0–364) with the seasonality: the arrival rate, looked up. */
  rateByDay: Float64Array;
  monthPick: (Discrete | null)[];
  totalRate: number;
  maxSeason: number;
  emptyDraughtM: Map<VesselClass, number>;
}

const plans = new WeakMap<FreightInput, VoyagePlan>();

/** The plan of an input, built on its first replication (routing is most of a replication's set-up). */
export function voyagePlanOf(input: FreightInput): VoyagePlan {
  let plan = plans.get(input);
  if (!plan) plans.set(input, (plan = buildVoyagePlan(input)));
  return plan;
}

function buildVoyagePlan(input: FreightInput): VoyagePlan {
  const net = input.network;
  const lockIds = net.locks.filter((lock) => net.lockState(lock) === 'lines' && !input.relievedLocks?.includes(lock.id)).map((l) => l.id);
  const lockIndex = new Map(lockIds.map((id, i) => [id, i]));
  const zones = demandZones(net.seeds);
  const zonePorts = new Map(zones.map((z) => [z.id, z.port ? areaPort(z.port, z) : openPort(z)]));
  const zoneNode = new Map(zones.map((z) => [z.id, z.node]));
  const hydrology = input.hydrology;
  const loss = hydrology ? (segment: string, m: number) => depthReductionM(hydrology, segment, MONTH_START_DAY[m]! * DAY_S) : undefined;
  const { types, unrouted } = buildVoyageTypes(net, input.flows, input.shape, (v) => fleetShare(input, v), lockIndex, (z) => zoneNode.get(z) ?? z, {
    ...(loss ? { loss } : {}),
    classTonnageCap: input.classTonnageCap ?? false,
  });
  const backhaulLoads = new Map(
    types
      .filter((t) => t.backhauls.length > 0)
      .map((t) => [
        t,
        {
          pick: t.backhauls.some((b) => b.weight > 0) ? new Discrete(t.backhauls.map((b) => b.weight)) : null,
          loads: t.backhauls.map((b) => {
            const tonnes = b.cargo === 'container' ? t.teu * input.shape.tonnesPerTeu : t.vessel.deadweightT * t.vessel.loadFactor;
            return { commodity: b.commodity, cargo: b.cargo, tonnes, teu: b.cargo === 'container' ? t.teu : 0 };
          }),
        },
      ]),
  );
  // Round trips by month: where low water lightens the loads, more voyages carry the same tonnes.
  const byMonth = MONTH_START_DAY.map((_, m) => types.map((t) => (t.perYear / (365 * DAY_S)) * (t.cargoT / t.cargoByMonthT[m]!)));
  const monthRate = byMonth.map((w) => w.reduce((s, r) => s + r, 0));
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const rateByDay = Float64Array.from({ length: 365 }, (_, d) => monthRate[monthOf(d * DAY_S)]! * seasonFactor(input.shape.seasonality, d * DAY_S));
  return {
    lockIds,
    lockIndex,
    zones,
    zonePorts,
    types,
    unrouted,
    backhaulLoads,
    originZone: Int32Array.from(types, (t) => zoneIndex.get(t.origin)!),
    destinationZone: Int32Array.from(types, (t) => zoneIndex.get(t.destination)!),
    monthRate,
    rateByDay,
    monthPick: byMonth.map((w, m) => (monthRate[m]! > 0 ? new Discrete(w) : null)),
    totalRate: Math.max(0, ...monthRate),
    maxSeason: Math.max(...input.shape.seasonality),
    emptyDraughtM: new Map(net.seeds.fleet.map((v) => [v, emptyDraughtM(v)])),
  };
}

/** A class's share of voyages: the scenario's override, else the year's mix. */
export function fleetShare(input: FreightInput, v: VesselClass): number {
  return input.fleetShares?.[v.id] ?? shareInYear(v, input.fleetYear);
}

/** One area of a port, as a port: its node, and its share of each kind of berth (at least one). */
function areaPort(p: Port, z: Zone): Port {
  if (p.areas.length === 1) return p;
  return { ...p, id: z.id, node: z.node, areas: [{ node: z.node, share: 1 }], berths: p.berths.map((b) => ({ ...b, count: Math.max(1, Math.round(b.count * z.share)) })) };
}

/** A sea gateway, or a reach's unrecorded wharves: no queues and no throughput of its own. */
function openPort(z: Zone): Port {
  const unlimited = (cargo: CargoKind): Berth => ({ cargo, count: 1e6, ratePerS: 1e6, rateUnit: cargo === 'container' ? 'TEU' : 't' });
  return { id: z.id, name: z.name, node: z.node, areas: [{ node: z.node, share: 1 }], tier: 'other', mainLine: false, berths: (['dry-bulk', 'general', 'container'] as CargoKind[]).map(unlimited), throughput: [] };
}

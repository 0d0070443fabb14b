import type { End } from '../engine/index.js';
import { NoRouteError, atRoutingDraught, deadweightShareAt, route, type CargoKind, type DemandShape, type Route, type VesselClass, type WaterwayNetwork } from '../network/index.js';
import type { OdFlow } from './demand.js';
import { DOWNSTREAM_SIDE, UPSTREAM_SIDE } from './lock.js';

/** Sail for sailS, then (if lock ≥ 0) pass that lock from the given side. */
export interface Step {
  sailS: number;
  lock: number;
  side: End;
}

export interface Backhaul {
  commodity: string;
  cargo: CargoKind;
  weight: number;
}

/**
 * One kind of round trip: a vessel class loads a commodity at the origin,
 * sails the quickest route it may use, unloads, and returns, loaded with a
 * backhaul with probability backhaulProb, otherwise empty.
 */
export interface VoyageType {
  origin: string;
  destination: string;
  vessel: VesselClass;
  commodity: string;
  cargo: CargoKind;
  /** Cargo of one voyage in normal water: the planned load, or less where the route is too shallow for it. */
  cargoT: number;
  teu: number;
  /** Cargo of one voyage by month (January first) in the scenario's water; the TEU scale with it. */
  cargoByMonthT: number[];
  /** Round trips a year (before seasonality) in normal water; ×cargoT ÷ cargoByMonthT[m] in month m, so the tonnes stay. */
  perYear: number;
  /** The most a backhaul of this vessel can carry back, by month (its route's depth). */
  backCapByMonthT: number[];
  backhaulProb: number;
  backhauls: Backhaul[];
  out: Step[];
  backLoaded: Step[];
  backEmpty: Step[];
}

/**
 * Fleet share of a class in a year, moving linearly between three anchors set on the mean ship
 * passing Changzhou: `share` to 2015 (about 1,230 t rated deadweight, Jan–May 2015), `share2020`
 * in 2021 (2,320 t) and `share2025` from 2025 (2,986 t); see fleet.yaml.
 */
export function shareInYear(v: VesselClass, year: number): number {
  if (v.share2020 === undefined || year <= FLEET_ANCHORS[0]) return v.share;
  if (year <= FLEET_ANCHORS[1]) return v.share + ((v.share2020 - v.share) * (year - FLEET_ANCHORS[0])) / (FLEET_ANCHORS[1] - FLEET_ANCHORS[0]);
  const s2025 = v.share2025 ?? v.share2020;
  if (year >= FLEET_ANCHORS[2]) return s2025;
  return v.share2020 + ((s2025 - v.share2020) * (year - FLEET_ANCHORS[1])) / (FLEET_ANCHORS[2] - FLEET_ANCHORS[1]);
}

/** The years of the fleet mixes share, share2020 and share2025. */
export const FLEET_ANCHORS = [2015, 2021, 2025] as const;

/** Depth lost on a segment in a month (0–11) in the scenario's hydrological year. */
export type DepthLoss = (segment: string, month: number) => number;

/**
 * Below this share of its planned load a vessel still sails, carrying this share (estimate: a
 * floor that keeps the deepest drought months finite; in them the model overstates what sails).
 */
export const LOAD_FLOOR = 0.1;

/**
 * The deepest a vessel may float along a route, by month: the shallowest reach after the
 * month's depth loss, less the water under the keel, and at each lock the deepest sill among
 * the lines that take it.
 */
export function draughtLimitByMonth(net: WaterwayNetwork, r: Route, loss: DepthLoss): number[] {
  let sill = Infinity;
  for (const p of r.locks) {
    const lines = net.lock(p.lock)?.lines.filter((l) => p.lines.includes(l.id)) ?? [];
    if (lines.length > 0) sill = Math.min(sill, Math.max(...lines.map((l) => l.sillDepthM)));
  }
  return MONTHS.map((m) => {
    let limit = sill;
    for (const leg of r.legs) limit = Math.min(limit, net.graph.getEdgeAttribute(`${leg.segment}:down`, 'depthM') - loss(leg.segment, m) - UNDER_KEEL_M);
    return limit;
  });
}

const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/**
 * Water kept under the keel in a channel: loads are set so that draught ≤ depth − this. Source:
 * Wuzhou's January 2020 notice limited ships to a 2.0 m draught where 2.3 m of depth remained
 * (梧州日报 2020-01-10).
 */
export const UNDER_KEEL_M = 0.3;
const NO_LOSS: DepthLoss = () => 0;

/** Cargo one voyage of this class carries: capacity × load factor (TEU for container ships). */
export function cargoPerVoyage(v: VesselClass, cargo: CargoKind, tonnesPerTeu: number): { tonnes: number; teu: number } {
  if (cargo === 'container') {
    const teu = v.teu * v.loadFactor;
    return { tonnes: teu * tonnesPerTeu, teu };
  }
  return { tonnes: v.deadweightT * v.loadFactor, teu: 0 };
}

function carries(v: VesselClass, cargo: CargoKind): boolean {
  return v.cargo.includes(cargo);
}

const groupOf = (cargo: CargoKind) => (cargo === 'container' ? 'container' : 'dry');

/**
 * Turns OD flows into voyage types. Per pair of ports and vessel group (dry or
 * container), the heavier direction sets the round trips; the lighter
 * direction's flow rides back as backhaul with probability
 * min(1, lighter ÷ heavier), so on average it is carried in full. Each flow is
 * split over the fleet classes that carry its cargo and can make the round
 * trip, in proportion to their fleet share in the year.
 */
export function buildVoyageTypes(
  net: WaterwayNetwork,
  flows: readonly OdFlow[],
  shape: DemandShape,
  share: (v: VesselClass) => number,
  lockIndex: ReadonlyMap<string, number>,
  nodeOf: (zone: string) => string,
  water: { loss?: DepthLoss; classTonnageCap?: boolean } = {},
): { types: VoyageType[]; unrouted: OdFlow[] } {
  const types: VoyageType[] = [];
  const unrouted: OdFlow[] = [];
  const loss = water.loss ?? NO_LOSS;
  const routes = new Map<string, { steps: Step[]; capT: number[]; normalCapT: number } | null>();
  /** A leg's steps and, loaded, the most the vessel carries on it by month (and in normal water). */
  const leg = (from: string, to: string, v: VesselClass, loaded: boolean) => {
    const key = `${from}|${to}|${v.id}|${loaded}`;
    if (routes.has(key)) return routes.get(key)!;
    let r: Route | null;
    try {
      r = route(net, nodeOf(from), nodeOf(to), { ...atRoutingDraught(v, loaded), speedMps: loaded ? v.speedLoadedMps : v.speedEmptyMps, classTonnageCap: water.classTonnageCap ?? false });
    } catch (err) {
      if (!(err instanceof NoRouteError)) throw err;
      r = null;
    }
    const cap = (limits: number[]) => limits.map((t) => v.deadweightT * deadweightShareAt(v, t));
    const out = r ? { steps: toSteps(r, lockIndex), capT: cap(draughtLimitByMonth(net, r, loss)), normalCapT: cap(draughtLimitByMonth(net, r, NO_LOSS))[0]! } : null;
    routes.set(key, out);
    return out;
  };

  // Flows by ordered pair and vessel group.
  const byPair = new Map<string, OdFlow[]>();
  for (const f of flows) {
    const key = `${f.origin}|${f.destination}|${groupOf(f.cargo)}`;
    (byPair.get(key) ?? byPair.set(key, []).get(key)!).push(f);
  }
  const amount = (f: OdFlow) => (f.cargo === 'container' ? f.teu : f.tonnes);
  const done = new Set<string>();
  for (const [key, fwd] of byPair) {
    if (done.has(key)) continue;
    const [o, d, group] = key.split('|') as [string, string, string];
    const revKey = `${d}|${o}|${group}`;
    const rev = byPair.get(revKey) ?? [];
    done.add(key).add(revKey);
    const fwdTotal = fwd.reduce((s, f) => s + amount(f), 0);
    const revTotal = rev.reduce((s, f) => s + amount(f), 0);
    const [heavy, light] = fwdTotal >= revTotal ? [fwd, rev] : [rev, fwd];
    const heavyTotal = Math.max(fwdTotal, revTotal), lightTotal = Math.min(fwdTotal, revTotal);
    const backhaulProb = heavyTotal > 0 ? Math.min(1, lightTotal / heavyTotal) : 0;
    const backhauls: Backhaul[] = light.map((f) => ({ commodity: f.commodity, cargo: f.cargo, weight: amount(f) }));
    for (const f of heavy) {
      const candidates = net.seeds.fleet
        .filter((v) => carries(v, f.cargo) && light.every((b) => carries(v, b.cargo)) && share(v) > 0)
        .map((v) => ({ v, out: leg(f.origin, f.destination, v, true), backLoaded: leg(f.destination, f.origin, v, true), backEmpty: leg(f.destination, f.origin, v, false) }))
        .filter((c) => c.out && c.backLoaded && c.backEmpty)
        .map((c) => {
          const planned = cargoPerVoyage(c.v, f.cargo, shape.tonnesPerTeu);
          // In normal water the route may still be too shallow for the planned load.
          const normalT = Math.min(planned.tonnes, c.out!.normalCapT);
          const byMonthT = c.out!.capT.map((capT) => Math.min(planned.tonnes, Math.max(capT, LOAD_FLOOR * planned.tonnes)));
          return { ...c, planned, normalT, byMonthT };
        });
      if (candidates.length === 0) {
        unrouted.push(f);
        continue;
      }
      const totalShare = candidates.reduce((s, c) => s + share(c.v), 0);
      const perVoyage = (c: (typeof candidates)[number]) => (f.cargo === 'container' ? (c.planned.teu * c.normalT) / c.planned.tonnes : c.normalT);
      const meanCargo = candidates.reduce((s, c) => s + (share(c.v) / totalShare) * perVoyage(c), 0);
      const voyages = amount(f) / meanCargo;
      for (const c of candidates) {
        types.push({
          origin: f.origin,
          destination: f.destination,
          vessel: c.v,
          commodity: f.commodity,
          cargo: f.cargo,
          cargoT: c.normalT,
          teu: (c.planned.teu * c.normalT) / c.planned.tonnes,
          cargoByMonthT: c.byMonthT,
          perYear: (voyages * share(c.v)) / totalShare,
          backCapByMonthT: c.backLoaded!.capT.map((capT) => Math.max(capT, LOAD_FLOOR * c.v.deadweightT * c.v.loadFactor)),
          backhaulProb,
          backhauls,
          out: c.out!.steps,
          backLoaded: c.backLoaded!.steps,
          backEmpty: c.backEmpty!.steps,
        });
      }
    }
    // A lighter flow with no heavier partner of the same group cannot ride back: it never happens,
    // since light is by definition no larger than heavy; when both are empty nothing is emitted.
  }
  return { types, unrouted };
}

/** A route as steps: sail to each lock, pass it from the side the vessel arrives on; then sail on. */
export function toSteps(r: Route, lockIndex: ReadonlyMap<string, number>): Step[] {
  const out: Step[] = [];
  const lockAt = new Map(r.locks.map((l) => [l.node, l.lock]));
  let sail = 0;
  for (const leg of r.legs) {
    sail += leg.sailS;
    const lockId = lockAt.get(leg.to);
    const lock = lockId === undefined ? undefined : lockIndex.get(lockId);
    // A lock the model leaves out (relieved) is sailed through like open river.
    if (lock === undefined) continue;
    out.push({ sailS: sail, lock, side: leg.direction === 'down' ? UPSTREAM_SIDE : DOWNSTREAM_SIDE });
    sail = 0;
  }
  out.push({ sailS: sail, lock: -1, side: DOWNSTREAM_SIDE });
  return out;
}

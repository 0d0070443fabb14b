import type { End } from '../engine/index.js';
import { NoRouteError, route, type CargoKind, type DemandShape, type Route, type VesselClass, type WaterwayNetwork } from '../network/index.js';
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
  cargoT: number;
  teu: number;
  /** Round trips a year (before seasonality). */
  perYear: number;
  backhaulProb: number;
  backhauls: Backhaul[];
  out: Step[];
  backLoaded: Step[];
  backEmpty: Step[];
}

/** Fleet share of a class in a year: the ~2013 mix, moving linearly to the 2020s mix by 2020. */
export function shareInYear(v: VesselClass, year: number): number {
  if (v.share2020 === undefined || year <= 2013) return v.share;
  if (year >= 2020) return v.share2020;
  return v.share + ((v.share2020 - v.share) * (year - 2013)) / 7;
}

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
): { types: VoyageType[]; unrouted: OdFlow[] } {
  const types: VoyageType[] = [];
  const unrouted: OdFlow[] = [];
  const steps = new Map<string, Step[] | null>();
  const routeSteps = (from: string, to: string, v: VesselClass, loaded: boolean): Step[] | null => {
    const key = `${from}|${to}|${v.id}|${loaded}`;
    if (steps.has(key)) return steps.get(key)!;
    let r: Route | null;
    try {
      r = route(net, nodeOf(from), nodeOf(to), { ...v, speedMps: loaded ? v.speedLoadedMps : v.speedEmptyMps });
    } catch (err) {
      if (!(err instanceof NoRouteError)) throw err;
      r = null;
    }
    const s = r ? toSteps(r, lockIndex) : null;
    steps.set(key, s);
    return s;
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
      const candidates = net.seed.fleet
        .filter((v) => carries(v, f.cargo) && light.every((b) => carries(v, b.cargo)) && share(v) > 0)
        .map((v) => ({ v, out: routeSteps(f.origin, f.destination, v, true), backLoaded: routeSteps(f.destination, f.origin, v, true), backEmpty: routeSteps(f.destination, f.origin, v, false) }))
        .filter((c) => c.out && c.backLoaded && c.backEmpty);
      if (candidates.length === 0) {
        unrouted.push(f);
        continue;
      }
      const totalShare = candidates.reduce((s, c) => s + share(c.v), 0);
      const meanCargo = candidates.reduce((s, c) => {
        const per = cargoPerVoyage(c.v, f.cargo, shape.tonnesPerTeu);
        return s + (share(c.v) / totalShare) * (f.cargo === 'container' ? per.teu : per.tonnes);
      }, 0);
      const voyages = amount(f) / meanCargo;
      for (const c of candidates) {
        const per = cargoPerVoyage(c.v, f.cargo, shape.tonnesPerTeu);
        types.push({
          origin: f.origin,
          destination: f.destination,
          vessel: c.v,
          commodity: f.commodity,
          cargo: f.cargo,
          cargoT: per.tonnes,
          teu: per.teu,
          perYear: (voyages * share(c.v)) / totalShare,
          backhaulProb,
          backhauls,
          out: c.out!,
          backLoaded: c.backLoaded!,
          backEmpty: c.backEmpty!,
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

import type { VesselSize } from './types.js';

/**
 * The draught–payload relation of an inland dry-cargo hull, after Van Dorsser et al. (2020,
 * EJTIR 20(3) 47–70) as coded in OpenTNSim's strategy.py (T2Payload): the empty draught from the
 * hull's length, beam and design draught (their Table 4, double-hull dry cargo), and a capacity
 * index CI(T) (Table 3) that scales the design deadweight to the deadweight at draught T.
 * For a Xijiang 3000 t ship (90 × 16.2 × 3.5 m) it gives an empty draught of 1.08 m and stays
 * within one point of the deadweight of linear between the empty and design draughts. Unlike
 * OpenTNSim, the index is counted from the empty draught, so an empty hull carries nothing.
 */
export function emptyDraughtM(v: VesselSize): number {
  const { lengthM: L, beamM: B, draughtM: T } = v;
  const t = 0.075740820927 + 0.11615080992 * B + 0.016865973494 * ((L * T) / B) - 0.027490565381 * Math.sqrt(L * B) - 5.1501240744e-5 * (L * B * T) + 0.10257551153;
  // The regression is fitted on European hulls; keep it inside the physical range for small ones.
  return Math.min(Math.max(t, 0.25 * T), 0.6 * T);
}

function capacityIndex(tEmpty: number, t: number): number {
  return 20.323139721 - 78.57799146 * tEmpty - 7.0671612519 * tEmpty * tEmpty + 27.74405648 * t + 0.75588609922 * t * t + 36.591813315 * tEmpty * t;
}

/** Share of the design deadweight the hull carries at draught t (0 at or below its empty draught, 1 at its design draught). */
export function deadweightShareAt(v: VesselSize, t: number): number {
  if (t >= v.draughtM) return 1;
  const tEmpty = emptyDraughtM(v);
  if (t <= tEmpty) return 0;
  const zero = capacityIndex(tEmpty, tEmpty);
  return Math.max(0, (capacityIndex(tEmpty, t) - zero) / (capacityIndex(tEmpty, v.draughtM) - zero));
}

/** The draught at which the hull carries this share of its design deadweight (the inverse of deadweightShareAt). */
export function draughtAtShare(v: VesselSize, share: number): number {
  const tEmpty = emptyDraughtM(v);
  if (share <= 0) return tEmpty;
  if (share >= 1) return v.draughtM;
  const zero = capacityIndex(tEmpty, tEmpty);
  const target = zero + share * (capacityIndex(tEmpty, v.draughtM) - zero);
  // CI is a quadratic a·t² + b·t + c in t; its increasing root.
  const a = 0.75588609922, b = 27.74405648 + 36.591813315 * tEmpty;
  const c = capacityIndex(tEmpty, 0) - target;
  return (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
}

/**
 * A ship is worth sailing loaded where it can carry at least this share of its deadweight
 * (estimate: below about a third the 2021 drought idled ships rather than sail them; cncjw
 * 2022-02-23 reports loads of a third as the drought's mark). Routing lets a loaded vessel use
 * reaches deep enough for this load; the model then loads it as deep as the route allows.
 */
export const MIN_USEFUL_LOAD = 0.3;

/** The vessel as routing sees it: loaded to the least useful load, or empty. */
export function atRoutingDraught<V extends VesselSize>(v: V, loaded: boolean): V {
  return { ...v, draughtM: loaded ? draughtAtShare(v, MIN_USEFUL_LOAD) : emptyDraughtM(v) };
}

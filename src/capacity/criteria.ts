import type { Stat } from '../run/index.js';
import { backlogDays, type CurvePoint } from './curves.js';
import type { SweepLevel } from './sweep.js';

/**
 * Where a criterion is met on a curve, read by linear interpolation between
 * the two levels that bracket it (on the replications' mean). The interval
 * comes from reading the criterion on the curves of the CI's bounds.
 */
export type Reading =
  | { status: 'reached'; multiplier: number; tonnesPerYear: number; oneWayTonnesPerYear: number; low: number | null; high: number | null }
  /** Already met at the lowest level: capacity is at most the traffic there. */
  | { status: 'below-range'; multiplier: number; tonnesPerYear: number; oneWayTonnesPerYear: number }
  /** Not met at the highest level: capacity is at least the traffic there. */
  | { status: 'above-range'; multiplier: number; tonnesPerYear: number; oneWayTonnesPerYear: number };

export function readCrossing(points: readonly CurvePoint[], y: (p: CurvePoint) => Stat, threshold: number): Reading {
  const at = (f: (s: Stat) => number) => crossing(points, (p) => f(y(p)), threshold);
  const mid = at((s) => s.mean);
  if (mid === null) {
    const last = points[points.length - 1]!;
    return { status: 'above-range', multiplier: last.multiplier, tonnesPerYear: last.tonnesPerYear.mean, oneWayTonnesPerYear: last.tonnesOneWayPerYear.mean };
  }
  if (mid.index === 0) return { status: 'below-range', multiplier: points[0]!.multiplier, tonnesPerYear: points[0]!.tonnesPerYear.mean, oneWayTonnesPerYear: points[0]!.tonnesOneWayPerYear.mean };
  const low = at((s) => s.high), high = at((s) => s.low);
  return {
    status: 'reached',
    multiplier: mid.multiplier,
    tonnesPerYear: mid.tonnes,
    oneWayTonnesPerYear: mid.oneWay,
    low: low && low.index > 0 ? low.tonnes : null,
    high: high && high.index > 0 ? high.tonnes : null,
  };
}

function crossing(points: readonly CurvePoint[], y: (p: CurvePoint) => number, threshold: number) {
  const k = points.findIndex((p) => y(p) >= threshold);
  if (k < 0) return null;
  if (k === 0) return { index: 0, multiplier: points[0]!.multiplier, tonnes: points[0]!.tonnesPerYear.mean, oneWay: points[0]!.tonnesOneWayPerYear.mean };
  const a = points[k - 1]!, b = points[k]!;
  const f = (threshold - y(a)) / (y(b) - y(a));
  const lerp = (u: number, v: number) => u + f * (v - u);
  return {
    index: k,
    multiplier: lerp(a.multiplier, b.multiplier),
    tonnes: lerp(a.tonnesPerYear.mean, b.tonnesPerYear.mean),
    oneWay: lerp(a.tonnesOneWayPerYear.mean, b.tonnesOneWayPerYear.mean),
  };
}

/** A queue counts as growing without bound when the year ends with more than a day of its traffic waiting (and more than a handful of vessels). */
export const UNBOUNDED_BACKLOG_DAYS = 1;
export const UNBOUNDED_MIN_VESSELS = 5;

export interface Backlog {
  place: string;
  kind: 'lock' | 'berths';
  /** Vessels waiting at the end, mean over replications. */
  vessels: number;
  days: number;
}

/** The queues at one level that end the year with an unbounded backlog, worst first. */
export function unboundedQueues(level: Pick<SweepLevel, 'results'>): Backlog[] {
  const n = level.results.length;
  const places = new Map<string, { kind: Backlog['kind']; vessels: number; perYear: number }>();
  const add = (place: string, kind: Backlog['kind'], vessels: number, perYear: number) => {
    const p = places.get(place) ?? { kind, vessels: 0, perYear: 0 };
    p.vessels += vessels / n;
    p.perYear += perYear / n;
    places.set(place, p);
  };
  // Flows come per year from the model, whatever the horizon.
  for (const r of level.results) {
    for (const l of r.locks) add(l.id, 'lock', l.queuedAtEnd, l.vesselsUp + l.vesselsDown);
    for (const p of r.ports) for (const b of p.berths) add(`${p.id} ${b.cargo} berths`, 'berths', b.queuedAtEnd, b.calls);
  }
  return [...places.entries()]
    .map(([place, p]) => ({ place, kind: p.kind, vessels: p.vessels, days: backlogDays(p.vessels, p.perYear) }))
    .filter((b) => b.vessels > UNBOUNDED_MIN_VESSELS && b.days > UNBOUNDED_BACKLOG_DAYS)
    .sort((a, b) => b.days - a.days);
}

/** What one lock or berth group carried at a level, a year (replications' mean). */
export interface PlaceLoad {
  place: string;
  kind: 'lock' | 'berths';
  /** Locks in tonnes both ways; berths in their own unit. */
  unit: 't' | 'TEU';
  handledPerYear: number;
  /** Berths: count × rate × hours, what they could handle always busy; locks: null (no one figure). */
  capacityPerYear: number | null;
  /** Share of the time busy (a lock's chambers, a group's berths). */
  busy: number;
  /** Berths: how many, and each one's rate per hour in `unit`. */
  berths?: number;
  ratePerH?: number;
}

/** Each lock's and berth group's load at a level, named as the criteria name places. */
export function placeLoads(level: Pick<SweepLevel, 'results'>): PlaceLoad[] {
  const n = level.results.length;
  const places = new Map<string, PlaceLoad>();
  const add = (p: PlaceLoad) => {
    const q = places.get(p.place);
    if (!q) places.set(p.place, { ...p, handledPerYear: p.handledPerYear / n, busy: p.busy / n, capacityPerYear: p.capacityPerYear === null ? null : p.capacityPerYear / n });
    else {
      q.handledPerYear += p.handledPerYear / n;
      q.busy += p.busy / n;
      if (q.capacityPerYear !== null && p.capacityPerYear !== null) q.capacityPerYear += p.capacityPerYear / n;
    }
  };
  for (const r of level.results) {
    for (const l of r.locks) add({ place: l.id, kind: 'lock', unit: 't', handledPerYear: l.tonnesUp + l.tonnesDown, busy: l.utilisation, capacityPerYear: null });
    for (const p of r.ports)
      for (const b of p.berths)
        add({ place: `${p.id} ${b.cargo} berths`, kind: 'berths', unit: b.rateUnit, handledPerYear: b.handled, busy: b.utilisation, capacityPerYear: b.capacity, berths: b.berths, ratePerH: b.ratePerH });
  }
  return [...places.values()];
}

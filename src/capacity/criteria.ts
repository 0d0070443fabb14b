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

import type { LockKpi, ReplicationResult } from '../model/index.js';
import { stat, type Stat } from '../run/index.js';
import type { Sweep } from './sweep.js';

/** One point of a lock's delay curve: its traffic and waiting at one demand level, over replications. */
export interface CurvePoint {
  multiplier: number;
  /** Annual tonnes through the lock, both directions, and each. */
  tonnesPerYear: Stat;
  tonnesUpPerYear: Stat;
  tonnesDownPerYear: Stat;
  /** Tonnes of the heavier direction: what a one-way design capacity compares with. */
  tonnesOneWayPerYear: Stat;
  vesselsPerYear: Stat;
  icRatio: Stat;
  utilisation: Stat;
  waitMeanH: Stat;
  waitP90H: Stat;
  /** Waiting of vessels whose wait saw no closure: congestion alone. */
  waitMeanOpenH: Stat;
  waitP90OpenH: Stat;
  shareOfWaiting: Stat;
  queuedAtEnd: Stat;
}

export interface LockCurve {
  id: string;
  name: { en: string; zh: string };
  lines: number;
  points: CurvePoint[];
}

/** Every lock's delay curve from a sweep, levels in increasing order. */
export function lockCurves(sweep: Sweep): LockCurve[] {
  const first = sweep.levels[0]?.results[0];
  if (!first) return [];
  return first.locks.map((l) => ({
    id: l.id,
    name: l.name,
    lines: l.lines.length,
    points: sweep.levels.map((lv) => curvePoint(lv.multiplier, lv.results, l.id)),
  }));
}

function curvePoint(multiplier: number, results: readonly ReplicationResult[], id: string): CurvePoint {
  // The model reports flows per year already, whatever the horizon.
  const rows = results.map((r) => r.locks.find((l) => l.id === id)!);
  const s = (f: (k: LockKpi) => number) => stat(rows.map(f));
  return {
    multiplier,
    tonnesPerYear: s((k) => k.tonnesUp + k.tonnesDown),
    tonnesUpPerYear: s((k) => k.tonnesUp),
    tonnesDownPerYear: s((k) => k.tonnesDown),
    tonnesOneWayPerYear: s((k) => Math.max(k.tonnesUp, k.tonnesDown)),
    vesselsPerYear: s((k) => k.vesselsUp + k.vesselsDown),
    icRatio: s((k) => k.icRatio),
    utilisation: s((k) => k.utilisation),
    waitMeanH: s((k) => k.waitMeanH),
    waitP90H: s((k) => k.waitP90H),
    waitMeanOpenH: s((k) => k.waitMeanOpenH),
    waitP90OpenH: s((k) => k.waitP90OpenH),
    shareOfWaiting: s((k) => k.shareOfWaiting),
    queuedAtEnd: s((k) => k.queuedAtEnd),
  };
}

/** Days of traffic a backlog holds; a backlog where nothing passed counts as a year's. */
export function backlogDays(queued: number, perYear: number): number {
  if (queued === 0) return 0;
  return perYear > 0 ? Math.min(365, queued / (perYear / 365)) : 365;
}

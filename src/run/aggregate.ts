import { meanCI } from '../engine/index.js';
import type { LockKpi, NetworkKpi, PortKpi, ReplicationResult } from '../model/index.js';

/**
 * A KPI over replications: mean and 95% interval. halfWidth is the Student-t one; low and
 * high are mean ∓ halfWidth, except for a quantity that cannot go below zero (see stat).
 */
export interface Stat {
  mean: number;
  halfWidth: number;
  low: number;
  high: number;
  n: number;
}

/**
 * Mean and 95% Student-t interval of the replications. When every replication is ≥ 0 (waits,
 * tonnes, counts) the interval is cut at zero: the mean of such a quantity cannot be negative,
 * so the part of the t interval below zero holds no possible value. (A log-scale interval was
 * tried: with two replications of 0.4 h and 8.4 h it reaches 457,000 h, which says nothing.)
 */
export function stat(values: number[]): Stat {
  const finite = values.filter((v) => Number.isFinite(v));
  const ci = meanCI(finite, 0.95);
  const out = { mean: ci.mean, halfWidth: ci.halfWidth, low: ci.low, high: ci.high, n: finite.length };
  if (ci.low < 0 && finite.every((v) => v >= 0)) out.low = 0;
  return out;
}

/** Fewer replications than this give intervals too wide to read (t = 2.78 at 4 replications, 12.7 at 2): a warning. */
export const MIN_REPLICATIONS_FOR_CI = 5;

/**
 * A KPI record over replications: each number becomes its Stat, a distribution (shares by
 * band) the mean share per band, and a list of records (lines, berths) each record in turn.
 */
export type Aggregated<T> = {
  [K in keyof T]: T[K] extends number ? Stat : T[K] extends number[] ? number[] : T[K] extends readonly (infer E)[] ? (E extends object ? Aggregated<E>[] : T[K]) : T[K];
};

/** The numeric KPIs of a record, each as its Stat (the network's figures: its lists are not aggregated). */
export type StatsOf<T> = { [K in keyof T as T[K] extends number ? K : never]: Stat };

export type LockAggregate = Aggregated<LockKpi>;
export type PortAggregate = Aggregated<PortKpi>;

type Row = Record<string, unknown> & { id: string };

/** Every numeric field of records keyed by id, as a Stat; other fields from the first replication. */
function byId(lists: Row[][]): Record<string, unknown>[] {
  const first = lists[0] ?? [];
  return first.map((row) => {
    const same = lists.map((l) => l.find((r) => r.id === row.id)!);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (typeof v === 'number') out[k] = stat(same.map((r) => r[k] as number));
      // A distribution (shares per band): the mean share per band.
      else if (Array.isArray(v) && typeof v[0] === 'number') out[k] = v.map((_, i) => same.reduce((s, r) => s + (r[k] as number[])[i]!, 0) / same.length);
      else if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null && 'id' in v[0]) out[k] = byId(same.map((r) => r[k] as Row[]));
      else if (Array.isArray(v) && k === 'berths') out[k] = byCargo(same.map((r) => r[k] as Record<string, unknown>[]));
      else out[k] = v;
    }
    return out;
  });
}

function byCargo(lists: Record<string, unknown>[][]): Record<string, unknown>[] {
  return byId(lists.map((l) => l.map((b) => ({ ...b, id: String(b.cargo) }))));
}

export interface Aggregate {
  replications: number;
  mainLine: {
    tonnes: Stat;
    teu: Stat;
    targetTonnes: number;
    targetTeu: number;
    /** Share of replications that reach each target. */
    pTonnesReached: number;
    pTeuReached: number;
  };
  ports: PortAggregate[];
  locks: LockAggregate[];
  net: StatsOf<NetworkKpi>;
  /** The worst lock (WORST_LOCK_RULE). */
  worstLock: string | null;
  /** Where vessels still wait at the end, most first (mean over replications). */
  backlogAt: { place: string; vessels: number }[];
  warnings: string[];
}

/**
 * The one definition of the worst lock, used by every command: the lock holding the largest
 * share of all the time vessels spent waiting at locks (ties: the longer mean wait). A mean
 * wait alone names a quiet lock whose maintenance window strands a few vessels for days.
 */
export const WORST_LOCK_RULE = 'the largest share of all lock waiting';

export function worstLock<L>(locks: readonly L[], share: (l: L) => number, wait: (l: L) => number): L | undefined {
  return [...locks].sort((a, b) => share(b) - share(a) || wait(b) - wait(a))[0];
}

/** Mean and 95% CI of every KPI across replications; P(reached) for each target. */
export function aggregate(results: readonly ReplicationResult[]): Aggregate {
  const n = results.length;
  const first = results[0]!;
  const net: Record<string, Stat> = {};
  for (const [k, v] of Object.entries(first.net)) if (typeof v === 'number') net[k] = stat(results.map((r) => r.net[k as keyof NetworkKpi] as number));
  // Where the backlog waits: vessels per place, averaged over replications.
  const placeTotals = new Map<string, number>();
  for (const r of results) for (const b of r.net.backlogAt) placeTotals.set(b.place, (placeTotals.get(b.place) ?? 0) + b.vessels / n);
  const backlogAt = [...placeTotals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([place, vessels]) => ({ place, vessels }));
  // byId keeps each record's shape, a number turned to its Stat: the one place the types are asserted.
  const locks = byId(results.map((r) => r.locks as unknown as Row[])) as unknown as LockAggregate[];
  const worst = worstLock(locks, (l) => l.shareOfWaiting.mean, (l) => l.waitMeanH.mean);
  return {
    replications: n,
    mainLine: {
      tonnes: stat(results.map((r) => r.mainLine.tonnes)),
      teu: stat(results.map((r) => r.mainLine.teu)),
      targetTonnes: first.mainLine.targetTonnes,
      targetTeu: first.mainLine.targetTeu,
      pTonnesReached: results.filter((r) => r.mainLine.tonnesReached).length / n,
      pTeuReached: results.filter((r) => r.mainLine.teuReached).length / n,
    },
    ports: byId(results.map((r) => r.ports as unknown as Row[])) as unknown as PortAggregate[],
    locks,
    net: net as StatsOf<NetworkKpi>,
    worstLock: worst ? worst.id : null,
    backlogAt,
    warnings: [
      ...(n < MIN_REPLICATIONS_FOR_CI
        ? [`${n} replication${n === 1 ? '' : 's'}: ${n === 1 ? 'no interval can be given' : `the 95% intervals rest on ${n - 1} degree${n === 2 ? '' : 's'} of freedom and are wide`}; use ${MIN_REPLICATIONS_FOR_CI} or more (--replications)`]
        : []),
      ...new Set(results.flatMap((r) => r.warnings.map((w) => w.replace(/\(closed \d+ h.*\)$/, '').trim()))),
    ],
  };
}

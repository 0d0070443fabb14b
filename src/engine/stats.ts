import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Simulation } from './simulation.js';

/** A statistic that can forget what it saw before the warm-up cut-off. */
export interface Resettable {
  reset(now: number): void;
}

/**
 * Time-weighted monitor of a piecewise-constant level (queue length, busy servers).
 * Mean = ∫level dt / elapsed, over the time since the last reset.
 */
export class TimeWeighted implements Resettable {
  level = 0;
  max = 0;
  private area = 0;
  private since = 0;
  private last = 0;

  constructor(now = 0, level = 0) {
    this.since = this.last = now;
    this.level = this.max = level;
  }

  set(now: number, level: number): void {
    this.area += this.level * (now - this.last);
    this.last = now;
    this.level = level;
    if (level > this.max) this.max = level;
  }

  add(now: number, delta: number): void {
    this.set(now, this.level + delta);
  }

  mean(now: number): number {
    const elapsed = now - this.since;
    if (elapsed <= 0) return this.level;
    return (this.area + this.level * (now - this.last)) / elapsed;
  }

  /** Integral of the level since the last reset, up to `now` (e.g. busy-seconds). */
  integral(now: number): number {
    return this.area + this.level * (now - this.last);
  }

  reset(now: number): void {
    this.area = 0;
    this.since = this.last = now;
    this.max = this.level;
  }
}

/**
 * Tally of observations: Welford mean and variance, min, max, and (when it keeps
 * values) exact percentiles.
 */
export class Tally implements Resettable {
  count = 0;
  min = Infinity;
  max = -Infinity;
  private mu = 0;
  private m2 = 0;
  private values: Float64Array;
  private sorted = true;

  constructor(private readonly keepValues = true) {
    this.values = new Float64Array(keepValues ? 256 : 0);
  }

  add(x: number): void {
    const n = ++this.count;
    const d = x - this.mu;
    this.mu += d / n;
    this.m2 += d * (x - this.mu);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (this.keepValues) {
      if (n > this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
      this.values[n - 1] = x;
      this.sorted = false;
    }
  }

  get mean(): number {
    return this.count > 0 ? this.mu : NaN;
  }

  /** Sample variance (n − 1). */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : NaN;
  }

  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Percentile p in [0, 100], linear interpolation between order statistics. */
  percentile(p: number): number {
    if (!this.keepValues) throw new Error('this tally does not keep values, so it has no percentiles');
    if (this.count === 0) return NaN;
    const v = this.values.subarray(0, this.count);
    if (!this.sorted) {
      v.sort();
      this.sorted = true;
    }
    return quantileSorted(v, p / 100);
  }

  /** Counts in [edges[i], edges[i+1]), the last bin open above; values below edges[0] are not counted. */
  histogram(edges: readonly number[]): number[] {
    if (!this.keepValues) throw new Error('this tally does not keep values, so it has no histogram');
    const counts = edges.map(() => 0);
    const v = this.values.subarray(0, this.count);
    for (const x of v) {
      let i = edges.length - 1;
      while (i >= 0 && x < edges[i]!) i--;
      if (i >= 0) counts[i]!++;
    }
    return counts;
  }

  reset(): void {
    this.count = 0;
    this.mu = this.m2 = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.sorted = true;
  }
}

/** Quantile q ∈ [0, 1] of ascending values (Hyndman–Fan type 7, as R and numpy default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface ConfidenceInterval {
  mean: number;
  /** Half-width of the interval. */
  halfWidth: number;
  low: number;
  high: number;
  n: number;
  level: number;
}

/**
 * Mean and Student-t confidence interval of independent observations, such as one
 * KPI over replications. With a single observation the half-width is infinite.
 */
export function meanCI(values: ArrayLike<number>, level = 0.95): ConfidenceInterval {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const halfWidth = n > 1 ? tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(ss / (n - 1) / n) : Infinity;
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n, level };
}

/** Student-t quantile, re-exported for tolerance computations. */
export function studentT(p: number, dof: number): number {
  return tQuantile(p, dof);
}

function resetAll(target: { sim: Simulation; stats: readonly Resettable[] }): void {
  for (const s of target.stats) s.reset(target.sim.now);
}

/** Schedules the warm-up cut-off: at `warmupS` every listed statistic forgets its past. */
export function warmUp(sim: Simulation, warmupS: number, stats: readonly Resettable[]): void {
  if (warmupS > 0) sim.at(warmupS, resetAll, { sim, stats });
}

import { createRequire } from 'node:module';
import type { Histogram, JsHistogram } from 'hdr-histogram-js';
import type { Simulation } from './simulation.js';

// Loaded on the first fold (60 ms of start-up that short runs and every worker would pay otherwise).
let hdr: typeof import('hdr-histogram-js') | null = null;
const loadHdr = () => (hdr ??= createRequire(import.meta.url)('hdr-histogram-js') as typeof import('hdr-histogram-js'));
// Loaded on the first interval: @stdlib is hundreds of small modules, about 0.3 s of every command's start.
type TQuantile = (p: number, dof: number) => number;
let tq: TQuantile | null = null;
const tQuantile: TQuantile = (p, dof) => (tq ??= createRequire(import.meta.url)('@stdlib/stats-base-dists-t-quantile') as TQuantile)(p, dof);

/** Index of the band [edges[i], edges[i+1]) that holds x, the last open above; −1 below the first edge. */
function bandOf(edges: readonly number[], x: number): number {
  let i = edges.length - 1;
  while (i >= 0 && x < edges[i]!) i--;
  return i;
}

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
 * Past `exactUpTo` observations a bounded tally folds its values into an HDR
 * histogram: percentiles to 3 significant digits (and `resolution`), in memory
 * that no longer grows with the horizon. Values must then be ≥ 0.
 */
export interface TallyBound {
  exactUpTo: number;
  /** Smallest difference the histogram tells apart, in the values' unit. */
  resolution: number;
  /** Band edges counted exactly as values arrive, for histogram() with these edges: a mass of values on an edge stays on its side. */
  bands?: readonly number[];
}

/**
 * Waiting times in seconds: kept one by one (exact percentiles) up to 16,384
 * of them (128 KB), then folded to the millisecond and 3 digits, so that a long
 * horizon's memory stops growing with it.
 */
export const WAITS_BOUND: TallyBound = { exactUpTo: 2 ** 14, resolution: 1e-3 };

/**
 * Tally of observations: Welford mean and variance, min, max, and (when it keeps
 * values) percentiles, exact unless a bound makes it fold them into a histogram.
 */
export class Tally implements Resettable {
  count = 0;
  min = Infinity;
  max = -Infinity;
  private mu = 0;
  private m2 = 0;
  private values: Float64Array;
  private sorted = true;
  private folded: Histogram | null = null;
  private readonly bandCounts: number[] | null;

  constructor(
    private readonly keepValues = true,
    private readonly bound?: TallyBound,
  ) {
    this.values = new Float64Array(keepValues ? 256 : 0);
    this.bandCounts = bound?.bands ? bound.bands.map(() => 0) : null;
  }

  add(x: number): void {
    const n = ++this.count;
    const d = x - this.mu;
    this.mu += d / n;
    this.m2 += d * (x - this.mu);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (!this.keepValues) return;
    if (this.bandCounts) {
      const i = bandOf(this.bound!.bands!, x);
      if (i >= 0) this.bandCounts[i]!++;
    }
    if (this.folded) return this.fold(x);
    if (this.bound && n > this.bound.exactUpTo) {
      this.folded = loadHdr().build({ bitBucketSize: 32, numberOfSignificantValueDigits: 3 });
      for (const v of this.values.subarray(0, n - 1)) this.fold(v);
      this.values = new Float64Array(0);
      return this.fold(x);
    }
    if (n > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[n - 1] = x;
    this.sorted = false;
  }

  private fold(x: number): void {
    if (!(x >= 0)) throw new RangeError(`a bounded tally takes values ≥ 0, got ${x}`);
    this.folded!.recordValue(Math.round(x / this.bound!.resolution));
  }

  /** True once the values live in a histogram rather than one by one. */
  get isFolded(): boolean {
    return this.folded !== null;
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

  /** Percentile p in [0, 100]: linear interpolation between order statistics, or the histogram's value once folded. */
  percentile(p: number): number {
    if (!this.keepValues) throw new Error('this tally does not keep values, so it has no percentiles');
    if (this.count === 0) return NaN;
    if (this.folded) {
      if (p <= 0) return this.min;
      if (p >= 100) return this.max;
      return Math.min(this.max, Math.max(this.min, this.folded.getValueAtPercentile(p) * this.bound!.resolution));
    }
    const v = this.values.subarray(0, this.count);
    if (!this.sorted) {
      v.sort();
      this.sorted = true;
    }
    return quantileSorted(v, p / 100);
  }

  /**
   * Counts in [edges[i], edges[i+1]), the last bin open above; values below edges[0] are not counted.
   * Exact for the bound's bands, and for any edges until the tally folds; then to the histogram's precision.
   */
  histogram(edges: readonly number[]): number[] {
    if (!this.keepValues) throw new Error('this tally does not keep values, so it has no histogram');
    const bands = this.bound?.bands;
    if (this.bandCounts && bands!.length === edges.length && bands!.every((e, i) => e === edges[i])) return [...this.bandCounts];
    const counts = edges.map(() => 0);
    const into = (x: number, k: number) => {
      const i = bandOf(edges, x);
      if (i >= 0) counts[i]! += k;
    };
    if (this.folded) {
      // Each recorded bucket counts at its lowest value: exact at edges on the histogram's grid, within its precision elsewhere.
      const h = this.folded as JsHistogram;
      const it = h.recordedValuesIterator;
      it.reset();
      while (it.hasNext()) {
        const step = it.next();
        into(h.lowestEquivalentValue(step.valueIteratedTo) * this.bound!.resolution, step.countAtValueIteratedTo);
      }
    } else for (const x of this.values.subarray(0, this.count)) into(x, 1);
    return counts;
  }

  reset(): void {
    this.count = 0;
    this.mu = this.m2 = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.sorted = true;
    this.bandCounts?.fill(0);
    if (this.folded) {
      this.folded = null;
      this.values = new Float64Array(256);
    }
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

import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Independent named random streams for one replication. Each stream is its own
 * alea generator seeded from (base seed, replication, name), so adding a stream
 * never shifts the numbers another stream draws.
 */
export class Streams {
  private readonly cache = new Map<string, Rng>();

  constructor(
    readonly seed: number | string,
    readonly replication: number | string = 0,
  ) {}

  stream(name: string): Rng {
    let rng = this.cache.get(name);
    if (!rng) {
      rng = seedrandom.alea(`${this.seed}|${this.replication}|${name}`);
      this.cache.set(name, rng);
    }
    return rng;
  }
}

// Distributions take the stream first, so the draw's origin is visible at the call.

export function uniform(rng: Rng, low: number, high: number): number {
  return low + (high - low) * rng();
}

export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

/** Triangular on [low, high] with the given mode (inverse CDF). */
export function triangular(rng: Rng, low: number, mode: number, high: number): number {
  const u = rng();
  const f = (mode - low) / (high - low);
  return u < f
    ? low + Math.sqrt(u * (high - low) * (mode - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/** Normal by Box–Muller; one draw per call keeps streams stateless beyond the generator. */
export function normal(rng: Rng, mean: number, sd: number): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Lognormal parameterised by the mean and sd of the variable itself, not of its log. */
export function lognormal(rng: Rng, mean: number, sd: number): number {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return Math.exp(normal(rng, Math.log(mean) - s2 / 2, Math.sqrt(s2)));
}

/** Erlang-k with the given mean: the sum of k exponentials of mean/k. */
export function erlang(rng: Rng, k: number, mean: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= 1 - rng();
  return (-mean / k) * Math.log(p);
}

/** Picks index i with probability weights[i] / Σ weights (cumulative table, binary search). */
export class Discrete {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new RangeError('a discrete distribution needs at least one weight');
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} must be finite and ≥ 0, got ${w}`);
      total += w;
      this.cumulative[i] = total;
    });
    if (!(total > 0)) throw new RangeError('discrete weights sum to zero');
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= total;
  }

  sample(rng: Rng): number {
    const u = rng();
    const c = this.cumulative;
    let lo = 0, hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < c[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Empirical distribution: draws one of the given values with the given weights. */
export class Empirical<T> {
  private readonly index: Discrete;

  constructor(
    private readonly values: readonly T[],
    weights?: readonly number[],
  ) {
    this.index = new Discrete(weights ?? values.map(() => 1));
    if (values.length !== (weights?.length ?? values.length)) throw new RangeError('values and weights differ in length');
  }

  sample(rng: Rng): T {
    return this.values[this.index.sample(rng)]!;
  }
}

/**
 * Non-homogeneous Poisson process by thinning (Lewis & Shedler): candidate
 * arrivals at rate `maxRate`, each kept with probability rate(t)/maxRate.
 * Returns the next arrival time after `now`, or Infinity past `horizon`.
 */
export function nextNhppArrival(
  rng: Rng,
  now: number,
  rate: (t: number) => number,
  maxRate: number,
  horizon = Infinity,
): number {
  if (!(maxRate > 0)) return Infinity;
  let t = now;
  for (;;) {
    t += exponential(rng, 1 / maxRate);
    if (t > horizon) return Infinity;
    const r = rate(t);
    if (r > maxRate * (1 + 1e-12)) throw new RangeError(`NHPP rate ${r} at t=${t} exceeds its bound ${maxRate}`);
    if (rng() * maxRate < r) return t;
  }
}

/** Poisson-distributed count (Knuth's product of uniforms; for the small means used here). */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean >= 0)) throw new RangeError(`Poisson mean must be ≥ 0, got ${mean}`);
  if (mean > 500) return Math.max(0, Math.round(normal(rng, mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

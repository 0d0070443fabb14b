/**
 * Matrix balancing for origin–destination tables. Pure functions on dense
 * row-major matrices (n × n, Float64Array).
 */

export interface Balanced {
  matrix: Float64Array;
  iterations: number;
  /** Largest relative gap between a margin and its target at the end. */
  maxRelError: number;
}

/** Stop when every margin is within this relative tolerance of its target. */
export const FURNESS_TOLERANCE = 1e-9;
const MAX_ITERATIONS = 10_000;

/**
 * Furness (iterative proportional fitting, doubly constrained): scales the rows
 * of `seed` to the origin totals and the columns to the destination totals,
 * alternately, until both hold within FURNESS_TOLERANCE. The result keeps the
 * seed's zeros, so a pair with no route stays at zero. Targets must sum alike.
 */
export function furness(seed: Float64Array, n: number, rowTargets: ArrayLike<number>, colTargets: ArrayLike<number>): Balanced {
  const sumR = sum(rowTargets), sumC = sum(colTargets);
  if (Math.abs(sumR - sumC) > 1e-9 * Math.max(sumR, sumC, 1)) {
    throw new RangeError(`origin totals (${sumR}) and destination totals (${sumC}) must be equal`);
  }
  checkFeasible(seed, n, rowTargets, 'row');
  checkFeasible(seed, n, colTargets, 'column');
  const m = Float64Array.from(seed);
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let j = 0; j < n; j++) r += m[i * n + j]!;
      const f = r > 0 ? rowTargets[i]! / r : 0;
      for (let j = 0; j < n; j++) m[i * n + j]! *= f;
    }
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += m[i * n + j]!;
      const f = c > 0 ? colTargets[j]! / c : 0;
      for (let i = 0; i < n; i++) m[i * n + j]! *= f;
    }
    const err = marginError(m, n, rowTargets, colTargets);
    if (err <= FURNESS_TOLERANCE) return { matrix: m, iterations: it, maxRelError: err };
  }
  throw new RangeError(`Furness balancing did not converge in ${MAX_ITERATIONS} iterations (the seed's zeros may make the targets unreachable)`);
}

/**
 * Balancing when only each zone's total (loaded + unloaded) is known, as with
 * port throughput: scales row i and column i together by √(T_i / (O_i + D_i))
 * until O_i + D_i = T_i. The split into loaded and unloaded then follows from
 * the seed's gravity and direction.
 */
export function balanceTotals(seed: Float64Array, n: number, totals: ArrayLike<number>): Balanced {
  checkFeasible(seed, n, totals, 'zone', true);
  const m = Float64Array.from(seed);
  const a = new Float64Array(n);
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    let err = 0;
    for (let i = 0; i < n; i++) {
      let handled = 0;
      for (let j = 0; j < n; j++) handled += m[i * n + j]! + m[j * n + i]!;
      const target = totals[i]!;
      a[i] = handled > 0 ? Math.sqrt(target / handled) : 0;
      if (target > 0) err = Math.max(err, Math.abs(handled - target) / target);
    }
    if (err <= FURNESS_TOLERANCE) return { matrix: m, iterations: it - 1, maxRelError: err };
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j]! *= a[i]! * a[j]!;
  }
  throw new RangeError(`total balancing did not converge in ${MAX_ITERATIONS} iterations`);
}

export function rowSums(m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i]! += m[i * n + j]!;
  return out;
}

export function colSums(m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j]! += m[i * n + j]!;
  return out;
}

function marginError(m: Float64Array, n: number, rows: ArrayLike<number>, cols: ArrayLike<number>): number {
  const r = rowSums(m, n), c = colSums(m, n);
  let err = 0;
  for (let i = 0; i < n; i++) {
    if (rows[i]! > 0) err = Math.max(err, Math.abs(r[i]! - rows[i]!) / rows[i]!);
    if (cols[i]! > 0) err = Math.max(err, Math.abs(c[i]! - cols[i]!) / cols[i]!);
  }
  return err;
}

function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** A zone with a positive target needs some non-zero seed cell to carry it. */
function checkFeasible(seed: Float64Array, n: number, targets: ArrayLike<number>, what: string, both = false): void {
  for (let i = 0; i < n; i++) {
    if (!(targets[i]! > 0)) continue;
    let any = false;
    for (let j = 0; j < n && !any; j++) {
      if (what === 'column' ? seed[j * n + i]! > 0 : seed[i * n + j]! > 0) any = true;
      if (both && seed[j * n + i]! > 0) any = true;
    }
    if (!any) throw new RangeError(`${what} ${i} has a target of ${targets[i]} but no pair that could carry it`);
  }
}

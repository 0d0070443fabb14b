/**
 * Origin–destination estimation from counts: the maximum-entropy method of
 * Van Zuylen and Willumsen (1980, "ME2"). Of all tables that reproduce the
 * counts, it takes the one closest to the prior in the entropy sense; that
 * table is the prior times one factor per count a cell takes part in, found by
 * multiproportional fitting (each count in turn scales the cells it covers).
 * Pure functions on a flat table of cells.
 */

/** One count the table must reproduce: Σ coef[k] · x[cells[k]]. */
export interface CountConstraint {
  id: string;
  target: number;
  cells: Int32Array;
  coef: Float64Array;
}

export interface CountFit {
  x: Float64Array;
  sweeps: number;
  converged: boolean;
  /** Every count: its target and what the fitted table gives. */
  fit: { id: string; target: number; fitted: number }[];
  /** Counts the fit could not meet within 1% (only when it did not converge), worst first. */
  conflicts: { id: string; target: number; fitted: number }[];
}

export const COUNT_FIT_TOLERANCE = 1e-6;
const MAX_SWEEPS = 3000;

/**
 * Fits the prior to the counts. Counts are visited in the order given, so when
 * they contradict each other the last ones hold and the earlier ones are left
 * off: put the best-measured counts last. A count with a positive target and
 * no prior cell to carry it is refused at once.
 */
export function fitToCounts(prior: Float64Array, constraints: readonly CountConstraint[], maxSweeps = MAX_SWEEPS): CountFit {
  const x = Float64Array.from(prior);
  for (const c of constraints) {
    if (!(c.target >= 0) || !Number.isFinite(c.target)) throw new RangeError(`count '${c.id}': target ${c.target} is not a finite non-negative number`);
    if (c.target > 0 && weighted(x, c) === 0) throw new RangeError(`count '${c.id}' is ${c.target} but no origin–destination pair that could carry it has any prior traffic`);
  }
  let sweeps = 0, err = Infinity;
  while (sweeps < maxSweeps && err > COUNT_FIT_TOLERANCE) {
    sweeps++;
    for (const c of constraints) {
      const now = weighted(x, c);
      if (now <= 0) continue;
      const f = c.target / now;
      for (let k = 0; k < c.cells.length; k++) x[c.cells[k]!]! *= f;
    }
    err = maxRelError(x, constraints);
  }
  const fit = constraints.map((c) => ({ id: c.id, target: c.target, fitted: weighted(x, c) }));
  const converged = err <= COUNT_FIT_TOLERANCE;
  const conflicts = converged ? [] : fit.filter((f) => relError(f.fitted, f.target) > 0.01).sort((a, b) => relError(b.fitted, b.target) - relError(a.fitted, a.target));
  return { x, sweeps, converged, fit, conflicts };
}

function weighted(x: Float64Array, c: CountConstraint): number {
  let s = 0;
  for (let k = 0; k < c.cells.length; k++) s += c.coef[k]! * x[c.cells[k]!]!;
  return s;
}

function relError(fitted: number, target: number): number {
  return target > 0 ? Math.abs(fitted - target) / target : fitted > 0 ? Infinity : 0;
}

function maxRelError(x: Float64Array, constraints: readonly CountConstraint[]): number {
  let e = 0;
  for (const c of constraints) {
    const r = relError(weighted(x, c), c.target);
    if (r > e) e = r;
  }
  return e;
}

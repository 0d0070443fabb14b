/**
 * Closed-form and numerically exact queueing results, used as references for
 * the engine's tests and benchmarks. Rates per second, times in seconds.
 */

/** M/M/1 mean wait in queue: Wq = ρ / (μ − λ). */
export function mm1Wq(lambda: number, mu: number): number {
  assertStable(lambda / mu);
  return lambda / mu / (mu - lambda);
}

/** M/D/1 mean wait in queue (Pollaczek–Khinchine): Wq = ρ / (2μ(1 − ρ)). */
export function md1Wq(lambda: number, mu: number): number {
  const rho = lambda / mu;
  assertStable(rho);
  return rho / (2 * mu * (1 - rho));
}

/** Erlang C: probability that an arrival waits in M/M/c. */
export function erlangC(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  assertStable(a / c);
  // Erlang B by its stable recursion, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** M/M/c mean wait in queue: Wq = C(c, a) / (cμ − λ). */
export function mmcWq(lambda: number, mu: number, c: number): number {
  return erlangC(lambda, mu, c) / (c * mu - lambda);
}

/**
 * M/D^(1,b)/1 bulk service (Bailey 1954): Poisson arrivals at rate λ, one server
 * that takes up to b waiting customers (at least 1) per deterministic cycle T.
 *
 * Derivation: let X be the number waiting just after a cycle ends. The next cycle
 * starts at once with min(X, b) (or, if X = 0, with the next arrival alone), so
 * X' = max(X − b, 0) + A with A ~ Poisson(λT). We solve that chain for its
 * stationary law π (truncated where the tail is negligible), then apply
 * renewal–reward to one cycle: area under the queue-length curve is
 * R·T + λT²/2 with R = max(X − b, 0), and the cycle lasts T plus an idle spell of
 * mean 1/λ when X = 0. Lq = E[area] / E[length], and Wq = Lq / λ by Little's law.
 */
export function bulkServiceWq(lambda: number, cycleS: number, b: number): number {
  const rho = (lambda * cycleS) / b;
  assertStable(rho);
  const m = lambda * cycleS;
  // Poisson pmf of arrivals per cycle, to where it is negligible.
  const pois: number[] = [];
  let p = Math.exp(-m);
  for (let k = 0; p > 1e-16 || k < m; k++) {
    pois.push(p);
    p = (p * m) / (k + 1);
  }
  // Truncate the state space generously past where the stationary tail dies out.
  const decay = stationaryDecayRate(m, b);
  const nStates = Math.min(200_000, Math.max(200, Math.ceil(40 / -Math.log(decay)) + pois.length + b));
  let pi = new Float64Array(nStates);
  pi[0] = 1;
  for (let iter = 0; iter < 100_000; iter++) {
    const next = new Float64Array(nStates);
    for (let x = 0; x < nStates; x++) {
      const px = pi[x]!;
      if (px === 0) continue;
      const r = Math.max(x - b, 0);
      for (let a = 0; a < pois.length && r + a < nStates; a++) next[r + a]! += px * pois[a]!;
    }
    let total = 0;
    for (let x = 0; x < nStates; x++) total += next[x]!;
    let diff = 0;
    for (let x = 0; x < nStates; x++) {
      next[x]! /= total;
      diff += Math.abs(next[x]! - pi[x]!);
    }
    pi = next;
    if (diff < 1e-13) break;
  }
  let area = 0, length = 0;
  for (let x = 0; x < nStates; x++) {
    const r = Math.max(x - b, 0);
    area += pi[x]! * (r * cycleS + (lambda * cycleS * cycleS) / 2);
    length += pi[x]! * (cycleS + (x === 0 ? 1 / lambda : 0));
  }
  return area / length / lambda;
}

/** Long-run throughput bound of a batch server: b customers per cycle. */
export function batchSaturationRate(b: number, cycleS: number): number {
  return b / cycleS;
}

/** Root z in (0,1) of z^b = e^{m(z−1)}: the geometric decay of the bulk queue's tail. */
function stationaryDecayRate(m: number, b: number): number {
  // g(z) = z^b − e^{m(z−1)} is negative at 0 and positive between the root and 1 when m < b.
  let lo = 0, hi = 1 - 1e-12;
  const g = (z: number) => Math.pow(z, b) - Math.exp(m * (z - 1));
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.min(0.999999, Math.max(1e-6, lo));
}

function assertStable(rho: number): void {
  if (!(rho < 1)) throw new RangeError(`the queue is unstable: utilisation ${rho} ≥ 1`);
}

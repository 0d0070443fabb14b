import { describe, expect, it } from 'vitest';
import { Simulation, Tally, TimeWeighted, meanCI, quantileSorted, warmUp } from '../../src/engine/index.js';

describe('Tally', () => {
  it('gives mean, sample variance, min and max of 2, 4, 4, 4, 5, 5, 7, 9 (worked by hand)', () => {
    const t = new Tally();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) t.add(x);
    expect(t.mean).toBe(5);
    expect(t.variance).toBeCloseTo(32 / 7, 12);
    expect(t.min).toBe(2);
    expect(t.max).toBe(9);
  });

  it('gives p50, p90 and p95 of 1..100 by linear interpolation (type 7)', () => {
    const t = new Tally();
    for (let x = 100; x >= 1; x--) t.add(x);
    expect(t.percentile(50)).toBeCloseTo(50.5, 12);
    expect(t.percentile(90)).toBeCloseTo(90.1, 12);
    expect(t.percentile(95)).toBeCloseTo(95.05, 12);
    expect(t.percentile(0)).toBe(1);
    expect(t.percentile(100)).toBe(100);
  });

  it('keeps percentiles right after more values arrive', () => {
    const t = new Tally();
    for (const x of [3, 1, 2]) t.add(x);
    expect(t.percentile(50)).toBe(2);
    for (const x of [10, 20]) t.add(x);
    expect(t.percentile(50)).toBe(3);
  });

  it('is empty after reset', () => {
    const t = new Tally();
    t.add(5);
    t.reset();
    expect(t.count).toBe(0);
    expect(t.mean).toBeNaN();
    expect(t.percentile(50)).toBeNaN();
  });

  it('counts values into bands [edge, next edge), the last open above, the values below the first left out', () => {
    const t = new Tally();
    for (const x of [-1, 0, 0.2, 0.25, 0.9, 1, 7, 40, 1e9]) t.add(x);
    expect(t.histogram([0, 0.25, 1, 32])).toEqual([2, 2, 2, 2]);
  });

  it('with a bound, stays exact up to it, then folds into a histogram: percentiles and bands within 0.1%, mean exact', () => {
    const bound = { exactUpTo: 1000, resolution: 1e-3 };
    const exact = new Tally();
    const bounded = new Tally(true, bound);
    // Exponential waits, mean 1 h, from a fixed Lehmer sequence.
    let s = 1;
    const wait = () => -Math.log((s = (s * 16807) % 2147483647) / 2147483647) * 3600;
    for (let i = 0; i < 1000; i++) {
      const x = wait();
      exact.add(x);
      bounded.add(x);
    }
    expect(bounded.isFolded).toBe(false);
    expect(bounded.percentile(90)).toBe(exact.percentile(90));
    for (let i = 0; i < 99_000; i++) {
      const x = wait();
      exact.add(x);
      bounded.add(x);
    }
    expect(bounded.isFolded).toBe(true);
    expect(bounded.count).toBe(100_000);
    expect(bounded.mean).toBe(exact.mean);
    expect(bounded.max).toBe(exact.max);
    for (const p of [10, 50, 90, 99]) expect(Math.abs(bounded.percentile(p) / exact.percentile(p) - 1)).toBeLessThan(1e-3);
    expect(bounded.percentile(0)).toBe(exact.min);
    expect(bounded.percentile(100)).toBe(exact.max);
    const edges = [0, 900, 1800, 3600, 7200, 14_400];
    const got = bounded.histogram(edges), want = exact.histogram(edges);
    expect(got.reduce((a, b) => a + b, 0)).toBe(100_000);
    got.forEach((n, i) => expect(Math.abs(n - want[i]!)).toBeLessThanOrEqual(0.001 * want[i]! + 5));
    // A mass of values exactly on an edge (vessels that wait the 15 minutes a lock waits to fill) stays on its side when the edges are the bound's bands.
    const banded = new Tally(true, { ...bound, bands: [0, 900, 1800] });
    const unbanded = new Tally(true, bound);
    for (let i = 0; i < 5000; i++) for (const x of [0, 899.9, 900, 900, 1800.2]) (banded.add(x), unbanded.add(x));
    expect(banded.histogram([0, 900, 1800])).toEqual([10_000, 10_000, 5000]);
    expect(unbanded.histogram([0, 900, 1800])).not.toEqual([10_000, 10_000, 5000]); // the histogram's bucket holding 900 s starts below it
    // After a reset (the warm-up cut-off) it is exact again.
    bounded.reset();
    banded.reset();
    expect(banded.histogram([0, 900, 1800])).toEqual([0, 0, 0]);
    for (const x of [3, 1, 2]) bounded.add(x);
    expect(bounded.isFolded).toBe(false);
    expect(bounded.percentile(50)).toBe(2);
    // and, once folded, refuses what a histogram of waits cannot hold
    const tiny = new Tally(true, { exactUpTo: 1, resolution: 1 });
    tiny.add(1);
    expect(() => tiny.add(-1)).toThrow(/values ≥ 0, got -1/);
  });

  it('quantileSorted interpolates between order statistics', () => {
    expect(quantileSorted([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('TimeWeighted', () => {
  it('averages a level over time: 0 for 10 s, 3 for 20 s, 1 for 10 s → 1.75', () => {
    const m = new TimeWeighted(0, 0);
    m.set(10, 3);
    m.set(30, 1);
    expect(m.mean(40)).toBeCloseTo((0 * 10 + 3 * 20 + 1 * 10) / 40, 12);
    expect(m.max).toBe(3);
    expect(m.integral(40)).toBe(70);
  });

  it('after a warm-up reset, only counts time since the cut-off', () => {
    const sim = new Simulation();
    const m = new TimeWeighted(0, 0);
    sim.schedule(10, () => m.set(sim.now, 8)); // before the cut-off
    sim.schedule(50, () => m.set(sim.now, 2));
    warmUp(sim, 40, [m]);
    sim.run(100);
    // From 40 to 50 the level is 8, from 50 to 100 it is 2.
    expect(m.mean(100)).toBeCloseTo((8 * 10 + 2 * 50) / 60, 12);
  });
});

describe('meanCI: Student-t interval over replications', () => {
  it('matches a hand computation for 5 values (t₀.₉₇₅,₄ = 2.776445)', () => {
    const xs = [10, 12, 9, 11, 13];
    const ci = meanCI(xs);
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - 11) ** 2, 0) / 4);
    expect(ci.mean).toBe(11);
    expect(ci.halfWidth).toBeCloseTo((2.776445 * sd) / Math.sqrt(5), 5);
  });

  it('has an infinite half-width with one value, not a false precision', () => {
    expect(meanCI([4]).halfWidth).toBe(Infinity);
  });
});

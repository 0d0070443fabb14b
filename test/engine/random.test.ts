import { describe, expect, it } from 'vitest';
import {
  Discrete,
  Empirical,
  Simulation,
  Streams,
  BatchServer,
  erlang,
  exponential,
  lognormal,
  nextNhppArrival,
  normal,
  triangular,
  uniform,
  type Rng,
} from '../../src/engine/index.js';
import { expectWithinCI } from '../helpers.js';

const N = 200_000;

/** Splits N draws into 20 batches and returns each batch's mean, for a CI on the mean. */
function batchMeans(draw: () => number, f: (x: number) => number = (x) => x): number[] {
  const batches = 20, per = N / batches;
  return Array.from({ length: batches }, () => {
    let s = 0;
    for (let i = 0; i < per; i++) s += f(draw());
    return s / per;
  });
}

describe('named random streams', () => {
  it('are reproducible: the same (seed, replication, name) draws the same numbers', () => {
    const a = new Streams(7, 3).stream('arrivals');
    const b = new Streams(7, 3).stream('arrivals');
    const xs = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(xs);
  });

  it('differ by seed, by replication and by name', () => {
    const first = (s: Streams, name: string) => Array.from({ length: 5 }, s.stream(name));
    const base = first(new Streams(7, 3), 'arrivals');
    expect(first(new Streams(8, 3), 'arrivals')).not.toEqual(base);
    expect(first(new Streams(7, 4), 'arrivals')).not.toEqual(base);
    expect(first(new Streams(7, 3), 'service')).not.toEqual(base);
  });

  it('are independent: adding and drawing from a new stream leaves the others unchanged', () => {
    const plain = new Streams(11, 0);
    const withExtra = new Streams(11, 0);
    const arrivalsA = plain.stream('arrivals'), serviceA = plain.stream('service');
    const arrivalsB = withExtra.stream('arrivals'), extra = withExtra.stream('flood'), serviceB = withExtra.stream('service');
    for (let i = 0; i < 1000; i++) {
      extra();
      expect(arrivalsB()).toBe(arrivalsA());
      extra();
      expect(serviceB()).toBe(serviceA());
    }
  });

  it('uniform draws are uncorrelated across streams (|r| within 4 standard errors of 0)', () => {
    const s = new Streams(5, 0);
    const a = s.stream('a'), b = s.stream('b');
    let sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
    for (let i = 0; i < N; i++) {
      const x = a(), y = b();
      sa += x; sb += y; sab += x * y; saa += x * x; sbb += y * y;
    }
    const r = (sab / N - (sa / N) * (sb / N)) / Math.sqrt((saa / N - (sa / N) ** 2) * (sbb / N - (sb / N) ** 2));
    expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(N));
  });
});

describe('distributions reproduce their moments (99.9% CI over batch means)', () => {
  const rng: Rng = new Streams('dist', 0).stream('x');
  it('exponential: mean and variance', () => {
    expectWithinCI(batchMeans(() => exponential(rng, 5)), 5, 0.02);
    expectWithinCI(batchMeans(() => exponential(rng, 5), (x) => (x - 5) ** 2), 25, 0.04);
  });
  it('uniform on [2, 8]: mean 5, variance 3', () => {
    expectWithinCI(batchMeans(() => uniform(rng, 2, 8)), 5, 0.01);
    expectWithinCI(batchMeans(() => uniform(rng, 2, 8), (x) => (x - 5) ** 2), 3, 0.02);
  });
  it('triangular(1, 2, 6): mean 3, variance (a²+b²+c²−ab−ac−bc)/18 = 7/6', () => {
    expectWithinCI(batchMeans(() => triangular(rng, 1, 2, 6)), 3, 0.01);
    expectWithinCI(batchMeans(() => triangular(rng, 1, 2, 6), (x) => (x - 3) ** 2), 7 / 6, 0.02);
  });
  it('normal(10, 2): mean, variance, and P(X < 8) = Φ(−1) = 0.158655', () => {
    expectWithinCI(batchMeans(() => normal(rng, 10, 2)), 10, 0.01);
    expectWithinCI(batchMeans(() => normal(rng, 10, 2), (x) => (x - 10) ** 2), 4, 0.02);
    expectWithinCI(batchMeans(() => normal(rng, 10, 2), (x) => (x < 8 ? 1 : 0)), 0.158655, 0.03);
  });
  it('lognormal given its own mean 4 and sd 2', () => {
    expectWithinCI(batchMeans(() => lognormal(rng, 4, 2)), 4, 0.02);
    expectWithinCI(batchMeans(() => lognormal(rng, 4, 2), (x) => (x - 4) ** 2), 4, 0.08);
  });
  it('Erlang-3 with mean 6: variance mean²/k = 12', () => {
    expectWithinCI(batchMeans(() => erlang(rng, 3, 6)), 6, 0.02);
    expectWithinCI(batchMeans(() => erlang(rng, 3, 6), (x) => (x - 6) ** 2), 12, 0.04);
  });
  it('discrete: index frequencies match the weights 1:2:7', () => {
    const d = new Discrete([1, 2, 7]);
    for (const [i, p] of [[0, 0.1], [1, 0.2], [2, 0.7]] as const) {
      expectWithinCI(batchMeans(() => d.sample(rng), (x) => (x === i ? 1 : 0)), p, 0.05);
    }
  });
  it('discrete: refuses negative, NaN and all-zero weights', () => {
    expect(() => new Discrete([1, -1])).toThrow(/weight 1/);
    expect(() => new Discrete([NaN])).toThrow(RangeError);
    expect(() => new Discrete([0, 0])).toThrow(/zero/);
  });
  it('empirical: draws the given values with their weights', () => {
    const e = new Empirical(['sand', 'coal'], [3, 1]);
    expectWithinCI(batchMeans(() => (e.sample(rng) === 'coal' ? 1 : 0)), 0.25, 0.04);
  });
});

describe('non-homogeneous Poisson process by thinning', () => {
  it('counts per season match the integral of a seasonal rate', () => {
    // Rate 2/h in the wet half-period, 0.5/h in the dry half, period 1000 h.
    const period = 1000 * 3600;
    const rate = (t: number) => ((t % period) < period / 2 ? 2 : 0.5) / 3600;
    const counts = { wet: [] as number[], dry: [] as number[] };
    for (let rep = 0; rep < 20; rep++) {
      const rng = new Streams('nhpp', rep).stream('arrivals');
      let wet = 0, dry = 0;
      for (let t = nextNhppArrival(rng, 0, rate, 2 / 3600, 10 * period); t < Infinity; t = nextNhppArrival(rng, t, rate, 2 / 3600, 10 * period)) {
        if (t % period < period / 2) wet++;
        else dry++;
      }
      counts.wet.push(wet);
      counts.dry.push(dry);
    }
    expectWithinCI(counts.wet, 10 * 500 * 2, 0.02);
    expectWithinCI(counts.dry, 10 * 500 * 0.5, 0.04);
  });

  it('refuses a rate above its stated bound', () => {
    const rng = new Streams(1).stream('x');
    expect(() => nextNhppArrival(rng, 0, () => 2, 1)).toThrow(/exceeds its bound/);
  });
});

describe('determinism', () => {
  /** A small stochastic model whose every event is recorded in a trace. */
  function trace(seed: number): string[] {
    const sim = new Simulation();
    const rng = new Streams(seed, 0).stream('arrivals');
    const chamber = new BatchServer<number>(sim, { capacity: 3, serviceTime: () => 900 });
    const out: string[] = [];
    sim.tracer = (t, seq, h) => out.push(`${t.toFixed(6)} ${seq} ${h.name}`);
    const arrive = () => {
      chamber.join(sim.now, () => {});
      if (sim.now < 100_000) sim.schedule(exponential(rng, 400), arrive);
    };
    sim.schedule(0, arrive);
    sim.run();
    return out;
  }

  it('the same seed gives an identical event trace', () => {
    const a = trace(1), b = trace(1);
    expect(a.length).toBeGreaterThan(300);
    expect(b).toEqual(a);
  });

  it('another seed gives a different trace', () => {
    expect(trace(2)).not.toEqual(trace(1));
  });
});

/**
 * The engine held to queueing theory. Each check runs independent replications,
 * and the theoretical value must fall inside their own 99.9% confidence interval,
 * which must itself be tight (a few percent), so a wrong discipline cannot pass.
 */
import { describe, expect, it } from 'vitest';
import {
  BatchServer,
  Resource,
  Simulation,
  Streams,
  batchSaturationRate,
  bulkServiceWq,
  exponential,
  md1Wq,
  mm1Wq,
  mmcWq,
  warmUp,
} from '../../src/engine/index.js';
import { expectWithinCI } from '../helpers.js';

const REPS = 12;
const HOUR = 3600;

interface QueueRun {
  meanWait: number;
  meanQueue: number;
  /** Little's law pieces: time-average number in system, throughput, mean sojourn. */
  meanInSystem: number;
  throughput: number;
  meanSojourn: number;
}

/** Poisson arrivals to a c-server Resource, service times drawn by `service`. */
function runResourceQueue(
  rep: number,
  lambda: number,
  servers: number,
  service: (rng: () => number) => number,
  horizon: number,
  warmup: number,
): QueueRun {
  const sim = new Simulation();
  const streams = new Streams('queueing', rep);
  const arrivals = streams.stream('arrivals');
  const services = streams.stream('service');
  const res = new Resource(sim, servers);
  let inSystem = 0, inSystemArea = 0, lastChange = 0;
  let departures = 0, sojournSum = 0;
  const change = (d: number) => {
    if (sim.now > warmup) inSystemArea += inSystem * (sim.now - Math.max(lastChange, warmup));
    lastChange = sim.now;
    inSystem += d;
  };
  const depart = (arrivedAt: number) => {
    res.release();
    change(-1);
    if (arrivedAt >= warmup) {
      departures++;
      sojournSum += sim.now - arrivedAt;
    }
  };
  const startService = (arrivedAt: number) => sim.schedule(service(services), depart, arrivedAt);
  const arrive = () => {
    change(+1);
    res.acquire(startService, sim.now);
    sim.schedule(exponential(arrivals, 1 / lambda), arrive);
  };
  sim.schedule(exponential(arrivals, 1 / lambda), arrive);
  warmUp(sim, warmup, [res]);
  sim.run(horizon);
  change(0);
  return {
    meanWait: res.stats.waits.mean,
    meanQueue: res.stats.queueLength.mean(sim.now),
    meanInSystem: inSystemArea / (horizon - warmup),
    throughput: departures / (horizon - warmup),
    meanSojourn: sojournSum / departures,
  };
}

describe('FCFS resource against closed-form results', () => {
  const horizon = 20_000 * HOUR, warmup = 100 * HOUR;

  it('M/M/1 at ρ = 0.7: mean wait in queue Wq = ρ/(μ − λ)', () => {
    const lambda = 0.7 / 600, mu = 1 / 600;
    const runs = Array.from({ length: REPS }, (_, r) => runResourceQueue(r, lambda, 1, (g) => exponential(g, 1 / mu), horizon, warmup));
    expectWithinCI(runs.map((x) => x.meanWait), mm1Wq(lambda, mu), 0.06);
  });

  it('M/D/1 at ρ = 0.8: Wq = ρ/(2μ(1 − ρ))', () => {
    const lambda = 0.8 / 600, mu = 1 / 600;
    const runs = Array.from({ length: REPS }, (_, r) => runResourceQueue(r, lambda, 1, () => 1 / mu, horizon, warmup));
    expectWithinCI(runs.map((x) => x.meanWait), md1Wq(lambda, mu), 0.06);
  });

  it('M/M/3 at ρ = 0.8: Erlang-C wait', () => {
    const lambda = 2.4 / 600, mu = 1 / 600;
    const runs = Array.from({ length: REPS }, (_, r) => runResourceQueue(r, lambda, 3, (g) => exponential(g, 1 / mu), horizon, warmup));
    expectWithinCI(runs.map((x) => x.meanWait), mmcWq(lambda, mu, 3), 0.08);
  });

  it("Little's law on simulated output: L = λW for the system and Lq = λWq for the queue", () => {
    const lambda = 0.75 / 600, mu = 1 / 600;
    const runs = Array.from({ length: REPS }, (_, r) => runResourceQueue(r, lambda, 1, (g) => exponential(g, 1 / mu), horizon, warmup));
    // Each replication's own L against its own λ·W, as a relative gap whose mean must be 0
    // within a CI narrower than 1%; only customers straddling the cut-offs separate them.
    expectWithinCI(runs.map((x) => (x.meanInSystem - x.throughput * x.meanSojourn) / x.meanInSystem), 0, 0.01, 0.999, 1);
    expectWithinCI(runs.map((x) => (x.meanQueue - x.throughput * x.meanWait) / x.meanQueue), 0, 0.01, 0.999, 1);
  });
});

interface BatchRun {
  meanWait: number;
  maxBatch: number;
  throughput: number;
  batchesEqualToWaiting: boolean;
}

function runBatchQueue(rep: number, lambda: number, b: number, cycle: number, horizon: number, warmup: number): BatchRun {
  const sim = new Simulation();
  const arrivals = new Streams('batch', rep).stream('arrivals');
  let maxBatch = 0, carried = 0;
  let batchesEqualToWaiting = true;
  const server = new BatchServer<number>(sim, {
    capacity: b,
    serviceTime: (batch) => {
      maxBatch = Math.max(maxBatch, batch.length);
      // Everyone waiting is taken unless that is more than b.
      if (batch.length < b && server.waiting > 0) batchesEqualToWaiting = false;
      return cycle;
    },
  });
  const done = () => {
    if (sim.now > warmup) carried++;
  };
  const arrive = () => {
    server.join(sim.now, done);
    sim.schedule(exponential(arrivals, 1 / lambda), arrive);
  };
  sim.schedule(exponential(arrivals, 1 / lambda), arrive);
  warmUp(sim, warmup, [server]);
  sim.run(horizon);
  return { meanWait: server.stats.waits.mean, maxBatch, throughput: carried / (horizon - warmup), batchesEqualToWaiting };
}

describe('BatchServer: the lock chamber as a bulk-service queue', () => {
  const horizon = 3000 * HOUR, warmup = 50 * HOUR;

  it('matches the M/D^(1,4)/1 mean wait at ρ = 0.75 (λ = 6/h, lockage 30 min)', () => {
    const runs = Array.from({ length: REPS }, (_, r) => runBatchQueue(r, 1 / 600, 4, 1800, horizon, warmup));
    expectWithinCI(runs.map((x) => x.meanWait), bulkServiceWq(1 / 600, 1800, 4), 0.05);
  });

  it('never carries more than b per cycle, even when hundreds wait', () => {
    const run = runBatchQueue(0, 1 / 60, 4, 1800, 200 * HOUR, 0);
    expect(run.maxBatch).toBe(4);
  });

  it('saturates at b per cycle time when overloaded', () => {
    // λ = 60/h offered to a server that can carry 8/h.
    const run = runBatchQueue(1, 1 / 60, 4, 1800, 500 * HOUR, 10 * HOUR);
    const bound = batchSaturationRate(4, 1800);
    expect(Math.abs(run.throughput - bound) / bound).toBeLessThan(0.01);
  });

  it('at low load each service takes everyone waiting', () => {
    const run = runBatchQueue(2, 1 / 3600, 4, 1800, 1000 * HOUR, 0);
    expect(run.batchesEqualToWaiting).toBe(true);
    expect(run.maxBatch).toBeGreaterThan(1); // arrivals during a cycle do accumulate
  });

  it('applies the caller capacity rule: 12 m + 12 m + 10 m fit a 34 m chamber, a third 12 m does not', () => {
    const sim = new Simulation();
    const batches: number[][] = [];
    const chamber = new BatchServer<number>(sim, {
      capacity: 10,
      fits: (batch, beam) => batch.reduce((s, x) => s + x, 0) + beam <= 34,
      overtaking: true,
      serviceTime: (batch) => {
        batches.push([...batch]);
        return 100;
      },
    });
    // Make the chamber busy, then let four vessels queue.
    chamber.join(1, () => {});
    for (const beam of [12, 12, 12, 10]) chamber.join(beam, () => {});
    sim.run();
    expect(batches).toEqual([[1], [12, 12, 10], [12]]);
  });

  it('without overtaking, a vessel that does not fit closes the batch', () => {
    const sim = new Simulation();
    const batches: number[][] = [];
    const chamber = new BatchServer<number>(sim, {
      capacity: 10,
      fits: (batch, beam) => batch.reduce((s, x) => s + x, 0) + beam <= 34,
      serviceTime: (batch) => {
        batches.push([...batch]);
        return 100;
      },
    });
    chamber.join(1, () => {});
    for (const beam of [12, 12, 12, 10]) chamber.join(beam, () => {});
    sim.run();
    expect(batches).toEqual([[1], [12, 12], [12, 10]]);
  });
});

describe('Resource priorities', () => {
  it('serves the lower priority number first, FCFS among equals', () => {
    const sim = new Simulation();
    const res = new Resource(sim, 1);
    const order: string[] = [];
    const serve = (name: string) => {
      order.push(name);
      sim.schedule(10, () => res.release());
    };
    res.acquire(serve, 'first');
    res.acquire(serve, 'low-a', 5);
    res.acquire(serve, 'high', 1);
    res.acquire(serve, 'low-b', 5);
    res.acquire(serve, 'urgent', 0);
    sim.run();
    expect(order).toEqual(['first', 'urgent', 'high', 'low-a', 'low-b']);
    expect(res.stats.waits.max).toBe(40);
  });
});

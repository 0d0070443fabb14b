import { BatchServer, Simulation, Streams, exponential, spawn, warmUp, type ProcessBody } from '../engine/index.js';

/** The foundation demo: one lock, one chamber, Poisson traffic. */
export interface SingleLockParams {
  /** Mean time between vessel arrivals, s. */
  meanHeadwayS: number;
  /** Duration of one lockage, s (deterministic). */
  lockageS: number;
  /** Vessels one lockage can carry. */
  chamberCapacity: number;
  horizonS: number;
  warmupS: number;
  seed: number | string;
  replication?: number;
}

export interface SingleLockResult {
  vesselsArrived: number;
  vesselsPassed: number;
  lockages: number;
  meanWaitS: number;
  p90WaitS: number;
  maxWaitS: number;
  meanQueue: number;
  maxQueue: number;
  utilisation: number;
  meanVesselsPerLockage: number;
  events: number;
}

export const SINGLE_LOCK_DEMO: SingleLockParams = {
  meanHeadwayS: 600,
  lockageS: 1800,
  chamberCapacity: 4,
  horizonS: 10 * 365 * 86400,
  warmupS: 30 * 86400,
  seed: 1,
};

interface Vessel {
  arrivedS: number;
}

/** A built model: run() advances it to the horizon, result() reads its statistics. */
export interface SingleLockModel {
  sim: Simulation;
  run(): void;
  result(): SingleLockResult;
}

export function runSingleLock(p: SingleLockParams): SingleLockResult {
  const model = buildSingleLock(p);
  model.run();
  return model.result();
}

export function runSingleLockProcesses(p: SingleLockParams): SingleLockResult {
  const model = buildSingleLockProcesses(p);
  model.run();
  return model.result();
}

/**
 * Callback style: an arrival event joins the chamber and schedules the next
 * arrival. This is the style the freight model uses on its hot path.
 */
export function buildSingleLock(p: SingleLockParams): SingleLockModel {
  const sim = new Simulation();
  const rng = new Streams(p.seed, p.replication ?? 0).stream('arrivals');
  const chamber = new BatchServer<Vessel>(sim, { capacity: p.chamberCapacity, serviceTime: () => p.lockageS });
  let arrived = 0, passed = 0;
  const through = () => {
    passed++;
  };
  const arrive = () => {
    arrived++;
    chamber.join({ arrivedS: sim.now }, through);
    sim.schedule(exponential(rng, p.meanHeadwayS), arrive);
  };
  sim.schedule(exponential(rng, p.meanHeadwayS), arrive);
  warmUp(sim, p.warmupS, [chamber]);
  return {
    sim,
    run: () => void sim.run(p.horizonS),
    result: () => summarise(sim, chamber, arrived, passed),
  };
}

/**
 * Process style, the same model: each vessel is a generator that waits for the
 * lock, then sails on. Reads like the domain; the benchmark measures its cost.
 */
export function buildSingleLockProcesses(p: SingleLockParams): SingleLockModel {
  const sim = new Simulation();
  const rng = new Streams(p.seed, p.replication ?? 0).stream('arrivals');
  const chamber = new BatchServer<Vessel>(sim, { capacity: p.chamberCapacity, serviceTime: () => p.lockageS });
  let arrived = 0, passed = 0;
  function* vessel(): ProcessBody {
    yield chamber.pass({ arrivedS: sim.now });
    passed++;
  }
  function* traffic(): ProcessBody {
    for (;;) {
      yield exponential(rng, p.meanHeadwayS);
      arrived++;
      spawn(sim, vessel());
    }
  }
  spawn(sim, traffic());
  warmUp(sim, p.warmupS, [chamber]);
  return {
    sim,
    run: () => void sim.run(p.horizonS),
    result: () => summarise(sim, chamber, arrived, passed),
  };
}

function summarise(sim: Simulation, chamber: BatchServer<Vessel>, arrived: number, passed: number): SingleLockResult {
  return {
    vesselsArrived: arrived,
    vesselsPassed: passed,
    lockages: chamber.cycles,
    meanWaitS: chamber.stats.waits.mean,
    p90WaitS: chamber.stats.waits.percentile(90),
    maxWaitS: chamber.stats.waits.max,
    meanQueue: chamber.stats.queueLength.mean(sim.now),
    maxQueue: chamber.stats.queueLength.max,
    utilisation: chamber.stats.busy.mean(sim.now),
    meanVesselsPerLockage: chamber.batchSize.mean,
    events: sim.eventsExecuted,
  };
}

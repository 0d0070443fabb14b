import { cpus } from 'node:os';
import type { ReplicationResult } from '../model/index.js';
import type { SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { aggregate, type Aggregate } from './aggregate.js';
import { scenarioHash } from './checkpoint.js';
import { runTasks, type PoolOptions, type Task } from './pool.js';
import type { Fault } from './messages.js';

export { aggregate, stat, worstLock, WORST_LOCK_RULE, MIN_REPLICATIONS_FOR_CI, type Aggregate, type Aggregated, type LockAggregate, type PortAggregate, type Stat, type StatsOf } from './aggregate.js';
export { runTasks, withSession, ReplicationError, WorkerSession, type Task, type PoolOptions } from './pool.js';
export { buildScenarioInput, prepareScenario } from './prepare.js';
export { ResultStore, scenarioHash } from './checkpoint.js';

export interface ScenarioRun {
  scenario: ResolvedScenario;
  /** Hash of the scenario's resolved content: what a replication's results depend on, besides the seed. */
  scenarioHash: string;
  seed: number | string;
  results: ReplicationResult[];
  aggregate: Aggregate;
  wallS: number;
  workers: number;
  incidents: string[];
}


/** Test hook: a fault injected into replication r (at every level of a sweep). */
export interface InjectedFault {
  replication: number;
  kind: Fault;
}

export interface RunOptions extends PoolOptions {
  /** The scenario's seeds, if already loaded: handed to the workers so they skip reading them. */
  seeds?: SeedNetwork;
  replications?: number;
  seed?: number | string;
  /** Test hook: a fault for one replication. */
  fault?: InjectedFault;
}

/**
 * Runs a scenario's replications on the worker pool. Replication r draws from
 * streams keyed by (seed, scenario name, r), so its numbers are the same
 * whatever the number of workers.
 */
export async function runScenario(scenario: ResolvedScenario, opts: RunOptions = {}): Promise<ScenarioRun> {
  const replications = opts.replications ?? scenario.replications;
  const seed = opts.seed ?? scenario.seed;
  const tasks: Task[] = Array.from({ length: replications }, (_, r) => ({
    scenario,
    scenarioKey: scenario.name,
    replication: r,
    seed,
  }));
  const { results, wallS, workers, incidents } = await runScenarioTasks(scenario, tasks, opts);
  return {
    scenario,
    scenarioHash: scenarioHash(scenario),
    seed,
    results,
    aggregate: aggregate(results),
    wallS,
    workers,
    incidents,
  };
}

/**
 * Runs one scenario's tasks on the pool, the seeds already loaded handed to the
 * workers, and times them; incidents are both collected and passed on.
 */
export async function runScenarioTasks(scenario: ResolvedScenario, tasks: Task[], opts: PoolOptions & { seeds?: SeedNetwork; fault?: InjectedFault }) {
  const incidents: string[] = [];
  const started = performance.now();
  const fault = opts.fault;
  const injected = fault ? tasks.map((t) => (t.replication === fault.replication ? { ...t, fault: fault.kind } : t)) : tasks;
  const results = await runTasks(injected, {
    ...opts,
    ...(opts.seeds ? { workerData: { seeds: { [scenario.seedsDir]: opts.seeds } } } : {}),
    onIncident: (t) => (incidents.push(t), opts.onIncident?.(t)),
  });
  return {
    results,
    wallS: (performance.now() - started) / 1000,
    workers: Math.max(1, Math.min(opts.workers ?? cpus().length, tasks.length)),
    incidents,
  };
}

import type { ReplicationResult } from '../model/index.js';
import type { SeedNetwork } from '../network/index.js';
import { aggregate, runScenarioTasks, type Aggregate, type InjectedFault, type PoolOptions, type Task } from '../run/index.js';
import type { ScenarioVariant } from '../run/messages.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { round } from './levels.js';

/** The replications at one demand level. */
export interface SweepLevel {
  multiplier: number;
  results: ReplicationResult[];
  aggregate: Aggregate;
}

export interface Sweep {
  scenario: ResolvedScenario;
  seed: number | string;
  replications: number;
  /** What every level shares besides the multiplier. */
  variant: Omit<ScenarioVariant, 'demandMultiplier'>;
  levels: SweepLevel[];
  wallS: number;
  workers: number;
  incidents: string[];
}

export interface SweepOptions extends PoolOptions {
  levels: readonly number[];
  replications?: number;
  seed?: number | string;
  seeds?: SeedNetwork;
  relievedLocks?: string[];
  berthsUnconstrained?: boolean;
  /** Test hook: a fault injected into replication r at every level. */
  fault?: InjectedFault;
}

/**
 * Runs the scenario's replications at each demand multiplier, all levels in one
 * pool. Replication r draws the same random numbers at every level (common
 * random numbers, keyed by the scenario's name): the curves then differ by the
 * traffic, not by the luck of the draw, and the results do not depend on the
 * number of workers.
 */
export async function sweepDemand(scenario: ResolvedScenario, opts: SweepOptions): Promise<Sweep> {
  const replications = opts.replications ?? scenario.replications;
  const seed = opts.seed ?? scenario.seed;
  const levels = [...new Set(opts.levels.map(round))].sort((a, b) => a - b);
  const shared: Omit<ScenarioVariant, 'demandMultiplier'> = {
    ...(opts.relievedLocks?.length ? { relievedLocks: [...opts.relievedLocks].sort() } : {}),
    ...(opts.berthsUnconstrained ? { berthsUnconstrained: true } : {}),
  };
  const tasks: Task[] = levels.flatMap((m) => {
    const variant = { ...shared, demandMultiplier: m };
    return Array.from({ length: replications }, (_, r) => ({ scenario, scenarioKey: `${scenario.name}|${JSON.stringify(variant)}`, streamKey: scenario.name, variant, replication: r, seed }));
  });
  const { results, wallS, workers, incidents } = await runScenarioTasks(scenario, tasks, opts);
  return {
    scenario,
    seed,
    replications,
    variant: shared,
    levels: levels.map((multiplier, i) => {
      const rs = results.slice(i * replications, (i + 1) * replications);
      return { multiplier, results: rs, aggregate: aggregate(rs) };
    }),
    wallS,
    workers,
    incidents,
  };
}

import { lastRecordYear, recordDemand, type RecordDemand, type ReplicationResult } from '../model/index.js';
import type { SeedNetwork } from '../network/index.js';
import { aggregate, runScenarioTasks, type Aggregate, type LockAggregate, type InjectedFault, type PoolOptions, type Stat, type Task } from '../run/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { waitOf, type Criteria } from './bottlenecks.js';
import { unboundedQueues } from './criteria.js';

/**
 * A lock programme year by year: each year runs that year's network (the
 * scenario's changes, lines in service from the year they open) under that
 * year's demand from the record (fitted where recorded, grown along the path
 * after), all years' replications in one pool.
 */

export interface TrajectoryYear {
  year: number;
  scenario: ResolvedScenario;
  results: ReplicationResult[];
  aggregate: Aggregate;
  demand: RecordDemand;
}

/** A lock's first year over the norm (mean wait, or a queue growing without bound), and every such year. */
export interface Saturation {
  lock: string;
  firstYear: number | null;
  /** The start of the unbroken run of years over the norm that lasts to the last year run (null if the last year is within it). */
  fromYear: number | null;
  reason: string;
  years: number[];
}

export interface Trajectory {
  base: ResolvedScenario;
  path: string;
  seed: number | string;
  replications: number;
  criteria: Criteria;
  lastRecordYear: number;
  years: TrajectoryYear[];
  saturation: Saturation[];
  wallS: number;
  workers: number;
  incidents: string[];
}

export interface TrajectoryOptions extends PoolOptions {
  years: readonly number[];
  criteria: Criteria;
  seeds: SeedNetwork;
  replications?: number;
  seed?: number | string;
  /** Growth path after the record (default: the scenario's). */
  path?: string;
  /** Recorded years run in their own hydrological year where the seeds have one (drought-2021, …): the hindcast. */
  recordHydrology?: boolean;
  fault?: InjectedFault;
}

/** The scenario as it stands in one year: network and fleet of the year, demand from the record. */
export function yearScenario(base: ResolvedScenario, year: number, seeds: SeedNetwork, opts: { path?: string; recordHydrology?: boolean } = {}): ResolvedScenario {
  if (base.demand.flows || base.demand.totals) throw new RangeError(`scenario '${base.name}' gives its demand outright (demand.flows or demand.portTotals): a trajectory takes each year's demand from the record`);
  const drought = opts.recordHydrology && year <= lastRecordYear(seeds) ? seeds.hydrology.get(`drought-${year}`) : undefined;
  return {
    ...base,
    year,
    demand: { ...base.demand, year, basis: 'record', path: opts.path ?? base.demand.path }, // the plan's keys go unread on the record
    // A fleet mix fixed by the scenario stays; the default mix is the year's.
    fleet: { ...base.fleet, mixYear: base.fleet.mixYear === base.year ? year : base.fleet.mixYear },
    ...(drought && base.hydrology.id === 'normal' ? { hydrology: drought } : {}),
  };
}

export async function runTrajectory(base: ResolvedScenario, opts: TrajectoryOptions): Promise<Trajectory> {
  const replications = opts.replications ?? base.replications;
  const seed = opts.seed ?? base.seed;
  const path = opts.path ?? base.demand.path;
  const scenarios = opts.years.map((y) => yearScenario(base, y, opts.seeds, { path, ...(opts.recordHydrology ? { recordHydrology: true } : {}) }));
  // Each year's demand first, in this thread: a year the record cannot give fails before any replication runs.
  const demands = scenarios.map((s) => recordDemand(opts.seeds, s.demand.year, path, s.demand.gravityExponent ?? 1));
  // Every year draws from streams of its own, keyed by the year: a year's numbers do not depend on which other years run.
  const tasks: Task[] = scenarios.flatMap((s) => Array.from({ length: replications }, (_, r) => ({ scenario: s, scenarioKey: `${base.name}|trajectory|${path}|${s.year}`, replication: r, seed })));
  const { results, wallS, workers, incidents } = await runScenarioTasks(base, tasks, opts);
  const years = scenarios.map((s, i) => {
    const rs = results.slice(i * replications, (i + 1) * replications);
    return { year: s.year, scenario: s, results: rs, aggregate: aggregate(rs), demand: demands[i]! };
  });
  return { base, path, seed, replications, criteria: opts.criteria, lastRecordYear: lastRecordYear(opts.seeds), years, saturation: saturation(years, opts.criteria), wallS, workers, incidents };
}

/** The wait a criterion reads off an aggregated lock row (waitOf's rule, for a year's aggregate). */
export function lockWait(lock: LockAggregate, criteria: Criteria): Stat {
  return waitOf(criteria)(lock);
}

function saturation(years: readonly TrajectoryYear[], criteria: Criteria): Saturation[] {
  const locks = years[0]?.aggregate.locks.map((l) => l.id) ?? [];
  return locks.map((lock) => {
    const over: { year: number; reason: string }[] = [];
    for (const y of years) {
      const l = y.aggregate.locks.find((x) => x.id === lock);
      if (!l) continue;
      const wait = lockWait(l, criteria).mean;
      const queue = unboundedQueues(y).find((b) => b.kind === 'lock' && b.place === lock);
      if (queue) over.push({ year: y.year, reason: `queue grows without bound (${Math.round(queue.vessels)} vessels, ${queue.days.toFixed(1)} days of traffic, waiting at the year's end)` });
      else if (wait >= criteria.waitThresholdH) over.push({ year: y.year, reason: `mean wait ${wait.toFixed(1)} h ≥ ${criteria.waitThresholdH} h` });
    }
    const yearsOver = over.map((o) => o.year);
    const all = years.map((y) => y.year);
    let from: number | null = null;
    for (let k = all.length - 1; k >= 0 && yearsOver.includes(all[k]!); k--) from = all[k]!;
    return { lock, firstYear: over[0]?.year ?? null, fromYear: from, reason: over[0]?.reason ?? `within the norm in every year run`, years: yearsOver };
  });
}

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { SingleBar } from 'cli-progress';
import { packageRoot } from '../package.js';
import { runScenario, type ScenarioRun } from '../run/index.js';
import type { Fault } from '../run/messages.js';
import type { SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { UserError } from './errors.js';
import { parseCount, parseSeed } from './options.js';

export interface ReplicationOptions {
  replications?: string;
  workers?: string;
  seed?: string;
}

export function addReplicationOptions(cmd: Command): Command {
  return cmd
    .option('--replications <n>', "replications (default: the scenario's, or 8)")
    .option('--workers <n>', `worker threads (default: the number of CPUs, ${cpus().length} here)`)
    .option('--seed <seed>', "base seed (default: the scenario's)");
}

/** A scenario path as given; without one, the embedded plan-2020 case. */
export function scenarioPath(arg: string | undefined): string {
  if (arg) return arg;
  const local = join('scenarios', 'plan-2020.yaml');
  if (existsSync(local)) return local;
  return relative(process.cwd(), join(packageRoot(), 'scenarios', 'plan-2020.yaml'));
}

/** Runs a scenario with a progress bar on a terminal and nothing otherwise. */
export async function runWithProgress(scenario: ResolvedScenario, opts: ReplicationOptions, seeds?: SeedNetwork): Promise<ScenarioRun> {
  const { replications, workers, seed } = replicationSettings(scenario, opts);
  const bar = process.stderr.isTTY ? new SingleBar({ format: `${scenario.name} [{bar}] {value}/{total} replications | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true }) : null;
  bar?.start(replications, 0);
  const fault = injectedFault();
  try {
    return await runScenario(scenario, {
      replications,
      workers,
      seed,
      ...(seeds ? { seeds } : {}),
      ...(fault ? { fault } : {}),
      ...(process.env.WATERWAY_SIM_TASK_TIMEOUT_S ? { taskTimeoutS: Number(process.env.WATERWAY_SIM_TASK_TIMEOUT_S) } : {}),
      onProgress: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }
}

/** Replications, workers and seed from the options, else the scenario's (workers: one per CPU). */
export function replicationSettings(scenario: ResolvedScenario, o: ReplicationOptions) {
  return {
    replications: o.replications !== undefined ? parseCount(o.replications, '--replications', 10_000) : scenario.replications,
    workers: o.workers !== undefined ? parseCount(o.workers, '--workers', 256) : cpus().length,
    seed: o.seed !== undefined ? parseSeed(o.seed) : scenario.seed,
  };
}

/** Test hook: WATERWAY_SIM_INJECT_FAULT="<replication>:<throw|crash|exit|hang|invariant>". */
export function injectedFault(): { replication: number; kind: Fault } | undefined {
  const spec = process.env.WATERWAY_SIM_INJECT_FAULT;
  if (!spec) return undefined;
  const [r, kind] = spec.split(':');
  if (!['throw', 'crash', 'exit', 'hang', 'invariant'].includes(kind ?? '')) throw new UserError(`WATERWAY_SIM_INJECT_FAULT: unknown fault '${kind}'`);
  return { replication: Number(r), kind: kind as Fault };
}

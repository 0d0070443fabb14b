import type { Command } from 'commander';
import { cpus } from 'node:os';
import { runScenario, type ScenarioRun, type WorkerSession } from '../run/index.js';
import { LOCAL, parseBackend, type Backend } from '../run/backend.js';
import type { Fault } from '../run/messages.js';
import type { SeedNetwork } from '../network/index.js';
import { loadScenario, type ResolvedScenario } from '../scenario/load.js';
import { InputError } from '../input/problems.js';
import { prepareScenario } from '../run/index.js';
import { plain } from '../report/terminal.js';
import { UserError } from './errors.js';
import { parseCount, parseSeed } from './options.js';
import { Progress, type QuietOption } from './progress.js';

export interface ReplicationOptions extends QuietOption {
  replications?: string;
  workers?: string;
  seed?: string;
  backend?: string;
}

export function addReplicationOptions(cmd: Command): Command {
  return cmd
    .option('--replications <n>', "replications (default: the scenario's, or 8)")
    .option('--workers <n>', `worker threads (default: the number of CPUs, ${cpus().length} here)`)
    .option('--seed <seed>', "base seed (default: the scenario's)")
    .option('--backend <where>', "where replications run: 'local' worker threads (default), or a BullMQ queue at redis://[user:pass@]host:port[/db] (rediss:// for TLS) that `waterway-sim worker` processes take jobs from")
    .option('--quiet', 'no progress on stderr (a bar on a terminal, else a line every WATERWAY_SIM_PROGRESS_S seconds, default 10)');
}

export { scenarioPath } from './defaults.js';

/**
 * A scenario read and checked as `loadScenario` does, and then built as every
 * worker builds it (network, demand, fit): what would fail inside a worker fails
 * here, with the scenario's file named, so `validate` and the commands agree.
 */
export function loadRunnable(file: string, opts: { seedCache?: Map<string, SeedNetwork> } = {}): { scenario: ResolvedScenario; seeds: SeedNetwork } {
  const loaded = loadScenario(file, opts);
  checkBuilds(loaded.scenario, loaded.seeds);
  for (const w of loaded.scenario.warnings) process.stderr.write(`${w}\n`);
  return loaded;
}

/** Builds the scenario's model input once; a failure becomes an input error on the scenario's file. */
function checkBuilds(scenario: ResolvedScenario, seeds: SeedNetwork): void {
  let fit: ReturnType<typeof prepareScenario>['record'];
  try {
    fit = prepareScenario(scenario, seeds).record;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new InputError([{ file: scenario.files[0]!, path: `demand (network and demand of ${scenario.demand.year})`, problem: err.message }]);
  }
  // A record fit that could not meet every count still runs (the lock counts hold), but says which it left off.
  for (const c of fit?.conflicts ?? []) process.stderr.write(`waterway-sim: warning: the ${fit!.fitYear} demand fit did not converge: ${plain(c)}\n`);
}

/** Runs a scenario's replications, with their progress on stderr (progress.ts). */
export async function runWithProgress(scenario: ResolvedScenario, opts: ReplicationOptions, seeds?: SeedNetwork, session?: WorkerSession): Promise<ScenarioRun> {
  const { replications, workers, seed, backend } = replicationSettings(scenario, opts);
  const fault = injectedFault();
  const timeout = taskTimeoutSetting();
  const progress = new Progress(opts);
  progress.stage(plain(scenario.name), replications);
  try {
    return await runScenario(scenario, {
      replications,
      workers,
      seed,
      backend,
      ...(seeds ? { seeds } : {}),
      ...(fault ? { fault } : {}),
      ...(session ? { session } : {}),
      ...timeout,
      onProgress: (done) => progress.update(done),
    });
  } finally {
    progress.stop();
  }
}

/**
 * Worker threads to start before the input is read, so they load alongside it: as many as the
 * run will use when the options alone say so (local backend; --workers, else one per CPU, no
 * more than --replications), else none (the run starts its own).
 */
export function workersToStartEarly(o: ReplicationOptions): number {
  if ((o.backend ?? process.env.WATERWAY_SIM_BACKEND ?? 'local') !== 'local') return 0;
  const workers = o.workers !== undefined ? Number(o.workers) : cpus().length;
  const replications = o.replications !== undefined ? Number(o.replications) : Infinity;
  const n = Math.min(workers, replications);
  return Number.isInteger(n) && n >= 1 && n <= 256 ? n : 0;
}

/** Replications, workers and seed from the options, else the scenario's (workers: one per CPU). */
export function replicationSettings(scenario: ResolvedScenario, o: ReplicationOptions) {
  return {
    replications: o.replications !== undefined ? parseCount(o.replications, '--replications', 10_000) : scenario.replications,
    workers: o.workers !== undefined ? parseCount(o.workers, '--workers', 256) : cpus().length,
    seed: o.seed !== undefined ? checkedSeed(parseSeed(o.seed)) : scenario.seed,
    backend: backendSetting(o.backend),
  };
}

/** --backend, else WATERWAY_SIM_BACKEND, else local. */
export function backendSetting(text: string | undefined = process.env.WATERWAY_SIM_BACKEND): Backend {
  if (text === undefined || text === '') return LOCAL;
  try {
    return parseBackend(text);
  } catch (err) {
    throw new UserError(`--backend: ${(err as Error).message}`);
  }
}

/** A number seed must be a whole number within ±(2^53 − 1), else it would be changed silently; a word is kept as it is. */
function checkedSeed(seed: number | string): number | string {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new UserError(`--seed: expected a whole number within ±${Number.MAX_SAFE_INTEGER} (2^53 − 1) or a word, got ${seed}`);
  }
  return seed;
}

/** Longest a replication may take, seconds: WATERWAY_SIM_TASK_TIMEOUT_S, 1 to 2,147,483 (the longest Node timer); default 600. */
export const TASK_TIMEOUT_RANGE_S = { min: 1, max: 2_147_483 } as const;

/** WATERWAY_SIM_TASK_TIMEOUT_S, checked: a whole number of seconds in TASK_TIMEOUT_RANGE_S, else a UserError (exit 1). */
export function taskTimeoutSetting(env: NodeJS.ProcessEnv = process.env): { taskTimeoutS?: number } {
  const text = env.WATERWAY_SIM_TASK_TIMEOUT_S;
  if (text === undefined || text === '') return {};
  const n = Number(text.trim());
  const { min, max } = TASK_TIMEOUT_RANGE_S;
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UserError(`WATERWAY_SIM_TASK_TIMEOUT_S: expected a whole number of seconds from ${min} to ${max.toLocaleString('en')}, got '${plain(text)}'`);
  }
  return { taskTimeoutS: n };
}

/** Test hook: WATERWAY_SIM_INJECT_FAULT="<replication>:<throw|crash|exit|hang|invariant>". */
export function injectedFault(): { replication: number; kind: Fault } | undefined {
  const spec = process.env.WATERWAY_SIM_INJECT_FAULT;
  if (!spec) return undefined;
  const [r, kind] = spec.split(':');
  if (!['throw', 'crash', 'exit', 'hang', 'invariant'].includes(kind ?? '')) throw new UserError(`WATERWAY_SIM_INJECT_FAULT: unknown fault '${plain(String(kind))}'`);
  if (!/^\d{1,9}$/.test(r ?? '')) throw new UserError(`WATERWAY_SIM_INJECT_FAULT: expected '<replication>:<fault>' with a whole replication number, got '${plain(spec)}'`);
  return { replication: Number(r), kind: kind as Fault };
}

/**
 * Every command's name and one-line description, and where it is defined: what `--help`
 * lists, without loading any command's code. Only the command being run is loaded.
 */
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  description: string;
  /** Loads the command's module and adds the command, with its options and action, to the program. */
  register: (program: Command) => Promise<void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'run', description: "run a scenario's replications in worker threads and judge them against the targets", register: async (p) => (await import('./run.js')).registerRun(p) },
  { name: 'validate', description: 'check scenario files (and the files they extend) against the schema and the network, and build their network and demand as a run does', register: async (p) => (await import('./validate.js')).registerValidate(p) },
  { name: 'compare', description: 'one table of several scenarios: main-line Mt, TEU, P(reached) and mean wait per lock, with deltas against the first', register: async (p) => (await import('./compare.js')).registerCompare(p) },
  { name: 'bottlenecks', description: "step demand over levels, build each lock's delay curve, read practical capacities, rank the locks and name the first bottleneck and the one that takes over", register: async (p) => (await import('./bottlenecks.js')).registerBottlenecks(p) },
  { name: 'capacity', description: 'search each scenario for the largest demand the network sustains; report its main-line throughput against the targets and name what binds', register: async (p) => (await import('./capacity.js')).registerCapacity(p) },
  { name: 'trajectory', description: "run a lock programme year by year on the record's demand and a growth path after it; name each lock's saturation year", register: async (p) => (await import('./trajectory.js')).registerTrajectory(p) },
  { name: 'sensitivity', description: 'vary each uncertain seed figure behind what binds the network over its range, one at a time, and rank them by the swing in sustainable main-line throughput (a tornado)', register: async (p) => (await import('./sensitivity.js')).registerSensitivity(p) },
  { name: 'hindcast', description: 'run the recorded years on their own network and demand, and set the model beside every observation', register: async (p) => (await import('./trajectory.js')).registerHindcast(p) },
  { name: 'locks', description: 'the lock model against the record: per-lockage figures, waits and maxima (seeds/xijiang/observed.yaml)', register: async (p) => (await import('./locks.js')).registerLocks(p) },
  { name: 'demo', description: "the engine's single-lock demo: one chamber, Poisson traffic, against bulk-service theory", register: async (p) => (await import('./demo.js')).registerDemo(p) },
  { name: 'network', description: 'print the network: nodes, ports, locks, lines and km of channel by class', register: async (p) => (await import('./network.js')).registerNetwork(p) },
  { name: 'route', description: 'the quickest route between two ports for a vessel class', register: async (p) => (await import('./route.js')).registerRoute(p) },
  { name: 'worker', description: "take replications from a Redis queue (the studies' --backend redis://…) and run them on this machine's worker threads, until stopped (SIGTERM or Ctrl-C: the jobs in hand are finished first)", register: async (p) => (await import('./worker.js')).registerWorker(p) },
];

/** A command's description, for its own definition: written once, here. */
export function describe(name: string): string {
  return COMMANDS.find((c) => c.name === name)!.description;
}

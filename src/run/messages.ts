import type { ReplicationResult } from '../model/index.js';
import type { SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';

/** A fault to inject into one replication: for testing how the pool copes. */
export type Fault = 'throw' | 'crash' | 'exit' | 'hang' | 'invariant';

/**
 * A what-if on a scenario, for capacity studies: demand × multiplier, locks
 * relieved (passed as open river), berths that never make a vessel wait.
 */
export interface ScenarioVariant {
  demandMultiplier?: number;
  relievedLocks?: string[];
  berthsUnconstrained?: boolean;
}

/** One replication to run: what the main thread sends a worker. */
export interface TaskMessage {
  id: number;
  scenario: ResolvedScenario;
  /** Identifies the scenario (and variant) in the worker's input cache, and in the random streams unless streamKey is given. */
  scenarioKey: string;
  /** Key of the random streams: variants sharing it draw the same numbers (common random numbers). */
  streamKey?: string;
  variant?: ScenarioVariant;
  replication: number;
  seed: number | string;
  fault?: Fault;
  /** The scenario's seeds, for a worker that did not get them at start (a Redis worker's jobs bring their own); sent once per thread. */
  seeds?: SeedNetwork;
}

export type ReplyMessage = { id: number; ok: true; result: ReplicationResult; /** The worker's V8 heap in use after the task. */ heapUsedB: number } | { id: number; ok: false; error: string };

/** A fresh worker's first message: its modules are loaded and it takes tasks. */
export interface ReadyMessage {
  ready: true;
}

import type { ReplicationResult } from '../model/index.js';
import type { ResolvedScenario } from '../scenario/load.js';

/** A fault to inject into one replication: for testing how the pool copes. */
export type Fault = 'throw' | 'crash' | 'exit' | 'hang';

/** One replication to run: what the main thread sends a worker. */
export interface TaskMessage {
  id: number;
  scenario: ResolvedScenario;
  /** Identifies the scenario in the random streams and the worker's input cache. */
  scenarioKey: string;
  replication: number;
  seed: number | string;
  fault?: Fault;
}

export type ReplyMessage = { id: number; ok: true; result: ReplicationResult } | { id: number; ok: false; error: string };

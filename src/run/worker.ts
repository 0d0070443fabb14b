/** A long-lived replication worker: builds a scenario's input once, then runs replications on request. */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { InvariantError } from '../engine/index.js';
import type { SeedNetwork } from '../network/index.js';
import { runFreightYear, type FreightInput } from '../model/index.js';
import type { ReadyMessage, ReplyMessage, TaskMessage } from './messages.js';
import { buildScenarioInput } from './prepare.js';

const inputs = new Map<string, FreightInput>();
// Seeds the main thread already loaded, by folder: no need to parse and check them again.
const preloaded = new Map<string, SeedNetwork>(Object.entries((workerData as { seeds?: Record<string, SeedNetwork> } | null)?.seeds ?? {}));
const port = parentPort!;

port.on('message', (task: TaskMessage) => {
  if (task.fault && task.fault !== 'invariant') return injectFault(task);
  let reply: ReplyMessage;
  try {
    if (task.fault === 'invariant') throw new InvariantError(`injected in replication ${task.replication}`);
    if (task.seeds) preloaded.set(task.scenario.seedsDir, task.seeds);
    let input = inputs.get(task.scenarioKey);
    if (!input) inputs.set(task.scenarioKey, (input = buildScenarioInput(task.scenario, preloaded.get(task.scenario.seedsDir), task.variant)));
    const result = runFreightYear(input, task.seed, task.replication, task.streamKey ?? task.scenarioKey);
    if (!result.conservation.ok) throw new InvariantError(`conservation (vessels or tonnes lost) in replication ${task.replication}: ${result.conservation.problems.join('; ')}`);
    reply = { id: task.id, ok: true, result, heapUsedB: getHeapStatistics().used_heap_size };
  } catch (err) {
    reply = { id: task.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});

// The time limit on a replication starts now, not while the thread loads its modules.
port.postMessage({ ready: true } satisfies ReadyMessage);

/** Test hook: make this replication fail in the way asked. */
function injectFault(task: TaskMessage): void {
  switch (task.fault) {
    case 'throw':
      throw new Error(`injected fault in replication ${task.replication}`);
    case 'crash':
      setImmediate(() => {
        throw new Error(`injected crash in replication ${task.replication}`);
      });
      return;
    case 'exit':
      process.exit(3);
    case 'hang':
      for (;;);
  }
}

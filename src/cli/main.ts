#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from './errors.js';
import { InputError, formatProblem } from '../input/problems.js';
import { ReplicationError } from '../run/pool.js';
import { BackendError } from '../run/backend.js';
import { registerWorker } from './worker.js';
import { registerDemo } from './demo.js';
import { registerNetwork } from './network.js';
import { registerRoute } from './route.js';
import { registerRun } from './run.js';
import { registerValidate } from './validate.js';
import { registerCompare } from './compare.js';
import { registerBottlenecks } from './bottlenecks.js';
import { registerCapacity } from './capacity.js';
import { registerLocks } from './locks.js';
import { registerHindcast, registerTrajectory } from './trajectory.js';
import { registerSensitivity } from './sensitivity.js';
import { packageVersion } from '../package.js';
import { plain } from '../report/terminal.js';
import { handleInterrupts } from './interrupt.js';

const program = new Command('waterway-sim')
  .description('Discrete-event simulator of inland-waterway freight networks (embedded: Pearl River–Xijiang)')
  .version(packageVersion())
  .exitOverride();
handleInterrupts();
registerRun(program);
registerValidate(program);
registerCompare(program);
registerBottlenecks(program);
registerCapacity(program);
registerTrajectory(program);
registerSensitivity(program);
registerHindcast(program);
registerLocks(program);
registerDemo(program);
registerNetwork(program);
registerRoute(program);
registerWorker(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof InputError) {
    for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`waterway-sim: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the input; nothing was written\n`);
    process.exit(1);
  }
  if (err instanceof ReplicationError || err instanceof UserError || err instanceof BackendError) {
    process.stderr.write(`waterway-sim: ${plain(err.message)}\n`);
    // 1: the input or request was wrong; 2: a replication (or the backend running it) failed and the run was abandoned.
    process.exit(err instanceof UserError ? err.exitCode : 2);
  }
  throw err;
}

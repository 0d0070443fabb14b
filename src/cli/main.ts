#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands.js';
import { packageVersion } from '../package.js';
import { plain } from '../report/plain.js';
import { handleInterrupts } from './interrupt.js';

const program = new Command('waterway-sim')
  .description('Discrete-event simulator of inland-waterway freight networks (embedded: Pearl River–Xijiang)')
  .version(packageVersion())
  .exitOverride();
handleInterrupts();
// Only the command being run is loaded: `--version`, `--help` and a mistyped command load none.
const asked = process.argv.slice(2).find((a) => !a.startsWith('-'));
const entry = COMMANDS.find((c) => c.name === asked);
if (entry) await entry.register(program);
else for (const c of COMMANDS) program.command(c.name).description(c.description).allowUnknownOption().helpOption(false);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // The error kinds load only when one is thrown: `--version` and `--help` need none of them.
  const [{ UserError }, { InputError, formatProblem }, { ReplicationError }, { BackendError }] = await Promise.all([import('./errors.js'), import('../input/problems.js'), import('../run/pool.js'), import('../run/backend.js')]);
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

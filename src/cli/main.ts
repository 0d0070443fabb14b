#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from './errors.js';
import { registerRun } from './run.js';
import { packageVersion } from './version.js';

const program = new Command('waterway-sim')
  .description('Discrete-event simulator of inland-waterway freight networks (embedded: Pearl River–Xijiang)')
  .version(packageVersion())
  .exitOverride();
registerRun(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof UserError) {
    process.stderr.write(`waterway-sim: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  throw err;
}

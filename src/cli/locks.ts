import type { Command } from 'commander';
import { describe } from './commands.js';
import { resolve } from 'node:path';
import { compareLockMaxima, compareLockRecords } from '../capacity/lock-record.js';
import { embeddedSeedsDir, loadSeeds } from '../network/index.js';
import { lockRecordReport } from '../report/lock-record.js';
import { parseCount, parseSeed } from './options.js';

interface LocksOptions {
  seeds?: string;
  replications: string;
  seed: string;
  json?: boolean;
}

/**
 * `locks`: every lock record of the seeds (observed.yaml) run through its lock alone, the model's
 * lockages, ships and tonnes per lockage and waits beside the record's, and each lock's maximum
 * beside the most it passed.
 */
export function registerLocks(program: Command): void {
  program
    .command('locks')
    .description(describe('locks'))
    .option('--seeds <dir>', 'seed folder of another network (default: the embedded Xijiang network)')
    .option('--replications <n>', 'replications of each record', '3')
    .option('--seed <seed>', 'base seed of the random streams', '1')
    .option('--json', 'print the comparison as JSON')
    .action((opts: LocksOptions) => {
      const seeds = loadSeeds(opts.seeds ? resolve(opts.seeds) : embeddedSeedsDir(), opts.seeds ?? 'seeds/xijiang');
      const run = { replications: parseCount(opts.replications, '--replications', 100), seed: parseSeed(opts.seed) };
      const records = compareLockRecords(seeds, run);
      const maxima = compareLockMaxima(seeds, run);
      if (opts.json) process.stdout.write(JSON.stringify({ records, maxima }, null, 2) + '\n');
      else process.stdout.write(lockRecordReport(records, maxima, run.replications) + '\n');
    });
}

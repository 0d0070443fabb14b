import type { Command } from 'commander';
import { describe } from './commands.js';
import { cpus } from 'node:os';
import { backendLabel } from '../run/backend.js';
import { UserError } from './errors.js';
import { parseCount } from './options.js';
import { backendSetting } from './scenario-options.js';

interface Options {
  backend?: string;
  concurrency?: string;
  stalledS: string;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(describe('worker'))
    .requiredOption('--backend <url>', 'the queue: redis://[user:pass@]host:port[/db] (rediss:// for TLS)')
    .option('--concurrency <n>', `jobs at once, each on a worker thread of its own (default: the number of CPUs, ${cpus().length} here)`)
    .option('--stalled-s <s>', "a job whose worker stops answering this long is taken up again by another worker (BullMQ's lock and stalled check)", '30')
    .action(async (opts: Options) => {
      const backend = backendSetting(opts.backend);
      if (backend.kind !== 'redis') throw new UserError("--backend: a worker takes jobs from a Redis queue: give redis://host:port, not 'local'");
      const concurrency = opts.concurrency !== undefined ? parseCount(opts.concurrency, '--concurrency', 256) : cpus().length;
      const stalledS = parseCount(opts.stalledS, '--stalled-s', 3600);
      const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
      const { serveQueue } = await import('../run/redis-worker.js');
      const server = await serveQueue({ url: backend.url, concurrency, stalledS, log });
      log(`waterway-sim worker ${process.pid}: taking jobs from ${backendLabel(backend)}, ${concurrency} at a time`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: finishing the jobs in hand, taking no new ones`);
          server.close().then(resolve, (e: unknown) => {
            log(`while stopping: ${e instanceof Error ? e.message : String(e)}`);
            resolve();
          });
        };
        // Not the studies' stop-at-once: a worker finishes what it holds, so that nothing waits for the stalled check.
        process.removeAllListeners('SIGTERM');
        process.removeAllListeners('SIGINT');
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      log('stopped');
    });
}

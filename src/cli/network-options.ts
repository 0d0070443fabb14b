import type { Command } from 'commander';
import { resolve } from 'node:path';
import { buildNetwork, embeddedSeedsDir, loadSeeds, type WaterwayNetwork } from '../network/index.js';
import { UserError } from './errors.js';

export interface NetworkOptions {
  seeds?: string;
  year?: string;
}

export function addNetworkOptions(cmd: Command, defaultYearText = 'the network\'s latest reference year'): Command {
  return cmd
    .option('--seeds <dir>', 'seed folder of another network (default: the embedded Xijiang network)')
    .option('--year <year>', `state of the network in this year (default: ${defaultYearText})`);
}

export function parseYear(text: string): number {
  const y = Number(text);
  if (!Number.isInteger(y) || y < 1900 || y > 2100) throw new UserError(`--year: expected a year from 1900 to 2100, got '${text}'`);
  return y;
}

/** Loads the seeds and states the network in the requested year. */
export function openNetwork(opts: NetworkOptions): WaterwayNetwork {
  const dir = opts.seeds ? resolve(opts.seeds) : embeddedSeedsDir();
  const seed = loadSeeds(dir, opts.seeds ?? 'seeds/xijiang');
  const year = opts.year !== undefined ? parseYear(opts.year) : Math.max(...seed.years);
  return buildNetwork(seed, year);
}

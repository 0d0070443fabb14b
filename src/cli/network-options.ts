import type { Command } from 'commander';
import { resolve } from 'node:path';
import { buildNetwork, embeddedSeedsDir, loadSeeds, type WaterwayNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { DEFAULT_YEAR } from './defaults.js';
import { UserError } from './errors.js';

export interface NetworkOptions {
  seeds?: string;
  year?: string;
  scenario?: string;
}

/** The network a command shows, and the scenario it is stated as, if one was given. */
export interface OpenedNetwork {
  net: WaterwayNetwork;
  scenario?: ResolvedScenario;
}

export function addNetworkOptions(cmd: Command): Command {
  return cmd
    .option('--scenario <file>', 'the network exactly as this scenario runs it: its seeds, its changes, its year')
    .option('--seeds <dir>', 'seed folder of another network, as it stands (default: the embedded Xijiang network)')
    .option('--year <year>', `state of the network in this year (default: the scenario's year; without a scenario ${DEFAULT_YEAR}, the year of the default scenario plan-2020 that run takes)`);
}

export function parseYear(text: string): number {
  const y = Number(text);
  if (!Number.isInteger(y) || y < 1900 || y > 2100) throw new UserError(`--year: expected a year from 1900 to 2100, got '${text}'`);
  return y;
}

/**
 * The network of a scenario (its changes applied, by the function every
 * replication builds it with) or of a seed folder as it stands, in the year
 * asked for, else the scenario's, else DEFAULT_YEAR.
 */
export async function openNetwork(opts: NetworkOptions): Promise<OpenedNetwork> {
  const year = opts.year !== undefined ? parseYear(opts.year) : undefined;
  if (opts.scenario !== undefined) {
    if (opts.seeds !== undefined) throw new UserError('--seeds: a scenario names its own network; give one or the other');
    // Loaded only when asked for: the scenario's schema and checks are not needed to print the seeds.
    const [{ loadScenario }, { scenarioNetwork }] = await Promise.all([import('../scenario/load.js'), import('../scenario/network.js')]);
    const { scenario, seeds } = loadScenario(opts.scenario);
    for (const w of scenario.warnings) process.stderr.write(`${w}\n`);
    return { net: scenarioNetwork(scenario, seeds, year), scenario };
  }
  const dir = opts.seeds ? resolve(opts.seeds) : embeddedSeedsDir();
  return { net: buildNetwork(loadSeeds(dir, opts.seeds ?? 'seeds/xijiang'), year ?? DEFAULT_YEAR) };
}

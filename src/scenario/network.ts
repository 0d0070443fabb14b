import { buildNetwork, type SeedNetwork, type WaterwayNetwork } from '../network/index.js';
import type { ResolvedScenario } from './load.js';

/**
 * The network a scenario runs on: its seeds with its changes, stated in its year
 * (lines in service from the year they open). Every replication builds it so, and
 * `network SCENARIO` prints it; `year` states it in another year, as a trajectory does.
 */
export function scenarioNetwork(s: ResolvedScenario, seeds: SeedNetwork, year = s.year): WaterwayNetwork {
  return buildNetwork(seeds, year, s.changes);
}

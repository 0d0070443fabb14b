import { join } from 'node:path';
import { InputError } from '../input/problems.js';
import { packageRoot } from '../package.js';
import { applyChanges, type NetworkChange } from './changes.js';
import { WaterwayNetwork } from './graph.js';
import type { SeedNetwork } from './types.js';

export { WaterwayNetwork, type EdgeAttrs, type NodeAttrs } from './graph.js';
export { route, roundTripBlocker, nominalLockageS, NoRouteError, type Route, type RoutableVessel, type LockPassage, type RouteLeg } from './routing.js';
export { applyChanges, type NetworkChange, type ChangeProblem } from './changes.js';
export { IMMEDIATE_LOCKAGE, LOCKAGE_RULE_NEEDS, loadSeeds, type FigureOverride } from './seeds.js';
export { MIN_USEFUL_LOAD, atRoutingDraught, deadweightShareAt, draughtAtShare, emptyDraughtM } from './hull.js';
export { networkGeoJson } from './geojson.js';
export * from './admission.js';
export * from './types.js';

/** The embedded default network's seed folder. */
export function embeddedSeedsDir(name = 'xijiang'): string {
  return join(packageRoot(), 'seeds', name);
}

/**
 * The network of a seed folder in a given year, with changes applied.
 * Change problems come back as an InputError located in `changesFile`.
 */
export function buildNetwork(seeds: SeedNetwork, year: number, changes: readonly NetworkChange[] = [], changesFile = 'changes'): WaterwayNetwork {
  if (changes.length === 0) return new WaterwayNetwork(seeds, year);
  const applied = applyChanges(seeds, changes);
  if (applied.problems.length > 0) {
    throw new InputError(applied.problems.map((p) => ({ file: changesFile, path: `changes[${p.index}].${p.field}`, problem: p.problem })));
  }
  return new WaterwayNetwork(applied.seeds, year);
}
export { channelDistances, type ChannelDistances } from './distance.js';

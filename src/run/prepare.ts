import { DEFAULT_CLOSURE_PARAMS } from '../model/closures.js';
import { prepareFreightInput, type FreightInput, type RecordDemand } from '../model/index.js';
import { loadSeeds, type SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { scenarioNetwork } from '../scenario/network.js';
import type { ScenarioVariant } from './messages.js';

const seedCache = new Map<string, SeedNetwork>();

/**
 * The model input of a resolved scenario: seeds (cached per folder), the
 * network in the scenario's year with its changes, and the demand. Run the
 * same way in the main thread and in every worker, so all build the same input.
 */
export function buildScenarioInput(s: ResolvedScenario, seeds?: SeedNetwork, variant: ScenarioVariant = {}): FreightInput {
  return prepareScenario(s, seeds, variant).input;
}

/** The model input, and the record fit behind its demand when it comes from the record (for its warnings). */
export function prepareScenario(s: ResolvedScenario, given?: SeedNetwork, variant: ScenarioVariant = {}): { input: FreightInput; record?: RecordDemand } {
  let seeds = given ?? seedCache.get(s.seedsDir);
  if (!seeds) seedCache.set(s.seedsDir, (seeds = loadSeeds(s.seedsDir, s.networkLabel)));
  const net = scenarioNetwork(s, seeds);
  const prepared = prepareFreightInput(
    seeds,
    net,
    { ...s.demand, demandScale: s.demand.demandScale * (variant.demandMultiplier ?? 1) },
    s.closures.extra,
  );
  const input: FreightInput = {
    ...prepared.input,
    fleetYear: s.fleet.mixYear,
    ...(s.fleet.shares ? { fleetShares: s.fleet.shares } : {}),
    horizonS: s.horizonS,
    warmupS: s.warmupS,
    closure: { ...DEFAULT_CLOSURE_PARAMS, ...(s.closures.floodSpellMeanS !== undefined ? { floodSpellMeanS: s.closures.floodSpellMeanS } : {}) },
    targets: s.targets,
    classTonnageCap: s.classTonnageCap,
    ...(s.hydrology.id !== 'normal' ? { hydrology: s.hydrology } : {}),
    ...(variant.relievedLocks?.length ? { relievedLocks: variant.relievedLocks } : {}),
    ...(variant.berthsUnconstrained ? { berthsUnconstrained: true } : {}),
  };
  return { input, ...(prepared.record ? { record: prepared.record } : {}) };
}

import type { Nameable, NameContext } from '../input/names.js';
import type { SeedNetwork } from './types.js';

/** The network's locks by id and name; a lock also goes by its site's names ("Changzhou hub", "长洲水利枢纽"). */
export function lockNames(seeds: SeedNetwork): Nameable[] {
  const nodes = new Map(seeds.nodes.map((n) => [n.id, n]));
  return seeds.locks.map((l) => {
    const site = nodes.get(l.node);
    return { id: l.id, name: l.name, kind: 'lock', ...(site?.kind === 'lock-site' ? { aliases: [site.name.en, site.name.zh] } : {}) };
  });
}

export function portNames(seeds: SeedNetwork): Nameable[] {
  return seeds.ports.map((p) => ({ id: p.id, name: p.name, kind: 'port' }));
}

/** Where demand starts and ends: the ports, and the gateways to the sea. */
export function zoneNames(seeds: SeedNetwork): Nameable[] {
  return [...portNames(seeds), ...seeds.nodes.filter((n) => n.kind === 'gateway').map((n) => ({ id: n.id, name: n.name, kind: 'gateway' }))];
}

/**
 * The places a route runs between, each standing for its node: nodes, ports and
 * locks. A name a port shares with a lock (Guigang, Baise) is the port; "Guigang
 * lock" or the lock site's own name is the lock.
 */
export function placeNames(seeds: SeedNetwork): Nameable[] {
  return [
    ...seeds.ports.map((p) => ({ id: p.id, name: p.name, kind: 'port', target: p.node })),
    ...seeds.nodes.map((n) => ({ id: n.id, name: n.name, kind: 'node' })),
    ...lockNames(seeds).map((l) => ({ ...l, target: seeds.locks.find((x) => x.id === l.id)!.node })),
  ];
}

export const LOCK: NameContext = { what: 'lock' };
export const PORT: NameContext = { what: 'port' };
export const ZONE: NameContext = { what: 'port or gateway', prefer: ['port', 'gateway'] };
export const PLACE: NameContext = { what: 'port or node', prefer: ['port', 'node', 'lock'], listedBy: '`waterway-sim network`' };

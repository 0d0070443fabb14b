import type { Port, SeedNetwork } from '../network/index.js';
import type { OdFlow } from './demand.js';

/**
 * A place where demand starts or ends: one area of a port (a port with one
 * node is one zone, named like the port), or a sea gateway.
 */
export interface Zone {
  id: string;
  node: string;
  /** The port it belongs to; null for a gateway. */
  port: Port | null;
  /** Its share of the port's throughput. */
  share: number;
}

/** A port's first area keeps the port's id; further areas are `port@node`. */
export function demandZones(seed: SeedNetwork): Zone[] {
  const zones: Zone[] = [];
  for (const p of seed.ports) p.areas.forEach((a, i) => zones.push({ id: i === 0 ? p.id : `${p.id}@${a.node}`, node: a.node, port: p, share: a.share }));
  for (const n of seed.nodes) if (n.kind === 'gateway') zones.push({ id: n.id, node: n.id, port: null, share: 1 });
  return zones;
}

/** Flows stated between ports, spread over the ports' areas by their shares. */
export function flowsToZones(flows: readonly OdFlow[], zones: readonly Zone[]): OdFlow[] {
  const of = (id: string) => {
    const z = zones.filter((x) => x.port?.id === id);
    return z.length > 0 ? z : zones.filter((x) => x.id === id);
  };
  const out: OdFlow[] = [];
  for (const f of flows) {
    for (const a of of(f.origin)) {
      for (const b of of(f.destination)) {
        if (a.node === b.node) continue;
        const k = a.share * b.share;
        out.push({ ...f, origin: a.id, destination: b.id, tonnes: f.tonnes * k, teu: f.teu * k });
      }
    }
  }
  return out;
}

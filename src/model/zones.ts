import type { Port, SeedNetwork } from '../network/index.js';
import type { OdFlow } from './demand.js';

/**
 * A place where demand starts or ends: one area of a port (a port with one
 * node is one zone, named like the port), a sea gateway, or traffic that port
 * statistics miss (demand.yaml `unrecorded`).
 */
export interface Zone {
  id: string;
  name: { en: string; zh: string };
  node: string;
  kind: 'port' | 'gateway' | 'unrecorded';
  /** The port it belongs to; null for a gateway or unrecorded traffic. */
  port: Port | null;
  /** Its share of the port's throughput. */
  share: number;
}

/** A port's first area keeps the port's id; further areas are `port@node`; then the gateways, then unrecorded traffic. */
export function demandZones(seeds: SeedNetwork): Zone[] {
  const zones: Zone[] = [];
  for (const p of seeds.ports) p.areas.forEach((a, i) => zones.push({ id: i === 0 ? p.id : `${p.id}@${a.node}`, name: p.name, node: a.node, kind: 'port', port: p, share: a.share }));
  for (const n of seeds.nodes) if (n.kind === 'gateway') zones.push({ id: n.id, name: n.name, node: n.id, kind: 'gateway', port: null, share: 1 });
  for (const u of seeds.demand?.unrecorded ?? []) zones.push({ id: u.id, name: u.name, node: u.node, kind: 'unrecorded', port: null, share: 1 });
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

import { UndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/dijkstra.js';
import type { SeedNetwork } from './types.js';

/** Distances along the channels of the seeds, whatever the vessel: for demand's gravity and for telling up from down. */
export interface ChannelDistances {
  /** Metres along the shortest way between two nodes (0 to itself, Infinity if unconnected). */
  distanceM(from: string, to: string): number;
  /** The nodes of the shortest way, both ends included; null if unconnected. */
  path(from: string, to: string): string[] | null;
}

export function channelDistances(seeds: SeedNetwork): ChannelDistances {
  const g = new UndirectedGraph();
  for (const n of seeds.nodes) g.addNode(n.id);
  for (const s of seeds.segments) g.mergeEdge(s.from, s.to, { lengthM: s.lengthM });
  const path = (from: string, to: string) => (bidirectional(g, from, to, 'lengthM') as string[] | null) ?? null;
  return {
    path,
    distanceM(from, to) {
      if (from === to) return 0;
      const nodes = path(from, to);
      if (!nodes) return Infinity;
      let d = 0;
      for (let i = 1; i < nodes.length; i++) d += g.getEdgeAttribute(g.edge(nodes[i - 1], nodes[i])!, 'lengthM') as number;
      return d;
    },
  };
}

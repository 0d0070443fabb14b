import { DirectedGraph } from 'graphology';
import { classInYear, lockState, openLines, segmentDepth, type LockState } from './admission.js';
import type { ChannelClass, ClassId, Lock, LockagePolicy, LockLine, Port, SeedNetwork, Segment, WaterwayNode } from './types.js';

export interface NodeAttrs {
  node: WaterwayNode;
  lock?: Lock;
  ports: Port[];
}

export interface EdgeAttrs {
  segment: Segment;
  /** Downstream runs from the segment's `from` to its `to`. */
  direction: 'down' | 'up';
  lengthM: number;
  cls: ChannelClass;
  depthM: number;
  /** Current along the direction of travel: positive downstream, negative upstream. */
  currentAlongMps: number;
}

/**
 * The network as it stands in one year: a directed graph with an edge each way
 * along every segment, each carrying that year's class and depth. Locks and
 * ports hang on their nodes.
 */
export class WaterwayNetwork {
  readonly graph = new DirectedGraph<NodeAttrs, EdgeAttrs>();
  private readonly locksById = new Map<string, Lock>();
  private readonly portsById = new Map<string, Port>();

  constructor(
    readonly seeds: SeedNetwork,
    readonly year: number,
  ) {
    for (const n of seeds.nodes) this.graph.addNode(n.id, { node: n, ports: [] });
    for (const l of seeds.locks) {
      this.locksById.set(l.id, l);
      this.graph.mergeNodeAttributes(l.node, { lock: l });
    }
    for (const p of seeds.ports) {
      this.portsById.set(p.id, p);
      this.graph.getNodeAttributes(p.node).ports.push(p);
    }
    for (const s of seeds.segments) {
      const cls = seeds.classes.get(classInYear(s, year))!;
      const base = { segment: s, lengthM: s.lengthM, cls, depthM: segmentDepth(s, cls) };
      this.graph.addDirectedEdgeWithKey(`${s.id}:down`, s.from, s.to, { ...base, direction: 'down', currentAlongMps: s.currentMps });
      this.graph.addDirectedEdgeWithKey(`${s.id}:up`, s.to, s.from, { ...base, direction: 'up', currentAlongMps: -s.currentMps });
    }
  }

  get locks(): Lock[] {
    return this.seeds.locks;
  }

  get ports(): Port[] {
    return this.seeds.ports;
  }

  lock(id: string): Lock | undefined {
    return this.locksById.get(id);
  }

  port(id: string): Port | undefined {
    return this.portsById.get(id);
  }

  node(id: string): WaterwayNode | undefined {
    return this.graph.hasNode(id) ? this.graph.getNodeAttributes(id).node : undefined;
  }

  lockState(lock: Lock): LockState {
    return lockState(lock, this.year);
  }

  openLines(lock: Lock): LockLine[] {
    return openLines(lock, this.year);
  }

  /** The lock's lockage rule in this year: a points priority applies from its year on, first come first served before. */
  lockageRule(lock: Lock): LockagePolicy {
    const p = lock.lockage;
    return p.priority === 'points' && this.year < p.pointsFromYear ? { ...p, priority: 'fcfs' } : p;
  }

  segmentClass(segment: Segment): ClassId {
    return classInYear(segment, this.year);
  }

  /**
   * Kilometres of inland channel by class this year, each segment counted once.
   * Segments touching the sea gateway are the sea approach, not inland channel,
   * as in the plan's figures.
   */
  kmByClass(): Map<ClassId, number> {
    const km = new Map<ClassId, number>();
    const gateways = new Set(this.seeds.nodes.filter((n) => n.kind === 'gateway').map((n) => n.id));
    for (const s of this.seeds.segments) {
      if (gateways.has(s.from) || gateways.has(s.to)) continue;
      const c = this.segmentClass(s);
      km.set(c, (km.get(c) ?? 0) + s.lengthM / 1000);
    }
    return km;
  }
}

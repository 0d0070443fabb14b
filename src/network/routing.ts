import { DirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/dijkstra.js';
import { channelAdmits, describeVessel, lineAdmits } from './admission.js';
import { atRoutingDraught } from './hull.js';
import type { EdgeAttrs, NodeAttrs, WaterwayNetwork } from './graph.js';
import type { Lock, LockLine, Named, VesselClass, VesselSize } from './types.js';

/** What routing needs to know of a vessel. */
export interface RoutableVessel extends VesselSize {
  id: string;
  /** Speed through the water, m/s. */
  speedMps: number;
  /** Refuse reaches whose class tonnage is below the vessel's (a scenario's choice; off by default). */
  classTonnageCap?: boolean;
}

export interface RouteLeg {
  segment: string;
  river: Named;
  direction: 'down' | 'up';
  from: string;
  to: string;
  lengthM: number;
  classId: string;
  sailS: number;
}

export interface LockPassage {
  lock: string;
  name: Named;
  node: string;
  /** Lines in service that take this vessel. */
  lines: string[];
  /** One lockage with this vessel alone, without waiting: the routing cost. */
  nominalS: number;
}

export interface Route {
  from: string;
  to: string;
  vessel: string;
  nodes: string[];
  legs: RouteLeg[];
  locks: LockPassage[];
  lengthM: number;
  sailS: number;
  lockS: number;
  travelS: number;
}

/** No route exists for this vessel; `reason` says what stands in the way. */
export class NoRouteError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly vessel: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'NoRouteError';
  }
}

/** One lockage of a single vessel in a line: enter, close, level, open, leave. */
export function nominalLockageS(line: LockLine): number {
  const c = line.cycle;
  return c.entryPerVesselS + c.gateCloseS + c.levellingS + c.gateOpenS + c.exitPerVesselS;
}

/** What refuses a vessel: where (a river or a lock), why, and on which segment. */
interface Barrier {
  place: string;
  reason: string;
  segment?: string;
}

/** Why a vessel cannot use this edge or enter its target lock, or null if it can. */
function edgeBarrier(net: WaterwayNetwork, e: EdgeAttrs, target: NodeAttrs, v: RoutableVessel): Barrier | null {
  const place = e.segment.river.en;
  const channel = channelAdmits(e.cls, e.depthM, v, v.classTonnageCap);
  if (channel) return { place, reason: channel, segment: e.segment.id };
  if (v.speedMps + e.currentAlongMps <= 0.1) {
    return { place, reason: `current ${Math.abs(e.currentAlongMps)} m/s is too strong for ${v.speedMps.toFixed(2)} m/s through the water`, segment: e.segment.id };
  }
  const lock = target.lock;
  if (!lock) return null;
  const state = net.lockState(lock);
  const where = `${lock.name.en} ${lock.kind} (${lock.id})`;
  if (state === 'closed') return { place: where, reason: `a dam with no line in service in ${net.year}` };
  if (state === 'open-river') return null;
  const lines = net.openLines(lock);
  if (lines.some((l) => lineAdmits(l, v) === null)) return null;
  return { place: where, reason: `no line takes it (${lines.map((l) => `line ${l.id}: ${lineAdmits(l, v)}`).join('; ')})` };
}

function sailS(e: EdgeAttrs, v: RoutableVessel): number {
  return e.lengthM / (v.speedMps + e.currentAlongMps);
}

function lockCostS(net: WaterwayNetwork, lock: Lock | undefined, v: RoutableVessel): number {
  if (!lock || net.lockState(lock) !== 'lines') return 0;
  const fits = net.openLines(lock).filter((l) => lineAdmits(l, v) === null);
  return fits.length ? Math.min(...fits.map(nominalLockageS)) : Infinity;
}

const subgraphs = new WeakMap<WaterwayNetwork, Map<string, DirectedGraph<NodeAttrs, EdgeAttrs>>>();

/** The part of the network a vessel can use, cached per network and vessel. */
function usable(net: WaterwayNetwork, v: RoutableVessel): DirectedGraph<NodeAttrs, EdgeAttrs> {
  let byVessel = subgraphs.get(net);
  if (!byVessel) subgraphs.set(net, (byVessel = new Map()));
  const key = `${v.id}|${v.deadweightT}|${v.lengthM}|${v.beamM}|${v.draughtM}|${v.speedMps}|${v.classTonnageCap ?? false}`;
  let g = byVessel.get(key);
  if (g) return g;
  g = new DirectedGraph<NodeAttrs, EdgeAttrs>();
  net.graph.forEachNode((n, a) => g!.addNode(n, a));
  net.graph.forEachEdge((key, e, source, target, _sa, ta) => {
    if (edgeBarrier(net, e, ta, v) === null) g!.addDirectedEdgeWithKey(key, source, target, e);
  });
  byVessel.set(key, g);
  return g;
}

/**
 * The quickest route for a vessel: Dijkstra on sailing time (speed through the
 * water plus or minus the current) plus one nominal lockage per lock, over the
 * channels and chambers that take it. Throws NoRouteError naming what blocks it.
 */
export function route(net: WaterwayNetwork, from: string, to: string, v: RoutableVessel): Route {
  for (const id of [from, to]) if (!net.graph.hasNode(id)) throw new NoRouteError(from, to, v.id, `unknown node or port '${id}'`);
  const g = usable(net, v);
  const weight = (_e: string, attrs: EdgeAttrs) => sailS(attrs, v) + lockCostS(net, net.graph.getNodeAttributes(net.graph.target(_e)).lock, v);
  const path = from === to ? [from] : bidirectional(g, from, to, weight);
  if (!path) throw new NoRouteError(from, to, v.id, explainNoRoute(net, from, to, v));
  const legs: RouteLeg[] = [];
  const locks: LockPassage[] = [];
  for (let i = 1; i < path.length; i++) {
    const edge = g.edge(path[i - 1], path[i])!;
    const e = g.getEdgeAttributes(edge);
    legs.push({ segment: e.segment.id, river: e.segment.river, direction: e.direction, from: path[i - 1]!, to: path[i]!, lengthM: e.lengthM, classId: e.cls.id, sailS: sailS(e, v) });
    const lock = g.getNodeAttributes(path[i]!).lock;
    if (lock && net.lockState(lock) === 'lines' && i < path.length - 1) {
      const lines = net.openLines(lock).filter((l) => lineAdmits(l, v) === null);
      locks.push({ lock: lock.id, name: lock.name, node: lock.node, lines: lines.map((l) => l.id), nominalS: Math.min(...lines.map(nominalLockageS)) });
    }
  }
  const lengthM = legs.reduce((s, l) => s + l.lengthM, 0);
  const sail = legs.reduce((s, l) => s + l.sailS, 0);
  const lockS = locks.reduce((s, l) => s + l.nominalS, 0);
  return { from, to, vessel: v.id, nodes: path, legs, locks, lengthM, sailS: sail, lockS, travelS: sail + lockS };
}

/**
 * Finds the shortest path ignoring the vessel's size and lists what on it
 * refuses the vessel, merging consecutive segments refused for the same reason.
 */
function explainNoRoute(net: WaterwayNetwork, from: string, to: string, v: RoutableVessel): string {
  const head = `${label(net, from)} → ${label(net, to)}: no route for ${v.id} ${describeVessel(v)} in ${net.year}`;
  const path = bidirectional(net.graph, from, to, (_e, a) => a.lengthM);
  if (!path) return `${head}: the two are not connected by any channel`;
  const groups: { place: string; reason: string; segments: string[] }[] = [];
  for (let i = 1; i < path.length; i++) {
    const edge = net.graph.edge(path[i - 1], path[i])!;
    const target = net.graph.getNodeAttributes(path[i]!);
    // A lock at the destination need not be passed.
    const b = edgeBarrier(net, net.graph.getEdgeAttributes(edge), i === path.length - 1 ? { ...target, lock: undefined } : target, v);
    if (!b) continue;
    const last = groups[groups.length - 1];
    if (last && last.place === b.place && last.reason === b.reason) {
      if (b.segment) last.segments.push(b.segment);
    } else groups.push({ place: b.place, reason: b.reason, segments: b.segment ? [b.segment] : [] });
  }
  if (groups.length === 0) return `${head}: every path is blocked`;
  const text = groups.map((g) => {
    const segs = g.segments.length === 0 ? '' : g.segments.length === 1 ? ` on ${g.segments[0]}` : ` on ${g.segments[0]} … ${g.segments[g.segments.length - 1]} (${g.segments.length} segments)`;
    return `${g.place}: ${g.reason}${segs}`;
  });
  return `${head}: ${text.join('; ')}`;
}

function label(net: WaterwayNetwork, id: string): string {
  return net.node(id)?.name.en ?? id;
}

/**
 * Can one of these vessel classes sail loaded from `from` to `to` and back
 * empty? Null if one can; otherwise why the last one tried cannot (empty
 * when there was no class to try).
 */
export function roundTripBlocker(net: WaterwayNetwork, from: string, to: string, classes: readonly VesselClass[]): string | null {
  let reason = '';
  for (const v of classes) {
    try {
      route(net, from, to, { ...atRoutingDraught(v, true), speedMps: v.speedLoadedMps });
      route(net, to, from, { ...atRoutingDraught(v, false), speedMps: v.speedEmptyMps });
      return null;
    } catch (err) {
      if (!(err instanceof NoRouteError)) throw err;
      reason = err.message;
    }
  }
  return reason;
}

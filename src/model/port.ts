import { Resource, type Simulation } from '../engine/index.js';
import type { Berth, CargoKind, Port } from '../network/index.js';

const UNCONSTRAINED_SERVERS = 1e6;

/** One kind of berth at a port: c identical berths with a handling rate. */
export interface BerthGroup {
  berth: Berth;
  resource: Resource;
  /** Cargo whose handling started since the last reset, in the berths' unit (t or TEU). */
  handled: number;
}

/**
 * A port: for each cargo kind it handles, a group of identical berths where
 * vessels queue (FCFS) and stay for their handling time. Throughput is counted
 * by the freight model as vessels load and unload.
 */
export class PortModel {
  readonly groups = new Map<CargoKind, BerthGroup>();
  loadedT = 0;
  unloadedT = 0;
  loadedTeu = 0;
  unloadedTeu = 0;

  constructor(
    readonly sim: Simulation,
    readonly port: Port,
    /** Mooring, unmooring and paperwork per call, on top of cargo handling (s). */
    readonly callOverheadS: number,
    /** Every call gets a berth at once: for studies of the locks alone. */
    unconstrained = false,
  ) {
    const servers = (count: number) => (unconstrained ? UNCONSTRAINED_SERVERS : count);
    for (const b of port.berths) {
      const count = Math.round(b.count);
      if (count < 1) continue;
      const existing = this.groups.get(b.cargo);
      // Two berth records of one kind pool into one group at their weighted rate.
      if (existing) {
        const total = existing.berth.count + count;
        const rate = (existing.berth.ratePerS * existing.berth.count + b.ratePerS * count) / total;
        this.groups.set(b.cargo, { berth: { ...b, count: total, ratePerS: rate }, resource: new Resource(sim, servers(total), false), handled: 0 });
      } else this.groups.set(b.cargo, { berth: { ...b, count }, resource: new Resource(sim, servers(count), false), handled: 0 });
    }
  }

  /** A call starts handling: its cargo is counted, and its time returned (overhead plus cargo ÷ rate, in t or TEU as the berth counts). */
  startHandling(cargo: CargoKind, tonnes: number, teu: number): number {
    const g = this.groups.get(cargo)!;
    const amount = g.berth.rateUnit === 'TEU' ? teu : tonnes;
    g.handled += amount;
    return this.callOverheadS + amount / g.berth.ratePerS;
  }

  reset(now: number): void {
    this.loadedT = this.unloadedT = this.loadedTeu = this.unloadedTeu = 0;
    for (const g of this.groups.values()) {
      g.resource.reset(now);
      g.handled = 0;
    }
  }
}

import { Simulation, Streams, nextNhppArrival, type Rng } from '../engine/index.js';
import { draughtAtShare, type CargoKind } from '../network/index.js';
import { DAY_S, YEAR_S, closureYears } from './closures.js';
import { MAX_VESSELS_IN_NETWORK, OverloadError, type FreightInput } from './freight-model.js';
import { whereVesselsWait, yearResults } from './freight-results.js';
import { monthOf } from './hydrology.js';
import type { ReplicationResult } from './kpis.js';
import { LockModel } from './lock.js';
import { PortModel } from './port.js';
import { VesselState, newVessel, type Vessel } from './vessel.js';
import { voyagePlanOf, type VoyagePlan } from './voyage-plan.js';
import type { Step } from './voyages.js';

/**
 * One replication of a year of freight on the network: voyages arrive as a
 * seasonal non-homogeneous Poisson process, load at a berth, sail their route
 * at speed ± current, queue at each lock, unload at a berth, and return
 * (with a backhaul or empty). KPIs cover the measured span after the warm-up.
 *
 * The voyage is a chain of handlers, one per step, each taking the vessel:
 * the simulation calls them with it, so no event allocates a closure.
 */
export class FreightYear {
  private readonly sim = new Simulation();
  private readonly plan: VoyagePlan;
  private readonly endS: number;
  private readonly warnings: string[] = [];
  private readonly locks: LockModel[] = [];
  private readonly ports: Map<string, PortModel>;
  /** The port model of each demand zone, by the plan's zone index. */
  private readonly zonePorts: PortModel[];
  private readonly rngArrivals: Rng;
  private readonly rngTypes: Rng;
  private readonly rngBackhaul: Rng;
  // Counters for KPIs (measured span) and conservation (whole run), read by yearResults.
  generated = 0;
  finished = 0;
  sailing = 0;
  atLocks = 0;
  atPorts = 0;
  loadedAll = 0;
  unloadedAll = 0;
  afloat = 0;
  voyagesStarted = 0;
  voyagesCompleted = 0;
  offeredT = 0;
  servedT = 0;
  transitSum = 0;
  transitN = 0;
  /** Vessels in the network, unordered (each knows its index; a finished one is swapped out). */
  private readonly live: Vessel[] = [];
  private readonly spare: Vessel[] = [];

  constructor(
    private readonly input: FreightInput,
    private readonly seed: number | string,
    private readonly replication: number,
    scenarioKey = '',
  ) {
    const { sim } = this;
    // Streams from (seed, scenario, replication): each replication of each scenario has its own.
    const streams = new Streams(seed, scenarioKey ? `${scenarioKey}#${replication}` : replication);
    const { network: net, warmupS, horizonS } = input;
    this.endS = warmupS + horizonS;
    this.plan = voyagePlanOf(input);
    for (const id of this.plan.lockIds) {
      const lock = net.lock(id)!;
      this.locks.push(new LockModel(sim, lock, net.openLines(lock), input.margins, streams.stream(`points:${lock.id}`), net.lockageRule(lock)));
    }
    this.scheduleClosures(streams);
    this.ports = new Map(this.plan.zones.map((z) => [z.id, new PortModel(sim, this.plan.zonePorts.get(z.id)!, input.callOverheadS, input.berthsUnconstrained)]));
    this.zonePorts = this.plan.zones.map((z) => this.ports.get(z.id)!);
    for (const f of this.plan.unrouted) this.warnings.push(`no vessel class of the fleet can make the round trip ${f.origin} → ${f.destination} for ${f.commodity}: ${(f.tonnes / 1e6).toFixed(2)} Mt a year not simulated`);
    for (const t of this.plan.types) {
      for (const [port, cargo] of [[t.origin, t.cargo], [t.destination, t.cargo], ...t.backhauls.flatMap((b) => [[t.origin, b.cargo], [t.destination, b.cargo]])] as [string, CargoKind][]) {
        if (!this.ports.get(port)!.groups.has(cargo)) throw new RangeError(`port '${port}' has demand for ${cargo} but no ${cargo} berths`);
      }
    }
    this.rngArrivals = streams.stream('arrivals');
    this.rngTypes = streams.stream('voyage-types');
    this.rngBackhaul = streams.stream('backhaul');
    this.warnIfNoDemand();
    if (this.plan.totalRate > 0) this.scheduleNextArrival();
    // Warm-up cut-off: every statistic forgets what came before.
    sim.at(warmupS, () => {
      for (const lm of this.locks) lm.reset(sim.now);
      for (const p of this.ports.values()) p.reset(sim.now);
    });
  }

  run(): ReplicationResult {
    this.sim.run(this.endS);
    return this.results();
  }

  /** Scenario closures, and each year's own made a year ahead, so a long horizon does not hold them all at once. */
  private scheduleClosures(streams: Streams): void {
    const { input, sim, locks, endS } = this;
    const { warmupS, horizonS, hydrology } = input;
    for (const lm of locks) for (const c of input.extraClosures.filter((c) => c.lock === lm.lock.id)) lm.scheduleClosure(c, warmupS, endS);
    for (const y of closureYears(-warmupS, horizonS)) {
      const makeYear = () => {
        for (const lm of locks) for (const c of lm.closuresOfYear(streams, y, -warmupS, horizonS, input.closure, hydrology)) lm.scheduleClosure(c, warmupS, endS);
      };
      const at = (y - 1) * YEAR_S + warmupS;
      if (at <= 0) makeYear();
      else if (at < endS) sim.at(at, makeYear);
    }
  }

  /** No arrivals at all would print every KPI as 0 or "NaN ± ∞" with no reason given: name the cause. */
  private warnIfNoDemand(): void {
    const { monthRate, totalRate, maxSeason } = this.plan;
    if (monthRate.some((r) => !Number.isFinite(r)) || !Number.isFinite(maxSeason)) {
      this.warnings.push('demand is not a number (NaN or infinite): check demandScale, gravityExponent, seasonality and the flows; no voyages were simulated');
    } else if (!(totalRate > 0) || !(maxSeason > 0)) {
      const offered = this.input.flows.reduce((s, f) => s + (Number.isFinite(f.tonnes) ? f.tonnes : 0), 0);
      this.warnings.push(
        offered > 0 && maxSeason > 0
          ? 'no demand any vessel can carry: every flow is unrouted (see above); no voyages were simulated'
          : `demand came out zero (${offered > 0 ? 'every seasonality factor is 0' : 'no flow has tonnes: a demandScale near 0, a large gravityExponent or empty flows leave none'}); no voyages were simulated`,
      );
    }
  }

  private measuring(): boolean {
    return this.sim.now >= this.input.warmupS;
  }

  /** Calendar seconds from 1 January of the measured year. */
  private cal(t: number): number {
    return t - this.input.warmupS;
  }

  private readonly rate = (t: number): number => {
    const inYear = ((this.cal(t) % YEAR_S) + YEAR_S) % YEAR_S;
    return this.plan.rateByDay[Math.floor(inYear / DAY_S)]!;
  };

  private scheduleNextArrival(): void {
    const next = nextNhppArrival(this.rngArrivals, this.sim.now, this.rate, this.plan.totalRate * this.plan.maxSeason, this.endS);
    if (next < Infinity) this.sim.at(next, this.arrival);
  }

  // ---- The voyage's steps, each a handler the simulation calls with the vessel. ----

  private readonly arrival = (): void => {
    const { plan, rngBackhaul } = this;
    const month = monthOf(this.cal(this.sim.now));
    const t = plan.monthPick[month]!.sample(this.rngTypes);
    const type = plan.types[t]!;
    let backhaul: Vessel['backhaul'] = null;
    if (type.backhauls.length > 0 && rngBackhaul() < type.backhaulProb) {
      const b = plan.backhaulLoads.get(type)!;
      backhaul = b.loads[b.pick!.sample(rngBackhaul)]!; // drawn only with backhaulProb > 0, when the backhauls weigh something
    }
    const origin = this.zonePorts[plan.originZone[t]!]!;
    const v = this.spare.pop() ?? newVessel(type, origin);
    v.type = type;
    v.originPort = origin;
    v.destinationPort = this.zonePorts[plan.destinationZone[t]!]!;
    v.deadweightT = type.vessel.deadweightT;
    v.lengthM = type.vessel.lengthM;
    v.beamM = type.vessel.beamM;
    v.cargoT = type.cargoByMonthT[month]!;
    v.teuAboard = type.cargoT > 0 ? (type.teu * v.cargoT) / type.cargoT : 0;
    v.draughtM = plan.emptyDraughtM.get(type.vessel)!; // until it loads
    v.aboardT = 0;
    v.lockJoinS = 0;
    v.lockJoinEpoch = 0;
    v.leg = 0;
    v.step = -1;
    v.steps = type.out;
    v.readyS = this.sim.now;
    v.backhaul = backhaul;
    v.state = VesselState.Sailing;
    v.berthPort = null;
    v.berthCargo = null;
    v.afterBerth = null;
    this.start(v);
    this.scheduleNextArrival();
  };

  private start(v: Vessel): void {
    const maxLive = this.input.maxVesselsInNetwork ?? MAX_VESSELS_IN_NETWORK;
    if (this.live.length >= maxLive) {
      const [most] = whereVesselsWait(this.liveInOrder(), this.locks).places;
      throw new OverloadError(
        `more than ${maxLive.toLocaleString('en')} vessels in the network at once by day ${Math.floor(this.sim.now / 86400)}${most ? ` (${most.vessels.toLocaleString('en')} at ${most.place})` : ''}: the demand is far beyond what the network carries; lower the demand (demand.demandScale, or the sweep's levels)`,
      );
    }
    v.serial = this.generated++;
    v.liveIndex = this.live.length;
    this.live.push(v);
    this.sailing++; // counted as on its way to the berth, so the first atBerth balances
    if (this.measuring()) {
      this.voyagesStarted++;
      this.offeredT += v.cargoT;
    }
    this.atBerth(v, v.originPort, v.type.cargo, this.loadedAtOrigin);
  }

  private atBerth(v: Vessel, port: PortModel, cargo: CargoKind, then: (v: Vessel) => void): void {
    v.state = VesselState.AtPort;
    this.atPorts++;
    this.sailing--;
    v.berthPort = port;
    v.berthCargo = cargo;
    v.afterBerth = then;
    port.groups.get(cargo)!.resource.acquire(this.berthGranted, v);
  }

  private readonly berthGranted = (v: Vessel): void => {
    this.sim.schedule(v.berthPort!.startHandling(v.berthCargo!, v.cargoT, v.teuAboard), v.afterBerth!, v);
  };

  private leaveBerth(v: Vessel, port: PortModel, cargo: CargoKind): void {
    port.groups.get(cargo)!.resource.release();
    this.atPorts--;
    this.sailing++;
    v.state = VesselState.Sailing;
  }

  /** Loading done: leave the berth with the cargo aboard and set off along `steps`. */
  private setOffLoaded(v: Vessel, port: PortModel, cargo: CargoKind, steps: Step[]): void {
    this.leaveBerth(v, port, cargo);
    this.recordLoaded(port, v.cargoT, v.teuAboard);
    v.aboardT = v.cargoT;
    v.draughtM = draughtAtShare(v.type.vessel, v.cargoT / v.deadweightT);
    v.steps = steps;
    v.step = 0;
    this.nextStep(v);
  }

  private readonly loadedAtOrigin = (v: Vessel): void => this.setOffLoaded(v, v.originPort, v.type.cargo, v.type.out);

  private nextStep(v: Vessel): void {
    this.sim.schedule(v.steps[v.step]!.sailS, this.afterSail, v);
  }

  private readonly afterSail = (v: Vessel): void => {
    const s = v.steps[v.step++]!;
    if (s.lock < 0) return this.arrive(v);
    v.state = VesselState.AtLock;
    this.sailing--;
    this.atLocks++;
    this.locks[s.lock]!.pass(v, s.side, this.throughLock);
  };

  private readonly throughLock = (v: Vessel): void => {
    this.atLocks--;
    this.sailing++;
    v.state = VesselState.Sailing;
    this.nextStep(v);
  };

  private arrive(v: Vessel): void {
    if (v.leg === 0) this.atBerth(v, v.destinationPort, v.type.cargo, this.unloadedAtDestination);
    else if (v.backhaul) this.atBerth(v, v.originPort, v.backhaul.cargo, this.unloadedBackhaul);
    else this.finish(v);
  }

  private readonly unloadedAtDestination = (v: Vessel): void => {
    const dest = v.destinationPort;
    this.recordUnloaded(dest, v.cargoT, v.teuAboard, v.readyS);
    v.aboardT = 0;
    v.leg = 1;
    if (v.backhaul) {
      // The backhaul loads at a berth of its own kind: leave this one, queue for that one.
      this.leaveBerth(v, dest, v.type.cargo);
      // The way back may be shallower this month than the backhaul's planned load allows.
      const b = v.backhaul;
      const capT = v.type.backCapByMonthT[monthOf(this.cal(this.sim.now))]!;
      v.cargoT = Math.min(b.tonnes, capT);
      v.teuAboard = b.tonnes > 0 ? (b.teu * v.cargoT) / b.tonnes : 0;
      v.readyS = this.sim.now;
      if (this.measuring()) this.offeredT += v.cargoT;
      this.atBerth(v, dest, b.cargo, this.loadedBackhaul);
      return;
    }
    this.leaveBerth(v, dest, v.type.cargo);
    v.cargoT = 0;
    v.teuAboard = 0;
    v.draughtM = this.plan.emptyDraughtM.get(v.type.vessel)!;
    v.steps = v.type.backEmpty;
    v.step = 0;
    this.nextStep(v);
  };

  private readonly loadedBackhaul = (v: Vessel): void => this.setOffLoaded(v, v.destinationPort, v.backhaul!.cargo, v.type.backLoaded);

  private readonly unloadedBackhaul = (v: Vessel): void => {
    const origin = v.originPort;
    this.leaveBerth(v, origin, v.backhaul!.cargo);
    this.recordUnloaded(origin, v.cargoT, v.teuAboard, v.readyS);
    v.aboardT = 0;
    v.cargoT = 0;
    this.finish(v);
  };

  private finish(v: Vessel): void {
    this.sailing--;
    v.state = VesselState.Done;
    this.finished++;
    const last = this.live.pop()!;
    if (last !== v) {
      this.live[v.liveIndex] = last;
      last.liveIndex = v.liveIndex;
    }
    v.liveIndex = -1;
    this.spare.push(v);
    if (this.measuring()) this.voyagesCompleted++;
  }

  private recordLoaded(port: PortModel, tonnes: number, teu: number): void {
    this.loadedAll += tonnes;
    this.afloat += tonnes;
    if (!this.measuring()) return;
    port.loadedT += tonnes;
    port.loadedTeu += teu;
  }

  private recordUnloaded(port: PortModel, tonnes: number, teu: number, readyS: number): void {
    this.unloadedAll += tonnes;
    this.afloat -= tonnes;
    if (!this.measuring()) return;
    port.unloadedT += tonnes;
    port.unloadedTeu += teu;
    this.servedT += tonnes;
    this.transitSum += this.sim.now - readyS;
    this.transitN++;
  }

  // ---- Results ----

  /** The vessels in the network in the order they started (the list itself is unordered). */
  private liveInOrder(): Vessel[] {
    return [...this.live].sort((a, b) => a.serial - b.serial);
  }

  private results(): ReplicationResult {
    const live = this.liveInOrder();
    const { sim, locks, plan, input, seed, replication } = this;
    const ports = [...this.ports.values()];
    const portOf = (zone: string) => this.ports.get(zone)!;
    return yearResults({ input, plan, now: sim.now, events: sim.eventsExecuted, locks, ports, portOf, live, counts: this, warnings: this.warnings, seed, replication });
  }
}

import { Discrete, Simulation, Streams, nextNhppArrival } from '../engine/index.js';
import { draughtAtShare, emptyDraughtM, type Berth, type CargoKind, type DemandShape, type Hydrology, type Port, type VesselClass, type WaterwayNetwork } from '../network/index.js';
import { DAY_S, DEFAULT_CLOSURE_PARAMS, MONTH_START_DAY, YEAR_S, closureYears, type Closure, type ClosureParams } from './closures.js';
import { depthReductionM, monthOf } from './hydrology.js';
import { seasonFactor, type OdFlow } from './demand.js';
import { WAIT_BANDS_H, WAIT_BANDS_S, type ConservationCheck, type LockKpi, type PortKpi, type ReplicationResult } from './kpis.js';
import { LockModel, type LockCustomer } from './lock.js';
import { fullChamber } from './chamber.js';
import { DEFAULT_MARGINS, type PackingMargins } from './packing.js';
import { PortModel } from './port.js';
import { buildVoyageTypes, shareInYear, type Step, type VoyageType } from './voyages.js';
import { demandZones, type Zone } from './zones.js';

/** Everything one replication needs. No files, no threads: plain data. */
export interface FreightInput {
  network: WaterwayNetwork;
  flows: readonly OdFlow[];
  shape: DemandShape;
  /** Year whose fleet mix applies (usually the network year). */
  fleetYear: number;
  /** Shares by vessel class id that replace the year's mix, where given. */
  fleetShares?: Record<string, number>;
  warmupS: number;
  /** Measured span after the warm-up. */
  horizonS: number;
  margins: PackingMargins;
  /** Mooring, unmooring and formalities per port call. */
  callOverheadS: number;
  closure: ClosureParams;
  extraClosures: readonly Closure[];
  targets: { tonnes: number; teu: number };
  /** Locks that pass vessels as open river would: a what-if that removes them as constraints. */
  relievedLocks?: readonly string[];
  /** Berths that never make a vessel wait (their seeded counts still set utilisation and capacity). */
  berthsUnconstrained?: boolean;
  /** Vessels in the network at once beyond which the run stops as overloaded (default MAX_VESSELS_IN_NETWORK). */
  maxVesselsInNetwork?: number;
  /** The hydrological year: depth lost by reach and month, lines withdrawn (default: normal water). */
  hydrology?: Hydrology;
  /** Refuse reaches whose class tonnage is below a vessel's deadweight (default: only depth limits). */
  classTonnageCap?: boolean;
}

/**
 * Demand far beyond what the network carries piles vessels up without end; past
 * this many at once a replication stops with OverloadError rather than run for
 * hours. Measured: plan-2020 at its own demand ends the year with about 42,000
 * in the network; at ×100 a replication reaches the limit by day 48, after 29 s
 * and 1.9 GB peak RSS for two workers.
 */
export const MAX_VESSELS_IN_NETWORK = 2_000_000;

/** The replication stopped because demand far exceeds what the network can carry. */
export class OverloadError extends Error {
  override name = 'OverloadError';
}

export const DEFAULT_FREIGHT_PARAMS = {
  warmupS: 30 * DAY_S,
  horizonS: 365 * DAY_S,
  margins: DEFAULT_MARGINS,
  callOverheadS: 3600,
  closure: DEFAULT_CLOSURE_PARAMS,
  targets: { tonnes: 300e6, teu: 10e6 },
} as const;

/** One round trip in progress: the vessel and where it is. */
interface Vessel extends LockCustomer {
  type: VoyageType;
  leg: 0 | 1;
  step: number;
  steps: Step[];
  /** Cargo ready at the origin (the voyage's start), for transit times. */
  readyS: number;
  backhaul: { commodity: string; cargo: CargoKind; tonnes: number; teu: number } | null;
  /** TEU of the current leg's cargo. */
  teuAboard: number;
  /** Tonnes actually aboard: set when loading ends, cleared when unloading ends. */
  aboardT: number;
  state: State;
  // The berth call in progress (kept on the vessel so a call allocates nothing).
  berthPort: PortModel | null;
  berthCargo: CargoKind | null;
  afterBerth: ((v: Vessel) => void) | null;
}

const enum State {
  Sailing,
  AtLock,
  AtPort,
  Done,
}

/**
 * One replication of a year of freight on the network: voyages arrive as a
 * seasonal non-homogeneous Poisson process, load at a berth, sail their route
 * at speed ± current, queue at each lock, unload at a berth, and return
 * (with a backhaul or empty). KPIs cover the measured span after the warm-up.
 */
export function runFreightYear(input: FreightInput, seed: number | string, replication: number, scenarioKey = ''): ReplicationResult {
  const sim = new Simulation();
  // Streams from (seed, scenario, replication): each replication of each scenario has its own.
  const streams = new Streams(seed, scenarioKey ? `${scenarioKey}#${replication}` : replication);
  const { network: net, warmupS, horizonS } = input;
  const endS = warmupS + horizonS;
  const cal = (t: number) => t - warmupS; // calendar seconds from 1 January of the measured year
  const warnings: string[] = [];

  const hydrology = input.hydrology;
  // Locks and their closures.
  const locks: LockModel[] = [];
  const lockIndex = new Map<string, number>();
  for (const lock of net.locks) {
    if (net.lockState(lock) !== 'lines' || input.relievedLocks?.includes(lock.id)) continue;
    lockIndex.set(lock.id, locks.length);
    locks.push(new LockModel(sim, lock, net.openLines(lock), input.margins, streams.stream(`points:${lock.id}`), net.lockageRule(lock)));
  }
  for (const lm of locks) for (const c of input.extraClosures.filter((c) => c.lock === lm.lock.id)) lm.scheduleClosure(c, warmupS, endS);
  // A year's closures are made a year ahead, not all at the start, so a long horizon does not hold them all at once.
  for (const y of closureYears(-warmupS, horizonS)) {
    const makeYear = () => {
      for (const lm of locks) for (const c of lm.closuresOfYear(streams, y, -warmupS, horizonS, input.closure, hydrology)) lm.scheduleClosure(c, warmupS, endS);
    };
    const at = (y - 1) * YEAR_S + warmupS;
    if (at <= 0) makeYear();
    else if (at < endS) sim.at(at, makeYear);
  }

  // A port model per demand zone: each port area with its share of the berths, and the sea
  // gateways as ports without queues or throughput of their own.
  const zones = demandZones(net.seed);
  const ports = new Map(zones.map((z) => [z.id, new PortModel(sim, z.port ? areaPort(z.port, z) : openPort(z), input.callOverheadS, input.berthsUnconstrained)]));
  const zoneNode = new Map(zones.map((z) => [z.id, z.node]));

  // Voyage types and the arrival process.
  const loss = hydrology ? (segment: string, m: number) => depthReductionM(hydrology, segment, MONTH_START_DAY[m]! * DAY_S) : undefined;
  const { types, unrouted } = buildVoyageTypes(net, input.flows, input.shape, (v) => fleetShare(input, v), lockIndex, (z) => zoneNode.get(z) ?? z, {
    ...(loss ? { loss } : {}),
    classTonnageCap: input.classTonnageCap ?? false,
  });
  for (const f of unrouted) warnings.push(`no vessel class of the fleet can make the round trip ${f.origin} → ${f.destination} for ${f.commodity}: ${(f.tonnes / 1e6).toFixed(2)} Mt a year not simulated`);
  for (const t of types) {
    for (const [port, cargo] of [[t.origin, t.cargo], [t.destination, t.cargo], ...t.backhauls.flatMap((b) => [[t.origin, b.cargo], [t.destination, b.cargo]])] as [string, CargoKind][]) {
      if (!ports.get(port)!.groups.has(cargo)) throw new RangeError(`port '${port}' has demand for ${cargo} but no ${cargo} berths`);
    }
  }
  // Round trips by month: where low water lightens the loads, more voyages carry the same tonnes.
  const byMonth = MONTH_START_DAY.map((_, m) => types.map((t) => (t.perYear / (365 * DAY_S)) * (t.cargoT / t.cargoByMonthT[m]!)));
  const monthRate = byMonth.map((w) => w.reduce((s, r) => s + r, 0));
  const monthPick = byMonth.map((w, m) => (monthRate[m]! > 0 ? new Discrete(w) : null));
  const totalRate = Math.max(0, ...monthRate);
  const emptyDraught = new Map(net.seed.fleet.map((v) => [v, emptyDraughtM(v)]));
  const backhaulPick = new Map<VoyageType, Discrete>();
  const rngArrivals = streams.stream('arrivals');
  const rngTypes = streams.stream('voyage-types');
  const rngBackhaul = streams.stream('backhaul');
  const season = input.shape.seasonality;
  const maxSeason = Math.max(...season);
  const rate = (t: number) => monthRate[monthOf(cal(t))]! * seasonFactor(season, cal(t));
  // No arrivals at all would print every KPI as 0 or "NaN ± ∞" with no reason given: name the cause.
  if (monthRate.some((r) => !Number.isFinite(r)) || !Number.isFinite(maxSeason)) {
    warnings.push('demand is not a number (NaN or infinite): check demandScale, gravityExponent, seasonality and the flows; no voyages were simulated');
  } else if (!(totalRate > 0) || !(maxSeason > 0)) {
    const offered = input.flows.reduce((s, f) => s + (Number.isFinite(f.tonnes) ? f.tonnes : 0), 0);
    warnings.push(
      offered > 0 && maxSeason > 0
        ? 'no demand any vessel can carry: every flow is unrouted (see above); no voyages were simulated'
        : `demand came out zero (${offered > 0 ? 'every seasonality factor is 0' : 'no flow has tonnes: a demandScale near 0, a large gravityExponent or empty flows leave none'}); no voyages were simulated`,
    );
  }

  // Counters for KPIs (measured span) and conservation (whole run).
  let generated = 0, finished = 0, sailing = 0, atLocks = 0, atPorts = 0;
  let loadedAll = 0, unloadedAll = 0, afloat = 0;
  let voyagesStarted = 0, voyagesCompleted = 0, offeredT = 0, servedT = 0;
  let transitSum = 0, transitN = 0;
  const live = new Set<Vessel>();
  const spare: Vessel[] = [];
  const measuring = () => sim.now >= warmupS;

  const recordLoaded = (port: PortModel, tonnes: number, teu: number) => {
    loadedAll += tonnes;
    afloat += tonnes;
    if (!measuring()) return;
    port.loadedT += tonnes;
    port.loadedTeu += teu;
  };
  const recordUnloaded = (port: PortModel, tonnes: number, teu: number, readyS: number) => {
    unloadedAll += tonnes;
    afloat -= tonnes;
    if (!measuring()) return;
    port.unloadedT += tonnes;
    port.unloadedTeu += teu;
    servedT += tonnes;
    transitSum += sim.now - readyS;
    transitN++;
  };

  // The voyage, as a chain of handlers (callback style: no allocation per event).
  const atBerth = (v: Vessel, port: PortModel, cargo: CargoKind, then: (v: Vessel) => void) => {
    v.state = State.AtPort;
    atPorts++;
    sailing--;
    v.berthPort = port;
    v.berthCargo = cargo;
    v.afterBerth = then;
    port.groups.get(cargo)!.resource.acquire(berthGranted, v);
  };
  const berthGranted = (v: Vessel) => sim.schedule(v.berthPort!.startHandling(v.berthCargo!, v.cargoT, v.teuAboard), v.afterBerth!, v);
  const leaveBerth = (v: Vessel, port: PortModel, cargo: CargoKind) => {
    port.groups.get(cargo)!.resource.release();
    atPorts--;
    sailing++;
    v.state = State.Sailing;
  };

  const maxLive = input.maxVesselsInNetwork ?? MAX_VESSELS_IN_NETWORK;
  const start = (v: Vessel) => {
    if (live.size >= maxLive) {
      const [most] = whereVesselsWait(live, locks).places;
      throw new OverloadError(
        `more than ${maxLive.toLocaleString('en')} vessels in the network at once by day ${Math.floor(sim.now / 86400)}${most ? ` (${most.vessels.toLocaleString('en')} at ${most.place})` : ''}: the demand is far beyond what the network carries; lower the demand (demand.demandScale, or the sweep's levels)`,
      );
    }
    generated++;
    live.add(v);
    sailing++; // counted as on its way to the berth, so the first atBerth balances
    if (measuring()) {
      voyagesStarted++;
      offeredT += v.cargoT;
    }
    const origin = ports.get(v.type.origin)!;
    atBerth(v, origin, v.type.cargo, loadedAtOrigin);
  };
  /** Loading done: leave the berth with the cargo aboard and set off along `steps`. */
  const setOffLoaded = (v: Vessel, port: PortModel, cargo: CargoKind, steps: Step[]) => {
    leaveBerth(v, port, cargo);
    recordLoaded(port, v.cargoT, v.teuAboard);
    v.aboardT = v.cargoT;
    v.draughtM = draughtAtShare(v.type.vessel, v.cargoT / v.deadweightT);
    v.steps = steps;
    v.step = 0;
    nextStep(v);
  };
  const loadedAtOrigin = (v: Vessel) => setOffLoaded(v, ports.get(v.type.origin)!, v.type.cargo, v.type.out);
  const nextStep = (v: Vessel) => {
    const s = v.steps[v.step]!;
    sim.schedule(s.sailS, afterSail, v);
  };
  const afterSail = (v: Vessel) => {
    const s = v.steps[v.step++]!;
    if (s.lock < 0) return arrive(v);
    v.state = State.AtLock;
    sailing--;
    atLocks++;
    locks[s.lock]!.pass(v, s.side, throughLock);
  };
  const throughLock = (v: Vessel) => {
    atLocks--;
    sailing++;
    v.state = State.Sailing;
    nextStep(v);
  };
  const arrive = (v: Vessel) => {
    if (v.leg === 0) atBerth(v, ports.get(v.type.destination)!, v.type.cargo, unloadedAtDestination);
    else if (v.backhaul) atBerth(v, ports.get(v.type.origin)!, v.backhaul.cargo, unloadedBackhaul);
    else finish(v);
  };
  const unloadedAtDestination = (v: Vessel) => {
    const dest = ports.get(v.type.destination)!;
    recordUnloaded(dest, v.cargoT, v.teuAboard, v.readyS);
    v.aboardT = 0;
    v.leg = 1;
    if (v.backhaul) {
      // The backhaul loads at a berth of its own kind: leave this one, queue for that one.
      leaveBerth(v, dest, v.type.cargo);
      // The way back may be shallower this month than the backhaul's planned load allows.
      const b = v.backhaul;
      const capT = v.type.backCapByMonthT[monthOf(cal(sim.now))]!;
      v.cargoT = Math.min(b.tonnes, capT);
      v.teuAboard = b.tonnes > 0 ? (b.teu * v.cargoT) / b.tonnes : 0;
      v.readyS = sim.now;
      if (measuring()) offeredT += v.cargoT;
      atBerth(v, dest, v.backhaul.cargo, loadedBackhaul);
      return;
    }
    leaveBerth(v, dest, v.type.cargo);
    v.cargoT = 0;
    v.teuAboard = 0;
    v.draughtM = emptyDraught.get(v.type.vessel)!;
    v.steps = v.type.backEmpty;
    v.step = 0;
    nextStep(v);
  };
  const loadedBackhaul = (v: Vessel) => setOffLoaded(v, ports.get(v.type.destination)!, v.backhaul!.cargo, v.type.backLoaded);
  const unloadedBackhaul = (v: Vessel) => {
    const origin = ports.get(v.type.origin)!;
    leaveBerth(v, origin, v.backhaul!.cargo);
    recordUnloaded(origin, v.cargoT, v.teuAboard, v.readyS);
    v.aboardT = 0;
    v.cargoT = 0;
    finish(v);
  };
  const finish = (v: Vessel) => {
    sailing--;
    v.state = State.Done;
    finished++;
    live.delete(v);
    spare.push(v);
    if (measuring()) voyagesCompleted++;
  };

  const arrival = () => {
    const month = monthOf(cal(sim.now));
    const t = monthPick[month]!.sample(rngTypes);
    const type = types[t]!;
    let backhaul: Vessel['backhaul'] = null;
    if (type.backhauls.length > 0 && rngBackhaul() < type.backhaulProb) {
      let d = backhaulPick.get(type);
      if (!d) backhaulPick.set(type, (d = new Discrete(type.backhauls.map((b) => b.weight))));
      const b = type.backhauls[d.sample(rngBackhaul)]!;
      const tonnes = b.cargo === 'container' ? type.teu * input.shape.tonnesPerTeu : type.vessel.deadweightT * type.vessel.loadFactor;
      backhaul = { commodity: b.commodity, cargo: b.cargo, tonnes, teu: b.cargo === 'container' ? type.teu : 0 };
    }
    // Finished vessels are reused: they live for weeks of simulated time, long enough to
    // be promoted by the garbage collector, so fresh ones per voyage cost more than reuse.
    const v = spare.pop() ?? newVessel(type);
    v.type = type;
    v.deadweightT = type.vessel.deadweightT;
    v.lengthM = type.vessel.lengthM;
    v.beamM = type.vessel.beamM;
    v.cargoT = type.cargoByMonthT[month]!;
    v.teuAboard = type.cargoT > 0 ? (type.teu * v.cargoT) / type.cargoT : 0;
    v.draughtM = emptyDraught.get(type.vessel)!; // until it loads
    v.aboardT = 0;
    v.lockJoinS = 0;
    v.lockJoinEpoch = 0;
    v.leg = 0;
    v.step = -1;
    v.steps = type.out;
    v.readyS = sim.now;
    v.backhaul = backhaul;
    v.state = State.Sailing;
    v.berthPort = null;
    v.berthCargo = null;
    v.afterBerth = null;
    start(v);
    scheduleNextArrival();
  };
  const scheduleNextArrival = () => {
    const next = nextNhppArrival(rngArrivals, sim.now, rate, totalRate * maxSeason, endS);
    if (next < Infinity) sim.at(next, arrival);
  };
  if (totalRate > 0) scheduleNextArrival();

  // Warm-up cut-off: every statistic forgets what came before.
  sim.at(warmupS, () => {
    for (const lm of locks) lm.reset(sim.now);
    for (const p of ports.values()) p.reset(sim.now);
  });
  sim.run(endS);

  const conservation = checkConservation({ generated, finished, sailing, atLocks, atPorts, loadedAll, unloadedAll, afloat, live, locks, ports: [...ports.values()] });
  const portKpis = net.ports.map((p) => mergeAreas(p, zones.filter((z) => z.port === p).map((z) => portKpi(ports.get(z.id)!, sim.now, horizonS))));
  const totalWaitS = locks.reduce((s, l) => s + l.waitingS, 0);
  const lockKpis = locks.map((l) => lockKpi(l, sim.now, horizonS, totalWaitS, input));
  for (const l of lockKpis) {
    const routed = types.some((t) => [...t.out, ...t.backEmpty].some((s) => s.lock === lockIndex.get(l.id)));
    if (routed && l.vesselsUp + l.vesselsDown === 0) warnings.push(`lock ${l.id} passed no vessel in the measured year (closed ${l.closureH.toFixed(0)} h of ${(horizonS / 3600).toFixed(0)} h; ${l.queuedAtEnd} vessels waiting at the end)`);
  }
  // Over a horizon of several years, flows and counts are reported per year.
  const years = horizonS / (365 * DAY_S);
  if (years !== 1) annualise(portKpis, lockKpis, years);
  const main = portKpis.filter((p) => p.mainLine);
  const tonnes = main.reduce((s, p) => s + p.throughputT, 0);
  const teu = main.reduce((s, p) => s + p.teu, 0);
  // Where the undelivered cargo waits at the end: the places that hold the network back.
  const { backlogT, places } = whereVesselsWait(live, locks);
  const backlogAt = places.slice(0, 5);
  return {
    network: net.seed.id,
    year: net.year,
    seed,
    replication,
    measuredDays: horizonS / DAY_S,
    warmupDays: warmupS / DAY_S,
    mainLine: { tonnes, teu, targetTonnes: input.targets.tonnes, targetTeu: input.targets.teu, tonnesReached: tonnes >= input.targets.tonnes, teuReached: teu >= input.targets.teu },
    ports: portKpis,
    locks: lockKpis,
    net: {
      voyagesStarted: voyagesStarted / years,
      voyagesCompleted: voyagesCompleted / years,
      offeredT: offeredT / years,
      servedT: servedT / years,
      backlogT,
      backlogVessels: live.size,
      backlogAt,
      meanTransitH: transitN > 0 ? transitSum / transitN / 3600 : NaN,
      totalLockWaitH: totalWaitS / 3600 / years,
    },
    conservation,
    warnings,
    events: sim.eventsExecuted,
  };
}

function annualise(ports: PortKpi[], locks: LockKpi[], years: number): void {
  const div = <T extends object>(o: T, keys: (keyof T)[]) => {
    for (const k of keys) (o[k] as number) /= years;
  };
  for (const p of ports) {
    div(p, ['loadedT', 'unloadedT', 'throughputT', 'teu', 'capacityT', 'capacityTeu']);
    for (const b of p.berths) div(b, ['calls', 'handled', 'capacity']);
  }
  for (const l of locks) {
    div(l, ['lockages', 'vesselsUp', 'vesselsDown', 'tonnesUp', 'tonnesDown', 'closureH']);
    for (const x of l.lines) div(x, ['lockages', 'emptyLockages', 'vesselsUp', 'vesselsDown', 'tonnesUp', 'tonnesDown', 'closureH']);
  }
}

/** One area of a port, as a port: its node, and its share of each kind of berth (at least one). */
function areaPort(p: Port, z: Zone): Port {
  if (p.areas.length === 1) return p;
  return { ...p, id: z.id, node: z.node, areas: [{ node: z.node, share: 1 }], berths: p.berths.map((b) => ({ ...b, count: Math.max(1, Math.round(b.count * z.share)) })) };
}

/** A port's KPIs as the sum of its areas'. */
function mergeAreas(p: Port, areas: PortKpi[]): PortKpi {
  if (areas.length === 1) return areas[0]!;
  const sum = (f: (k: PortKpi) => number) => areas.reduce((s, k) => s + f(k), 0);
  const cargos = [...new Set(areas.flatMap((a) => a.berths.map((b) => b.cargo)))];
  return {
    id: p.id,
    name: p.name,
    mainLine: p.mainLine,
    loadedT: sum((k) => k.loadedT),
    unloadedT: sum((k) => k.unloadedT),
    throughputT: sum((k) => k.throughputT),
    teu: sum((k) => k.teu),
    capacityT: sum((k) => k.capacityT),
    capacityTeu: sum((k) => k.capacityTeu),
    berths: cargos.map((cargo) => {
      const bs = areas.flatMap((a) => a.berths.filter((b) => b.cargo === cargo));
      const berths = bs.reduce((s, b) => s + b.berths, 0);
      const calls = bs.reduce((s, b) => s + b.calls, 0);
      return {
        cargo,
        berths,
        ratePerH: bs[0]!.ratePerH,
        rateUnit: bs[0]!.rateUnit,
        utilisation: bs.reduce((s, b) => s + b.utilisation * b.berths, 0) / berths,
        meanWaitH: calls > 0 ? bs.reduce((s, b) => s + b.meanWaitH * b.calls, 0) / calls : 0,
        calls,
        handled: bs.reduce((s, b) => s + b.handled, 0),
        capacity: bs.reduce((s, b) => s + b.capacity, 0),
        queuedAtEnd: bs.reduce((s, b) => s + b.queuedAtEnd, 0),
      };
    }),
  };
}

/** The sea gateway as a port: transhipment at sea is not modelled, so it never makes a vessel wait. */
/** A sea gateway, or a reach's unrecorded wharves: no queues and no throughput of its own. */
function openPort(z: Zone): Port {
  const unlimited = (cargo: CargoKind): Berth => ({ cargo, count: 1e6, ratePerS: 1e6, rateUnit: cargo === 'container' ? 'TEU' : 't' });
  return { id: z.id, name: z.name, node: z.node, areas: [{ node: z.node, share: 1 }], tier: 'other', mainLine: false, berths: (['dry-bulk', 'general', 'container'] as CargoKind[]).map(unlimited), throughput: [] };
}

/** A class's share of voyages: the scenario's override, else the year's mix. */
export function fleetShare(input: FreightInput, v: VesselClass): number {
  return input.fleetShares?.[v.id] ?? shareInYear(v, input.fleetYear);
}

/** A vessel with every field present from the start, so all share one hidden class. */
function newVessel(type: VoyageType): Vessel {
  return {
    type,
    deadweightT: 0,
    lengthM: 0,
    beamM: 0,
    draughtM: 0,
    cargoT: 0,
    teuAboard: 0,
    aboardT: 0,
    lockJoinS: 0,
    lockJoinEpoch: 0,
    jumpsQueue: false,
    leg: 0,
    step: -1,
    steps: type.out,
    readyS: 0,
    backhaul: null,
    state: State.Sailing,
    berthPort: null,
    berthCargo: null,
    afterBerth: null,
  };
}

function portKpi(p: PortModel, now: number, horizonS: number): PortKpi {
  let capacityT = 0, capacityTeu = 0;
  const berths = [...p.groups.entries()].map(([cargo, g]) => {
    const capacity = g.berth.count * g.berth.ratePerS * horizonS;
    if (g.berth.rateUnit === 'TEU') capacityTeu += capacity;
    else capacityT += capacity;
    return {
      cargo,
      berths: g.berth.count,
      ratePerH: g.berth.ratePerS * 3600,
      rateUnit: g.berth.rateUnit,
      utilisation: g.resource.stats.busy.mean(now) / g.berth.count,
      meanWaitH: (g.resource.stats.waits.count > 0 ? g.resource.stats.waits.mean : 0) / 3600,
      calls: g.resource.stats.waits.count,
      handled: g.handled,
      capacity,
      queuedAtEnd: g.resource.waiting,
    };
  });
  return {
    id: p.port.id,
    name: p.port.name,
    mainLine: p.port.mainLine,
    loadedT: p.loadedT,
    unloadedT: p.unloadedT,
    throughputT: p.loadedT + p.unloadedT,
    teu: p.loadedTeu + p.unloadedTeu,
    capacityT,
    capacityTeu,
    berths,
  };
}

/**
 * Vessels a line could pass in its open time if every lockage were full:
 * open seconds ÷ cycle of a full chamber × vessels per full chamber.
 */
function lineCapacityVessels(lm: LockModel, i: number, openS: number, input: FreightInput): number {
  const full = fullChamber(lm.lines[i]!, input.network.seed.fleet, (v) => fleetShare(input, v), input.margins);
  return full.vessels > 0 && full.deadweightT > 0 ? (openS / full.cycleS) * full.vessels : 0;
}

function lockKpi(l: LockModel, now: number, horizonS: number, totalWaitS: number, input: FreightInput): LockKpi {
  const lines = l.lines.map((line, i) => {
    const s = l.lineStats[i]!;
    const { closedS, workingS, busyS } = l.lineHours(i, horizonS);
    const capacity = lineCapacityVessels(l, i, workingS, input);
    const vessels = s.vessels[0] + s.vessels[1];
    const loaded = s.lockages - s.emptyLockages;
    return {
      id: line.id,
      lockages: s.lockages,
      emptyLockages: s.emptyLockages,
      vesselsUp: s.vessels[0],
      vesselsDown: s.vessels[1],
      tonnesUp: s.tonnes[0],
      tonnesDown: s.tonnes[1],
      utilisation: workingS > 0 ? busyS / workingS : 0,
      workingH: workingS / 3600,
      vesselsPerLockage: loaded > 0 ? vessels / loaded : 0,
      tonnesPerLockage: loaded > 0 ? (s.tonnes[0] + s.tonnes[1]) / loaded : 0,
      meanAreaFill: s.areaFill.count > 0 ? s.areaFill.mean : 0,
      closureH: closedS / 3600,
      icRatio: capacity > 0 ? vessels / capacity : 0,
      capacityVessels: capacity,
    };
  });
  const sum = (f: (x: (typeof lines)[number]) => number) => lines.reduce((s, x) => s + f(x), 0);
  const capacity = sum((x) => x.capacityVessels);
  const fills = l.lineStats.reduce((s, x) => s + x.areaFill.count, 0);
  const loadedLockages = sum((x) => x.lockages - x.emptyLockages);
  const workingH = sum((x) => x.workingH);
  const w = l.waits;
  return {
    id: l.lock.id,
    name: l.lock.name,
    lines: lines.map(({ capacityVessels: _c, ...rest }) => rest),
    lockages: sum((x) => x.lockages),
    vesselsUp: sum((x) => x.vesselsUp),
    vesselsDown: sum((x) => x.vesselsDown),
    tonnesUp: sum((x) => x.tonnesUp),
    tonnesDown: sum((x) => x.tonnesDown),
    // Busy hours over working hours of all lines together.
    utilisation: workingH > 0 ? sum((x) => x.utilisation * x.workingH) / workingH : 0,
    workingH,
    vesselsPerLockage: loadedLockages > 0 ? sum((x) => x.vesselsUp + x.vesselsDown) / loadedLockages : 0,
    tonnesPerLockage: loadedLockages > 0 ? sum((x) => x.tonnesUp + x.tonnesDown) / loadedLockages : 0,
    meanAreaFill: fills > 0 ? l.lineStats.reduce((s, x) => s + x.areaFill.mean * x.areaFill.count, 0) / fills : 0,
    waitMeanH: w.count > 0 ? w.mean / 3600 : 0,
    waitP90H: w.count > 0 ? w.percentile(90) / 3600 : 0,
    waitMaxH: w.count > 0 ? w.max / 3600 : 0,
    waitMeanUpH: l.waitsBySide[0].count > 0 ? l.waitsBySide[0].mean / 3600 : 0,
    waitMeanDownH: l.waitsBySide[1].count > 0 ? l.waitsBySide[1].mean / 3600 : 0,
    waitMeanOpenH: l.openWaits.count > 0 ? l.openWaits.mean / 3600 : 0,
    waitP90OpenH: l.openWaits.count > 0 ? l.openWaits.percentile(90) / 3600 : 0,
    waitShares: w.count > 0 ? w.histogram(WAIT_BANDS_S).map((c) => c / w.count) : WAIT_BANDS_H.map(() => 0),
    queueMean: l.queue.mean(now),
    queueMax: l.queue.max,
    icRatio: capacity > 0 ? (sum((x) => x.vesselsUp + x.vesselsDown)) / capacity : 0,
    closureH: lines.length ? Math.max(...lines.map((x) => x.closureH)) : 0,
    shareOfWaiting: totalWaitS > 0 ? l.waitingS / totalWaitS : 0,
    queuedAtEnd: l.shuttle.waiting(0) + l.shuttle.waiting(1),
  };
}

/** Vessels and undelivered tonnes by the place they wait (a port's berths of one cargo, a lock, under way), most first. */
function whereVesselsWait(live: ReadonlySet<Vessel>, locks: readonly LockModel[]): { backlogT: number; places: { place: string; vessels: number; tonnes: number }[] } {
  let backlogT = 0;
  const places = new Map<string, { vessels: number; tonnes: number }>();
  for (const v of live) {
    const tonnes = v.leg === 0 || v.backhaul ? v.cargoT : 0;
    backlogT += tonnes;
    const place =
      v.state === State.AtPort && v.berthPort
        ? `${v.berthPort.port.id} ${v.berthCargo} berths`
        : v.state === State.AtLock
          ? `${locks[v.steps[v.step - 1]!.lock]!.lock.id} lock`
          : 'under way';
    const p = places.get(place) ?? places.set(place, { vessels: 0, tonnes: 0 }).get(place)!;
    p.vessels++;
    p.tonnes += tonnes;
  }
  return { backlogT, places: [...places.entries()].map(([place, p]) => ({ place, ...p })).sort((a, b) => b.vessels - a.vessels) };
}

interface ConservationInput {
  generated: number;
  finished: number;
  sailing: number;
  atLocks: number;
  atPorts: number;
  loadedAll: number;
  unloadedAll: number;
  afloat: number;
  live: Set<Vessel>;
  locks: LockModel[];
  ports: PortModel[];
}

/**
 * No vessel or tonne lost: every vessel generated is finished or still in the
 * system (sailing, at a lock, at a port), and the counts by state agree with
 * what the queues and berths actually hold; tonnes loaded = unloaded + afloat.
 */
function checkConservation(c: ConservationInput): ConservationCheck {
  const problems: string[] = [];
  const inSystem = c.generated - c.finished;
  if (inSystem !== c.live.size) problems.push(`${c.generated} generated − ${c.finished} finished = ${inSystem}, but ${c.live.size} are alive`);
  if (c.sailing + c.atLocks + c.atPorts !== inSystem) problems.push(`sailing ${c.sailing} + at locks ${c.atLocks} + at ports ${c.atPorts} ≠ ${inSystem} in the system`);
  let lockHeld = 0;
  for (const l of c.locks) lockHeld += l.shuttle.waiting(0) + l.shuttle.waiting(1) + l.shuttle.aboard();
  if (lockHeld !== c.atLocks) problems.push(`locks hold ${lockHeld} vessels, the voyages say ${c.atLocks}`);
  let portHeld = 0;
  for (const p of c.ports) for (const g of p.groups.values()) portHeld += g.resource.inUse + g.resource.waiting;
  if (portHeld !== c.atPorts) problems.push(`berths hold ${portHeld} vessels, the voyages say ${c.atPorts}`);
  // Cargo afloat counted two ways: the running balance, and what the live vessels carry.
  let aboard = 0;
  for (const v of c.live) aboard += v.aboardT;
  const tol = 1e-6 * Math.max(1, c.loadedAll);
  if (Math.abs(c.loadedAll - c.unloadedAll - c.afloat) > tol) problems.push(`tonnes loaded ${c.loadedAll} ≠ unloaded ${c.unloadedAll} + afloat ${c.afloat}`);
  if (Math.abs(aboard - c.afloat) > tol) problems.push(`vessels carry ${aboard} t but the balance says ${c.afloat} t afloat`);
  return {
    ok: problems.length === 0,
    vesselsGenerated: c.generated,
    vesselsFinished: c.finished,
    vesselsSailing: c.sailing,
    vesselsAtLocks: c.atLocks,
    vesselsAtPorts: c.atPorts,
    tonnesLoaded: c.loadedAll,
    tonnesUnloaded: c.unloadedAll,
    tonnesAfloat: c.afloat,
    problems,
  };
}


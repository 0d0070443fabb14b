import type { ConservationCheck, LockKpi, PortKpi } from './kpis.js';
import { WAIT_BANDS_H, WAIT_BANDS_S } from './kpis.js';
import type { FreightInput } from './freight-model.js';
import { fullChamber } from './chamber.js';
import type { LockModel } from './lock.js';
import type { PortModel } from './port.js';
import { VesselState, type Vessel } from './vessel.js';
import { fleetShare } from './voyage-plan.js';
import type { Port } from '../network/index.js';
import { DAY_S } from './closures.js';
import type { ReplicationResult } from './kpis.js';
import type { VoyagePlan } from './voyage-plan.js';

// A replication's results, read from its locks, ports and live vessels when the run ends.

/** The year's counts as the voyages kept them: the measured span's KPIs, and the whole run's for conservation. */
export interface VoyageCounts {
  generated: number;
  finished: number;
  sailing: number;
  atLocks: number;
  atPorts: number;
  loadedAll: number;
  unloadedAll: number;
  afloat: number;
  voyagesStarted: number;
  voyagesCompleted: number;
  offeredT: number;
  servedT: number;
  transitSum: number;
  transitN: number;
}

export interface YearState {
  input: FreightInput;
  plan: VoyagePlan;
  now: number;
  events: number;
  locks: LockModel[];
  ports: PortModel[];
  portOf: (zone: string) => PortModel;
  /** Vessels in the network, in the order they started. */
  live: readonly Vessel[];
  counts: VoyageCounts;
  warnings: string[];
  seed: number | string;
  replication: number;
}

/** The replication's result: KPIs of ports, locks and the network, and the conservation check. */
export function yearResults(y: YearState): ReplicationResult {
  const { input, plan, now, locks, live, counts: c, warnings } = y;
  const { network: net, horizonS } = input;
  const conservation = checkConservation(c, { live, locks, ports: y.ports });
  const portKpis = net.ports.map((p) => mergeAreas(p, plan.zones.filter((z) => z.port === p).map((z) => portKpi(y.portOf(z.id), now, horizonS))));
  const totalWaitS = locks.reduce((s, l) => s + l.waitingS, 0);
  const lockKpis = locks.map((l) => lockKpi(l, now, horizonS, totalWaitS, input));
  for (const l of lockKpis) {
    const routed = plan.types.some((t) => [...t.out, ...t.backEmpty].some((s) => s.lock === plan.lockIndex.get(l.id)));
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
  return {
    network: net.seeds.id,
    year: net.year,
    seed: y.seed,
    replication: y.replication,
    measuredDays: horizonS / DAY_S,
    warmupDays: input.warmupS / DAY_S,
    mainLine: { tonnes, teu, targetTonnes: input.targets.tonnes, targetTeu: input.targets.teu, tonnesReached: tonnes >= input.targets.tonnes, teuReached: teu >= input.targets.teu },
    ports: portKpis,
    locks: lockKpis,
    net: {
      voyagesStarted: c.voyagesStarted / years,
      voyagesCompleted: c.voyagesCompleted / years,
      offeredT: c.offeredT / years,
      servedT: c.servedT / years,
      backlogT,
      backlogVessels: live.length,
      backlogAt: places.slice(0, 5),
      meanTransitH: c.transitN > 0 ? c.transitSum / c.transitN / 3600 : NaN,
      totalLockWaitH: totalWaitS / 3600 / years,
    },
    conservation,
    warnings,
    events: y.events,
  };
}

export function annualise(ports: PortKpi[], locks: LockKpi[], years: number): void {
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

/** A port's KPIs as the sum of its areas'. */
export function mergeAreas(p: Port, areas: PortKpi[]): PortKpi {
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

export function portKpi(p: PortModel, now: number, horizonS: number): PortKpi {
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
  const full = fullChamber(lm.lines[i]!, input.network.seeds.fleet, (v) => fleetShare(input, v), input.margins);
  return full.vessels > 0 && full.deadweightT > 0 ? (openS / full.cycleS) * full.vessels : 0;
}

export function lockKpi(l: LockModel, now: number, horizonS: number, totalWaitS: number, input: FreightInput): LockKpi {
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
export function whereVesselsWait(live: readonly Vessel[], locks: readonly LockModel[]): { backlogT: number; places: { place: string; vessels: number; tonnes: number }[] } {
  let backlogT = 0;
  const places = new Map<string, { vessels: number; tonnes: number }>();
  for (const v of live) {
    const tonnes = v.leg === 0 || v.backhaul ? v.cargoT : 0;
    backlogT += tonnes;
    const place =
      v.state === VesselState.AtPort && v.berthPort
        ? `${v.berthPort.port.id} ${v.berthCargo} berths`
        : v.state === VesselState.AtLock
          ? `${locks[v.steps[v.step - 1]!.lock]!.lock.id} lock`
          : 'under way';
    const p = places.get(place) ?? places.set(place, { vessels: 0, tonnes: 0 }).get(place)!;
    p.vessels++;
    p.tonnes += tonnes;
  }
  return { backlogT, places: [...places.entries()].map(([place, p]) => ({ place, ...p })).sort((a, b) => b.vessels - a.vessels) };
}

/** What holds the vessels at the end, to check the counts against. */
export interface Holders {
  live: readonly Vessel[];
  locks: LockModel[];
  ports: PortModel[];
}

/**
 * No vessel or tonne lost: every vessel generated is finished or still in the
 * system (sailing, at a lock, at a port), and the counts by state agree with
 * what the queues and berths actually hold; tonnes loaded = unloaded + afloat.
 */
export function checkConservation(c: VoyageCounts, held: Holders): ConservationCheck {
  const problems: string[] = [];
  const inSystem = c.generated - c.finished;
  if (inSystem !== held.live.length) problems.push(`${c.generated} generated − ${c.finished} finished = ${inSystem}, but ${held.live.length} are alive`);
  if (c.sailing + c.atLocks + c.atPorts !== inSystem) problems.push(`sailing ${c.sailing} + at locks ${c.atLocks} + at ports ${c.atPorts} ≠ ${inSystem} in the system`);
  let lockHeld = 0;
  for (const l of held.locks) lockHeld += l.shuttle.waiting(0) + l.shuttle.waiting(1) + l.shuttle.aboard();
  if (lockHeld !== c.atLocks) problems.push(`locks hold ${lockHeld} vessels, the voyages say ${c.atLocks}`);
  let portHeld = 0;
  for (const p of held.ports) for (const g of p.groups.values()) portHeld += g.resource.inUse + g.resource.waiting;
  if (portHeld !== c.atPorts) problems.push(`berths hold ${portHeld} vessels, the voyages say ${c.atPorts}`);
  // Cargo afloat counted two ways: the running balance, and what the live vessels carry.
  let aboard = 0;
  for (const v of held.live) aboard += v.aboardT;
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


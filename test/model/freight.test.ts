import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDemandDefaults } from '../../src/scenario/demand.js';
import { DEFAULT_FREIGHT_PARAMS, OverloadError, prepareFreightInput, runFreightYear, WAIT_BANDS_H, type OdFlow } from '../../src/model/index.js';
import { WaterwayNetwork, deadweightShareAt, loadSeeds } from '../../src/network/index.js';
import { Streams } from '../../src/engine/index.js';
import { DEFAULT_CLOSURE_PARAMS, YEAR_S, lockClosures } from '../../src/model/closures.js';
import { SEEDS } from '../network/seed-fixture.js';

const toySeed = loadSeeds(join(process.cwd(), 'test', 'fixtures', 'two-ports'), 'two-ports');
const toyNet = new WaterwayNetwork(toySeed, 2013);
const sand = (tonnes: number, origin = 'up', destination = 'down'): OdFlow => ({ origin, destination, commodity: 'sand', cargo: 'dry-bulk', tonnes, teu: 0 });
const toyInput = (flows: OdFlow[], extraClosures = []) => prepareFreightInput(toySeed, toyNet, withDemandDefaults({ year: 2013, flows }, toySeed.baseYear), extraClosures).input;

describe('the freight model on a toy network (two ports, one lock, still water)', () => {
  it('a lone loaded voyage takes load + sail + lockage + sail + unload, as computed by hand', () => {
    // 12 voyages of 1000 t a year: days apart, so no vessel ever waits for another.
    const r = runFreightYear(toyInput([sand(12_000)]), 5, 0);
    const h = 3600;
    const berth = 1 * h + 1000 / 1000 * h; // call overhead + 1000 t at 1000 t/h
    const sail = (36 / 12) * h; // 36 km at 12 km/h, twice
    const lockage = (5 + 3 + 10 + 3 + 2) * 60;
    const turnaround = (3 + 10 + 3) * 60; // when the chamber waits on the other side
    const lo = (berth + sail + lockage + sail + berth) / h;
    expect(r.net.voyagesCompleted).toBeGreaterThan(3);
    expect(r.net.meanTransitH).toBeGreaterThanOrEqual(lo - 1e-9);
    expect(r.net.meanTransitH).toBeLessThanOrEqual(lo + turnaround / h + 1e-9);
    expect(r.locks[0]!.waitMaxH).toBeLessThanOrEqual(turnaround / h + 1e-9);
  });

  it('stops a replication whose demand piles up more vessels than the limit, naming where they wait', () => {
    // 200 Mt a year at two ports with four 1000 t/h berths: vessels queue at the loading berths without end.
    const input = { ...toyInput([sand(200e6)]), maxVesselsInNetwork: 5_000 };
    expect(() => runFreightYear(input, 1, 0)).toThrow(OverloadError);
    expect(() => runFreightYear(input, 1, 0)).toThrow(/^more than 5,000 vessels in the network at once by day \d+ \(\d[\d,]* at up dry-bulk berths\): the demand is far beyond/);
    // The same demand within the limit's reach runs.
    expect(runFreightYear({ ...input, maxVesselsInNetwork: 10_000_000, horizonS: 2 * 86400, warmupS: 0 }, 1, 0).net.voyagesStarted).toBeGreaterThan(1000);
  });

  it('counts a tonne at loading and again at unloading, as Chinese port statistics do', () => {
    const r = runFreightYear(toyInput([sand(400_000)]), 1, 0);
    const [up, down] = [r.ports.find((p) => p.id === 'up')!, r.ports.find((p) => p.id === 'down')!];
    expect(up.loadedT).toBeGreaterThan(300_000);
    expect(up.unloadedT).toBe(0); // empty returns unload nothing
    expect(down.loadedT).toBe(0);
    expect(Math.abs(down.unloadedT - up.loadedT)).toBeLessThanOrEqual(2 * 1000 + 1e-6); // at most the cargo afloat at either cut-off
    expect(r.mainLine.tonnes).toBeCloseTo(up.loadedT + down.unloadedT, 6);
  });

  it('carries a lighter reverse flow as backhaul, not in extra voyages', () => {
    const r = runFreightYear(toyInput([sand(300_000), { ...sand(150_000, 'down', 'up'), commodity: 'coal' }]), 2, 0);
    const up = r.ports.find((p) => p.id === 'up')!;
    // About 300 round trips; half of them bring coal back up.
    expect(r.net.voyagesStarted).toBeGreaterThan(240);
    expect(r.net.voyagesStarted).toBeLessThan(360);
    expect(up.unloadedT / up.loadedT).toBeGreaterThan(0.35);
    expect(up.unloadedT / up.loadedT).toBeLessThan(0.65);
  });

  it('a lock with its only chamber closed all year passes nothing, and the run says so', () => {
    const closed = [{ lock: 'dam', line: null, fromS: -40 * 86400, toS: 400 * 86400, reason: 'scenario' as const }];
    const r = runFreightYear(toyInput([sand(100_000)], closed as never), 3, 0);
    const dam = r.locks[0]!;
    expect(dam.vesselsUp + dam.vesselsDown).toBe(0);
    expect(dam.closureH).toBeCloseTo(365 * 24, 6);
    expect(r.ports.find((p) => p.id === 'down')!.unloadedT).toBe(0);
    expect(r.net.backlogT).toBeGreaterThan(50_000);
    expect(r.warnings).toContainEqual(expect.stringMatching(/^lock dam passed no vessel in the measured year \(closed 8760 h of 8760 h; \d+ vessels waiting at the end\)$/));
    expect(r.conservation.ok).toBe(true);
  });

  it('over a 4-year horizon, closes each line for exactly the hours of its closure calendar, every year of it', () => {
    // Off-hours every night, a maintenance window and flood spells every year; the model makes each year's closures a year ahead.
    const seed = { ...toySeed, locks: toySeed.locks.map((l) => ({ ...l, operatingSPerDay: 20 * 3600, maintenanceSPerYear: 6 * 86400, floodClosureSPerYear: 8 * 86400 })) };
    const net = new WaterwayNetwork(seed, 2013);
    const years = 4;
    const input = { ...prepareFreightInput(seed, net, withDemandDefaults({ year: 2013, flows: [sand(12_000)] }, seed.baseYear)).input, horizonS: years * YEAR_S };
    const r = runFreightYear(input, 4, 0);
    const lock = net.seeds.locks[0]!;
    const calendar = lockClosures(lock, net.openLines(lock), new Streams(4, 0), -input.warmupS, input.horizonS, DEFAULT_CLOSURE_PARAMS);
    expect(calendar.filter((c) => c.reason === 'maintenance' && c.fromS >= 0).length).toBe(years);
    // The union of the line's closures and the whole lock's, within the measured span [0, horizon).
    const spans = calendar.filter((c) => c.line === null || c.line === '1').map((c) => [Math.max(0, c.fromS), Math.min(input.horizonS, c.toS)] as const).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
    let closedS = 0, end = -Infinity;
    for (const [a, b] of spans) {
      if (b > end) closedS += b - Math.max(a, end);
      end = Math.max(end, b);
    }
    expect(closedS / 3600 / years).toBeGreaterThan(365 * 4 + 6 * 24); // at least the nights and the maintenance
    // KPIs are per year of the horizon.
    expect(r.locks[0]!.lines[0]!.closureH).toBeCloseTo(closedS / 3600 / years, 6);
  });

  it('is reproducible: the same seed gives the same KPIs, another seed different ones', () => {
    const input = toyInput([sand(500_000), { ...sand(100_000, 'down', 'up'), commodity: 'coal' }]);
    const a = runFreightYear(input, 9, 0), b = runFreightYear(input, 9, 0), c = runFreightYear(input, 10, 0);
    expect(b).toEqual(a);
    expect(c.mainLine.tonnes).not.toBe(a.mainLine.tonnes);
  });
});

describe('the freight model on the Xijiang network', () => {
  const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
  const net = new WaterwayNetwork(seeds, 2020);
  const prepared = prepareFreightInput(seeds, net, withDemandDefaults({ year: 2020, basis: 'plan', demandScale: 0.5 }, seeds.baseYear));
  const r = runFreightYear(prepared.input, 1, 0);

  it('conserves vessels and tonnes: generated = finished + in the system; loaded = unloaded + afloat', () => {
    expect(r.conservation.problems).toEqual([]);
    expect(r.conservation.ok).toBe(true);
    const c = r.conservation;
    expect(c.vesselsGenerated).toBe(c.vesselsFinished + c.vesselsSailing + c.vesselsAtLocks + c.vesselsAtPorts);
    expect(c.tonnesLoaded).toBeCloseTo(c.tonnesUnloaded + c.tonnesAfloat, 0);
    expect(c.vesselsGenerated).toBeGreaterThan(50_000);
  });

  it('gives every lock with traffic a waiting-time distribution whose shares sum to 1, the p90 wait in the band where the shares reach 90%', () => {
    const busy = r.locks.filter((l) => l.vesselsUp + l.vesselsDown > 0);
    expect(busy.length).toBeGreaterThan(5);
    for (const l of busy) {
      expect(l.waitShares).toHaveLength(WAIT_BANDS_H.length);
      expect(l.waitShares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
      // The p90 wait lies in the band where the cumulative share first reaches 0.9
      // (give or take 36 s: the percentile interpolates between neighbouring waits).
      let cum = 0, band = 0;
      while ((cum += l.waitShares[band]!) < 0.9 - 1e-12) band++;
      expect(l.waitP90H, l.id).toBeGreaterThanOrEqual(WAIT_BANDS_H[band]! - 0.01);
      if (band + 1 < WAIT_BANDS_H.length) expect(l.waitP90H, l.id).toBeLessThanOrEqual(WAIT_BANDS_H[band + 1]! + 0.01);
    }
  });

  it("moves the main line's port throughput in the order of the demand offered", () => {
    // Demand at half the 2020 targets; delays and the year-end backlog keep throughput a little below it.
    const offered = prepared.totals.filter((t) => seeds.ports.find((p) => p.id === t.port)!.mainLine).reduce((s, t) => s + t.tonnes, 0);
    expect(r.mainLine.tonnes / offered).toBeGreaterThan(0.8);
    expect(r.mainLine.tonnes / offered).toBeLessThan(1.05);
    expect(r.mainLine.targetTonnes).toBe(DEFAULT_FREIGHT_PARAMS.targets.tonnes);
  });

  it('passes Nanning–Guangzhou traffic through the main-line locks, most tonnes downstream', () => {
    for (const id of ['xijin', 'guigang', 'guiping', 'changzhou']) {
      const l = r.locks.find((x) => x.id === id)!;
      expect(l.vesselsUp + l.vesselsDown, id).toBeGreaterThan(1000);
      expect(l.tonnesDown, id).toBeGreaterThan(l.tonnesUp);
    }
    const shares = r.locks.reduce((s, l) => s + l.shareOfWaiting, 0);
    expect(shares).toBeCloseTo(1, 9);
  });
});

describe('low water in the freight model (a hydrological year)', () => {
  const low = (lossM: number) => ({
    id: 'test-low',
    name: { en: 'test', zh: '测试' },
    depthReductions: [{ segments: ['s1', 's2'], byMonthM: Array<number>(12).fill(lossM), provenance: { estimate: 'test' } }],
    lineWithdrawals: [],
    provenance: { estimate: 'test' },
  });

  it('loads each ship only as deep as the shallowest reach allows, and sends more of them so the tonnes stay', () => {
    const flows = [sand(120_000)];
    const normal = runFreightYear(toyInput(flows), 3, 0);
    // 4 m of Class I depth less 2.2 m lost less 0.3 m under the keel: the 2,000 t ship floats at 1.5 m.
    const dry = runFreightYear({ ...toyInput(flows), hydrology: low(2.2) }, 3, 0);
    const v = toySeed.fleet.find((x) => x.id === 'dry-2000')!;
    const cargoT = v.deadweightT * deadweightShareAt(v, 4 - 2.2 - 0.3);
    expect(cargoT).toBeLessThan(1000); // the planned load is 1,000 t (load factor 0.5)
    const lock = dry.locks[0]!;
    expect(lock.tonnesDown / lock.vesselsDown).toBeCloseTo(cargoT, 6);
    // About 1,000 / cargoT times the voyages, for about the same tonnes.
    const ratio = dry.net.voyagesStarted / normal.net.voyagesStarted;
    expect(ratio).toBeGreaterThan(0.85 * (1000 / cargoT));
    expect(ratio).toBeLessThan(1.15 * (1000 / cargoT));
    expect(Math.abs(dry.net.offeredT - normal.net.offeredT) / normal.net.offeredT).toBeLessThan(0.1);
    expect(dry.conservation.ok).toBe(true);
  });

  it('in normal water loads as planned', () => {
    const r = runFreightYear(toyInput([sand(120_000)]), 3, 0);
    expect(r.locks[0]!.tonnesDown / r.locks[0]!.vesselsDown).toBeCloseTo(1000, 6);
  });

  it('closes a lock line for the days its head is out of range', () => {
    const h = { ...low(0), lineWithdrawals: [{ lock: 'dam', lines: ['1'], fromDay: 100, days: 30, provenance: { estimate: 'test' } }] };
    const r = runFreightYear({ ...toyInput([sand(120_000)]), hydrology: h }, 3, 0);
    expect(r.locks[0]!.closureH).toBeCloseTo(30 * 24, 6);
    expect(r.locks[0]!.lines[0]!.workingH).toBeCloseTo(365 * 24 - 30 * 24, 6);
  });
});

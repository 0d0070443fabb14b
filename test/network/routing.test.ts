import { bidirectional } from 'graphology-shortest-path/dijkstra.js';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/input/problems.js';
import { NoRouteError, WaterwayNetwork, buildNetwork, channelAdmits, classInYear, loadSeeds, route, type RoutableVessel, type VesselClass } from '../../src/network/index.js';
import { SEEDS } from './seed-fixture.js';

const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
const vessel = (id: string): RoutableVessel => {
  const v = seeds.fleet.find((x) => x.id === id)!;
  return { ...v, speedMps: v.speedLoadedMps };
};
const locksOn = (net: WaterwayNetwork, from: string, to: string, v: string) => route(net, from, to, vessel(v)).locks.map((l) => l.lock);

describe('routing on the Xijiang network', () => {
  it('Nanning → Guangzhou passes the main-line locks in order: Yongning, Xijin, Guigang, Guiping, Changzhou (2020)', () => {
    expect(locksOn(new WaterwayNetwork(seeds, 2020), 'nanning', 'guangzhou', 'dry-1000')).toEqual(['yongning', 'xijin', 'guigang', 'guiping', 'changzhou']);
  });

  it('Guangzhou → Nanning passes them in the reverse order, and takes longer against the current', () => {
    const net = new WaterwayNetwork(seeds, 2020);
    const up = route(net, 'guangzhou', 'nanning', vessel('dry-1000'));
    const down = route(net, 'nanning', 'guangzhou', vessel('dry-1000'));
    expect(up.locks.map((l) => l.lock)).toEqual(['changzhou', 'guiping', 'guigang', 'xijin', 'yongning']);
    expect(up.lengthM).toBe(down.lengthM);
    expect(up.sailS).toBeGreaterThan(down.sailS);
  });

  it('the main line is about the published 854 km (Guangxi port and shipping authority, 2014)', () => {
    const km = route(new WaterwayNetwork(seeds, 2020), 'nanning', 'guangzhou', vessel('dry-1000')).lengthM / 1000;
    expect(Math.abs(km - 854) / 854).toBeLessThan(0.02);
  });

  it('Liuzhou → Guangzhou passes Honghua, then Datengxia from the year it opens, then Changzhou', () => {
    expect(locksOn(new WaterwayNetwork(seeds, 2013), 'liuzhou', 'guangzhou', 'dry-300')).toEqual(['honghua', 'changzhou']);
    expect(locksOn(new WaterwayNetwork(seeds, 2020), 'liuzhou', 'guangzhou', 'dry-500')).toEqual(['honghua', 'datengxia', 'changzhou']);
    expect(locksOn(new WaterwayNetwork(seeds, 2030), 'liuzhou', 'guangzhou', 'dry-2000')).toEqual(['honghua', 'datengxia', 'changzhou']);
  });

  it("refuses a vessel whose draught exceeds a reach's depth, and says where and why", () => {
    const net = new WaterwayNetwork(seeds, 2020);
    // dry-3000 loaded draws 3.5 m; the Liu river (Class IV, 1.9 m) cannot float it.
    expect(() => route(net, 'liuzhou', 'guangzhou', vessel('dry-3000'))).toThrow(NoRouteError);
    try {
      route(net, 'liuzhou', 'guangzhou', vessel('dry-3000'));
    } catch (err) {
      expect((err as Error).message).toMatch(/^Liuzhou → Guangzhou: no route for dry-3000 3,000 t .* in 2020: .*Liu river: depth 1\.9 m is less than the 3\.5 m draught on liu-/);
    }
  });

  it('takes a ship heavier than the class design vessel where the depth floats it, unless the scenario caps by class', () => {
    const net = new WaterwayNetwork(seeds, 2020);
    // Wuzhou → Guangzhou is Class I (3000 t) in 2020; a 5,000 t ship loaded to 3.5 m floats there.
    const big = { ...vessel('dry-5000'), draughtM: 3.5 };
    expect(route(net, 'wuzhou', 'guangzhou', big).locks).toEqual([]);
    expect(() => route(net, 'wuzhou', 'guangzhou', { ...big, classTonnageCap: true })).toThrow(/Class I takes at most 3,000 t/);
  });

  it('a vessel never routes through a channel or chamber that cannot take it', () => {
    for (const year of seeds.years) {
      const net = new WaterwayNetwork(seeds, year);
      for (const v of seeds.fleet) {
        for (const p of seeds.ports) {
          if (p.node === 'guangzhou') continue;
          let r;
          try {
            r = route(net, p.node, 'guangzhou', { ...v, speedMps: v.speedLoadedMps });
          } catch (err) {
            if (err instanceof NoRouteError) continue;
            throw err;
          }
          for (const leg of r.legs) {
            const seg = seeds.segments.find((s) => s.id === leg.segment)!;
            const cls = seeds.classes.get(classInYear(seg, year))!;
            expect(channelAdmits(cls, seg.depthM ?? cls.depthM, v), `${v.id} on ${seg.id} in ${year}`).toBeNull();
          }
          for (const l of r.locks) expect(l.lines.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('every port is reachable from Guangzhou, both ways, by every vessel its weakest channel admits', () => {
    for (const year of seeds.years) {
      const net = new WaterwayNetwork(seeds, year);
      for (const p of seeds.ports) {
        if (p.node === 'guangzhou') continue;
        // The weakest class on the geometric path bounds what can make the trip.
        const path = bidirectional(net.graph, 'guangzhou', p.node, 'lengthM')!;
        const weakest = path.slice(1).map((n, i) => net.graph.getEdgeAttributes(net.graph.edge(path[i], n)!).cls).sort((a, b) => a.vessel.deadweightT - b.vessel.deadweightT)[0]!;
        const candidates: (RoutableVessel & { id: string })[] = [
          { id: `class-${weakest.id}`, ...weakest.vessel, speedMps: 3 },
          ...seeds.fleet.filter((v: VesselClass) => v.deadweightT <= weakest.vessel.deadweightT && v.draughtM <= weakest.vessel.draughtM).map((v) => ({ ...v, speedMps: v.speedLoadedMps })),
        ];
        for (const v of candidates) {
          expect(() => route(net, 'guangzhou', p.node, v), `${v.id} to ${p.id} in ${year}`).not.toThrow();
          expect(() => route(net, p.node, 'guangzhou', v), `${v.id} from ${p.id} in ${year}`).not.toThrow();
        }
      }
    }
  });

  it('travel time adds sailing at speed ± current and one nominal lockage per lock', () => {
    const net = new WaterwayNetwork(seeds, 2020);
    const v = vessel('dry-1000');
    const r = route(net, 'nanning', 'guangzhou', v);
    const sail = r.legs.reduce((s, l) => {
      const seg = seeds.segments.find((x) => x.id === l.segment)!;
      return s + seg.lengthM / (v.speedMps + (l.direction === 'down' ? seg.currentMps : -seg.currentMps));
    }, 0);
    expect(r.sailS).toBeCloseTo(sail, 6);
    expect(r.travelS).toBeCloseTo(r.sailS + r.locks.reduce((s, l) => s + l.nominalS, 0), 6);
  });
});

describe('a network with changes applied', () => {
  it("opening Honghua's second line early lets a 2000 t vessel reach Liuzhou in 2020", () => {
    const v = vessel('dry-2000');
    expect(() => route(new WaterwayNetwork(seeds, 2020), 'guangzhou', 'liuzhou', v)).toThrow(NoRouteError);
    const liu = seeds.segments.filter((s) => s.river.en.startsWith('Liu river')).map((s) => s.id);
    const net = buildNetwork(seeds, 2020, [
      { kind: 'modify-lock-line', lock: 'honghua', line: '2', set: { opened: 2019 } },
      ...liu.map((segment) => ({ kind: 'upgrade-segment' as const, segment, class: 'II' as const, year: 2019 })),
    ]);
    expect(route(net, 'guangzhou', 'liuzhou', v).locks.map((l) => l.lock)).toEqual(['changzhou', 'datengxia', 'honghua']);
  });

  it('leaves the seed itself unchanged', () => {
    buildNetwork(seeds, 2020, [{ kind: 'remove-lock-line', lock: 'changzhou', line: '3' }]);
    expect(seeds.locks.find((l) => l.id === 'changzhou')!.lines.map((l) => l.id)).toContain('3');
  });

  it('names an unknown lock, line or segment, every one, with suggestions', () => {
    try {
      buildNetwork(seeds, 2020, [
        { kind: 'remove-lock-line', lock: 'changzou', line: '3' },
        { kind: 'remove-lock-line', lock: 'changzhou', line: '9' },
        { kind: 'upgrade-segment', segment: 'xj-wuzhou-yunfoo', class: 'I', year: 2020 },
      ], 'scenarios/x.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems.map((p) => `${p.path}: ${p.problem}`)).toEqual([
        "changes[0].lock: unknown lock 'changzou' (did you mean 'changzhou'?)",
        "changes[1].line: lock 'changzhou' has no line '9' (it has 1, 2, 3, 4)",
        "changes[2].segment: unknown segment 'xj-wuzhou-yunfoo' (did you mean 'xj-wuzhou-yunfu'?)",
      ]);
    }
  });
});

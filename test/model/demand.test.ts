import { describe, expect, it } from 'vitest';
import { balanceTotals, colSums, furness, rowSums } from '../../src/model/furness.js';
import { balanceConflict, trendTotal } from '../../src/model/demand.js';
import { FURNESS_TOLERANCE, gravityFlows, portTotalsForYear, reachability } from '../../src/model/index.js';
import { WaterwayNetwork, loadSeeds } from '../../src/network/index.js';
import { SEEDS } from '../network/seed-fixture.js';

describe('Furness balancing', () => {
  it('on a seed of ones, gives the product r_i·c_j / total (worked by hand)', () => {
    const f = furness(new Float64Array(9).fill(1), 3, [10, 20, 30], [30, 20, 10]);
    expect(f.matrix[0 * 3 + 0]).toBeCloseTo((10 * 30) / 60, 9);
    expect(f.matrix[2 * 3 + 1]).toBeCloseTo((30 * 20) / 60, 9);
    expect(f.iterations).toBe(1);
  });

  it('reproduces row and column targets within its tolerance, and keeps the seed zeros', () => {
    const seed = Float64Array.from([0, 5, 1, 2, 0, 3, 4, 1, 0]);
    const rows = [40, 25, 35], cols = [30, 30, 40];
    const f = furness(seed, 3, rows, cols);
    rowSums(f.matrix, 3).forEach((r, i) => expect(Math.abs(r - rows[i]!) / rows[i]!).toBeLessThanOrEqual(FURNESS_TOLERANCE));
    colSums(f.matrix, 3).forEach((c, j) => expect(Math.abs(c - cols[j]!) / cols[j]!).toBeLessThanOrEqual(FURNESS_TOLERANCE));
    expect([f.matrix[0], f.matrix[4], f.matrix[8]]).toEqual([0, 0, 0]);
  });

  it('refuses targets that do not add up, and a zone no pair can carry', () => {
    expect(() => furness(new Float64Array(4).fill(1), 2, [1, 2], [1, 1])).toThrow(/must be equal/);
    expect(() => furness(Float64Array.from([0, 0, 0, 1]), 2, [1, 1], [1, 1])).toThrow(/row 0/);
  });

  it('total balancing makes loaded + unloaded equal each zone total', () => {
    const b = balanceTotals(Float64Array.from([0, 3, 1, 1, 0, 2, 2, 1, 0]), 3, [50, 30, 40]);
    const r = rowSums(b.matrix, 3), c = colSums(b.matrix, 3);
    [50, 30, 40].forEach((t, i) => expect(Math.abs(r[i]! + c[i]! - t) / t).toBeLessThanOrEqual(FURNESS_TOLERANCE));
  });
});

describe('demand on the Xijiang network', () => {
  const seeds = loadSeeds(SEEDS, 'seeds/xijiang');

  const growth = { baseYear: 2013, targetYear: 2020, targetTonnes: 300e6, targetTeu: 10e6 };
  const mainSum = (ts: { port: string; tonnes: number }[]) => ts.filter((t) => seeds.ports.find((p) => p.id === t.port)!.mainLine).reduce((s, t) => s + t.tonnes, 0);

  it('grows the 2013 totals to 300 Mt and 10 M TEU at the main-line ports in 2020', () => {
    const totals = portTotalsForYear(seeds, 2020, growth);
    const main = totals.filter((t) => seeds.ports.find((p) => p.id === t.port)!.mainLine);
    expect(mainSum(totals)).toBeCloseTo(300e6, -1);
    expect(main.reduce((s, t) => s + t.teu, 0)).toBeCloseTo(10e6, -1);
  });

  it('follows the geometric path between base and target, times demandScale', () => {
    const base = mainSum(portTotalsForYear(seeds, 2013, growth));
    expect(base).toBeCloseTo(231.6e6, -5); // the 2013 figures of ports.yaml
    expect(mainSum(portTotalsForYear(seeds, 2016, growth, 2))).toBeCloseTo(2 * base * Math.pow(300e6 / base, 3 / 7), -1);
  });

  it("shares the path's total by each port's own trend: Guigang's published 100 Mt of 2020, Wuzhou between 2013 and 2023", () => {
    const guigang = seeds.ports.find((p) => p.id === 'guigang')!;
    const wuzhou = seeds.ports.find((p) => p.id === 'wuzhou')!;
    expect(trendTotal(guigang, 2020, 'tonnes')).toBe(100e6);
    // 27 Mt (2013) to 80.47 Mt (2023), geometrically, five years in.
    expect(trendTotal(wuzhou, 2018, 'tonnes')).toBeCloseTo(27e6 * Math.pow(80.47 / 27, 5 / 10), -2);
    const totals = portTotalsForYear(seeds, 2020, growth);
    const trends = seeds.ports.filter((p) => p.mainLine).map((p) => trendTotal(p, 2020, 'tonnes')!);
    const g = totals.find((t) => t.port === 'guigang')!.tonnes;
    expect(g / 300e6).toBeCloseTo(100e6 / trends.reduce((s, x) => s + x, 0), 9);
  });

  it('gravity flows reproduce every port total (loaded + unloaded) within the Furness tolerance', () => {
    const net = new WaterwayNetwork(seeds, 2020);
    const totals = portTotalsForYear(seeds, 2020, { baseYear: 2013, targetYear: 2020, targetTonnes: 300e6, targetTeu: 10e6 });
    const { flows, diagnostics } = gravityFlows(seeds, { shape: seeds.demand!, totals, gravityExponent: 1, reachable: reachability(net, 2020) });
    expect(diagnostics.excluded).toEqual([]);
    // A port's areas are zones named `port` and `port@node`.
    const ofPort = (zone: string, port: string) => zone === port || zone.startsWith(`${port}@`);
    for (const t of totals) {
      const handled = flows.filter((f) => ofPort(f.origin, t.port) || ofPort(f.destination, t.port)).reduce((s, f) => s + f.tonnes, 0);
      expect(Math.abs(handled - t.tonnes) / t.tonnes, t.port).toBeLessThan(1e-6);
    }
    for (const b of diagnostics.balancing) expect(b.maxRelError).toBeLessThanOrEqual(FURNESS_TOLERANCE);
  });

  it('sends building materials mainly downstream and coal mainly upstream', () => {
    const net = new WaterwayNetwork(seeds, 2020);
    const totals = portTotalsForYear(seeds, 2020, { baseYear: 2013, targetYear: 2020, targetTonnes: 300e6, targetTeu: 10e6 });
    const { flows } = gravityFlows(seeds, { shape: seeds.demand!, totals, gravityExponent: 1, reachable: reachability(net, 2020) });
    const towardSea = (f: { origin: string; destination: string }) => {
      const km = (id: string) => (id === 'hk-macau' ? 0 : ({ guangzhou: 1, foshan: 2, zhaoqing: 3, yunfu: 4, wuzhou: 5 } as Record<string, number>)[id] ?? 10);
      return km(f.destination) < km(f.origin);
    };
    const share = (c: string) => {
      const fs = flows.filter((f) => f.commodity === c);
      return fs.filter(towardSea).reduce((s, f) => s + f.tonnes, 0) / fs.reduce((s, f) => s + f.tonnes, 0);
    };
    expect(share('building-materials')).toBeGreaterThan(0.6);
    expect(share('coal')).toBeLessThan(0.4);
  });
});

describe('totals that cannot balance', () => {
  it('name the port whose total exceeds all its partners handle, and what to change', () => {
    // Three zones in a row; only a–b and b–c trade: b's 10 can never be met by a + c = 4.
    const w = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect(() => balanceTotals(w, 3, [2e6, 10e6, 2e6])).toThrow(/did not converge/);
    expect(balanceConflict(['a', 'b', 'c'], w, [2e6, 10e6, 2e6], 'sand', false)).toMatch(/^b's 10\.00 Mt of sand is more than all the places it can trade sand with handle together \(4\.00 Mt\)/);
    // A port's areas count together: they do not trade with each other.
    const areas = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1, 0]);
    expect(balanceConflict(['p', 'p@x', 'q'], areas, [3e6, 3e6, 5e6], 'sand', false)).toMatch(/^p's 6\.00 Mt of sand is more than .* \(5\.00 Mt\)/);
  });

  it("the plan's path carried on to 2030 fails on Guigang's building materials, and says so", () => {
    const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
    const net = new WaterwayNetwork(seeds, 2030);
    const totals = portTotalsForYear(seeds, 2030, { baseYear: 2013, targetYear: 2020, targetTonnes: 300e6, targetTeu: 10e6 });
    expect(() => gravityFlows(seeds, { shape: seeds.demand!, totals, gravityExponent: 1, reachable: reachability(net, 2030) })).toThrow(
      /guigang's [\d.]+ Mt of building-materials is more than all the places it can trade building-materials with handle together .*demand\.basis: record/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { embeddedSeedsDir, loadSeeds } from '../../src/network/index.js';
import { CONTAINER_COMMODITY, lastRecordYear, recordDemand } from '../../src/model/index.js';

const seeds = loadSeeds(embeddedSeedsDir(), 'seeds/xijiang');
const figure = (year: number, kind: string, subject: string) => recordDemand(seeds, year, 'central').figures.find((f) => f.kind === kind && f.subject === subject);
const total = (flows: { tonnes: number }[]) => flows.reduce((s, f) => s + f.tonnes, 0);

describe('demand from the record: port totals and lock counts fitted together', () => {
  it('reproduces every count of a recorded year: the published lock count and each port total', () => {
    const d = recordDemand(seeds, 2020, 'central');
    expect(d.converged).toBe(true);
    expect(figure(2020, 'lock-cargo', 'changzhou')).toMatchObject({ target: 150e6, basis: 'published' });
    for (const f of d.figures) expect(f.target > 0 ? f.fitted / f.target : f.fitted, `${f.kind} ${f.subject}`).toBeCloseTo(f.target > 0 ? 1 : 0, 4);
    // Each port's loaded + unloaded in the flows is its total.
    for (const t of d.totals) {
      const handled = d.flows.filter((f) => [f.origin, f.destination].some((z) => z === t.port || z.startsWith(`${t.port}@`)));
      expect(total(handled) / t.tonnes, t.port).toBeCloseTo(1, 4);
    }
  });

  it('keeps held-back figures out: a held-back lock count is interpolated between its fitted neighbours, a held-back port figure grown from the one before', () => {
    expect(figure(2022, 'lock-cargo', 'changzhou')).toMatchObject({ basis: 'interpolated 2021–2023' });
    expect(figure(2022, 'lock-cargo', 'changzhou')!.target).toBeCloseTo(Math.sqrt(152e6 * 183.6196e6), -2);
    const g = figure(2021, 'port-tonnes', 'guigang')!;
    expect(g.basis).toBe('grown from 2020 along the central path');
    expect(g.target).toBeCloseTo(100e6 * 1.04, -2);
    // Datengxia's only count is held back: Datengxia is no constraint in any year.
    expect(recordDemand(seeds, 2023, 'central').figures.some((f) => f.subject === 'datengxia')).toBe(false);
  });

  it('sizes the unrecorded traffic by what the lock count needs beyond the ports: it grows with Changzhou', () => {
    const u = (y: number) => recordDemand(seeds, y, 'central').unrecorded[0]!.tonnes;
    expect(u(2013)).toBeGreaterThan(0);
    expect(u(2024)).toBeGreaterThan(u(2013));
    // All of it crosses Changzhou (it is loaded on the Xun river and goes to or comes from the delta).
    const d = recordDemand(seeds, 2024, 'central');
    expect(d.flows.filter((f) => f.origin === 'xun-river-wharves' || f.destination === 'xun-river-wharves').every((f) => f.commodity === 'building-materials')).toBe(true);
  });

  it('after the record, grows the last fitted year along the path, boxes at the TEU rate', () => {
    const last = lastRecordYear(seeds);
    expect(last).toBe(2025);
    const base = recordDemand(seeds, last, 'high'), later = recordDemand(seeds, last + 5, 'high');
    // The recorded years do not depend on the path: missing figures inside the record follow the central one.
    expect(total(base.flows)).toBe(total(recordDemand(seeds, last, 'low').flows));
    const high = seeds.demand!.growthPaths.find((g) => g.id === 'high')!;
    const bulk = (d: typeof base) => total(d.flows.filter((f) => f.commodity !== CONTAINER_COMMODITY));
    const teu = (d: typeof base) => d.flows.reduce((s, f) => s + f.teu, 0);
    expect(later.fitYear).toBe(last);
    expect(bulk(later) / bulk(base)).toBeCloseTo(Math.pow(1 + high.tonnesPerYear, 5), 6);
    expect(teu(later) / teu(base)).toBeCloseTo(Math.pow(1 + high.teuPerYear, 5), 6);
  });

  it('refuses a path the seeds do not name', () => {
    expect(() => recordDemand(seeds, 2030, 'steep')).toThrow(/no growth path 'steep' in the seeds' demand.yaml \(it has low, central, high\)/);
  });
});

describe('a record whose counts contradict its port totals', () => {
  it("still fits (the lock counts hold) but names the counts it could not meet", async () => {
    const { brokenSeeds } = await import('../network/seed-fixture.js');
    // Changzhou cannot pass only 1 Mt in 2013: Guigang's Guiping and Pingnan areas (65% of its 50 Mt) lie
    // above it, and the ports further up handle far less than they would need to take instead.
    const dir = brokenSeeds((f) => f.raw('observed', (t) => t.replace('cargo: { value: 60.00,', 'cargo: { value: 1,')));
    const d = recordDemand(loadSeeds(dir, 'seeds/broken'), 2013, 'central');
    expect(d.converged).toBe(false);
    // The counts come last in each sweep: Changzhou stays near its 1 Mt (Guigang's hub count, after it, moves it a little).
    expect(d.figures.find((f) => f.kind === 'lock-cargo' && f.subject === 'changzhou')!.fitted).toBeLessThan(2e6);
    expect(d.conflicts.join('\n')).toMatch(/port-tonnes of guigang: the fit reaches [\d.]+ Mt of the 50\.00 Mt given/);
  });
});

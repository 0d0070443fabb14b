import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../src/network/index.js';
import { SEEDS, brokenSeeds, seedProblems } from './seed-fixture.js';

const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
const estimated = (f: (typeof seeds.figures)[number]) => f.provenance.estimate !== undefined;

describe('uncertain estimates carry a range (low / high, in the figure’s unit, with its reasoning)', () => {
  it('the inputs the verdict hinges on all do: berth counts and rates, 2013 port totals, chamber sizes, entry and exit times, tonnes a TEU', () => {
    const must = seeds.figures.filter(
      (f) =>
        estimated(f) &&
        ((f.file === 'ports.yaml' && /^\[\d+\]\.berths\[\d+\]\.(count|rate)$/.test(f.path)) ||
          (f.file === 'locks.yaml' && /\.(length|width|sillDepth)$/.test(f.path) && f.path.includes('.lines[')) ||
          (f.file === 'locks.yaml' && /cycle\.(entryPerVessel|exitPerVessel)$/.test(f.path)) ||
          (f.file === 'demand.yaml' && f.path === 'tonnesPerTeu')),
    );
    const port2013 = seeds.ports.flatMap((p, i) =>
      p.throughput.flatMap((t, j) => (t.year === 2013 && t.provenance.estimate !== undefined ? [seeds.figures.find((f) => f.file === 'ports.yaml' && f.path === `[${i}].throughput[${j}]`)!] : [])),
    );
    expect(must.length).toBeGreaterThan(60);
    expect(port2013.length).toBeGreaterThanOrEqual(20);
    const without = [...must, ...port2013].filter((f) => !f.range).map((f) => `${f.file} ${f.path}`);
    expect(without).toEqual([]);
    for (const f of [...must, ...port2013]) expect(f.range!.low <= f.value! && f.value! <= f.range!.high, `${f.file} ${f.path}`).toBe(true);
  });

  it('are read in internal units: tonnes a TEU in tonnes, a 2013 total in tonnes a year', () => {
    const tpt = seeds.figures.find((f) => f.file === 'demand.yaml' && f.path === 'tonnesPerTeu')!;
    expect(tpt.value).toBe(10);
    expect(tpt.range!.low).toBeGreaterThanOrEqual(6);
    const i = seeds.ports.findIndex((p) => p.id === 'foshan');
    const j = seeds.ports[i]!.throughput.findIndex((t) => t.year === 2013 && t.tonnes !== undefined);
    const foshan = seeds.figures.find((f) => f.file === 'ports.yaml' && f.path === `[${i}].throughput[${j}]`)!;
    expect(foshan.value).toBe(85e6);
    expect(foshan.range!.low).toBeLessThan(85e6);
    expect(foshan.range!.high).toBeGreaterThan(85e6);
  });

  it('a range that does not hold its value is refused at its file and line', () => {
    const dir = brokenSeeds((f) => f.get('demand').setIn(['tonnesPerTeu', 'low'], 12));
    expect(seedProblems(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/demand\.yaml:\d+: tonnesPerTeu: its range 12–[\d.]+ t does not hold its value 10 t$/));
  });
});

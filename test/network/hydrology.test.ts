import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_S, YEAR_S } from '../../src/model/closures.js';
import { depthReductionM, monthOf, withdrawalClosures } from '../../src/model/hydrology.js';
import { classInYear, loadSeeds, segmentDepth, type Hydrology } from '../../src/network/index.js';
import { SEEDS, brokenSeeds, seedProblems } from './seed-fixture.js';

const problemsOf = seedProblems;

/** The 1-based line of the first line of a seed copy's file that contains `needle`. */
function lineOf(dir: string, file: string, needle: string): number {
  const i = readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  expect(i, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
const year = (id: string) => seeds.hydrology.get(id)!;
/** Calendar seconds of day d (0 = 1 January) of year y, at noon. */
const at = (d: number, y = 0) => y * YEAR_S + d * DAY_S + DAY_S / 2;
const MID_MONTH = [15, 45, 74, 105, 135, 166, 196, 227, 258, 288, 319, 349];

describe('seeds/xijiang/hydrology.yaml: the hydrological years', () => {
  it('loads normal, dry, drought-2021 and drought-2023, each with a provenance', () => {
    expect([...seeds.hydrology.keys()]).toEqual(['normal', 'dry', 'drought-2021', 'drought-2023']);
    for (const h of seeds.hydrology.values()) expect(Number(h.provenance.source !== undefined) + Number(h.provenance.estimate !== undefined)).toBe(1);
    expect(year('normal')).toMatchObject({ depthReductions: [], lineWithdrawals: [] });
  });

  it('counts its quantities among the seed figures (one per monthly list, one per withdrawal)', () => {
    const mine = seeds.figures.filter((f) => f.file === 'hydrology.yaml');
    const expected = [...seeds.hydrology.values()].reduce((n, h) => n + h.depthReductions.length + h.lineWithdrawals.length, 0);
    expect(mine.length).toBe(expected);
    expect(mine.filter((f) => f.provenance.source !== undefined).map((f) => f.path)).toEqual(['[3].lineWithdrawals[0].days']);
  });

  it('go the right way: drought years lose at least what the dry year loses, the dry year at least nothing, on every segment in every month', () => {
    for (const s of seeds.segments) {
      for (const d of MID_MONTH) {
        const dry = depthReductionM(year('dry'), s.id, at(d));
        expect(depthReductionM(year('normal'), s.id, at(d))).toBe(0);
        expect(dry).toBeGreaterThanOrEqual(0);
        for (const id of ['drought-2021', 'drought-2023']) expect(depthReductionM(year(id), s.id, at(d)), `${id} ${s.id} day ${d}`).toBeGreaterThanOrEqual(dry);
      }
    }
  });

  it('put 2021 at its recorded size below Changzhou: a third of payload in the worst months, a 2.8 m draught in September', () => {
    // Class I ship of 3.5 m loaded draught, about 1.0 m light; payload ∝ draught − light draught;
    // a draught limit 0.3 m under the depth (Wuzhou Daily 2020-01-10: 2.3 m deep, 2.0 m allowed).
    const s = seeds.segments.find((x) => x.id === 'xj-changzhou-wuzhou')!;
    const depth = segmentDepth(s, seeds.classes.get(classInYear(s, 2021))!);
    expect(depth).toBe(4);
    const payloadShare = (d: number) => (Math.min(3.5, depth - depthReductionM(year('drought-2021'), s.id, at(d)) - 0.3) - 1.0) / (3.5 - 1.0);
    expect(payloadShare(MID_MONTH[10]!)).toBeCloseTo(1 / 3, 1); // November
    expect(payloadShare(MID_MONTH[11]!)).toBeCloseTo(1 / 3, 1); // December
    expect(depth - depthReductionM(year('drought-2021'), s.id, at(MID_MONTH[8]!)) - 0.3).toBeCloseTo(2.9, 5); // September: 2.8 m allowed, held above 3.2 m
    // Eight months of low water in 2021, none in the summer.
    expect(MID_MONTH.filter((d) => depthReductionM(year('drought-2021'), s.id, at(d)) > 0)).toHaveLength(8);
  });

  it('withdraw Changzhou lines 1 and 2 for the 69 days of 2023', () => {
    expect(year('drought-2023').lineWithdrawals).toEqual([expect.objectContaining({ lock: 'changzhou', lines: ['1', '2'], fromDay: 45, days: 69 })]);
  });

  it("without a hydrology.yaml a network has the normal year only", () => {
    const dir = brokenSeeds(() => {});
    rmSync(join(dir, 'hydrology.yaml'));
    const plain = loadSeeds(dir, 'seeds/plain');
    expect([...plain.hydrology.keys()]).toEqual(['normal']);
    expect(plain.figures.some((f) => f.file === 'hydrology.yaml')).toBe(false);
  });
});

describe('a bad hydrology.yaml is refused, each problem at its file and line', () => {
  // Years in the file: [0] normal, [1] dry, [2] drought-2021, [3] drought-2023.
  it('an unknown segment, with a suggestion', () => {
    const dir = brokenSeeds((f) => f.get('hydrology').setIn([2, 'depthReductions', 0, 'segments', 0], 'xj-changzhou-wuzou'));
    const line = lineOf(dir, 'hydrology.yaml', 'xj-changzhou-wuzou');
    expect(problemsOf(dir)).toContain(`seeds/broken/hydrology.yaml:${line}: [2].depthReductions[0].segments[0]: unknown segment 'xj-changzhou-wuzou' (did you mean 'xj-changzhou-wuzhou'?)`);
  });

  it('a segment in two groups of one year', () => {
    const dir = brokenSeeds((f) => f.get('hydrology').setIn([2, 'depthReductions', 1, 'segments', 0], 'xj-changzhou-wuzhou'));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[2\]\.depthReductions\[1\]\.segments\[0\]: segment 'xj-changzhou-wuzhou' is already in depthReductions\[0\] of 'drought-2021'$/));
  });

  it('an unknown lock, and an unknown line of a known lock', () => {
    const dir = brokenSeeds((f) => {
      f.get('hydrology').setIn([3, 'lineWithdrawals', 0, 'lock'], 'changzou');
      f.get('hydrology').setIn([2, 'lineWithdrawals', 0, 'lines', 1], '5');
    });
    const p = problemsOf(dir);
    expect(p).toContain(`seeds/broken/hydrology.yaml:${lineOf(dir, 'hydrology.yaml', 'lock: changzou')}: [3].lineWithdrawals[0].lock: unknown lock 'changzou' (did you mean 'changzhou'?)`);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[2\]\.lineWithdrawals\[0\]\.lines\[1\]: unknown line '5' of lock 'changzhou' .*\(it has 1, 2, 3, 4\)$/));
  });

  it('a month too few', () => {
    const dir = brokenSeeds((f) => f.get('hydrology').deleteIn([1, 'depthReductions', 0, 'byMonth', 'value', 11]));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[1\]\.depthReductions\[0\]\.byMonth\.value: needs 12 monthly values \(January first\), found 11$/));
  });

  it('a reduction that leaves no water: the water level below the river bed', () => {
    // xj-changzhou-wuzhou was Class II (3.0 m) in 2013: 3 m in November takes all of it.
    const good = '[1.5, 1.5, 1.2, 0.6, 0, 0, 0, 0, 0.8, 1.4, 1.8, 1.8]';
    const bad = '[1.5, 1.5, 1.2, 0.6, 0, 0, 0, 0, 0.8, 1.4, 3, 1.8]';
    expect(readFileSync(join(SEEDS, 'hydrology.yaml'), 'utf8')).toContain(good);
    const dir = brokenSeeds((f) => f.raw('hydrology', (t) => t.replace(good, bad)));
    const line = lineOf(dir, 'hydrology.yaml', bad);
    expect(problemsOf(dir)).toContain(
      `seeds/broken/hydrology.yaml:${line}: [2].depthReductions[0].byMonth.value[10]: a reduction of 3 m in November leaves no water on segment 'xj-changzhou-wuzhou' (depth 3 m as Class II from 2013): the water level would be at or below the river bed`,
    );
  });

  it('a negative value', () => {
    const dir = brokenSeeds((f) => f.get('hydrology').setIn([3, 'depthReductions', 0, 'byMonth', 'value', 3], -0.5));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[3\]\.depthReductions\[0\]\.byMonth\.value\[3\]: negative value -0\.5: must be ≥ 0$/));
  });

  it('a withdrawal starting outside the year, or lasting no time', () => {
    const dir = brokenSeeds((f) => {
      f.get('hydrology').setIn([1, 'lineWithdrawals', 0, 'fromDay'], 365);
      f.get('hydrology').setIn([2, 'lineWithdrawals', 0, 'fromDay'], -1);
      f.get('hydrology').setIn([3, 'lineWithdrawals', 0, 'days', 'value'], 0);
    });
    const p = problemsOf(dir);
    expect(p).toContain(`seeds/broken/hydrology.yaml:${lineOf(dir, 'hydrology.yaml', 'fromDay: 365')}: [1].lineWithdrawals[0].fromDay: fromDay 365 is outside the year: a calendar day from 0 (1 January) to 364`);
    expect(p).toContain(`seeds/broken/hydrology.yaml:${lineOf(dir, 'hydrology.yaml', 'fromDay: -1')}: [2].lineWithdrawals[0].fromDay: fromDay -1 is outside the year: a calendar day from 0 (1 January) to 364`);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[3\]\.lineWithdrawals\[0\]\.days: a withdrawal needs a positive length, not 0 days$/));
  });

  it('a year given twice, a figure with no provenance, an unknown key', () => {
    const dir = brokenSeeds((f) => {
      f.get('hydrology').setIn([3, 'id'], 'dry');
      f.get('hydrology').deleteIn([2, 'depthReductions', 1, 'byMonth', 'estimate']);
      f.get('hydrology').setIn([1, 'depthReduction'], []);
    });
    const p = problemsOf(dir);
    // Schema problems come first; the cross-file checks wait until every file is sound.
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[2\]\.depthReductions\[1\]\.byMonth: needs exactly one of source/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[1\]\.depthReduction: unknown key 'depthReduction' \(did you mean 'depthReductions'\?\)$/));
    const dup = brokenSeeds((f) => f.get('hydrology').setIn([3, 'id'], 'dry'));
    expect(problemsOf(dup)).toContainEqual(expect.stringMatching(/^seeds\/broken\/hydrology\.yaml:\d+: \[3\]\.id: duplicate hydrological year 'dry'$/));
  });
});

describe('model/hydrology: the year in calendar time', () => {
  it('monthOf: 365-day years, January first, years repeat', () => {
    expect(monthOf(0)).toBe(0);
    expect(monthOf(31 * DAY_S - 1)).toBe(0);
    expect(monthOf(31 * DAY_S)).toBe(1); // 1 February
    expect(monthOf(59 * DAY_S)).toBe(2); // 1 March: February has 28 days
    expect(monthOf(334 * DAY_S)).toBe(11); // 1 December
    expect(monthOf(YEAR_S - 1)).toBe(11);
    expect(monthOf(YEAR_S)).toBe(0);
    expect(monthOf(3 * YEAR_S + 31 * DAY_S)).toBe(1);
    expect(monthOf(-1)).toBe(11); // the warm-up may start before 1 January of year 0
  });

  const h: Hydrology = {
    id: 'test',
    name: { en: 'test', zh: '测试' },
    depthReductions: [
      { segments: ['a', 'b'], byMonthM: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => m / 10), provenance: { estimate: 'test' } },
      { segments: ['c'], byMonthM: new Array(12).fill(0.25), provenance: { estimate: 'test' } },
    ],
    lineWithdrawals: [
      { lock: 'L', lines: ['1', '2'], fromDay: 45, days: 69, provenance: { estimate: 'test' } },
      { lock: 'L', lines: ['3'], fromDay: 350, days: 30, provenance: { estimate: 'test' } },
      { lock: 'M', lines: ['1'], fromDay: 0, days: 1, provenance: { estimate: 'test' } },
    ],
    provenance: { estimate: 'test' },
  };

  it('depthReductionM: the month’s value of the group that names the segment, 0 elsewhere', () => {
    expect(depthReductionM(h, 'a', 0)).toBe(0.1);
    expect(depthReductionM(h, 'b', 31 * DAY_S - 1)).toBe(0.1); // last second of January
    expect(depthReductionM(h, 'b', 31 * DAY_S)).toBe(0.2); // first of February
    expect(depthReductionM(h, 'a', 2 * YEAR_S + 334 * DAY_S)).toBeCloseTo(1.2, 12); // December of year 2
    expect(depthReductionM(h, 'c', 200 * DAY_S)).toBe(0.25);
    expect(depthReductionM(h, 'd', 200 * DAY_S)).toBe(0);
    expect(depthReductionM(year('drought-2021'), 'xj-changzhou-wuzhou', at(304))).toBe(1.8); // 1 November
    expect(depthReductionM(year('drought-2021'), 'xj-changzhou-wuzhou', 273 * DAY_S - 1)).toBe(0.8); // last second of September
    expect(depthReductionM(year('drought-2021'), 'xj-changzhou-wuzhou', 273 * DAY_S)).toBe(1.4); // 1 October
    expect(depthReductionM(year('drought-2021'), 'xj-changzhou-wuzhou', at(196))).toBe(0); // July
  });

  it('withdrawalClosures: the year’s spells for the lines in service, as low-water closures', () => {
    expect(withdrawalClosures(h, 'L', ['1', '2', '3'], 0)).toEqual([
      { lock: 'L', line: '1', fromS: 45 * DAY_S, toS: 114 * DAY_S, reason: 'low-water' },
      { lock: 'L', line: '2', fromS: 45 * DAY_S, toS: 114 * DAY_S, reason: 'low-water' },
      { lock: 'L', line: '3', fromS: 350 * DAY_S, toS: 380 * DAY_S, reason: 'low-water' }, // runs on into January of year 1
    ]);
    expect(withdrawalClosures(h, 'L', ['2'], 3)).toEqual([{ lock: 'L', line: '2', fromS: 3 * YEAR_S + 45 * DAY_S, toS: 3 * YEAR_S + 114 * DAY_S, reason: 'low-water' }]);
    expect(withdrawalClosures(h, 'L', ['4'], 0)).toEqual([]); // line not in service
    expect(withdrawalClosures(h, 'N', ['1'], 0)).toEqual([]); // another lock
    expect(withdrawalClosures(year('normal'), 'changzhou', ['1', '2', '3', '4'], 0)).toEqual([]);
    const cz = withdrawalClosures(year('drought-2023'), 'changzhou', ['1', '2', '3', '4'], 1);
    expect(cz.map((c) => [c.line, (c.toS - c.fromS) / DAY_S, (c.fromS - YEAR_S) / DAY_S])).toEqual([
      ['1', 69, 45],
      ['2', 69, 45],
    ]);
  });
});

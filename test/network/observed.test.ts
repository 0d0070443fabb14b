import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../src/network/index.js';
import { SEEDS, brokenSeeds, seedProblems } from './seed-fixture.js';

const problemsOf = seedProblems;

/** The 1-based line of the first line of a seed copy's file that contains `needle`, after the first that contains `after`. */
function lineOf(dir: string, file: string, needle: string, after?: string): number {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
  expect(from, `${after} in ${file}`).toBeGreaterThanOrEqual(0);
  expect(i, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
const at = (dir: string, needle: string, after?: string) => `seeds/broken/observed.yaml:${lineOf(dir, 'observed.yaml', needle, after)}`;

describe('seeds/xijiang/observed.yaml: what the locks did', () => {
  it('loads the records and maxima in internal units (days stay days)', () => {
    expect(seeds.lockRecords.map((r) => r.id)).toEqual(['changzhou-2016-02', 'changzhou-2015-jan-may', 'changzhou-2019-09', 'changzhou-2025', 'datengxia-2021-06-29']);
    expect(seeds.lockMaxima.map((m) => m.id)).toEqual(['changzhou-2024', 'guigang-line1-2019', 'xijin-line1-2022', 'datengxia-2020']);
    const feb = seeds.lockRecords[0]!;
    expect(feb).toMatchObject({ lock: 'changzhou', year: 2016, days: 29, lines: ['1', '2', '3'], use: 'calibration', ships: 3303, shipsDown: 1893, lockages: 565, waitMeanS: 16200 });
    expect(feb.cargoT).toBeCloseTo(2.73e6, 3);
    expect(feb.cargoDownT).toBeCloseTo(1.9e6, 3);
    expect(feb.provenance.source).toMatch(/^珠航局 monthly bulletin for February 2016/);
    expect(seeds.lockRecords[2]).toMatchObject({ days: 30, waitWithinS: 12 * 3600, use: 'validation' });
    expect(seeds.lockRecords[2]!.waitMeanS).toBeUndefined();
    expect(seeds.lockRecords[1]!.lines).toBeUndefined();
    expect(seeds.lockMaxima[0]!.tonnesPerYear).toBeCloseTo(224e6, 0);
    expect(seeds.lockMaxima[1]).toMatchObject({ lock: 'guigang', year: 2019, lines: ['1'], basis: 'cargo' });
    expect(seeds.lockMaxima[3]).toMatchObject({ basis: 'rated', operatingSPerDay: 11.5 * 3600 });
  });

  it('counts every quantity among the seed figures', () => {
    const mine = seeds.figures.filter((f) => f.file === 'observed.yaml');
    expect(mine).toHaveLength(59);
    expect(mine.filter((f) => f.provenance.estimate !== undefined).map((f) => f.path)).toEqual([
      'lockRecords[1].cargo',
      'lockRecords[3].shipsDown',
      'lockRecords[3].cargoDown',
      'lockRecords[4].cargo',
    ]);
  });

  it('without an observed.yaml a network has no records and no maxima', () => {
    const dir = brokenSeeds(() => {});
    rmSync(join(dir, 'observed.yaml'));
    const plain = loadSeeds(dir, 'seeds/plain');
    expect(plain.lockRecords).toEqual([]);
    expect(plain.lockMaxima).toEqual([]);
    expect(plain.figures.some((f) => f.file === 'observed.yaml')).toBe(false);
    const fixture = loadSeeds(join(process.cwd(), 'test', 'fixtures', 'two-locks'), 'two-locks');
    expect([fixture.lockRecords, fixture.lockMaxima]).toEqual([[], []]);
  });
});

describe('a bad observed.yaml is refused, each problem at its file and line', () => {
  // Records: [0] changzhou-2016-02, [1] changzhou-2015-jan-may, [2] changzhou-2019-09, [3] changzhou-2025, [4] datengxia-2021-06-29.
  // Maxima: [0] changzhou-2024, [1] guigang-line1-2019, [2] xijin-line1-2022, [3] datengxia-2020.
  it('an unknown lock, with a suggestion', () => {
    const dir = brokenSeeds((f) => {
      f.get('observed').setIn(['lockRecords', 1, 'lock'], 'changzou');
      f.get('observed').setIn(['lockMaxima', 2, 'lock'], 'xijn');
    });
    const p = problemsOf(dir);
    expect(p).toContain(`${at(dir, 'lock: changzou')}: lockRecords[1].lock: unknown lock 'changzou' (did you mean 'changzhou'?)`);
    expect(p).toContain(`${at(dir, 'lock: xijn')}: lockMaxima[2].lock: unknown lock 'xijn' (did you mean 'xijin'?)`);
  });

  it('a line the lock does not have', () => {
    const dir = brokenSeeds((f) => {
      f.get('observed').setIn(['lockRecords', 0, 'lines', 2], '7');
      f.get('observed').setIn(['lockMaxima', 1, 'lines', 0], '3');
    });
    const p = problemsOf(dir);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[0\]\.lines\[2\]: unknown line '7' of lock 'changzhou' .*\(it has 1, 2, 3, 4\)$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockMaxima\[1\]\.lines\[0\]: unknown line '3' of lock 'guigang' .*\(it has 1, 2\)$/));
  });

  it('a line not yet in service in the year, and a lock with no line in service', () => {
    const dir = brokenSeeds((f) => {
      f.get('observed').setIn(['lockRecords', 0, 'year'], 2014); // line 3 opened 2015
      f.get('observed').setIn(['lockRecords', 4, 'year'], 2019); // Datengxia's one line opened 2020
      f.get('observed').setIn(['lockMaxima', 1, 'lines'], ['1', '2']);
      f.get('observed').setIn(['lockMaxima', 1, 'year'], 2018); // Guigang line 2 opened 2019
    });
    const p = problemsOf(dir);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[0\]\.lines\[2\]: line '3' of lock 'changzhou' opened in 2015: not in service in 2014$/));
    expect(p).toContain(`${at(dir, 'year: 2019', 'id: datengxia-2021-06-29')}: lockRecords[4].year: lock 'datengxia' has no line in service in 2019 (its first line opened in 2020)`);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockMaxima\[1\]\.lines\[1\]: line '2' of lock 'guigang' opened in 2019: not in service in 2018$/));
    expect(p.filter((x) => x.includes('lockRecords[0]'))).toHaveLength(1); // lines 1 and 2 were in service
  });

  it('an id given twice', () => {
    const dir = brokenSeeds((f) => {
      f.get('observed').setIn(['lockRecords', 3, 'id'], 'changzhou-2016-02');
      f.get('observed').setIn(['lockMaxima', 3, 'id'], 'changzhou-2024');
    });
    const p = problemsOf(dir);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[3\]\.id: duplicate lock record id 'changzhou-2016-02'$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockMaxima\[3\]\.id: duplicate lock maximum id 'changzhou-2024'$/));
  });

  it('more going down than in all', () => {
    const dir = brokenSeeds((f) =>
      f.raw('observed', (t) => t.replace('shipsDown: { value: 1893,', 'shipsDown: { value: 3304,').replace('cargoDown: { value: 1.90,', 'cargoDown: { value: 2.8,')),
    );
    const p = problemsOf(dir);
    expect(p).toContain(`${at(dir, 'shipsDown: { value: 3304,')}: lockRecords[0].shipsDown: more ships down (3304) than ships both ways (3303)`);
    expect(p).toContain(`${at(dir, 'cargoDown: { value: 2.8,')}: lockRecords[0].cargoDown: more cargo down (2.8 Mt) than cargo both ways (2.73 Mt)`);
  });

  it('no ships, no cargo or no time', () => {
    const dir = brokenSeeds((f) => {
      f.get('observed').setIn(['lockRecords', 2, 'ships', 'value'], 0);
      f.get('observed').setIn(['lockRecords', 2, 'cargo', 'value'], 0);
      f.get('observed').setIn(['lockRecords', 2, 'days', 'value'], 0);
    });
    const p = problemsOf(dir);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[2\]\.ships: a record needs some ships, not 0$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[2\]\.cargo: a record needs some cargo, not 0 Mt$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[2\]\.days: a record needs a period of some length, not 0 d$/));
  });

  it('schema problems: a negative value, a wrong unit, no provenance, an unknown use or key, a missing field', () => {
    const dir = brokenSeeds((f) => {
      const d = f.get('observed');
      d.setIn(['lockRecords', 1, 'ships', 'value'], -5);
      d.setIn(['lockRecords', 2, 'cargo', 'unit'], 'Mt/yr');
      d.deleteIn(['lockRecords', 3, 'lockages', 'source']);
      d.setIn(['lockRecords', 4, 'use'], 'validaton');
      d.deleteIn(['lockMaxima', 0, 'basis']);
      d.setIn(['lockMaxima', 2, 'tonnes', 'unit'], 'Mt');
      d.setIn(['lockRecord'], []);
    });
    const p = problemsOf(dir);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[1\]\.ships\.value: negative value -5: must be ≥ 0$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[2\]\.cargo\.unit: unknown unit 'Mt\/yr'.*expected one of t, kt, Mt$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[3\]\.lockages: needs exactly one of source/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecords\[4\]\.use: unknown value 'validaton' \(did you mean 'validation'\?\); expected one of calibration, validation$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockMaxima\[0\]: missing 'basis'$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockMaxima\[2\]\.tonnes\.unit: unknown unit 'Mt'.*expected one of t\/yr, kt\/yr, Mt\/yr$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockRecord: unknown key 'lockRecord' \(did you mean 'lockRecords'\?\)$/));
  });
});

describe('observed.yaml: lock passages and port figures by year', () => {
  it('loads every lock passage in tonnes, with what it is for, and merges the port figures into the ports', () => {
    const cz = seeds.lockPassages.filter((p) => p.lock === 'changzhou');
    expect(cz.map((p) => p.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(cz.find((p) => p.year === 2024)).toMatchObject({ use: 'fit', cargoT: 224e6 });
    expect(cz.filter((p) => p.use === 'holdout').map((p) => p.year)).toEqual([2014, 2016, 2018, 2022]);
    expect(cz.find((p) => p.year === 2025)).toMatchObject({ ships: 123620, lockages: 21039 });
    const guigang = seeds.ports.find((p) => p.id === 'guigang')!;
    expect(guigang.throughput.find((t) => t.year === 2021)).toMatchObject({ tonnes: 102.26e6, use: 'holdout' });
    expect(guigang.throughput.find((t) => t.year === 2020)).toMatchObject({ tonnes: 100e6, use: 'fit' });
    expect(seeds.regionThroughput.map((r) => [r.id, r.year, r.tonnes, r.use])).toEqual([['guangxi-inland', 2018, 139e6, 'holdout'], ['guangxi-inland', 2020, 173e6, 'holdout']]);
  });

  it('refuses a negative count at its line', () => {
    const dir = brokenSeeds((f) => f.get('observed').setIn(['lockPassages', 5, 'cargo', 'value'], -4));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockPassages\[5\]\.cargo\.value: negative value -4: must be ≥ 0$/));
  });

  it('refuses an unknown lock or port, a year the network does not describe and a duplicate, each at its line', () => {
    const dir = brokenSeeds((f) => {
      const d = f.get('observed');
      d.setIn(['lockPassages', 0, 'lock'], 'changzou');
      d.setIn(['lockPassages', 17, 'year'], 2013); // Guigang 2019 made a second Guigang 2013
      d.setIn(['lockPassages', 18, 'year'], 2018); // Datengxia's one line opened in 2020
      d.setIn(['lockPassages', 3, 'year'], 2031); // after the seeds' last year, 2030
      d.setIn(['portThroughput', 0, 'port'], 'fosan');
      d.setIn(['portThroughput', 1, 'year'], 2020); // Guigang 2020 is in ports.yaml already
      d.setIn(['regionThroughput', 0, 'ports', 1], 'guigan');
      d.setIn(['regionThroughput', 1, 'year'], 2018);
    });
    const p = problemsOf(dir);
    expect(p).toContain(`${at(dir, 'lock: changzou')}: lockPassages[0].lock: unknown lock 'changzou' (did you mean 'changzhou'?)`);
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockPassages\[17\]\.year: duplicate observation: lock 'guigang' in 2013 is already given at lockPassages\[16\]$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockPassages\[18\]\.year: lock 'datengxia' has no line in service in 2018 \(its first line opened in 2020\)$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: lockPassages\[3\]\.year: 2031 is after 2030, the last year the network's seeds describe/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: portThroughput\[0\]\.port: unknown port 'fosan' \(did you mean 'foshan'\?\)$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: regionThroughput\[0\]\.ports\[1\]: unknown port 'guigan' \(did you mean 'guigang'\?\)$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: regionThroughput\[1\]\.year: duplicate observation: region 'guangxi-inland' in 2018 is already given at regionThroughput\[0\]$/));
    expect(p).toContainEqual(expect.stringMatching(/^seeds\/broken\/observed\.yaml:\d+: portThroughput\[1\]: duplicate observation: port 'guigang' has 2 tonnage figures for 2020/));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WaterwayNetwork, loadSeeds } from '../../src/network/index.js';
import { SEEDS, brokenSeeds, seedProblems } from './seed-fixture.js';

const problemsOf = seedProblems;

describe('the embedded Xijiang seeds', () => {
  const seeds = loadSeeds(SEEDS, 'seeds/xijiang');

  it('hold all 11 plan ports, the three named confluences and a sea gateway', () => {
    expect(seeds.ports.map((p) => p.id).sort()).toEqual(
      ['baise', 'chongzuo', 'foshan', 'guangzhou', 'guigang', 'laibin', 'liuzhou', 'nanning', 'wuzhou', 'yunfu', 'zhaoqing'].sort(),
    );
    const names = seeds.nodes.map((n) => n.name.zh).join(' ');
    for (const zh of ['桂平', '石龙三江口', '宋村三江口']) expect(names).toContain(zh);
    expect(seeds.nodes.some((n) => n.kind === 'gateway')).toBe(true);
  });

  it('hold as many sourced and estimated figures as SOURCES.md says', () => {
    const text = readFileSync(join(SEEDS, 'SOURCES.md'), 'utf8');
    const [, total, sourced, estimated] = /\*\*(\d+) quantities: (\d+) sourced, (\d+) estimated\*\*/.exec(text)!;
    const have = seeds.figures.filter((f) => f.provenance.source !== undefined).length;
    expect([seeds.figures.length, have, seeds.figures.length - have]).toEqual([Number(total), Number(sourced), Number(estimated)]);
  });

  it('give every figure a source or an estimate, never both or neither', () => {
    expect(seeds.figures.length).toBeGreaterThan(300);
    for (const f of seeds.figures) expect(Number(f.provenance.source !== undefined) + Number(f.provenance.estimate !== undefined)).toBe(1);
  });

  it('convert to SI: Changzhou line 1 is 200 m long; the Class I vessel 3000 t; a day of maintenance 86,400 s', () => {
    const cz = seeds.locks.find((l) => l.id === 'changzhou')!;
    expect(cz.lines.find((l) => l.id === '1')!.lengthM).toBe(200);
    expect(seeds.classes.get('I')!.vessel.deadweightT).toBe(3000);
    expect(cz.maintenanceSPerYear % 86400).toBe(0);
  });

  it("put the main line's channel km by class where SOURCES.md says they are (2020 table)", () => {
    const text = readFileSync(join(SEEDS, 'SOURCES.md'), 'utf8');
    const section = text.slice(text.indexOf('### Channel km by class, 2020'));
    const stated = (cls: string) => Number(new RegExp(`^\\| ${cls} \\| ([\\d,]+) \\|`, 'm').exec(section)![1]!.replace(',', ''));
    const km = new WaterwayNetwork(seeds, 2020).kmByClass();
    for (const cls of ['I', 'II', 'III'] as const) expect(Math.round(km.get(cls) ?? 0)).toBe(stated(cls));
  });
});

describe('broken seed files give clear errors: file:line: path: problem', () => {
  it('an unknown node reference, with a suggestion', () => {
    const dir = brokenSeeds((f) => f.get('segments').setIn([0, 'to'], 'yongnin'));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/segments\.yaml:\d+: \[0\]\.to: unknown node 'yongnin' \(did you mean 'yongning'\?\)$/));
  });

  it('a figure with no unit', () => {
    const dir = brokenSeeds((f) => f.get('locks').setIn([0, 'lines', 0, 'length'], 200));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/locks\.yaml:\d+: \[0\]\.lines\[0\]\.length: missing unit: write \{ value: 200, unit: …/));
  });

  it('a negative value', () => {
    const dir = brokenSeeds((f) => f.get('segments').setIn([2, 'length', 'value'], -5));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/segments\.yaml:\d+: \[2\]\.length\.value: negative value -5: must be ≥ 0$/));
  });

  it('a unit of the wrong dimension, with the units it accepts', () => {
    const dir = brokenSeeds((f) => f.get('segments').setIn([2, 'length', 'unit'], 'kg'));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/\[2\]\.length\.unit: unknown unit 'kg'.*expected one of m, km$/));
  });

  it('a figure with neither source nor estimate', () => {
    const dir = brokenSeeds((f) => f.get('classes').deleteIn([0, 'depth', 'source']));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/classes\.yaml:\d+: \[0\]\.depth: needs exactly one of source/));
  });

  it('an unknown key, with did-you-mean', () => {
    const dir = brokenSeeds((f) => {
      const d = f.get('locks');
      d.setIn([1, 'operatingHour'], d.getIn([1, 'operatingHours']));
      d.deleteIn([1, 'operatingHours']);
    });
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(expect.stringMatching(/locks\.yaml:\d+: \[1\]\.operatingHour: unknown key 'operatingHour' \(did you mean 'operatingHours'\?\)$/));
    expect(problems).toContainEqual(expect.stringMatching(/locks\.yaml:\d+: \[1\]: missing 'operatingHours'$/));
  });

  it('a disconnected port', () => {
    // Cut every channel to Chongzuo: its segments now join two other nodes.
    const dir = brokenSeeds((f) => {
      const segs = f.get('segments');
      const items = (segs.toJS() as { from: string; to: string }[]).map((s, i) => [s, i] as const).filter(([s]) => s.from === 'chongzuo' || s.to === 'chongzuo');
      expect(items.length).toBeGreaterThan(0);
      for (const [, i] of items.reverse()) segs.deleteIn([i]);
    });
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/ports\.yaml:\d+: \[\d+\]\.node: port 'chongzuo' is disconnected/));
  });

  it("a lock whose chambers cannot take the channel's design vessel", () => {
    // Shrink Changzhou's lines to 60 m: no 2000 t or 3000 t design vessel fits.
    const dir = brokenSeeds((f) => {
      const d = f.get('locks');
      const n = (d.getIn([0, 'lines']) as { items: unknown[] }).items.length;
      for (let j = 0; j < n; j++) d.setIn([0, 'lines', j, 'length', 'value'], 60);
    });
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/locks\.yaml:\d+: \[0\]\.lines: in \d{4} no open line of 'changzhou' admits the Class I+ design vessel .* 90 m long, chamber 60 m/));
  });

  it('a YAML syntax error, with its line', () => {
    const dir = brokenSeeds((f) => f.raw('ports', (t) => t.replace(/^(- id: guangzhou)$/m, '$1\n  name: { en: "Guangzhou", zh: ')));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/^seeds\/broken\/ports\.yaml:\d+: YAML syntax:/));
  });

  it('reports every problem at once, across files', () => {
    const dir = brokenSeeds((f) => {
      f.get('segments').setIn([0, 'length', 'value'], -1);
      f.get('fleet').setIn(['vesselClasses', 0, 'speedLoaded'], 10);
    });
    const problems = problemsOf(dir);
    expect(problems.some((p) => p.includes('segments.yaml'))).toBe(true);
    expect(problems.some((p) => p.includes('fleet.yaml'))).toBe(true);
  });

  it('a missing seed folder', () => {
    expect(problemsOf('/nonexistent/seeds')).toEqual(['seeds/broken: seed folder not found']);
  });
});

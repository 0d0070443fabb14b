import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { refusals, tempFiles } from '../helpers.js';

const SCENARIOS = join(process.cwd(), 'scenarios');

const files = (texts: Record<string, string>) => tempFiles(texts, 'scenario-');
const problems = (file: string) => refusals(() => loadScenario(file), file);

describe('scenario files: the shipped cases', () => {
  it('all load without a problem', () => {
    for (const f of ['baseline-2013', 'changzhou-3-4', 'datengxia', 'guigang-2', 'xijin-2', 'honghua-2', 'baise-lift', 'longtan-lift', 'plan-2020', 'vision-2030']) {
      expect(() => loadScenario(join(SCENARIOS, `${f}.yaml`)), f).not.toThrow();
    }
  });

  it('ship the JSON Schema the code checks with (scenarios/scenario.schema.json)', () => {
    expect(JSON.parse(readFileSync(join(SCENARIOS, 'scenario.schema.json'), 'utf8'))).toEqual(scenarioSchema);
  });
});

describe('extends and changes resolve as documented', () => {
  it('a project file inherits the baseline and adds its changes after the baseline’s', () => {
    const { scenario } = loadScenario(join(SCENARIOS, 'xijin-2.yaml'));
    expect(scenario.year).toBe(2013);
    expect(scenario.replications).toBe(8);
    expect(scenario.files.map((f) => f.split('/').pop())).toEqual(['xijin-2.yaml', 'baseline-2013.yaml']);
    expect(scenario.changes).toEqual([
      { kind: 'modify-lock-line', lock: 'xijin', line: '2', set: { opened: 2013 } },
      { kind: 'upgrade-segment', segment: 'yong-nanning-yongning', class: 'II', year: 2013 },
      { kind: 'upgrade-segment', segment: 'yu-yongning-xijin', class: 'II', year: 2013 },
    ]);
  });

  it('the extending file wins key by key, mappings merge, changes accumulate in order', () => {
    const dir = files({
      'base.yaml': 'name: base\nyear: 2013\nreplications: 5\ndemand: { demandScale: 2, gravityExponent: 1.5 }\nchanges:\n  - removeLockLine: { lock: changzhou, line: "2" }\n',
      'child.yaml': 'name: child\nextends: base.yaml\nreplications: 3\ndemand: { demandScale: 0.5 }\nchanges:\n  - modifyLockLine: { lock: changzhou, line: "3", opened: 2013, cycle: { levellingMin: 20 } }\n',
    });
    const { scenario } = loadScenario(join(dir, 'child.yaml'));
    expect(scenario).toMatchObject({ name: 'child', year: 2013, replications: 3 });
    expect(scenario.demand).toMatchObject({ demandScale: 0.5, gravityExponent: 1.5 });
    expect(scenario.changes.map((c) => c.kind)).toEqual(['remove-lock-line', 'modify-lock-line']);
    const mod = scenario.changes[1] as { set: { cycle: { levellingS: number; gateOpenS: number } } };
    expect(mod.set.cycle.levellingS).toBe(20 * 60);
    expect(mod.set.cycle.gateOpenS).toBe(180); // the seed's value where the scenario says nothing
  });
});

describe('broken scenario files: every problem, as file:line: path: problem', () => {
  it('wrong types, unknown keys with did-you-mean, negative dimensions — all at once', () => {
    const dir = files({
      'bad.yaml': [
        'name: bad',
        'year: "2013"',
        'replicatons: 4',
        'changes:',
        '  - addLockLine: { lock: changzhou, id: "5", lengthM: -340, widthM: 34, sillDepthM: 5.8, designVesselT: 3000, opened: 2013 }',
        '  - upgradeSegmnt: { segments: [xj-wuzhou-yunfu], class: I, from: 2013 }',
      ].join('\n'),
    });
    const p = problems(join(dir, 'bad.yaml'));
    expect(p).toContainEqual(expect.stringMatching(/bad\.yaml:2: year: expected integer, got '2013'$/));
    expect(p).toContainEqual(expect.stringMatching(/bad\.yaml:3: replicatons: unknown key 'replicatons' \(did you mean 'replications'\?\)$/));
    expect(p).toContainEqual(expect.stringMatching(/bad\.yaml:5: changes\[0\]\.addLockLine\.lengthM: negative value -340/));
    expect(p).toContainEqual(expect.stringMatching(/bad\.yaml:6: changes\[1\]\.upgradeSegmnt: unknown key 'upgradeSegmnt' \(did you mean 'upgradeSegment'\?\)$/));
  });

  it('a reference to a missing lock, line, segment or port, with where it was written', () => {
    const dir = files({
      'refs.yaml': [
        'name: refs',
        'year: 2020',
        'changes:',
        '  - modifyLockLine: { lock: changzou, line: "3", opened: 2013 }',
        '  - removeLockLine: { lock: guigang, line: "7" }',
        '  - upgradeSegment: { segments: [xj-wuzhou-yunfoo], class: I, from: 2013 }',
        'demand:',
        '  portTotals: [{ port: guangzou, tonnesMt: 10 }]',
      ].join('\n'),
    });
    const p = problems(join(dir, 'refs.yaml'));
    expect(p).toContainEqual(expect.stringMatching(/refs\.yaml:4: changes\[0\]\.modifyLockLine\.lock: unknown lock 'changzou' \(did you mean 'changzhou'\?\)$/));
    expect(p).toContainEqual(expect.stringMatching(/refs\.yaml:5: changes\[1\]\.removeLockLine\.line: lock 'guigang' has no line '7'/));
    expect(p).toContainEqual(expect.stringMatching(/refs\.yaml:6: changes\[2\]\.upgradeSegment\.segment: unknown segment 'xj-wuzhou-yunfoo' \(did you mean 'xj-wuzhou-yunfu'\?\)$/));
    expect(p).toContainEqual(expect.stringMatching(/refs\.yaml:8: demand\.portTotals\[0\]\.port: unknown port 'guangzou' \(did you mean 'guangzhou'\?\)$/));
  });

  it('a YAML syntax error, with its line', () => {
    const dir = files({ 'syntax.yaml': 'name: x\nyear: 2013\nchanges:\n  - modifyLockLine: { lock: changzhou, line: "3"\n' });
    expect(problems(join(dir, 'syntax.yaml'))).toContainEqual(expect.stringMatching(/^.*syntax\.yaml:\d+: YAML syntax: /));
  });

  it('a key that is not plain text (a stray bracket or tag), with its line, and no Node warning', async () => {
    const dir = files({ 'key.yaml': 'name: x\nyear: 2013\n{horizon: 1}: 2\n!!binary aGVsbG8=: 3\n' });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(problems(join(dir, 'key.yaml'))).toEqual([expect.stringMatching(/key\.yaml:3: a key that is not plain text/), expect.stringMatching(/key\.yaml:4: a key that is not plain text/)]);
      await new Promise((r) => setImmediate(r)); // process warnings are emitted on a later tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('a cyclic or missing extends', () => {
    const dir = files({ 'a.yaml': 'name: a\nyear: 2013\nextends: b.yaml\n', 'b.yaml': 'name: b\nextends: a.yaml\n', 'c.yaml': 'name: c\nextends: nowhere.yaml\n' });
    expect(problems(join(dir, 'a.yaml'))).toContainEqual(expect.stringMatching(/b\.yaml:2: extends: cyclic extends: .*a\.yaml → .*b\.yaml → .*a\.yaml$/));
    expect(problems(join(dir, 'c.yaml'))).toContainEqual(expect.stringMatching(/c\.yaml:2: extends: extends 'nowhere\.yaml': file not found/));
  });

  it('demand on a pair with no route (the dam at Changzhou with both its 2013 lines removed)', () => {
    const dir = files({
      'noroute.yaml': 'name: n\nyear: 2013\nchanges:\n  - removeLockLine: { lock: changzhou, line: "1" }\n  - removeLockLine: { lock: changzhou, line: "2" }\ndemand:\n  flows:\n    - { from: nanning, to: guangzhou, commodity: coal, tonnesMt: 1 }\n',
    });
    expect(problems(join(dir, 'noroute.yaml'))).toContainEqual(expect.stringMatching(/noroute\.yaml:8: demand\.flows\[0\]: demand on a pair with no route: Nanning → Guangzhou: no route for .*Changzhou lock \(changzhou\): a dam with no line in service in 2013/));
  });

  it('a missing year is named', () => {
    const dir = files({ 'noyear.yaml': 'name: n\n' });
    expect(problems(join(dir, 'noyear.yaml'))).toEqual([expect.stringMatching(/noyear\.yaml:1: missing 'year' \(here or in a scenario it extends\)$/)]);
  });
});

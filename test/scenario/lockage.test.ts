import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../src/network/index.js';
import { buildScenarioInput } from '../../src/run/prepare.js';
import { loadScenario } from '../../src/scenario/load.js';
import { refusals, tempFiles } from '../helpers.js';
import { brokenSeeds } from '../network/seed-fixture.js';

const scenario = (text: string) => join(tempFiles({ 's.yaml': `name: s\nyear: 2020\n${text}` }, 'lockage-'), 's.yaml');

const problems = (load: () => unknown) => refusals(load);

describe("a scenario changes a lock's lockage rule", () => {
  it('only what it names: Changzhou first come first served keeps the seeds’ fill share and hold', () => {
    const { scenario: s, seeds } = loadScenario(scenario('lockage:\n  changzhou: { priority: fcfs, maxHoldMin: 30 }\n'));
    const lock = buildScenarioInput(s, seeds).network.lock('changzhou')!;
    const seeded = seeds.locks.find((l) => l.id === 'changzhou')!.lockage;
    expect(lock.lockage).toEqual({ ...seeded, priority: 'fcfs', maxHoldS: 1800 });
  });

  it('refuses an unknown rule, a fill share outside 0–1, a negative hold and an unknown lock, each at its line', () => {
    const p = problems(() => loadScenario(scenario('lockage:\n  changzhou: { rule: fil }\n  guigang: { fillShare: 1.5 }\n  xijin: { maxHoldMin: -5 }\n')));
    expect(p).toContainEqual(expect.stringMatching(/s\.yaml:4: lockage\.changzhou\.rule: .*(immediate|fill|timetable)/));
    expect(p).toContainEqual(expect.stringMatching(/s\.yaml:5: lockage\.guigang\.fillShare: .*1/));
    expect(p).toContainEqual(expect.stringMatching(/s\.yaml:6: lockage\.xijin\.maxHoldMin: .*0/));
    const unknown = problems(() => loadScenario(scenario('lockage:\n  changzou: { rule: immediate }\n')));
    expect(unknown).toContainEqual(expect.stringMatching(/s\.yaml:4: lockage\.changzou.*unknown lock 'changzou'.*changzhou/));
  });

  it('refuses a fill or timetable rule on a lock whose seeds have none to keep, unless it gives the rule’s settings', () => {
    // The two-ports fixture's lock has no lockage rule in its seeds: it starts each lockage at once.
    const fixture = join(process.cwd(), 'test', 'fixtures', 'two-ports');
    const file = (rule: string) => scenario(`network: ${fixture}\nlockage:\n  dam: ${rule}\n`);
    expect(problems(() => loadScenario(file('{ rule: fill }')))).toContainEqual(expect.stringMatching(/s\.yaml:5: lockage\.dam\.rule: lock 'dam' has no fill rule in the seeds to keep: give fillShare and maxHoldMin/));
    expect(problems(() => loadScenario(file('{ rule: timetable }')))).toContainEqual(expect.stringMatching(/s\.yaml:5: lockage\.dam\.rule: lock 'dam' has no timetable rule in the seeds to keep: give intervalMin with rule: timetable/));
    const { scenario: s, seeds } = loadScenario(file('{ rule: fill, fillShare: 0.6, maxHoldMin: 90 }'));
    expect(buildScenarioInput(s, seeds).network.lock('dam')!.lockage).toMatchObject({ rule: 'fill', fillShare: 0.6, maxHoldS: 5400 });
  });
});

describe("the seeds' lockage rules are checked", () => {
  it('an unknown rule, a fill share above 1 and a negative hold in locks.yaml are refused with file and line', () => {
    const dir = brokenSeeds((f) => {
      const locks = f.get('locks');
      locks.setIn([0, 'lockage', 'rule'], 'fil');
      locks.setIn([1, 'lockage', 'fillShare', 'value'], 1.5);
      locks.setIn([2, 'lockage', 'maxHold', 'value'], -1);
    });
    const p = problems(() => loadSeeds(dir, 'seeds'));
    expect(p).toContainEqual(expect.stringMatching(/locks\.yaml:\d+: \[0\]\.lockage\.rule: /));
    expect(p).toContainEqual(expect.stringMatching(/locks\.yaml:\d+: \[1\]\.lockage\.fillShare\.value: /));
    expect(p).toContainEqual(expect.stringMatching(/locks\.yaml:\d+: \[2\]\.lockage\.maxHold\.value: /));
  });

  it('a fill rule without its hold is refused, naming what it needs', () => {
    const dir = brokenSeeds((f) => f.get('locks').deleteIn([0, 'lockage', 'maxHold']));
    expect(problems(() => loadSeeds(dir, 'seeds'))).toContainEqual(expect.stringMatching(/locks\.yaml:\d+: \[0\]\.lockage: missing 'maxHold' \(the fill rule needs fillShare and maxHold\)/));
  });
});

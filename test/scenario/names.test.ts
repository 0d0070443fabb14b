import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioHash } from '../../src/run/checkpoint.js';
import { refusals, tempFiles } from '../helpers.js';

const PLAN_2020 = join(process.cwd(), 'scenarios', 'plan-2020.yaml');

/** One scenario on plan-2020, naming every lock and port through `n` (ids, or names as people write them). */
function scenario(n: Record<string, string>): string {
  return [
    'name: named',
    `extends: ${PLAN_2020}`,
    'changes:',
    `  - modifyLockLine: { lock: ${n.changzhou}, line: "2", opened: 2013 }`,
    `  - addLockLine: { lock: ${n.guigang}, id: "3", lengthM: 280, widthM: 34, sillDepthM: 5.8, designVesselT: 3000, opened: 2020 }`,
    `  - removeLockLine: { lock: ${n.yantan}, line: "1" }`,
    `  - setBerths: { port: ${n.foshan}, berths: [{ cargo: container, count: 40 }] }`,
    'lockage:',
    `  ${n.xijin}: { rule: fill, fillShare: 0.6 }`,
    'closures:',
    `  maintenanceDaysPerLine: { ${n.guigang}: 20, ${n.datengxia}: 12 }`,
    `  floodClosureDays: { ${n.changzhou}: 8 }`,
    `  extra: [{ lock: ${n.honghua}, line: "1", fromDay: 100, toDay: 130 }]`,
    'demand:',
    `  portTotals: [{ port: ${n.guangzhou}, tonnesMt: 90 }]`,
    `  flows: [{ from: ${n.guigang_port}, to: ${n.guangzhou}, commodity: coal, tonnesMt: 5 }, { from: ${n.nanning}, to: ${n.hk}, commodity: containers, teu: 1000 }]`,
  ].join('\n');
}

const IDS = { changzhou: 'changzhou', guigang: 'guigang', yantan: 'yantan', foshan: 'foshan', xijin: 'xijin', datengxia: 'datengxia', honghua: 'honghua', guangzhou: 'guangzhou', guigang_port: 'guigang', nanning: 'nanning', hk: 'hk-macau' };

describe('a scenario file names ports and locks as people write them', () => {
  it('by English or Chinese name, in any case, with the same resolved scenario and hash as by ids', () => {
    const names = {
      changzhou: 'Changzhou',
      guigang: '贵港船闸',
      yantan: 'YANTAN',
      foshan: '佛山',
      xijin: '西津',
      datengxia: 'Datengxia Lock',
      honghua: '红花',
      guangzhou: 'Guangzhou',
      guigang_port: '贵港',
      nanning: 'Nanning port',
      hk: '港澳出海口',
    };
    const dir = tempFiles({ 'ids.yaml': scenario(IDS), 'names.yaml': scenario(names) }, 'names-');
    const byId = loadScenario(join(dir, 'ids.yaml')).scenario;
    const byName = loadScenario(join(dir, 'names.yaml')).scenario;
    const { texts: _a, files: _b, ...idContent } = byId;
    const { texts: _c, files: _d, ...nameContent } = byName;
    expect(nameContent).toEqual(idContent);
    expect(scenarioHash(byName)).toBe(scenarioHash(byId));
    // …and the ids are the seeds' own, whatever was written.
    const own = byName.changes.slice(loadScenario(PLAN_2020).scenario.changes.length);
    // The file's changes in order, then closures (maintenance, flood) and lockage, as the loader appends them.
    expect(own.map((c) => ('lock' in c ? c.lock : 'port' in c ? c.port : ''))).toEqual(['changzhou', 'guigang', 'yantan', 'foshan', 'guigang', 'datengxia', 'changzhou', 'xijin']);
    expect(byName.demand.flows!.map((f) => [f.origin, f.destination])).toEqual([['guigang', 'guangzhou'], ['nanning', 'hk-macau']]);
    expect(byName.closures.extra[0]!.lock).toBe('honghua');
  });

  it('an unknown name, or one lock named twice, is refused at its line with the file and path, and suggestions', () => {
    const dir = tempFiles(
      {
        'bad.yaml': [
          'name: bad',
          `extends: ${PLAN_2020}`,
          'changes:',
          '  - modifyLockLine: { lock: Changzou, line: "2", opened: 2013 }',
          '  - setBerths: { port: 佛三, berths: [{ cargo: container, count: 40 }] }',
          'lockage:',
          '  长州: { rule: fill }',
          'closures:',
          '  maintenanceDaysPerLine: { guigang: 20, 贵港: 10 }',
          'demand:',
          '  flows: [{ from: Guigang, to: 贵港港, commodity: coal, tonnesMt: 1 }]',
        ].join('\n'),
      },
      'names-',
    );
    const file = join(dir, 'bad.yaml');
    expect(refusals(() => loadScenario(file)).sort()).toEqual(
      [
        `${file}:4: changes[0].modifyLockLine.lock: unknown lock 'Changzou' (did you mean 'changzhou'?)`,
        `${file}:5: changes[1].setBerths.port: unknown port '佛三' (did you mean '佛山' (foshan)?)`,
        `${file}:7: lockage.长州: unknown lock '长州' (did you mean '长洲' (changzhou)?)`,
        `${file}:9: closures.maintenanceDaysPerLine.贵港: '贵港' is lock 'guigang', already given as 'guigang'`,
        `${file}:11: demand.flows[0].to: a flow needs two different ports; both are 'guigang'`,
      ].sort(),
    );
  });
});

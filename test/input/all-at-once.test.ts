/**
 * Issue 19, item 8: all problems at once. `validate` and `run` report what the schema
 * refuses and what the rest of the file says that the network cannot have in one pass, as
 * far as the file can be read, each as file:line: path: problem, in the order of the lines;
 * and nothing that only echoes a problem already reported.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError, pathText } from '../../src/input/problems.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cliCommand, refusals, tempFiles } from '../helpers.js';

const exec = promisify(execFile);
const TWO_LOCKS = resolve('test', 'fixtures', 'two-locks');
const failure = (args: string[]) =>
  exec(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, WATERWAY_SIM_PROGRESS_S: '0.1' } }).then(
    () => {
      throw new Error(`expected ${args[0]} to fail`);
    },
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
const STACK = /\n\s+at .*:\d+:\d+/;

/** A scenario file on the two-lock fixture (null: the embedded Xijiang network); `line(text)` is the 1-based line holding `text`. */
function scenarioFile(name: string, lines: string[], network: string | null = TWO_LOCKS) {
  const all = [`name: ${name}`, ...(network === null ? [] : [`network: ${network}`]), 'year: 2013', ...lines];
  const dir = tempFiles({ [`${name}.yaml`]: all.join('\n') + '\n' });
  const file = join(dir, `${name}.yaml`);
  return { dir, file, line: (text: string) => all.findIndex((l) => l.includes(text)) + 1 };
}

// One refused key, one unknown lock, one negative berth count, one unknown port: two for the schema, two for the network.
const mixed = scenarioFile('mixed', [
  'horizn: { years: 1 }',
  'changes:',
  '  - modifyLockLine: { lock: narow, line: "1", lengthM: 120 }',
  '  - setBerths: { port: up, berths: [{ cargo: dry-bulk, count: -2 }] }',
  'demand:',
  '  flows:',
  '    - { from: uper, to: down, commodity: sand, tonnesMt: 5 }',
]);
const MIXED = [
  `${mixed.file}:${mixed.line('horizn')}: horizn: unknown key 'horizn' (did you mean 'horizon'?)`,
  `${mixed.file}:${mixed.line('narow')}: changes[0].modifyLockLine.lock: unknown lock 'narow' (did you mean 'narrow'?)`,
  `${mixed.file}:${mixed.line('count: -2')}: changes[1].setBerths.berths[0].count: negative value -2: must be ≥ 1`,
  `${mixed.file}:${mixed.line('uper')}: demand.flows[0].from: unknown port or gateway 'uper' (did you mean 'Upper' (up)?)`,
];

describe('schema and network problems in one pass', () => {
  it('a refused key, an unknown lock in changes, a negative berth count and an unknown port: all four, in line order', () => {
    expect(refusals(() => loadScenario(mixed.file))).toEqual(MIXED);
  });

  it('validate prints all four and exits 1, without a stack trace', async () => {
    const e = await failure(['validate', mixed.file]);
    expect(e.code).toBe(1);
    expect(e.stderr).toBe([...MIXED, 'waterway-sim: 4 problems found', ''].join('\n'));
    expect(e.stderr).not.toMatch(STACK);
  });

  it('run prints the same four, exits 1, runs nothing and writes no output folder', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'all-at-once-')), 'out');
    const e = await failure(['run', mixed.file, '--out', out]);
    expect(e.code).toBe(1);
    // Not one progress line: no replication started.
    expect(e.stderr).toBe([...MIXED, 'waterway-sim: 4 problems in the input; nothing was written', ''].join('\n'));
    expect(e.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});

describe('nothing that only echoes a refused part', () => {
  it("a later change of a line a refused change would have added is not reported; another lock's missing line is", () => {
    const s = scenarioFile('echo', [
      'changes:',
      '  - addLockLine: { lock: narrow, id: "2", lengthM: -100, widthM: 17, sillDepthM: 5.8, designVesselT: 3000, opened: 2013 }',
      '  - modifyLockLine: { lock: narrow, line: "2", lengthM: 120 }',
      '  - removeLockLine: { lock: wide, line: "9" }',
    ]);
    expect(refusals(() => loadScenario(s.file))).toEqual([
      `${s.file}:${s.line('lengthM: -100')}: changes[0].addLockLine.lengthM: negative value -100: must be > 0`,
      `${s.file}:${s.line('line: "9"')}: changes[2].removeLockLine.line: lock 'wide' has no line '9' (it has 1)`,
    ]);
  });

  it('demand is not judged for a route on a network a refused change would have made', () => {
    // Changzhou's 2013 lines are replaced by a refused one: without it the dam is shut and there is no route, but that only echoes the refusal.
    const s = scenarioFile(
      'route',
      [
        'changes:',
        '  - removeLockLine: { lock: changzhou, line: "1" }',
        '  - removeLockLine: { lock: changzhou, line: "2" }',
        '  - addLockLine: { lock: changzhou, id: "5", lengthM: 280, widthM: 34, sillDepthM: 5.8, designVesselT: 3000, opened: 2013, speed: 3 }',
        'demand:',
        '  flows:',
        '    - { from: nanning, to: guangzhou, commodity: coal, tonnesMt: 1 }',
      ],
      null,
    );
    const text = readFileSync(s.file, 'utf8');
    expect(refusals(() => loadScenario(s.file))).toEqual([expect.stringMatching(new RegExp(`^${s.file}:${s.line('speed: 3')}: changes\\[2\\]\\.addLockLine\\.speed: unknown key 'speed'`))]);
    // Without the added line there is indeed no route; with the change put right there is, and the file loads.
    writeFileSync(s.file, text.split('\n').filter((l) => !l.includes('addLockLine')).join('\n'));
    expect(refusals(() => loadScenario(s.file))).toEqual([expect.stringMatching(/demand\.flows\[0\]: demand on a pair with no route/)]);
    writeFileSync(s.file, text.replace(', speed: 3', ''));
    expect(() => loadScenario(s.file)).not.toThrow();
  });

  it("a refused year is not also 'missing'", () => {
    const dir = tempFiles({ 'y.yaml': `name: y\nnetwork: ${TWO_LOCKS}\nyear: "2013"\n` });
    expect(refusals(() => loadScenario(join(dir, 'y.yaml')))).toEqual([`${join(dir, 'y.yaml')}:3: year: expected integer, got '2013'`]);
  });
});

describe('as far as the file can be read', () => {
  it('a YAML syntax error stops there: reported alone', () => {
    const s = scenarioFile('syntax', ['horizn: { years: 1 }', 'changes:', '  - modifyLockLine: { lock: narow, line: "1"']);
    const p = refusals(() => loadScenario(s.file));
    expect(p.length).toBeGreaterThan(0);
    for (const line of p) expect(line).toMatch(/syntax\.yaml:\d+: YAML syntax: /);
  });

  it('a network that cannot be read: the schema problems alone, no check against a network the file does not name', () => {
    const s = scenarioFile('nonet', ['horizn: { years: 1 }', 'changes:', '  - modifyLockLine: { lock: narow, line: "1" }'], '5');
    expect(refusals(() => loadScenario(s.file))).toEqual([
      `${s.file}:${s.line('network')}: network: expected string, got 5`,
      `${s.file}:${s.line('horizn')}: horizn: unknown key 'horizn' (did you mean 'horizon'?)`,
    ]);
  });

  it("broken seeds: their problems with the scenario file's, the scenario's first", () => {
    const seeds = join(mkdtempSync(join(tmpdir(), 'seeds-')), 'seeds');
    cpSync(TWO_LOCKS, seeds, { recursive: true });
    const locks = readFileSync(join(seeds, 'locks.yaml'), 'utf8').split('\n');
    const broken = locks.findIndex((l) => l.includes('length: { value: 100'));
    locks[broken] = locks[broken]!.replace('length: { value: 100', 'length: { value: -100');
    writeFileSync(join(seeds, 'locks.yaml'), locks.join('\n'));
    const s = scenarioFile('seeds', ['horizn: { years: 1 }'], seeds);
    const p = refusals(() => loadScenario(s.file));
    expect(p).toEqual([`${s.file}:${s.line('horizn')}: horizn: unknown key 'horizn' (did you mean 'horizon'?)`, expect.stringContaining(`locks.yaml:${broken + 1}: [0].lines[0].length.value: negative value -100`)]);
  });
});

describe('every schema problem with every network problem: the two together, nothing more', () => {
  // A valid scenario on the two-port fixture with something in every section that names the network.
  const BASE = {
    name: 'pairs',
    network: resolve('test', 'fixtures', 'two-ports'),
    year: 2013,
    demand: { flows: [{ from: 'up', to: 'down', commodity: 'sand', tonnesMt: 2 }, { from: 'down', to: 'up', commodity: 'coal', tonnesMt: 0.5 }], demandScale: 1 },
    changes: [{ modifyLockLine: { lock: 'dam', line: '1', widthM: 30 } }, { setBerths: { port: 'up', berths: [{ cargo: 'dry-bulk', count: 3, tonnesPerH: 800 }] } }],
    closures: { extra: [{ lock: 'dam', line: '1', fromDay: 10, toDay: 12 }], floodSpellMeanDays: 2, maintenanceDaysPerLine: { dam: 3 } },
    lockage: { dam: { rule: 'fill', fillShare: 0.5, maxHoldMin: 30 } },
    fleet: { mixYear: 2013 },
    horizon: { years: 0.05, warmupDays: 1 },
    replications: 2,
  };
  type Path = (string | number)[];
  type Edit = { path: Path; value: unknown };
  const VALUES: unknown[] = [NaN, -1, 0, 'zzz', 'up', '', true, null, [], {}, [1, 2], { x: 1 }];
  const paths = (v: unknown, at: Path = []): Path[] => {
    const here = at.length > 0 ? [at] : [];
    if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
    if (v !== null && typeof v === 'object') return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
    return here;
  };
  const dir = mkdtempSync(join(tmpdir(), 'pairs-'));
  let n = 0;
  /** The problems (path: problem, lines aside: an edit moves them) of the base with the edits made. */
  const problemsWith = (edits: Edit[]): string[] => {
    const doc = JSON.parse(JSON.stringify(BASE));
    for (const { path, value } of edits) path.slice(0, -1).reduce((o, k) => o[k], doc)[path.at(-1)!] = structuredClone(value);
    const file = join(dir, `${n++}.yaml`);
    writeFileSync(file, stringify(doc));
    try {
      loadScenario(file, { seedCache });
      return [];
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return err.problems.map((p) => `${p.path}: ${p.problem}`);
    }
  };
  const seedCache = new Map();
  const SCHEMA = /unknown key|expected |^missing '|negative value|value too small|too large|needs at least|must not be empty|is not allowed|unknown value|Exactly one|is not valid/;
  /** Where a refused edit is set aside: the change, flow, closure or lock entry it sits in, else the key. */
  const setAside = (p: Path): Path => {
    for (const list of [['changes'], ['demand', 'flows'], ['closures', 'extra'], ['closures', 'maintenanceDaysPerLine'], ['lockage']]) {
      if (p.length > list.length && list.every((k, i) => p[i] === k)) return p.slice(0, list.length + 1);
    }
    return p;
  };
  const within = (p: Path, unit: Path) => unit.every((k, i) => p[i] === k);

  it('each edit the schema refuses with one the network refuses, and the other way round', () => {
    expect(problemsWith([])).toEqual([]);
    // Single edits of the base: those only the schema refuses, and those only the network does.
    const schemaOnly: { edit: Edit; problems: string[] }[] = [], networkOnly: { edit: Edit; problems: string[] }[] = [];
    for (const path of paths(BASE)) {
      for (const value of VALUES) {
        const problems = problemsWith([{ path, value }]);
        const schema = problems.filter((p) => SCHEMA.test(p.slice(p.indexOf(': ') + 2)));
        if (problems.length > 0 && schema.length === problems.length) schemaOnly.push({ edit: { path, value }, problems });
        if (problems.length > 0 && schema.length === 0) networkOnly.push({ edit: { path, value }, problems });
        // An edit the schema refuses is reported where it was made, and nowhere else (no 'missing year' for a refused one).
        const at = pathText(path);
        if (schema.length > 0) for (const p of problems) expect(p.startsWith(`${at}: `) || p.startsWith(`${at}.`) || p.startsWith(`${at}[`), `${at}=${JSON.stringify(value)}: ${p}`).toBe(true);
      }
    }

    expect(schemaOnly.length).toBeGreaterThan(300);
    expect(networkOnly.length).toBeGreaterThan(15);
    const pairs = [...schemaOnly.map((s, i) => [s, networkOnly[i % networkOnly.length]!] as const), ...networkOnly.map((b, i) => [schemaOnly[(i * 37) % schemaOnly.length]!, b] as const)];
    let checked = 0;
    for (const [a, b] of pairs) {
      if (within(a.edit.path, b.edit.path) || within(b.edit.path, a.edit.path)) continue;
      const both = problemsWith([a.edit, b.edit]);
      const what = `${a.edit.path.join('.')}=${JSON.stringify(a.edit.value)} with ${b.edit.path.join('.')}=${JSON.stringify(b.edit.value)}`;
      // Nothing that neither makes alone: no echo of the refused part.
      expect(both.filter((p) => !a.problems.includes(p) && !b.problems.includes(p)), what).toEqual([]);
      // Every schema problem, always.
      expect(both.filter((p) => a.problems.includes(p)), what).toEqual(a.problems);
      // The network problem too, unless it sits in the part set aside, the network itself was refused,
      // or it is a lock line that a refused change of unknown kind might have added or removed.
      const hidden = within(b.edit.path, setAside(a.edit.path)) || a.edit.path[0] === 'network' || (a.edit.path[0] === 'changes' && b.problems.every((p) => /\.line: /.test(p)));
      if (!hidden) expect(both.filter((p) => b.problems.includes(p)), what).toEqual(b.problems);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });
});

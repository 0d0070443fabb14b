/**
 * Issue 18 (hardening): bounded input, neutralised outputs, checked settings and values.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summaryShapeProblem } from '../../src/cli/compare.js';
import { compareTable, labelColumns } from '../../src/report/compare.js';
import { TASK_TIMEOUT_RANGE_S, replicationSettings, taskTimeoutSetting } from '../../src/cli/scenario-options.js';
import { formatProblem } from '../../src/input/problems.js';
import { MAX_INPUT_BYTES, YamlFile, readBoundedText } from '../../src/input/yaml-file.js';
import type { CompareColumn } from '../../src/report/html/compare-report.js';
import { MAX_KEPT_TEXT_BYTES, keptTexts } from '../../src/report/outputs.js';
import { csvCell, tableFiles } from '../../src/report/tables.js';
import { plain, table } from '../../src/report/terminal.js';
import { runFreightYear } from '../../src/model/freight-model.js';
import { buildScenarioInput } from '../../src/run/index.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cliCommand, refusals, tempFiles } from '../helpers.js';

const exec = promisify(execFile);
const failure = (args: string[], env: Record<string, string> = {}) =>
  exec(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, ...env } }).then(
    () => ({ code: 0, stdout: '', stderr: '' }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
const TWO_PORTS = resolve('test', 'fixtures', 'two-ports');
const scenario = (extra: string) => `name: hard\nnetwork: ${TWO_PORTS}\nyear: 2013\n${extra}`;
// Any control character a terminal acts on: C0 but the newline, DEL, C1.
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/; // eslint-disable-line no-control-regex

describe('bounded input: only regular files, at most MAX_INPUT_BYTES, located problems', () => {
  it('refuses a device (extends: /dev/zero) at the extends line, without reading it', () => {
    const dir = tempFiles({ 'a.yaml': scenario('extends: /dev/zero\n') });
    const p = refusals(() => loadScenario(join(dir, 'a.yaml')));
    expect(p.join('\n')).toMatch(/zero: is not a regular file/);
  });

  it('refuses a FIFO at once instead of blocking', () => {
    const dir = tempFiles({ 'a.yaml': scenario('extends: pipe.yaml\n') });
    const made = spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    if (made.error || made.status !== 0) {
      console.warn('mkfifo is missing: the FIFO assertion is skipped');
      return;
    }
    expect(refusals(() => loadScenario(join(dir, 'a.yaml'))).join('\n')).toMatch(/pipe\.yaml: is not a regular file/);
  });

  it('refuses a folder, and a file over the limit before reading it', () => {
    const dir = tempFiles({ 'a.yaml': scenario('') });
    mkdirSync(join(dir, 'sub.yaml'));
    expect(refusals(() => YamlFile.read(join(dir, 'sub.yaml'), 'sub.yaml'))).toEqual(['sub.yaml: is a folder, not a file']);
    truncateSync(join(dir, 'a.yaml'), MAX_INPUT_BYTES + 1); // sparse: nothing is written
    expect(refusals(() => loadScenario(join(dir, 'a.yaml')))[0]).toMatch(/a\.yaml: file too large: 5,242,881 bytes, more than the limit of 5,242,880/);
    expect(MAX_INPUT_BYTES).toBe(5 * 1024 * 1024);
  });

  it('reads a regular file within the limit whole', () => {
    const dir = tempFiles({ 'a.txt': 'x'.repeat(70_000) + '长洲' });
    expect(readBoundedText(join(dir, 'a.txt'))).toBe('x'.repeat(70_000) + '长洲');
    expect(() => readBoundedText(join(dir, 'a.txt'), 'a.txt', 1000)).toThrow(/file too large/);
  });

  it('an alias bomb is a located problem, not a trace', () => {
    let text = 'name: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 0, prev = 'a'; i < 8; prev = `l${i}`, i++) text += `l${i}: &l${i} [${Array(10).fill(`*${prev}`).join(', ')}]\n`;
    const dir = tempFiles({ 'bomb.yaml': text });
    expect(refusals(() => loadScenario(join(dir, 'bomb.yaml')))).toEqual([`${join(dir, 'bomb.yaml')}:3: YAML aliases expand too much (more than 1000 alias expansions); write the values out`]);
  });
});

describe('scenario texts in summary.json and report.html are bounded', () => {
  it('keeps a text up to MAX_KEPT_TEXT_BYTES, else its size and sha256', () => {
    const small = { file: 's.yaml', text: 'name: s\n' };
    const big = { file: 'b.yaml', text: '#'.repeat(MAX_KEPT_TEXT_BYTES + 1) };
    const [a, b] = keptTexts([small, big]);
    expect(a).toEqual(small);
    expect(b).toMatchObject({ file: 'b.yaml', bytes: MAX_KEPT_TEXT_BYTES + 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(b!.text.length).toBeLessThan(200);
    expect(keptTexts([b!])).toEqual([b]); // read back from a summary, kept as it is
  });
});

describe('CSV cells are neutralised (OWASP CSV injection)', () => {
  it("prefixes text beginning with = + - @ tab or CR with a quote; numbers, negative ones too, stay numbers", () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1', '-x', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s)).toBe(`'${s}`);
    expect(csvCell(-3.5)).toBe(-3.5);
    expect(csvCell('长洲 lock')).toBe('长洲 lock');
    const text = tableFiles('ports', [{ port: '=cmd', name_en: '-1+1', wait: -2 }], 'csv')['ports.csv']!;
    expect(parseCsv(text, { columns: true, bom: true })).toEqual([{ port: "'=cmd", name_en: "'-1+1", wait: '-2' }]);
  });

  it('hostile names (fast-check): no CSV cell begins with a formula character, no terminal line holds a control character', () => {
    const hostile = fc.stringMatching(/^[=+\-@\t\r\x1b\x07\x9b\x7f\n]?.{0,12}$/su).map((s) => s.replace(/x/g, '\x1b]0;title\x07'));
    fc.assert(
      fc.property(hostile, hostile, fc.double({ noNaN: true }), (en, zh, x) => {
        const text = tableFiles('t', [{ id: en, name_zh: zh, x }], 'csv')['t.csv']!;
        const [row] = parseCsv(text, { columns: true, bom: true, relax_quotes: true }) as Record<string, string>[];
        for (const cell of [row!.id!, row!.name_zh!]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect(Number(row!.x)).toBe(x === 0 ? 0 : x); // numbers untouched (-0 prints as 0)
        const shown = table([['id', 'name'], [en, zh]]);
        expect(shown).not.toMatch(CONTROL);
        expect(shown.split('\n')).toHaveLength(2);
      }),
      { numRuns: 100, seed: 18 },
    );
  });
});

describe('terminal text is plain', () => {
  it('drops ESC sequences, C0 (not newline), DEL and C1; a tab becomes a space', () => {
    expect(plain('\x1b[2J\x1b[HREACHED')).toBe('REACHED');
    expect(plain('a\x1b]0;pwned\x07b')).toBe('ab');
    expect(plain('a\x1b]2;t\x1b\\b')).toBe('ab');
    expect(plain('a\x9b31mb\x7fc\x00d\re\tf\ng')).toBe('abcde f\ng');
    expect(plain('长洲 Changzhou')).toBe('长洲 Changzhou');
  });

  it('located problems are one line with no control characters', () => {
    expect(formatProblem({ file: 'a\x1b[2J.yaml', line: 3, path: 'name', problem: "'x\ny' is\x07 wrong" })).toBe("a.yaml:3: name: 'x y' is wrong");
  });
});

const stat = (mean: number) => ({ mean, halfWidth: 0.1, low: mean - 0.1, high: mean + 0.1, n: 2 });
const column = (name: string): CompareColumn =>
  ({
    name,
    source: 'x',
    seed: 1,
    replications: 2,
    tonnes: stat(1e8),
    teu: stat(1e6),
    targetTonnes: 3e8,
    targetTeu: 1e7,
    pTonnes: 0,
    pTeu: 0,
    waits: new Map([['dam', { name: { en: 'Dam', zh: '坝' }, wait: stat(2) }]]),
    ports: [],
    worst: 'dam',
    trace: { name, files: [], texts: [] },
  }) as unknown as CompareColumn;

describe('a run prints user text plainly', () => {
  it('escape sequences in a description do not reach the terminal', async () => {
    const toy = resolve('test', 'fixtures', 'scenarios', 'toy.yaml');
    const dir = tempFiles({ 'evil.yaml': `name: evil\ndescription: "\\e[2J\\e[HREACHED \\e]0;title\\a\\x9b1m"\nextends: ${toy}\nreplications: 1\nhorizon: { years: 0.02, warmupDays: 1 }\n` });
    const out = join(dir, 'out');
    const { stdout } = await exec(process.execPath, [...cliCommand(), 'run', join(dir, 'evil.yaml'), '--workers', '1', '--no-report', '--no-capacity', '--out', out]);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout).toMatch(/^evil: REACHED $/m);
  });
});

describe('compare: labels and summaries', () => {
  it('a scenario named like a fixed column, a delta column or an earlier one gets #2, #3…', () => {
    const cols = ['kpi', 'name_en', 'a', 'a', 'b_delta', 'b'].map(column);
    labelColumns(cols);
    expect(cols.map((c) => c.name)).toEqual(['kpi#2', 'name_en#2', 'a', 'a#2', 'b_delta', 'b#2']);
    const { rows } = compareTable(cols);
    expect(rows[0]).toMatchObject({ kpi: 'main_line_mt', name_en: '', 'kpi#2': 100, 'name_en#2': 100, 'name_en#2_delta': 0 });
  });

  it('P(reached) is in percent in every column and its Δ in percentage points, in the table and in compare.csv', () => {
    const a = { ...column('a'), pTonnes: 0.25, pTeu: 0.5 }, b = { ...column('b'), pTonnes: 0.75, pTeu: 0.5 };
    const { text, rows } = compareTable([a, b]);
    expect(text).toMatch(/^\s*P\(300 Mt reached\), % +25% +75% +\+50 pp$/m);
    expect(text).toMatch(/^\s*P\(10 M TEU reached\), % +50% +50% +0 pp$/m);
    expect(rows.find((r) => r.kpi === 'p_tonnes_reached_pct')).toMatchObject({ a: 25, b: 75, b_delta: 50 });
    // Different targets: each cell names its own, so that no two percentages of different things sit unlabelled side by side.
    const c = { ...column('c'), targetTonnes: 4e8, pTonnes: 0.1 };
    expect(compareTable([a, c]).text).toMatch(/^\s*P\(target reached\), % +25% of 300 Mt +10% of 400 Mt +-15 pp$/m);
  });

  it("accepts a one-replication run's summary, whose half-widths JSON keeps as null", async () => {
    const out = tempFiles({});
    const scenario = join(out, 's.yaml');
    writeFileSync(scenario, `name: one\nnetwork: ${join(process.cwd(), 'test', 'fixtures', 'two-ports')}\nyear: 2013\ndemand:\n  flows:\n    - { from: up, to: down, commodity: sand, tonnesMt: 0.1 }\n`);
    await exec(process.execPath, [...cliCommand(), 'run', scenario, '--replications', '1', '--out', join(out, 'run'), '--no-report', '--no-capacity']);
    const summary = JSON.parse(readFileSync(join(out, 'run', 'summary.json'), 'utf8'));
    expect(summary.mainLine.tonnes.halfWidth).toBeNull();
    expect(summaryShapeProblem(summary)).toBeUndefined();
  });

  it('names what a wrong-shape summary lacks', () => {
    expect(summaryShapeProblem({ scenario: { name: 'x' }, mainLine: { tonnes: 3 } })).toBe('mainLine.tonnes is not a statistic');
    expect(summaryShapeProblem({})).toBe('scenario.name is missing or not text');
  });

  it('a damaged or wrong-shape summary.json: one line, exit 1, no trace', async () => {
    const a = tempFiles({ 'summary.json': '{"schema": "waterway-sim/summ' });
    const b = tempFiles({ 'summary.json': JSON.stringify({ schema: 'waterway-sim/summary@3', scenario: { name: 'b' }, locks: 'none' }) });
    const [e, f] = await Promise.all([failure(['compare', a, b, '--out', join(a, 'out')]), failure(['compare', b, a, '--out', join(a, 'out')])]);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/^waterway-sim: .*summary\.json: damaged, not JSON \(.*\); run the scenario again\n$/);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/^waterway-sim: .*summary\.json: damaged summary: mainLine is missing; run the scenario again\n$/);
  });
});

describe('settings and values are checked', () => {
  it('WATERWAY_SIM_TASK_TIMEOUT_S: a whole number of seconds from 1 to 2,147,483', () => {
    expect(TASK_TIMEOUT_RANGE_S).toEqual({ min: 1, max: 2_147_483 });
    expect(taskTimeoutSetting({})).toEqual({});
    expect(taskTimeoutSetting({ WATERWAY_SIM_TASK_TIMEOUT_S: '2147483' })).toEqual({ taskTimeoutS: 2_147_483 });
    for (const bad of ['abc', '0', '-1', '1.5', '2147484', '1e9']) {
      expect(() => taskTimeoutSetting({ WATERWAY_SIM_TASK_TIMEOUT_S: bad }), bad).toThrow(/WATERWAY_SIM_TASK_TIMEOUT_S: expected a whole number of seconds from 1 to 2,147,483/);
    }
  });

  it('the CLI refuses a bad WATERWAY_SIM_TASK_TIMEOUT_S with exit 1 and one line', async () => {
    const e = await failure(['run', join('test', 'fixtures', 'scenarios', 'toy.yaml'), '--replications', '1', '--no-report', '--out', join(tempFiles({}), 'o')], { WATERWAY_SIM_TASK_TIMEOUT_S: 'abc' });
    expect(e.code).toBe(1);
    expect(e.stderr).toBe("waterway-sim: WATERWAY_SIM_TASK_TIMEOUT_S: expected a whole number of seconds from 1 to 2,147,483, got 'abc'\n");
  });

  it('refuses out-of-range scenario values, each at its line', () => {
    const dir = tempFiles({
      'a.yaml': scenario(
        'demand:\n  seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1e300]\n  gravityExponent: 1e6\n  demandScale: 1e6\nclosures:\n  floodSpellMeanDays: 1e-9\nseed: 9007199254740993\n',
      ),
    });
    const p = refusals(() => loadScenario(join(dir, 'a.yaml'))).map((x) => x.replace(`${join(dir, 'a.yaml')}:`, ''));
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^5: demand\.seasonality\[11\]: value 1e\+300 too large: must be ≤ 10$/),
        expect.stringMatching(/^6: demand\.gravityExponent: value 1000000 too large: must be ≤ 5$/),
        expect.stringMatching(/^7: demand\.demandScale: value 1000000 too large: must be ≤ 1000$/),
        expect.stringMatching(/^9: closures\.floodSpellMeanDays: value too small 1e-9: must be ≥ 0\.1$/),
        expect.stringMatching(/^10: seed: value 9007199254740992 too large: must be ≤ 9007199254740991$/),
      ]),
    );
    expect(p).toHaveLength(5);
  });

  it('a seed beyond 2^53 − 1 is refused, not changed; a word stays a word', () => {
    const dir = tempFiles({ 'a.yaml': scenario('seed: "9007199254740993"\n') });
    const { scenario: s } = loadScenario(join(dir, 'a.yaml'));
    expect(s.seed).toBe('9007199254740993');
    expect(replicationSettings(s, { seed: '9007199254740991', workers: '1' }).seed).toBe(9007199254740991);
    expect(() => replicationSettings(s, { seed: '9007199254740993' })).toThrow(/--seed: expected a whole number within ±9007199254740991/);
    expect(replicationSettings(s, { seed: 'drought' }).seed).toBe('drought');
  });

  it('a scenario name is an identifier', () => {
    for (const bad of ['a/b', 'a b', '..', 'x..y', '-x', '=cmd', 'a\u001b[2J', 'n'.repeat(101)]) {
      const dir = tempFiles({ 'a.yaml': scenario('').replace('name: hard', `name: ${JSON.stringify(bad)}`) });
      expect(refusals(() => loadScenario(join(dir, 'a.yaml'))).join('\n'), bad).toMatch(/:1: name: (.* is not allowed: An identifier|too long)/);
    }
    for (const good of ['plan-2020', 'drought_2021', 'v1.2', '长洲-3', 'kpi']) {
      const dir = tempFiles({ 'a.yaml': scenario('').replace('name: hard', `name: ${good}`) });
      expect(loadScenario(join(dir, 'a.yaml')).scenario.name).toBe(good);
    }
  });

  it('a run with no demand says so in its warnings', () => {
    const dir = tempFiles({ 'a.yaml': scenario('demand:\n  flows: [{ from: up, to: down, commodity: sand, tonnesMt: 0 }]\nhorizon: { years: 0.02, warmupDays: 1 }\n') });
    const { scenario: s, seeds } = loadScenario(join(dir, 'a.yaml'));
    const r = runFreightYear(buildScenarioInput(s, seeds), 1, 0);
    expect(r.warnings.join('\n')).toMatch(/demand came out zero/);
  });
});

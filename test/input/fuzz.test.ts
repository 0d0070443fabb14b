/**
 * Broken scenario and seed files, generated (fast-check): every one is either
 * a valid input or refused with problems that name the file and the place in
 * it, never a crash. FUZZ_RUNS=N (npm run fuzz) runs more cases, from a random seed.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { InputError } from '../../src/input/problems.js';
import type { SeedNetwork } from '../../src/network/index.js';
import { buildScenarioInput } from '../../src/run/index.js';
import { runFreightYear } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cliCommand } from '../helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 800);
const SEED = process.env.FUZZ_RUNS ? Date.now() : 20261125;
const FIXTURE = join('test', 'fixtures', 'two-ports');
const SEED_FILES = readdirSync(FIXTURE).filter((f) => f.endsWith('.yaml'));
const seedTexts = new Map(SEED_FILES.map((f) => [f, readFileSync(join(FIXTURE, f), 'utf8')]));

/** A scenario with something in every section, so that mutations reach every part of the schema. */
const SCENARIO = {
  name: 'fuzzed',
  description: 'generated',
  network: 'set by writeCase',
  year: 2013,
  demand: { flows: [{ from: 'up', to: 'down', commodity: 'sand', tonnesMt: 2 }, { from: 'down', to: 'up', commodity: 'coal', tonnesMt: 0.5 }], demandScale: 1 },
  changes: [{ modifyLockLine: { lock: 'dam', line: '1', widthM: 30 } }, { setBerths: { port: 'up', berths: [{ cargo: 'dry-bulk', count: 3, tonnesPerH: 800 }] } }],
  closures: { extra: [{ lock: 'dam', line: '1', fromDay: 10, toDay: 12 }], floodSpellMeanDays: 2 },
  fleet: { mixYear: 2013 },
  horizon: { years: 0.05, warmupDays: 1 },
  targets: { tonnesMt: 300, teuM: 10 },
  replications: 2,
  seed: 3,
};

type Json = unknown;
type Path = (string | number)[];

/** Every path in a value: leaves, lists and maps alike. */
function paths(v: Json, at: Path = []): Path[] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  // A typed array (what `!!binary` parses to) is a leaf: its bytes are not the schema's.
  if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return here;
}

const BAD_VALUES: Json[] = [NaN, Infinity, -Infinity, -1, -1e9, 0, 1e300, 1e-300, 2 ** 53 + 1, 'zzz', 'up', '', true, null, [], {}, [1, 2], { x: 1 }];

type Edit =
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; pick: number; key: string; value: Json }
  | { kind: 'empty'; pick: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'garbage'; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: fc.oneof(fc.constantFrom(...BAD_VALUES), fc.double(), fc.integer(), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), key: fc.constantFrom('bogus', 'lines', 'id', 'extends', 'value', 'unit'), value: fc.constantFrom(...BAD_VALUES) }),
  fc.record({ kind: fc.constant('empty' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), text: fc.constantFrom(':', '- ', '{', ']', '"', '\t', '&a *a', '!!binary x', '\n  - ', '\u0000') }),
);

/** A case: which file to break (the scenario four times in five, else one seed file) and how; sometimes two edits. */
const fuzzCase = fc.record({
  target: fc.oneof({ arbitrary: fc.constant('scenario'), weight: 4 }, { arbitrary: fc.constantFrom(...SEED_FILES), weight: 1 }),
  edits: fc.array(edit, { minLength: 1, maxLength: 2 }),
});
type Case = { target: string; edits: Edit[] };

function applyEdit(text: string, e: Edit): string {
  if (e.kind === 'truncate') return text.slice(0, e.at % Math.max(1, text.length));
  if (e.kind === 'garbage') {
    const at = e.at % Math.max(1, text.length);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  let doc: Json;
  try {
    doc = parse(text, { logLevel: 'error' }); // the loader reports odd keys itself; no warnings from this copy
  } catch {
    return text; // already broken by an earlier edit
  }
  const all = paths(doc);
  if (all.length === 0) return text;
  const path = all[e.pick % all.length]!;
  const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], doc) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1]!;
  const at = (parent as Record<string | number, Json>)[key];
  switch (e.kind) {
    case 'set':
      (parent as Record<string | number, Json>)[key] = e.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key as string];
      break;
    case 'add':
      if (at !== null && typeof at === 'object' && !Array.isArray(at)) (at as Record<string, Json>)[e.key] = e.value;
      else if (Array.isArray(at)) at.push(e.value);
      else (parent as Record<string | number, Json>)[key] = { [e.key]: e.value };
      break;
    case 'empty':
      (parent as Record<string | number, Json>)[key] = Array.isArray(at) ? [] : at !== null && typeof at === 'object' ? {} : '';
      break;
  }
  return stringify(doc);
}

const NETWORK_TOKEN = 'the-case-network';

/**
 * Writes the case's files into a fresh folder: the scenario, and (when a seed
 * file is broken) the seed folder it points at; else it points at the fixture's.
 */
function writeCase(c: Case, root: string): { scenario: string; files: string[] } {
  const dir = mkdtempSync(join(root, 'case-'));
  let seeds = resolve(FIXTURE);
  if (c.target !== 'scenario') {
    seeds = join(dir, 'seeds');
    mkdirSync(seeds);
    for (const [f, text] of seedTexts) writeFileSync(join(seeds, f), c.target === f ? c.edits.reduce(applyEdit, text) : text);
  }
  // Edits fall where they fall in the text, so the text must not depend on where the checkout is:
  // the network is a fixed token while editing and becomes the seed folder's path afterwards.
  const template = stringify({ ...SCENARIO, network: NETWORK_TOKEN });
  const scenarioText = (c.target === 'scenario' ? c.edits.reduce(applyEdit, template) : template).replace(NETWORK_TOKEN, seeds);
  const scenario = join(dir, 'scenario.yaml');
  writeFileSync(scenario, scenarioText);
  return { scenario, files: [scenario, ...SEED_FILES.map((f) => join(seeds, f)), seeds] };
}

// The fixture's seeds, read once for every case that leaves them alone.
const seedCache = new Map<string, SeedNetwork>();

/** Loads a case as `validate` and `run` would. Valid: its model input is built too. Refused: every problem is located. */
function check(scenario: string, files: string[]): 'valid' | 'refused' {
  try {
    const { scenario: s, seeds } = loadScenario(scenario, { seedCache });
    buildScenarioInput(s, seeds);
    return 'valid';
  } catch (err) {
    if (!(err instanceof InputError)) throw new Error(`not an input error, so a stack trace in the CLI: ${err instanceof Error ? err.stack : String(err)}`);
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) {
      expect(files.map((f) => resolve(f)), `problem names an unknown file: ${p.file}`).toContain(resolve(p.file));
      // A file or folder that is not there is the one problem with no place inside a file.
      expect(p.path !== '' || p.line !== undefined || /not found$/.test(p.problem), `problem names no place: ${JSON.stringify(p)}`).toBe(true);
      expect(p.problem.length).toBeGreaterThan(3);
    }
    return 'refused';
  }
}

describe('fuzzed scenario and seed files', () => {
  const root = mkdtempSync(join(tmpdir(), 'fuzz-'));

  it(`${RUNS} generated files: each is valid or refused with every problem located, none crashes`, () => {
    const seen = { valid: 0, refused: 0 };
    fc.assert(
      fc.property(fuzzCase, (c) => {
        const { scenario, files } = writeCase(c, root);
        seen[check(scenario, files)]++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must mostly break things, or the property says little.
    expect(seen.refused).toBeGreaterThan(RUNS / 2);
    console.log(`fuzz (seed ${SEED}): ${seen.refused} refused, ${seen.valid} still valid`);
  }, 600_000);

  it('what validate accepts without a warning, a replication runs: nothing is refused only inside a worker', () => {
    // validate and run share loadRunnable (load, then build as a worker builds); this runs the model
    // on every generated case that passes, as a worker would, over the cases' own short horizon.
    let ran = 0;
    for (const c of fc.sample(fuzzCase, { numRuns: 400, seed: SEED + 1 })) {
      const { scenario, files } = writeCase(c, root);
      if (check(scenario, files) !== 'valid') continue;
      const { scenario: s, seeds } = loadScenario(scenario, { seedCache });
      // A warned value (a flow of 10^135 Mt, say) may be beyond any network: validate said so.
      if (s.warnings.length > 0) continue;
      const input = buildScenarioInput(s, seeds);
      expect(() => runFreightYear({ ...input, horizonS: Math.min(input.horizonS, 5 * 86400), warmupS: Math.min(input.warmupS, 86400) }, 1, 0), scenario).not.toThrow();
      ran++;
    }
    expect(ran).toBeGreaterThan(20);
  }, 120_000);

  it('a scenario that extends itself in a cycle is refused, naming the files', () => {
    const dir = mkdtempSync(join(root, 'cycle-'));
    writeFileSync(join(dir, 'a.yaml'), 'name: a\nextends: b.yaml\n');
    writeFileSync(join(dir, 'b.yaml'), 'name: b\nyear: 2013\nextends: a.yaml\n');
    expect(check(join(dir, 'a.yaml'), [join(dir, 'a.yaml'), join(dir, 'b.yaml')])).toBe('refused');
    expect(() => loadScenario(join(dir, 'a.yaml'))).toThrow(/extends/);
  });

  it('the CLI: validate and run exit 1 on generated broken files, name file and place, print no stack trace, write nothing', async () => {
    const exec = promisify(execFile);
    const cases = fc.sample(fuzzCase, { numRuns: 60, seed: SEED }).map((c) => writeCase(c, root)).filter(({ scenario, files }) => check(scenario, files) === 'refused').slice(0, 25);
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const fail = (args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { maxBuffer: 1 << 24 }).then(() => { throw new Error(`expected ${args[0]} to fail`); }, (e: { code: number; stderr: string }) => e);
    const v = await fail(['validate', ...cases.map((c) => c.scenario)]);
    expect(v.code).toBe(1);
    expect(v.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    // Each problem line is file[:line]: path: problem, and the broken file of every case is named.
    for (const line of v.stderr.trim().split('\n').slice(0, -1)) expect(line).toMatch(/^[^:]+\.yaml(:\d+)?: .+/);
    for (const c of cases) expect(v.stderr).toContain(c.scenario.split('/').slice(-2, -1)[0]!);
    for (const c of cases.slice(0, 3)) {
      const out = join(root, `out-${c.scenario.split('/').slice(-2, -1)[0]}`);
      const r = await fail(['run', c.scenario, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^[^:]+\.yaml(:\d+)?: .+\n/);
      expect(r.stderr).toMatch(/waterway-sim: \d+ problems? in the input; nothing was written\n$/);
      expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
      expect(existsSync(out)).toBe(false);
    }
  }, 120_000);
});

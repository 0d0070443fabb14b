import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/errors.js';
import { checkOutputPath, defaultOutFolder, prepareOutputFolder, scenarioNameProblem, unlockOutput, writeOutputs } from '../../src/cli/output-folder.js';

const parent = () => mkdtempSync(join(tmpdir(), 'out-'));
/** The message of the UserError `f` throws; the test fails on anything else. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof UserError) return err.message;
    throw err;
  }
  throw new Error('accepted');
}
/** A PID no process has: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const snapshot = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((f) => [f, statSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : '/']);

describe('the output folder, written all or nothing', () => {
  it("replaces an earlier run's folder whole, so two runs' files never mix; nothing is left beside it", () => {
    const dir = join(parent(), 'run');
    writeOutputs(dir, { 'summary.json': '{"run":1}', 'locks.csv': 'a\n', 'report.html': '<p>1' });
    writeOutputs(dir, { 'summary.json': '{"run":2}', 'locks.json': '[]' });
    expect(readdirSync(dir).sort()).toEqual(['.waterway-sim', 'locks.json', 'summary.json']);
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('{"run":2}');
    expect(readdirSync(join(dir, '..'))).toEqual(['run']);
    expect(JSON.parse(readFileSync(join(dir, '.waterway-sim'), 'utf8')).files['locks.json']).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a folder holding someone else's files, and leaves it untouched", () => {
    const dir = parent();
    writeFileSync(join(dir, 'thesis.docx'), 'mine');
    mkdirSync(join(dir, 'photos'));
    expect(refusal(() => writeOutputs(dir, { 'summary.json': '{}' }))).toMatch(/will not replace this folder: it holds files waterway-sim did not write \((thesis\.docx, photos|photos, thesis\.docx)\) and no \.waterway-sim marker; give another --out/);
    expect(readdirSync(dir).sort()).toEqual(['photos', 'thesis.docx']);
  });

  it("refuses the user's own lowercase .csv and .json files (no marker): no file-name guessing", () => {
    const dir = parent();
    writeFileSync(join(dir, 'sales-2024.csv'), 'q,v\n1,2\n');
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(refusal(() => writeOutputs(dir, { 'summary.json': '{}' }))).toMatch(/no \.waterway-sim marker/);
    expect(readFileSync(join(dir, 'sales-2024.csv'), 'utf8')).toBe('q,v\n1,2\n');
  });

  it('refuses an output folder the user added to or changed: an unlisted file, a sub-folder, an edited file, an old marker', () => {
    const cases: [string, (dir: string) => void, RegExp][] = [
      ['an unlisted file', (d) => writeFileSync(join(d, 'NOTES.txt'), 'my notes'), /NOTES\.txt is not a file waterway-sim wrote/],
      ['a sub-folder', (d) => mkdirSync(join(d, 'sub')), /sub is a sub-folder waterway-sim did not write/],
      ['an edited file', (d) => writeFileSync(join(d, 'summary.json'), '{"edited":true}'), /summary\.json was changed since waterway-sim wrote it/],
      ['an old marker', (d) => writeFileSync(join(d, '.waterway-sim'), '{"files":["summary.json"]}'), /marker is damaged or from an older waterway-sim/],
    ];
    for (const [, change, message] of cases) {
      const dir = join(parent(), 'run');
      writeOutputs(dir, { 'summary.json': '{"run":1}' });
      change(dir);
      const before = snapshot(dir);
      expect(refusal(() => writeOutputs(dir, { 'summary.json': '{"run":2}' }))).toMatch(message);
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('takes an empty folder', () => {
    const dir = parent();
    writeOutputs(dir, { 'summary.json': '{}' });
    expect(readdirSync(dir).sort()).toEqual(['.waterway-sim', 'summary.json']);
  });

  it('refuses a folder another live run has locked, naming its PID; takes over the lock of a dead one', () => {
    const dir = join(parent(), 'run');
    writeFileSync(join(dir, '..', '.run.lock'), `${process.ppid}\n`);
    expect(refusal(() => writeOutputs(dir, { 'summary.json': '{}' }))).toMatch(new RegExp(`another waterway-sim run \\(PID ${process.ppid}\\) is writing this folder`));
    expect(existsSync(dir)).toBe(false);
    writeFileSync(join(dir, '..', '.run.lock'), `${deadPid()}\n`);
    writeOutputs(dir, { 'summary.json': '{}' });
    expect(readdirSync(join(dir, '..'))).toEqual(['run']);
  });

  it('holds the lock from the early check to the end, so a second writer is refused meanwhile', () => {
    const dir = join(parent(), 'run');
    const real = prepareOutputFolder(dir);
    expect(readFileSync(join(dir, '..', '.run.lock'), 'utf8')).toBe(`${process.pid}\n`);
    writeOutputs(dir, { 'summary.json': '{}' });
    expect(existsSync(join(dir, '..', '.run.lock'))).toBe(true); // still held: released at exit
    unlockOutput(real);
    expect(readdirSync(join(dir, '..'))).toEqual(['run']);
  });

  it("cleans a dead run's temporary folders, and puts back an old output it left in mid-swap", () => {
    const p = parent();
    const dir = join(p, 'run');
    writeOutputs(dir, { 'summary.json': '{"run":1}' });
    const dead = deadPid();
    mkdirSync(join(p, `.run.partial-${dead}`));
    writeFileSync(join(p, `.run.partial-${dead}`, 'summary.json'), 'half');
    writeOutputs(join(p, 'other'), { 'summary.json': '{"old":true}' });
    renameSync(join(p, 'other'), join(p, `.run.old-${dead}`));
    writeOutputs(dir, { 'summary.json': '{"run":2}' });
    expect(readdirSync(p)).toEqual(['run']);
    // A run killed between its two renames left the old output aside and no folder: it comes back.
    renameSync(dir, join(p, `.run.old-${dead}`));
    prepareOutputFolder(dir);
    unlockOutput(resolve(dir));
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('{"run":2}');
    expect(readdirSync(p)).toEqual(['run']);
  });
});

describe('output paths, checked before anything runs', () => {
  it('refuses an existing file, a device, a path under a file, system filesystems, NUL bytes and over-long names, in one line', () => {
    const p = parent();
    writeFileSync(join(p, 'file'), 'mine');
    const cases: [string, RegExp][] = [
      [join(p, 'file'), /it is a file, not a folder$/],
      ['/dev/null', /\/dev is a system filesystem/],
      [join(p, 'file', 'x'), /file is a file, not a folder$/],
      ['/proc/x', /\/proc is a system filesystem/],
      ['/proc/self/x/y', /\/proc is a system filesystem/],
      ['/sys/x', /\/sys is a system filesystem/],
      [join(p, 'a\0b'), /holds a NUL byte/],
      [join(p, 'n'.repeat(300)), /is too long/],
      [join(p, 'n'.repeat(240)), /the name is too long/],
      ['/', /root folder/],
      ['', /empty path/],
    ];
    for (const [path, message] of cases) {
      const m = refusal(() => checkOutputPath(path, '--out', 'folder'));
      expect(m).toMatch(message);
      expect(m).not.toContain('\n');
    }
    expect(readFileSync(join(p, 'file'), 'utf8')).toBe('mine');
    expect(checkOutputPath(join(p, 'file'), '--geojson', 'file')).toBe(join(p, 'file'));
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write in', () => {
    const p = parent();
    chmodSync(p, 0o555);
    expect(refusal(() => checkOutputPath(join(p, 'x', 'y'), '--out', 'folder'))).toMatch(/cannot write in .* \(permission denied\)/);
    chmodSync(p, 0o755);
  });
});

describe('scenario names as folder names', () => {
  it('refuses a name that is not an identifier before it becomes out/<name>', () => {
    for (const bad of ['../../victim', '..', '.', 'a/b', 'a\\b', '/etc', 'a\0b', 'x'.repeat(101), '中'.repeat(70), '-rf', '.hidden', 'a b', 'a\nb', ''])
      expect(refusal(() => defaultOutFolder(bad))).toMatch(/^scenario name .* cannot name its output folder: .*; rename the scenario or give --out$/);
    for (const good of ['plan-2020', 'chain_2', 'v1.2', '西江-2030']) expect(defaultOutFolder(good, '-bottlenecks')).toBe(join('out', `${good}-bottlenecks`));
  });

  it('generated hostile names and paths: refused in one line or kept inside out/, and nothing outside the intended folder touched', () => {
    const piece = fc.constantFrom('..', '/', '\\', '\0', '\n', ' ', '.', 'a', '中', '-', '_', '~', '$HOME', 'victim', 'n'.repeat(120), '%2e%2e', '\u202e', '／');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const name = pieces.join('');
        if (scenarioNameProblem(name) === null) {
          const out = resolve(defaultOutFolder(name));
          expect(out.startsWith(resolve('out') + '/') && !out.slice(resolve('out').length + 1).includes('/')).toBe(true);
        } else expect(refusal(() => defaultOutFolder(name))).not.toContain('\n');
      }),
      { numRuns: 100, seed: 18 },
    );
    // Paths: a sandbox with the user's folder beside where outputs go.
    const sandbox = parent();
    mkdirSync(join(sandbox, 'victim'));
    writeFileSync(join(sandbox, 'victim', 'data.csv'), 'precious');
    mkdirSync(join(sandbox, 'a', 'b'), { recursive: true });
    writeFileSync(join(sandbox, 'a', 'b', 'file'), 'mine');
    const seg = fc.constantFrom('..', 'victim', 'out', '.', 'file', 'x\0y', 'n'.repeat(300), '中文', 'sub', '');
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 3 }), (segs) => {
        const path = join(sandbox, 'a', 'b', ...segs);
        try {
          writeOutputs(path, { 'summary.json': '{}' });
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          expect((err as Error).message).not.toContain('\n');
        }
        expect(readdirSync(join(sandbox, 'victim'))).toEqual(['data.csv']);
        expect(readFileSync(join(sandbox, 'victim', 'data.csv'), 'utf8')).toBe('precious');
        expect(readFileSync(join(sandbox, 'a', 'b', 'file'), 'utf8')).toBe('mine');
      }),
      { numRuns: 100, seed: 18 },
    );
    const left = readdirSync(sandbox, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(partial|old)-\d+$|\.lock(\.\d+)?$/.test(f));
    expect(left).toEqual([]);
  });
});

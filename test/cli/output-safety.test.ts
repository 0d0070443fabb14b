import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const cli = (args: string[], env: Record<string, string> = {}) =>
  exec(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, ...env }, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
const fixture = (name: string) => join('test', 'fixtures', 'scenarios', name);
const STACK = /\bat .*\.(ts|js):\d+/;

/** Refused at once: exit 1, one line on stderr, nothing on stdout, no stack trace. */
function expectRefused(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^waterway-sim: [^\n]*\n$/);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK);
}

/** Starts the CLI with a hanging replication; resolves when `ready()`, with the child. */
function startHanging(args: string[], hang: string, ready: () => boolean) {
  const child = spawn(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, WATERWAY_SIM_INJECT_FAULT: `${hang}:hang` } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((res) => child.on('exit', (code) => res({ code, stderr })));
  const started = Date.now();
  return new Promise<{ child: typeof child; exited: typeof exited }>((res) => {
    const poll = setInterval(() => {
      if (ready() || Date.now() - started > 20_000) {
        clearInterval(poll);
        res({ child, exited });
      }
    }, 100);
  });
}

describe('--out and --geojson are checked before anything runs', () => {
  it('refuses an existing file, /dev/null, a path under a file, /proc and an over-long name in one line, before the simulation', async () => {
    const p = mkdtempSync(join(tmpdir(), 'safe-'));
    writeFileSync(join(p, 'file'), 'mine');
    const cases: [string, RegExp][] = [
      [join(p, 'file'), /it is a file, not a folder$/m],
      ['/dev/null', /\/dev is a system filesystem/],
      [join(p, 'file', 'x'), /file is a file, not a folder$/m],
      ['/proc/x', /\/proc is a system filesystem/],
      [join(p, 'n'.repeat(300)), /too long/],
    ];
    const toy = fixture('toy.yaml');
    const results = await Promise.all([
      ...cases.map(([out]) => cli(['run', toy, '--no-capacity', '--out', out])),
      ...[['bottlenecks', toy], ['compare', toy, fixture('chain.yaml')], ['capacity', toy]].map((cmd) => cli([...cmd, '--out', '/proc/x'])),
    ]);
    cases.forEach(([, message], i) => expectRefused(results[i]!, message));
    for (const r of results.slice(cases.length)) expectRefused(r, /--out \/proc\/x: \/proc is a system filesystem/);
    expect(readFileSync(join(p, 'file'), 'utf8')).toBe('mine');
    expect(readdirSync(p)).toEqual(['file']);
  }, 60_000);

  it('network --geojson under /proc returns at once with one line', async () => {
    expectRefused(await cli(['network', '--geojson', '/proc/x/y']), /--geojson \/proc\/x\/y: \/proc is a system filesystem/);
  });

  it("a scenario named ../../victim writes nowhere and deletes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'safe-'));
    const file = join(dir, 'evil.yaml');
    writeFileSync(file, `name: ../../victim\nextends: ${resolve(fixture('chain.yaml'))}\n`);
    const r = await cli(['run', file, '--replications', '1', '--no-capacity']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/victim/);
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(resolve('..', 'victim'))).toBe(false);
  });
});

describe('one run at a time into a folder', () => {
  it('a second run into a folder being written is refused with the PID of the first; the lock goes when the first ends', async () => {
    const p = mkdtempSync(join(tmpdir(), 'lock-'));
    const out = join(p, 'toy');
    const lock = join(p, '.toy.lock');
    const args = ['run', fixture('toy.yaml'), '--replications', '2', '--no-capacity', '--out', out];
    const first = await startHanging(args, '1', () => existsSync(lock));
    const second = await cli(args);
    expectRefused(second, new RegExp(`another waterway-sim run \\(PID ${first.child.pid}\\) is writing this folder`));
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(130);
    expect(readdirSync(p)).toEqual([]);
  }, 60_000);

  it('a lock and temporary folders left by a dead run are taken over and cleaned', async () => {
    const p = mkdtempSync(join(tmpdir(), 'lock-'));
    const dead = 2 ** 22 + 1; // above Linux's pid_max: no process has it
    writeFileSync(join(p, '.toy.lock'), `${dead}\n`);
    mkdirSync(join(p, `.toy.partial-${dead}`));
    writeFileSync(join(p, `.toy.partial-${dead}`, 'summary.json'), 'half');
    const r = await cli(['run', fixture('toy.yaml'), '--replications', '1', '--no-report', '--no-capacity', '--out', join(p, 'toy')]);
    expect(r.code).toBe(0);
    expect(readdirSync(p)).toEqual(['toy']);
  }, 60_000);
});

describe('bottlenecks --resume uses only stored replications that are what they say', () => {
  it('an edited file and one of another shape are run again with a one-line notice each; the rest are reused', async () => {
    const p = mkdtempSync(join(tmpdir(), 'resume-'));
    const out = join(p, 'chain');
    const kept = join(p, '.chain.resume');
    const args = ['bottlenecks', fixture('chain.yaml'), '--levels', '1:2:0.5', '--replications', '2', '--no-takeover', '--no-report', '--out', out];
    const stored = () => (existsSync(kept) ? readdirSync(kept).filter((f) => f.endsWith('.json')) : []);
    const first = await startHanging(args, '1', () => stored().length >= 2);
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(130);
    const files = stored();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const [edited, shape] = files.map((f) => join(kept, f));
    writeFileSync(edited!, readFileSync(edited!, 'utf8').replace(/"tonnes":(\d)/, '"tonnes":9$1'));
    writeFileSync(shape!, '{"ports":"none"}');
    const r = await cli([...args, '--resume']);
    expect(r.code).toBe(0);
    const notices = r.stderr.split('\n').filter((l) => l.includes('ignored stored replication'));
    expect(notices.sort()).toEqual(
      [
        `waterway-sim: ignored stored replication ${edited}: its content does not match its sha256 digest; running it again`,
        `waterway-sim: ignored stored replication ${shape}: not a stored replication of this format; running it again`,
      ].sort(),
    );
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toContain(`resumed: ${files.length - 2} replications reused`);
  }, 90_000);
});

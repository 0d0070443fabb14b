import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { maxBuffer: 64 << 20 });
const fixture = (name: string) => join('test', 'fixtures', 'scenarios', name);

/** Starts the CLI with one replication hanging, waits for `ready()`, sends Ctrl-C, and returns how it ended. */
function interrupt(args: string[], hang: string, ready: () => boolean): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, WATERWAY_SIM_INJECT_FAULT: `${hang}:hang` } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const started = Date.now();
  const poll = setInterval(() => {
    if (ready() || Date.now() - started > 20_000) {
      clearInterval(poll);
      child.kill('SIGINT');
    }
  }, 100);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('Ctrl-C', () => {
  it('stops a run at once, exit 130, and leaves the output folder as it was: the earlier complete run, nothing half-written', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'int-'));
    const out = join(parent, 'toy');
    await cli('run', fixture('toy.yaml'), '--replications', '2', '--no-capacity', '--out', out);
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const t0 = Date.now();
    const { code, stderr } = await interrupt(['run', fixture('toy.yaml'), '--replications', '4', '--seed', '99', '--no-capacity', '--quiet', '--out', out], '2', () => Date.now() - t0 > 2500);
    expect(code).toBe(130);
    expect(stderr).toMatch(/^\s*waterway-sim: interrupted \(SIGINT\); no output written\n$/);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
    expect(readdirSync(parent)).toEqual(['toy']); // no temporary folder left beside it
  });

  it('keeps the finished replications of a bottlenecks sweep; --resume reuses them and writes the outputs', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'int-'));
    const out = join(parent, 'chain');
    const kept = join(parent, '.chain.resume');
    const args = ['bottlenecks', fixture('chain.yaml'), '--levels', '1:2:0.5', '--replications', '2', '--no-takeover', '--out', out];
    // Replication 1 hangs at every level, so the workers stop after finishing some of replication 0.
    const { code, stderr } = await interrupt(args, '1', () => existsSync(kept) && readdirSync(kept).some((f) => f.endsWith('.json')));
    expect(code).toBe(130);
    expect(stderr).toContain(`no output written; the replications finished so far are kept in ${kept}: run the same command with --resume`);
    expect(existsSync(out)).toBe(false);
    const saved = readdirSync(kept).filter((f) => f.endsWith('.json')).length;
    expect(saved).toBeGreaterThanOrEqual(1);
    const { stdout } = await cli(...args, '--resume');
    expect(stdout).toContain(`resumed: ${saved} replications reused`);
    expect(existsSync(join(out, 'bottlenecks.csv'))).toBe(true);
    expect(existsSync(kept)).toBe(false); // kept only until the outputs are written
  });
});

describe('extreme but valid input', () => {
  it('demand ×100 over a one-day horizon, 10,000 replications: runs to the end, exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extreme-'));
    const file = join(dir, 'extreme.yaml');
    writeFileSync(file, `name: extreme\nextends: ${resolve(fixture('toy.yaml'))}\ndemand: { demandScale: 100 }\nhorizon: { years: ${1 / 365}, warmupDays: 0 }\n`);
    const { stdout } = await cli('run', file, '--replications', '10000', '--no-report', '--no-capacity', '--out', join(dir, 'out'));
    expect(stdout).toMatch(/^10000 replications on \d+ workers? in [\d.]+ s$/m);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).replications).toBe(10000);
  }, 120_000);

  it('more replications than the limit is refused before anything runs', async () => {
    const e = await cli('run', fixture('toy.yaml'), '--replications', '10001').then(
      () => null,
      (x: { code: number; stderr: string }) => x,
    );
    expect(e?.code).toBe(1);
    expect(e?.stderr).toBe("waterway-sim: --replications: expected a whole number from 1 to 10000, got '10001'\n");
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: process.cwd(), maxBuffer: 64 << 20 });

describe('waterway-sim run (one year of the Xijiang network)', () => {
  const out = mkdtempSync(join(tmpdir(), 'run-'));
  // A fifth of the 2020 demand keeps the test quick; the model is the same.
  const run = cli('run', '--demand-scale', '0.2', '--seed', '4', '--out', out);

  it('prints the verdict line, the port table and the lock table sorted by mean wait', async () => {
    const { stdout } = await run;
    expect(stdout).toMatch(/^Main-line ports: [\d.]+ of 300\.0 Mt \(\d+%\) (REACHED|not reached); [\d.]+ of 10\.00 M TEU \(\d+%\) (REACHED|not reached)$/m);
    expect(stdout).toMatch(/^Ports\n {2}port/m);
    const lockSection = stdout.slice(stdout.indexOf('Locks, by mean wait'));
    const means = [...lockSection.matchAll(/ {2}([\d.]+)\/[\d.]+\/[\d.]+ /g)].map((m) => Number(m[1]));
    expect(means.length).toBeGreaterThan(10);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(stdout).toContain(`summary: ${join(out, 'summary.json')}`);
  });

  it('writes summary.json with the documented fields, and nothing else', async () => {
    await run;
    expect(readdirSync(out)).toEqual(['summary.json']);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.schema).toBe('waterway-sim/run-summary@1');
    expect(s).toMatchObject({ network: 'xijiang', year: 2020, lockSet: 'plan', seed: 4, replications: 1 });
    expect(s.linesBroughtForward).toEqual(expect.arrayContaining(['xijin:2', 'honghua:2']));
    expect(s.result.mainLine.targetTonnes).toBe(300e6);
    expect(s.result.conservation.ok).toBe(true);
    const tonnes = s.result.ports.filter((p: { mainLine: boolean }) => p.mainLine).reduce((t: number, p: { throughputT: number }) => t + p.throughputT, 0);
    expect(s.result.mainLine.tonnes).toBeCloseTo(tonnes, 3);
    for (const l of s.result.locks) for (const k of ['lockages', 'vesselsUp', 'tonnesDown', 'utilisation', 'meanAreaFill', 'waitMeanH', 'waitP90H', 'waitMaxH', 'queueMean', 'queueMax', 'icRatio', 'closureH', 'shareOfWaiting']) expect(l).toHaveProperty(k);
  });

  it('is reproducible: the same seed writes the same summary, apart from wall time', async () => {
    await run;
    const again = mkdtempSync(join(tmpdir(), 'run-'));
    await cli('run', '--demand-scale', '0.2', '--seed', '4', '--out', again);
    const a = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(again, 'summary.json'), 'utf8'));
    delete a.wallS;
    delete b.wallS;
    expect(b).toEqual(a);
  });

  it('refuses a bad option with one line, exit 1, and writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'run-')), 'never');
    const e = await cli('run', '--lock-set', 'future', '--out', dir).catch((x: { code: number; stderr: string }) => x);
    expect((e as { code: number }).code).toBe(1);
    expect((e as { stderr: string }).stderr).toBe("waterway-sim: --lock-set: expected 'plan' or 'as-built', got 'future'\n");
    expect(existsSync(dir)).toBe(false);
  });
});

/**
 * Issue 19, item 7: progress everywhere. A bar with an ETA only once there is one on a
 * terminal; off one (a pipe, a log, CI) a line on stderr every WATERWAY_SIM_PROGRESS_S
 * seconds; --quiet turns it off; stdout carries only the results.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Progress, formatDuration, progressIntervalS, progressText, type ProgressState } from '../../src/cli/progress.js';
import { UserError } from '../../src/cli/errors.js';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const TOY = join('test', 'fixtures', 'scenarios', 'toy.yaml');
const cli = (args: string[], env: Record<string, string> = {}) => exec(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
/** A progress line as the issue gives it: "12/64 replications, 1 min 10 s left". */
const COUNT = /\d+\/\d+ replications/;

/** 64 replications, the stage started at t = 0 s. */
const stage = (over: Partial<ProgressState>): ProgressState => ({ label: 'plan-2020', total: 64, done: 0, unit: 'replications', detail: '', sinceMs: 0, sinceDone: 0, lastMs: 0, finished: false, ...over });

describe('durations as a planner reads them', () => {
  it('"45 s", "1 min 10 s", "2 h 5 min": whole seconds under an hour, whole minutes from there', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(0.4)).toBe('0 s');
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(70)).toBe('1 min 10 s');
    expect(formatDuration(3599)).toBe('59 min 59 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(2 * 3600 + 5 * 60 + 20)).toBe('2 h 5 min');
  });
});

describe('the progress text', () => {
  it('shows no ETA before the first replication has finished, on a terminal or off one', () => {
    for (const now of [0, 5_000, 600_000]) {
      expect(progressText(stage({}), now, '----')).toBe('plan-2020 [----] 0/64 replications');
      expect(progressText(stage({}), now)).toBe('plan-2020: 0/64 replications');
    }
  });

  it('once one has: the rest at the rate so far, counted down until the next', () => {
    // 16 of 64 in 40 s: 2.5 s each, 48 left → 120 s at t = 40 s; 10 s later, 110 s.
    const s = stage({ done: 16, lastMs: 40_000 });
    expect(progressText(s, 40_000)).toBe('plan-2020: 16/64 replications, 2 min left');
    expect(progressText(s, 50_000)).toBe('plan-2020: 16/64 replications, 1 min 50 s left');
    expect(progressText(s, 50_000, '====')).toBe('plan-2020 [====] 16/64 replications | ETA 1 min 50 s');
  });

  it('replications reused from an interrupted run give no rate: no ETA until one runs now', () => {
    expect(progressText(stage({ done: 30, sinceDone: 30, lastMs: 10 }), 5_000)).toBe('plan-2020: 30/64 replications');
    // 30 reused, then 2 run in 10 s: 5 s each, 32 left → 160 s.
    expect(progressText(stage({ done: 32, sinceDone: 30, lastMs: 10_000 }), 10_000)).toBe('plan-2020: 32/64 replications, 2 min 40 s left');
  });

  it('an open-ended search says how long it has run; a finished stage how long it took', () => {
    expect(progressText(stage({ total: null, done: 12, detail: '3 levels judged (last ×1.5 sustained)' }), 70_000)).toBe('plan-2020: 12 replications, 3 levels judged (last ×1.5 sustained), 1 min 10 s so far');
    expect(progressText(stage({ done: 64, lastMs: 125_000, finished: true }), 125_000)).toBe('plan-2020: 64/64 replications in 2 min 5 s');
  });

  it('WATERWAY_SIM_PROGRESS_S sets the seconds between lines (default 10); anything else is refused', () => {
    expect(progressIntervalS({})).toBe(10);
    expect(progressIntervalS({ WATERWAY_SIM_PROGRESS_S: '0.5' })).toBe(0.5);
    for (const bad of ['0', '-1', 'soon', '1e9']) expect(() => progressIntervalS({ WATERWAY_SIM_PROGRESS_S: bad }), bad).toThrow(UserError);
  });
});

describe('on a terminal', () => {
  it('draws a bar that gains its ETA with the first finished replication', async () => {
    let written = '';
    const tty = Object.assign(new Writable({ write: (chunk, _enc, next) => ((written += chunk), next()) }), { isTTY: true, columns: 120 }) as unknown as NodeJS.WriteStream;
    const progress = new Progress({}, tty, {});
    progress.stage('toy', 4);
    await new Promise((r) => setTimeout(r, 50));
    const before = written;
    progress.update(1);
    await new Promise((r) => setTimeout(r, 150));
    progress.stop();
    expect(before).toMatch(/toy \[-+\] 0\/4 replications/);
    expect(before).not.toContain('ETA');
    expect(written.slice(before.length)).toMatch(/toy \[=+-+\] 1\/4 replications \| ETA \d+ s/);
  });
});

describe('under a pipe (stderr not a terminal)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'progress-'));

  it('run writes "n/N replications, … left" lines on stderr every WATERWAY_SIM_PROGRESS_S seconds, then the capacity searches; none on stdout', async () => {
    // The toy's quarter year runs 24 replications in about 0.3 s, one or two 0.2-s ticks once its thread
    // is up, so a line while it runs was left to chance; three years each keep the run several ticks long.
    const yearToy = join(dir, 'toy-year.yaml');
    writeFileSync(yearToy, `name: toy\nextends: ${join(process.cwd(), TOY)}\nhorizon: { years: 3, warmupDays: 5 }\n`);
    const { stdout, stderr } = await cli(['run', yearToy, '--replications', '24', '--workers', '1', '--no-report', '--out', join(dir, 'piped')], { WATERWAY_SIM_PROGRESS_S: '0.2' });
    const lines = stderr.split('\n').filter((l) => COUNT.test(l));
    expect(lines[0]).toBe('toy: 0/24 replications');
    // Lines while it runs, with their ETA, and one at the end with the time taken.
    expect(lines.some((l) => /^toy: ([1-9]|1\d|2[0-3])\/24 replications, \d+ s left$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^toy: 24\/24 replications in \d+ s$/);
    expect(stderr).toMatch(/^toy capacity verdict, whole network: \d+ replications, \d+ levels? judged \(last ×[\d.]+ (sustained|not sustained)\)/m);
    expect(stdout).not.toMatch(COUNT);
    expect(stdout).not.toMatch(/capacity verdict, whole network:/);
    expect(stdout).toMatch(/^24 replications on 1 worker in/m);
  });

  it('--quiet: no progress at all, the results as before', async () => {
    const { stdout, stderr } = await cli(['run', TOY, '--replications', '8', '--workers', '1', '--no-report', '--quiet', '--out', join(dir, 'quiet')], { WATERWAY_SIM_PROGRESS_S: '0.2' });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^8 replications on 1 worker in/m);
    expect(existsSync(join(dir, 'quiet', 'summary.json'))).toBe(true);
  });

  it('every command that runs replications takes --quiet', async () => {
    const commands = ['run', 'compare', 'bottlenecks', 'capacity', 'trajectory', 'hindcast', 'sensitivity'];
    const helps = await Promise.all(commands.map((c) => cli([c, '--help'])));
    helps.forEach((h, i) => expect(h.stdout, commands[i]).toMatch(/^\s+--quiet\s+no progress on stderr/m));
  });
});

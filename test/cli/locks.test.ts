import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { cwd: process.cwd() });

describe('waterway-sim locks', () => {
  it('prints the record table and the maxima (one replication of the embedded records)', async () => {
    const { stdout } = await cli('locks', '--replications', '1');
    expect(stdout).toMatch(/^changzhou-2016-02\s+calibration\s+lockages a day\s+19\.5\s/m);
    expect(stdout).toMatch(/^changzhou\s+2024\s+all\s+224\.00 cargo\s/m);
  });

  it('on a network without observed.yaml says nothing is there to compare, as JSON', async () => {
    const { stdout } = await cli('locks', '--seeds', join('test', 'fixtures', 'two-ports'), '--json');
    expect(JSON.parse(stdout)).toEqual({ records: [], maxima: [] });
  });

  it('refuses a replication count of 0 in one line, exit 1', async () => {
    const e = await cli('locks', '--replications', '0').then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(e?.code).toBe(1);
    expect(e?.stderr.trim().split('\n')).toHaveLength(1);
  });
});

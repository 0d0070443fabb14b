import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';
import { bulkServiceWq } from '../../src/engine/index.js';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { cwd: process.cwd() });

describe('waterway-sim demo (single-lock)', () => {
  it('prints JSON whose mean wait has a 95% CI that covers the bulk-service theory', async () => {
    const { stdout } = await cli('demo', '--json', '--replications', '4', '--seed', '3');
    const out = JSON.parse(stdout);
    expect(out.replications).toBe(4);
    expect(out.seed).toBe(3);
    const theory = bulkServiceWq(1 / 600, 1800, 4) / 60;
    expect(out.referenceMeanWaitMin).toBeCloseTo(theory, 9);
    // 4 replications of 10 years: the CI is a few tenths of a minute wide.
    expect(out.meanWaitMin.halfWidth).toBeLessThan(1);
    expect(Math.abs(out.meanWaitMin.mean - theory)).toBeLessThan(3 * out.meanWaitMin.halfWidth);
  });

  it('is reproducible: the same seed prints the same figures', async () => {
    const a = JSON.parse((await cli('demo', '--json', '--replications', '1', '--seed', '9')).stdout);
    const b = JSON.parse((await cli('demo', '--json', '--replications', '1', '--seed', '9')).stdout);
    delete a.wallS;
    delete b.wallS;
    expect(b).toEqual(a);
  });

  it('refuses a bad option with a one-line message, no stack trace, exit 1', async () => {
    const err = await cli('demo', '--replications', 'many').catch((e: { code: number; stderr: string }) => e);
    expect('code' in err && err.code).toBe(1);
    expect((err as { stderr: string }).stderr).toMatch(/^waterway-sim: --replications: expected a whole number from 1 to 1000, got 'many'\n$/m);
    expect((err as { stderr: string }).stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

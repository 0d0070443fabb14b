import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { freshDist } from './dist.js';
import { meanCI } from '../src/engine/index.js';
import { InputError, formatProblem } from '../src/input/problems.js';

/**
 * Asserts that a theoretical value lies inside the confidence interval of
 * independent replications, and that the interval is tight enough (relative
 * half-width at most `maxRelHalfWidth` of `scale`, by default of the expected
 * value) for the check to mean something.
 * The level is 99.9% so that a correct engine fails by chance about once in a thousand seeds.
 */
export function expectWithinCI(samples: number[], expected: number, maxRelHalfWidth: number, level = 0.999, scale = Math.abs(expected)): void {
  const ci = meanCI(samples, level);
  expect(ci.halfWidth / scale, `CI half-width ${ci.halfWidth} is too wide to test against ${expected}`).toBeLessThan(maxRelHalfWidth);
  expect(Math.abs(ci.mean - expected), `mean ${ci.mean} ± ${ci.halfWidth} (${level * 100}% CI) misses ${expected}`).toBeLessThanOrEqual(ci.halfWidth);
}

/**
 * How tests start the CLI: the build in dist/ (what `npm ci` makes and users run)
 * when it is newer than every source file, else the sources through tsx. The
 * build starts in half the time, and so do its worker threads.
 */
export function cliCommand(): string[] {
  return (cached ??= freshDist() ? [join('dist', 'src', 'cli', 'main.js')] : ['--import', 'tsx', join('src', 'cli', 'main.ts')]);
}
let cached: string[] | undefined;

/** The located problems (`file:line: path: problem`) of an input its loader refuses; the test fails if it is accepted. */
export function refusals(load: () => unknown, what = 'the input'): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof InputError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error(`${what} was accepted`);
}

/** Writes files (names → text) into a fresh temporary folder and returns the folder. */
export function tempFiles(texts: Record<string, string>, prefix = 'waterway-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
  return dir;
}

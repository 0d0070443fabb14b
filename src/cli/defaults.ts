import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../package.js';

/**
 * The one year rule: a command given a scenario states the network in the
 * scenario's year; one given none, in DEFAULT_YEAR, which is the year of the
 * default scenario (plan-2020) that `run`, `bottlenecks`, `trajectory` and
 * `sensitivity` take without one. A test keeps the two equal.
 */
export const DEFAULT_SCENARIO = 'plan-2020.yaml';
export const DEFAULT_YEAR = 2020;

/** A scenario path as given; without one, the default scenario (scenarios/plan-2020.yaml here, else the package's). */
export function scenarioPath(arg: string | undefined): string {
  if (arg) return arg;
  const local = join('scenarios', DEFAULT_SCENARIO);
  if (existsSync(local)) return local;
  return relative(process.cwd(), join(packageRoot(), 'scenarios', DEFAULT_SCENARIO));
}

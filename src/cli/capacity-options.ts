import type { Command } from 'commander';
import { DEFAULT_CRITERIA, type Criteria } from '../capacity/index.js';
import { UserError } from './errors.js';
import type { ReplicationOptions } from './scenario-options.js';

export interface CriteriaOptions extends ReplicationOptions {
  thresholdMin?: string;
  thresholdH?: string;
  utilisation?: string;
  waitBasis?: string;
  berths?: string;
}

/** The waiting norm a lock is judged by (trajectory, hindcast; bottlenecks and capacity add more). */
export function addWaitOptions(cmd: Command): Command {
  return cmd
    .option('--threshold-min <minutes>', 'mean waiting at a lock that marks its practical capacity (default 360: 6 h, the level Changzhou runs at; 30 is the Dutch guideline norm)')
    .option('--threshold-h <hours>', 'the same threshold in hours (6 and 12: the Xijiang levels of 2024 and 2019; 0.5: Dutch)')
    .option('--wait-basis <basis>', "'open': waiting in normal operation, closures left out (default); 'all': every wait", 'open');
}

/** Options shared by `bottlenecks` and `capacity`: the practical-capacity criteria and the berths. */
export function addCriteriaOptions(cmd: Command): Command {
  return addWaitOptions(cmd)
    .option('--utilisation <share>', 'utilisation that marks practical capacity (default 0.9, US practice)')
    .option('--berths <mode>', "'scenario': port berths as seeded (default); 'unconstrained': berths never make a vessel wait, to study the locks alone", 'scenario');
}

export function parseCriteria(o: CriteriaOptions): Criteria {
  if (o.thresholdMin !== undefined && o.thresholdH !== undefined) throw new UserError('give the threshold once: --threshold-min or --threshold-h, not both');
  const positive = (text: string, flag: string) => {
    const v = Number(text);
    if (!Number.isFinite(v) || v <= 0) throw new UserError(`${flag}: expected a positive number, got '${text}'`);
    return v;
  };
  const waitThresholdH = o.thresholdMin !== undefined ? positive(o.thresholdMin, '--threshold-min') / 60 : o.thresholdH !== undefined ? positive(o.thresholdH, '--threshold-h') : DEFAULT_CRITERIA.waitThresholdH;
  const utilisationLimit = o.utilisation !== undefined ? positive(o.utilisation, '--utilisation') : DEFAULT_CRITERIA.utilisationLimit;
  if (utilisationLimit >= 1) throw new UserError(`--utilisation: expected a share below 1, got '${o.utilisation}'`);
  if (o.waitBasis !== 'open' && o.waitBasis !== 'all') throw new UserError(`--wait-basis: expected 'open' or 'all', got '${o.waitBasis}'`);
  return { waitThresholdH, utilisationLimit, waitBasis: o.waitBasis };
}

export function parseBerths(o: CriteriaOptions): boolean {
  if (o.berths !== 'scenario' && o.berths !== 'unconstrained') throw new UserError(`--berths: expected 'scenario' or 'unconstrained', got '${o.berths}'`);
  return o.berths === 'unconstrained';
}

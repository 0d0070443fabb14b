import type { NetworkChange, SeedNetwork } from '../network/index.js';

/** The locks of the plan's Box 2 (2014): built, expanded, or given ship lifts by 2020. */
export const BOX2_LOCKS = ['datengxia', 'changzhou', 'guigang', 'xijin', 'honghua', 'baise', 'longtan'] as const;

/**
 * The plan's 2020 lock set: every line of a Box 2 lock that the seeds open
 * after `year` is brought into service in `year`. Channels stay as they were.
 */
export function planLockSet(seeds: SeedNetwork, year: number): NetworkChange[] {
  const changes: NetworkChange[] = [];
  for (const id of BOX2_LOCKS) {
    const lock = seeds.locks.find((l) => l.id === id);
    if (!lock) continue;
    for (const line of lock.lines) if (line.opened > year) changes.push({ kind: 'modify-lock-line', lock: id, line: line.id, set: { opened: year } });
  }
  return changes;
}

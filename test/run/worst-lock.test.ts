import { describe, expect, it } from 'vitest';
import { WORST_LOCK_RULE, worstLock } from '../../src/run/index.js';

describe('the worst lock: one definition for every command', () => {
  it('is the lock holding the largest share of all lock waiting, not the one with the longest mean wait', () => {
    // Datengxia-like: a maintenance window strands a few vessels for days (mean 7.3 h, p90 0.6 h);
    // Changzhou-like: everyone waits a little, and most of the waiting is there.
    const locks = [
      { id: 'datengxia', shareOfWaiting: 0.05, waitMeanH: 7.3 },
      { id: 'changzhou', shareOfWaiting: 0.42, waitMeanH: 3.1 },
      { id: 'guigang', shareOfWaiting: 0.2, waitMeanH: 2.0 },
    ];
    expect(worstLock(locks, (l) => l.shareOfWaiting, (l) => l.waitMeanH)!.id).toBe('changzhou');
    expect(WORST_LOCK_RULE).toBe('the largest share of all lock waiting');
  });

  it('breaks a tie on the longer mean wait, and names none without locks', () => {
    const tie = [
      { id: 'a', shareOfWaiting: 0, waitMeanH: 0.1 },
      { id: 'b', shareOfWaiting: 0, waitMeanH: 0.4 },
    ];
    expect(worstLock(tie, (l) => l.shareOfWaiting, (l) => l.waitMeanH)!.id).toBe('b');
    expect(worstLock([] as typeof tie, (l) => l.shareOfWaiting, (l) => l.waitMeanH)).toBeUndefined();
  });
});

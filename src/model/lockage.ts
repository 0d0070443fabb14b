import type { BatchPlan, End } from '../engine/index.js';
import type { LockagePolicy } from '../network/index.js';

/** What a lockage rule looks at: the chamber being filled and the two sides' queues. */
export interface LockageView {
  now(): number;
  /** Vessel area packed so far ÷ the chamber's area. */
  packedShare(): number;
  /** When the first vessel waiting at `end` began to wait (Infinity: none waits). */
  oldestWaitingSince(end: End): number;
  /** Lines in service standing at `end` or on their way there. */
  boundFor(end: End): number;
}

/**
 * The lock master's rule as a release time for the shuttle (engine/shuttle.ts):
 * - immediate: now;
 * - fill: now once the packed vessels cover the fill share of the chamber, or a
 *   waiting vessel no longer fits (the chamber is as full as it gets), or a vessel
 *   on the far side that no line is bound for has waited the longest hold (the
 *   chamber must go there, so it takes what it has); else when the longest-waiting
 *   vessel aboard has waited the longest hold; an empty fetch goes at once;
 * - timetable: the next slot of the day, loaded or empty.
 */
export function lockageRelease(policy: LockagePolicy, view: LockageView): ((server: number, from: End, batch: readonly unknown[], plan: BatchPlan) => number) | undefined {
  switch (policy.rule) {
    case 'immediate':
      return undefined;
    case 'timetable':
      return () => nextSlotS(view.now(), policy.intervalS, policy.offsetS);
    case 'fill':
      return (_server, from, batch, plan) => {
        const now = view.now();
        if (batch.length === 0 || view.packedShare() >= policy.fillShare) return now;
        const far: End = from === 0 ? 1 : 0;
        const farDue = view.boundFor(far) === 0 ? view.oldestWaitingSince(far) + policy.maxHoldS : Infinity;
        return Math.min(plan.oldestSinceS + policy.maxHoldS, farDue);
      };
  }
}

/** The first slot offsetS + k·intervalS at or after t (slots repeat from t = 0). */
export function nextSlotS(t: number, intervalS: number, offsetS: number): number {
  const k = Math.ceil((t - offsetS) / intervalS - 1e-9);
  return offsetS + k * intervalS;
}

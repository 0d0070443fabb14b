import { Tally, TimeWeighted, WAITS_BOUND, type Resettable } from './stats.js';

/** What every waiting line records: each customer's wait, and the line's length over time. */
export class QueueStats implements Resettable {
  readonly waits: Tally;
  readonly queueLength: TimeWeighted;

  constructor(now: number, keepWaits = true) {
    this.waits = new Tally(keepWaits, WAITS_BOUND);
    this.queueLength = new TimeWeighted(now);
  }

  reset(now: number): void {
    this.waits.reset();
    this.queueLength.reset(now);
  }
}

/** A server's record: its waiting line's, and how many of its servers are busy over time. */
export class ServerStats extends QueueStats {
  readonly busy: TimeWeighted;

  constructor(now: number, keepWaits = true) {
    super(now, keepWaits);
    this.busy = new TimeWeighted(now);
  }

  override reset(now: number): void {
    super.reset(now);
    this.busy.reset(now);
  }
}

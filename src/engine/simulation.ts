import { InvariantError } from './invariant.js';
import { EventQueue } from './event-queue.js';

/** What an event does when it fires. One argument, so callers can avoid closures on the hot path. */
export type Handler<T = any> = (arg: T) => void;

/** Opaque id of a scheduled event, for cancel(). Encodes slot and generation. */
export type EventId = number;

/** Called for every event executed, when tracing (determinism checks, debugging). */
export type Tracer = (time: number, seq: number, handler: Handler) => void;

const SLOT_SPACE = 2 ** 22; // pending events at once; generations fill the rest of 2^53

/**
 * The simulation environment: a clock in seconds and the future-event list.
 * Handlers run in (time, insertion order); cancel() marks an event dead and the
 * queue drops it lazily when it reaches the top.
 */
export class Simulation {
  /** Current simulated time in seconds. */
  now = 0;
  /** Events executed so far (cancelled ones excluded). */
  eventsExecuted = 0;
  tracer: Tracer | null = null;

  private readonly queue = new EventQueue();
  private handlers: (Handler | null)[] = [];
  private args: unknown[] = [];
  private seqOfSlot: number[] = [];
  private generation: number[] = [];
  private freeSlots: number[] = [];
  private nextSeq = 0;
  private live = 0;
  private stopped = false;

  /** Number of scheduled events not yet executed or cancelled. */
  get pending(): number {
    return this.live;
  }

  /** Schedules handler(arg) after `delay` seconds. */
  schedule<T>(delay: number, handler: Handler<T>, arg?: T): EventId {
    if (!(delay >= 0)) throw new RangeError(`event delay must be a non-negative number of seconds, got ${delay}`);
    return this.insert(this.now + delay, handler, arg);
  }

  /** Schedules handler(arg) at absolute time `time` (not before now). */
  at<T>(time: number, handler: Handler<T>, arg?: T): EventId {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}: the clock is already at ${this.now}`);
    return this.insert(time, handler, arg);
  }

  /** Cancels a scheduled event. Returns false if it already ran or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = id % SLOT_SPACE;
    const gen = (id - slot) / SLOT_SPACE;
    if (this.generation[slot] !== gen || this.handlers[slot] == null) return false;
    this.handlers[slot] = null;
    this.args[slot] = undefined;
    this.live--;
    return true;
  }

  /**
   * Runs events until the list is empty or the next event lies after `until`.
   * With a finite `until` the clock ends exactly there. Returns the events executed.
   */
  run(until = Infinity): number {
    const queue = this.queue, handlers = this.handlers, args = this.args;
    const before = this.eventsExecuted;
    this.stopped = false;
    while (queue.size > 0 && !this.stopped) {
      const t = queue.peekTime();
      if (t > until) break;
      const slot = queue.pop();
      const handler = handlers[slot]!;
      const arg = args[slot];
      handlers[slot] = null;
      args[slot] = undefined;
      this.generation[slot]!++;
      this.freeSlots.push(slot);
      if (handler === null) continue;
      if (t < this.now) throw new InvariantError(`the clock would go back from ${this.now} s to ${t} s`);
      this.live--;
      this.now = t;
      this.eventsExecuted++;
      if (this.tracer !== null) this.tracer(t, this.seqOfSlot[slot]!, handler);
      handler(arg);
    }
    if (until !== Infinity && !this.stopped && until > this.now) this.now = until;
    return this.eventsExecuted - before;
  }

  /** Makes run() return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  private insert(time: number, handler: Handler, arg: unknown): EventId {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.handlers.length;
      if (slot >= SLOT_SPACE) throw new RangeError(`more than ${SLOT_SPACE} events pending`);
      this.handlers.push(null);
      this.args.push(undefined);
      this.seqOfSlot.push(0);
      this.generation.push(0);
    }
    const seq = this.nextSeq++;
    this.handlers[slot] = handler;
    this.args[slot] = arg;
    this.seqOfSlot[slot] = seq;
    this.queue.push(time, seq, slot);
    this.live++;
    return this.generation[slot]! * SLOT_SPACE + slot;
  }
}

import { InvariantError } from './invariant.js';
import type { Process, Waitable } from './process.js';
import type { Handler, Simulation } from './simulation.js';
import { Tally, WAITS_BOUND, TimeWeighted, type Resettable } from './stats.js';
import { WaitingLine } from './waiting-line.js';

interface Claim {
  grant: Handler;
  arg: unknown;
}

function resumeProcess(proc: Process): void {
  proc.resume(undefined);
}

/**
 * c identical servers with one waiting line, FCFS within priority (lower number
 * first). A customer holds a server from grant until it calls release().
 */
export class Resource implements Resettable {
  inUse = 0;
  readonly waits: Tally;
  readonly queueLength: TimeWeighted;
  readonly busy: TimeWeighted;
  private readonly line = new WaitingLine<Claim>();

  constructor(
    readonly sim: Simulation,
    readonly servers = 1,
    /** Keep each wait for percentiles; a model that reads only the mean can say false. */
    keepWaits = true,
  ) {
    this.waits = new Tally(keepWaits, WAITS_BOUND);
    if (!(servers >= 1) || !Number.isInteger(servers)) throw new RangeError(`a resource needs a whole number of servers ≥ 1, got ${servers}`);
    this.queueLength = new TimeWeighted(sim.now);
    this.busy = new TimeWeighted(sim.now);
  }

  get waiting(): number {
    return this.line.length;
  }

  /** Callback style: grant(arg) runs as soon as a server is free (at once if one is). */
  acquire<T>(grant: Handler<T>, arg: T, priority = 0): void {
    if (this.tryTake()) grant(arg);
    else this.enqueue({ grant, arg }, priority);
  }

  /** Process style: `yield resource.request()`, later `resource.release()`. */
  request(priority = 0): Waitable {
    return {
      wait: (proc) => {
        if (this.tryTake()) return true;
        this.enqueue({ grant: resumeProcess, arg: proc }, priority);
        return false;
      },
    };
  }

  release(): void {
    if (this.inUse <= 0) throw new InvariantError(`a server released at ${this.sim.now} s with none in use`);
    const next = this.line.pop();
    const now = this.sim.now;
    if (next === undefined) {
      this.inUse--;
      this.busy.set(now, this.inUse);
      return;
    }
    this.queueLength.set(now, this.line.length);
    this.waits.add(now - next.since);
    next.item.grant(next.item.arg);
  }

  reset(now: number): void {
    this.waits.reset();
    this.queueLength.reset(now);
    this.busy.reset(now);
  }

  private tryTake(): boolean {
    if (this.inUse >= this.servers) return false;
    this.inUse++;
    this.busy.set(this.sim.now, this.inUse);
    this.waits.add(0);
    return true;
  }

  private enqueue(claim: Claim, priority: number): void {
    this.line.push(claim, this.sim.now, priority);
    this.queueLength.set(this.sim.now, this.line.length);
  }
}

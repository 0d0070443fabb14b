import { InvariantError } from './invariant.js';
import type { Process, Waitable } from './process.js';
import type { Handler, Simulation } from './simulation.js';
import { ServerStats } from './server-stats.js';
import type { Resettable } from './stats.js';
import { WaitingLine } from './waiting-line.js';

function resumeProcess(proc: Process): void {
  proc.resume(undefined);
}

/**
 * c identical servers with one waiting line, FCFS within priority (lower number
 * first). A customer holds a server from grant until it calls release().
 */
export class Resource implements Resettable {
  inUse = 0;
  readonly stats: ServerStats;
  // Each claim is the argument to grant with, and the grant as the line's done handler.
  private readonly line = new WaitingLine<unknown, Handler>();

  constructor(
    readonly sim: Simulation,
    readonly servers = 1,
    /** Keep each wait for percentiles; a model that reads only the mean can say false. */
    keepWaits = true,
  ) {
    if (!(servers >= 1) || !Number.isInteger(servers)) throw new RangeError(`a resource needs a whole number of servers ≥ 1, got ${servers}`);
    this.stats = new ServerStats(sim.now, keepWaits);
  }

  get waiting(): number {
    return this.line.size;
  }

  /** Callback style: grant(arg) runs as soon as a server is free (at once if one is). */
  acquire<T>(grant: Handler<T>, arg: T, priority = 0): void {
    if (this.tryTake()) grant(arg);
    else this.enqueue(grant, arg, priority);
  }

  /** Process style: `yield resource.request()`, later `resource.release()`. */
  request(priority = 0): Waitable {
    return {
      wait: (proc) => {
        if (this.tryTake()) return true;
        this.enqueue(resumeProcess, proc, priority);
        return false;
      },
    };
  }

  release(): void {
    if (this.inUse <= 0) throw new InvariantError(`a server released at ${this.sim.now} s with none in use`);
    const line = this.line;
    const now = this.sim.now;
    if (line.size === 0) {
      this.inUse--;
      this.stats.busy.set(now, this.inUse);
      return;
    }
    const arg = line.item(0), grant = line.done(0), since = line.since(0);
    line.shift();
    this.stats.queueLength.set(now, line.size);
    this.stats.waits.add(now - since);
    grant(arg);
  }

  reset(now: number): void {
    this.stats.reset(now);
  }

  private tryTake(): boolean {
    if (this.inUse >= this.servers) return false;
    this.inUse++;
    this.stats.busy.set(this.sim.now, this.inUse);
    this.stats.waits.add(0);
    return true;
  }

  private enqueue(grant: Handler, arg: unknown, priority: number): void {
    this.line.push(arg, this.sim.now, grant, priority);
    this.stats.queueLength.set(this.sim.now, this.line.size);
  }
}

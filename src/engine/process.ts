import type { Simulation } from './simulation.js';

/**
 * Something a process can wait for. `wait` returns true when it is already
 * satisfied (the process carries on at once, taking `proc.value`); otherwise it
 * keeps the process and later calls `proc.resume(value)`.
 */
export interface Waitable {
  wait(proc: Process): boolean;
}

/** What a process yields: a delay in seconds, or something to wait for. */
export type Command = number | Waitable;

export type ProcessBody = Generator<Command, any, any>;

function resumeAfterDelay(proc: Process): void {
  proc.resume(undefined);
}

/**
 * A process is a generator that reads like the story it models:
 * `yield 600` sails for ten minutes, `yield lock.pass(vessel)` waits for a lockage.
 * It is itself Waitable, so one process can wait for another to finish.
 */
export class Process implements Waitable {
  /** Value handed to the generator on its next step. */
  value: unknown = undefined;
  done = false;
  /** What the generator returned. */
  result: unknown = undefined;
  private joiners: Process[] | null = null;

  constructor(
    readonly sim: Simulation,
    private readonly body: ProcessBody,
  ) {}

  /** Continues the generator until it yields something that is not yet ready. */
  resume(value: unknown): void {
    const sim = this.sim;
    for (;;) {
      const step = this.body.next(value);
      if (step.done) {
        this.finish(step.value);
        return;
      }
      const command = step.value;
      if (typeof command === 'number') {
        sim.schedule(command, resumeAfterDelay, this);
        return;
      }
      if (!command.wait(this)) return;
      value = this.value;
    }
  }

  wait(proc: Process): boolean {
    if (this.done) {
      proc.value = this.result;
      return true;
    }
    (this.joiners ??= []).push(proc);
    return false;
  }

  private finish(result: unknown): void {
    this.done = true;
    this.result = result;
    const joiners = this.joiners;
    this.joiners = null;
    if (joiners) for (const j of joiners) j.resume(result);
  }
}

function startProcess(proc: Process): void {
  proc.resume(undefined);
}

/** Starts a process at the current time (as an event, so start order is reproducible). */
export function spawn(sim: Simulation, body: ProcessBody, delay = 0): Process {
  const proc = new Process(sim, body);
  sim.schedule(delay, startProcess, proc);
  return proc;
}

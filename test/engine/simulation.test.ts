import { describe, expect, it } from 'vitest';
import { Simulation, spawn, type ProcessBody } from '../../src/engine/index.js';

describe('Simulation: the clock and the future-event list', () => {
  it('runs events in time order, whatever order they were scheduled in', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [5, 1, 4, 2, 3]) sim.schedule(t, (x: number) => seen.push(x), t);
    sim.run();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(sim.now).toBe(5);
  });

  it('stops with an invariant error if the clock would ever go back (an event slipped in behind it)', () => {
    const sim = new Simulation();
    sim.schedule(10, () => {});
    sim.run();
    // Past the guards of schedule() and at(): straight into the heap, as a bug would.
    (sim as unknown as { queue: { push(t: number, seq: number, slot: number): void } }).queue.push(5, 99, 0);
    (sim as unknown as { handlers: unknown[] }).handlers[0] = () => {};
    expect(() => sim.run()).toThrow(/^invariant violated: the clock would go back from 10 s to 5 s$/);
  });

  it('breaks ties by insertion order', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) sim.schedule(10, (x: string) => seen.push(x), name);
    sim.at(10, (x: string) => seen.push(x), 'e');
    sim.run();
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps insertion order for equal times across heap growth (10,000 simultaneous events)', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (let i = 0; i < 10_000; i++) sim.schedule(i % 3, (x: number) => seen.push(x), i);
    sim.run();
    const expected = [0, 1, 2].flatMap((t) => Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 3 === t));
    expect(seen).toEqual(expected);
  });

  it('cancels an event, once, and a stale id never cancels a later event in the same slot', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const a = sim.schedule(1, (x: string) => seen.push(x), 'a');
    sim.schedule(2, (x: string) => seen.push(x), 'b');
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(seen).toEqual(['b']);
    const c = sim.schedule(1, (x: string) => seen.push(x), 'c'); // reuses a freed slot
    expect(sim.cancel(a)).toBe(false);
    sim.run();
    expect(seen).toEqual(['b', 'c']);
    expect(sim.cancel(c)).toBe(false);
  });

  it('runs until a time, leaving later events pending and the clock at that time', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [1, 2, 3, 4]) sim.schedule(t, (x: number) => seen.push(x), t);
    expect(sim.run(2.5)).toBe(2);
    expect(sim.now).toBe(2.5);
    expect(sim.pending).toBe(2);
    sim.run();
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('counts an event at exactly the until time as inside the run', () => {
    const sim = new Simulation();
    let fired = false;
    sim.schedule(5, () => (fired = true));
    sim.run(5);
    expect(fired).toBe(true);
  });

  it('refuses negative and NaN delays and scheduling in the past', () => {
    const sim = new Simulation();
    expect(() => sim.schedule(-1, () => {})).toThrow(RangeError);
    expect(() => sim.schedule(NaN, () => {})).toThrow(RangeError);
    sim.schedule(10, () => {});
    sim.run();
    expect(() => sim.at(5, () => {})).toThrow(/clock is already at 10/);
  });

  it('stop() ends run() after the current event', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.schedule(1, () => {
      seen.push(1);
      sim.stop();
    });
    sim.schedule(2, () => seen.push(2));
    sim.run();
    expect(seen).toEqual([1]);
    expect(sim.now).toBe(1);
  });
});

describe('Processes read like the domain', () => {
  it('a vessel sails, waits for another process, then sails on: times add up by hand', () => {
    const sim = new Simulation();
    const log: string[] = [];
    function* lockage(): ProcessBody {
      yield 1800; // one 30-min lockage
      return 'through';
    }
    function* vessel(): ProcessBody {
      yield 3600; // sails an hour to the lock
      log.push(`at lock ${sim.now}`);
      const outcome = yield spawn(sim, lockage());
      log.push(`${outcome} ${sim.now}`);
      yield 600;
      log.push(`berthed ${sim.now}`);
    }
    spawn(sim, vessel());
    sim.run();
    expect(log).toEqual(['at lock 3600', 'through 5400', 'berthed 6000']);
  });

  it('waiting for a process that already finished continues at once', () => {
    const sim = new Simulation();
    function* quick(): ProcessBody {
      return 42;
    }
    const q = spawn(sim, quick());
    let got: unknown;
    spawn(
      sim,
      (function* (): ProcessBody {
        yield 5;
        got = yield q;
      })(),
    );
    sim.run();
    expect(got).toBe(42);
    expect(sim.now).toBe(5);
  });
});

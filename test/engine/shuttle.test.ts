import { describe, expect, it } from 'vitest';
import { Shuttle, Simulation } from '../../src/engine/index.js';

/** Customers are sizes; server i carries up to caps[i] units per crossing of `crossS[i]` seconds. */
function shuttle(sim: Simulation, caps: number[], crossS: number[]) {
  let used = 0, cap = 0;
  return new Shuttle<number>(sim, {
    servers: caps.length,
    admits: (i, c) => c <= caps[i]!,
    loader: {
      begin: (i) => ((used = 0), (cap = caps[i]!)),
      tryAdd: (c) => (used + c <= cap ? ((used += c), true) : false),
    },
    crossingTime: (i) => crossS[i]!,
  });
}

describe('Shuttle: a two-ended batch server', () => {
  it('carries what waits at its end at once, and what waits at the other end after an empty crossing', () => {
    const sim = new Simulation();
    const s = shuttle(sim, [10], [100]);
    const arrived: [number, number][] = [];
    s.join(3, 0, (c) => arrived.push([c, sim.now]));
    s.join(4, 1, (c) => arrived.push([c, sim.now]));
    sim.run();
    // Out 0→1 with 3 (ends at 100); back 1→0 with 4 (ends at 200).
    expect(arrived).toEqual([[3, 100], [4, 200]]);
    expect(s.emptyCrossings[0]).toBe(0);
  });

  it('fetches with one idle server only, and only a server that can take the customer', () => {
    const sim = new Simulation();
    const s = shuttle(sim, [2, 10, 10], [50, 100, 100]);
    // All three stand at end 0; a size-5 customer waits at end 1.
    s.join(5, 1, () => {});
    sim.run();
    expect(s.crossings).toEqual([0, 2, 0]); // server 1 fetched (empty) and brought it back; 0 cannot take 5; 2 stayed
    expect(s.emptyCrossings).toEqual([0, 1, 0]);
  });

  it('packs a crossing by the loader, in arrival order, letting smaller customers fill the gap', () => {
    const sim = new Simulation();
    const s = shuttle(sim, [10], [100]);
    s.setAvailable(0, false);
    const batches: number[][] = [];
    let current: number[] = [];
    for (const c of [6, 6, 3, 1]) s.join(c, 0, (x) => current.push(x));
    sim.schedule(1, () => s.setAvailable(0, true));
    sim.schedule(102, () => (batches.push(current), (current = [])));
    sim.schedule(302, () => (batches.push(current), (current = [])));
    sim.run();
    // Out at 1 with 6 + 3 + 1; back empty 101–201; out again with the second 6, 201–301.
    expect(batches).toEqual([[6, 3, 1], [6]]);
    expect(s.waits[0].max).toBe(201);
    expect(s.emptyCrossings[0]).toBe(1);
  });

  it('out of service, finishes the crossing under way, then takes nobody until back', () => {
    const sim = new Simulation();
    const s = shuttle(sim, [10], [100]);
    const done: number[] = [];
    s.join(1, 0, () => done.push(sim.now));
    sim.schedule(10, () => s.setAvailable(0, false));
    sim.schedule(20, () => s.join(1, 1, () => done.push(sim.now)));
    sim.schedule(500, () => s.setAvailable(0, true));
    sim.run();
    expect(done).toEqual([100, 600]);
  });

  it('looks no further than its scan limit down a waiting line', () => {
    const sim = new Simulation();
    let used = 0;
    const s = new Shuttle<number>(sim, {
      servers: 1,
      scanLimit: 3,
      admits: () => true,
      loader: { begin: () => (used = 0), tryAdd: (c) => (used + c <= 10 ? ((used += c), true) : false) },
      crossingTime: () => 100,
    });
    s.setAvailable(0, false);
    const carried: number[] = [];
    for (const c of [9, 9, 9, 1]) s.join(c, 0, (x) => carried.push(x));
    sim.schedule(1, () => s.setAvailable(0, true));
    sim.run(150);
    expect(carried).toEqual([9]); // the 1 in fourth place would fit but lies beyond the limit
  });
});

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
    expect(s.ends[0].waits.max).toBe(201);
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

describe('Shuttle: release rule and priority (the policy hooks a lock master fills)', () => {
  /** One server of capacity 10 whose rule holds until the batch weighs `fill` or its oldest waited `holdS`. */
  function held(sim: Simulation, fill: number, holdS: number) {
    let used = 0;
    return new Shuttle<number>(sim, {
      servers: 1,
      admits: (_i, c) => c <= 10,
      loader: { begin: () => (used = 0), tryAdd: (c) => (used + c <= 10 ? ((used += c), true) : false) },
      crossingTime: () => 100,
      release: (_i, _end, batch, plan) => {
        const w = batch.reduce((s, c) => s + c, 0);
        return w >= fill || plan.leftOut > 0 ? sim.now : plan.oldestSinceS + holdS;
      },
    });
  }

  it('holds a part-full chamber until the next customer fills it', () => {
    const sim = new Simulation();
    const s = held(sim, 8, 1000);
    const arrived: [number, number][] = [];
    sim.schedule(0, () => s.join(3, 0, (c) => arrived.push([c, sim.now])));
    sim.schedule(50, () => s.join(5, 0, (c) => arrived.push([c, sim.now])));
    sim.run();
    // 3 alone is below the fill of 8: held; 3 + 5 = 8 starts at 50 and arrives at 150.
    expect(arrived).toEqual([[3, 150], [5, 150]]);
  });

  it('starts a part-full chamber once its first customer has waited the longest hold', () => {
    const sim = new Simulation();
    const s = held(sim, 8, 300);
    const arrived: [number, number][] = [];
    sim.schedule(10, () => s.join(3, 0, (c) => arrived.push([c, sim.now])));
    sim.schedule(200, () => s.join(2, 0, (c) => arrived.push([c, sim.now])));
    sim.run();
    // Held from 10; at 200 the batch is 5, still short; at 10 + 300 it goes with both.
    expect(arrived).toEqual([[3, 410], [2, 410]]);
  });

  it('starts at once when a waiting customer no longer fits (the chamber is full)', () => {
    const sim = new Simulation();
    const s = held(sim, 10, 1000);
    const arrived: [number, number][] = [];
    for (const [t, c] of [[0, 6], [20, 6]] as const) sim.schedule(t, () => s.join(c, 0, (x) => arrived.push([x, sim.now])));
    sim.run();
    // The second 6 does not fit beside the first: the first goes at 20. The rule holds the empty
    // fetch back too (nothing aboard, nothing left out) until the second's hold ends at 20 + 1000;
    // the fetch then takes 100 s and the second crosses 1120–1220.
    expect(arrived[0]).toEqual([6, 120]);
    expect(arrived[1]).toEqual([6, 1220]);
  });

  it('offers customers to the loader by priority, ties in arrival order', () => {
    const sim = new Simulation();
    let used = 0;
    const s = new Shuttle<number>(sim, {
      servers: 1,
      admits: () => true,
      loader: { begin: () => (used = 0), tryAdd: (c) => (used + 1 <= 2 ? ((used += 1), true) : false) },
      crossingTime: () => 100,
      priority: (c) => (c >= 100 ? 1 : 0),
    });
    s.setAvailable(0, false);
    const order: number[] = [];
    for (const c of [1, 2, 100, 3, 101]) s.join(c, 0, (x) => order.push(x));
    sim.schedule(5, () => s.setAvailable(0, true));
    sim.run();
    // Two a crossing: the two priority customers first, then 1 and 2 (arrival order), then 3.
    expect(order).toEqual([100, 101, 1, 2, 3]);
  });
});

describe('Shuttle: a customer who joins from a done handler', () => {
  it('starts a new batch of its own, not one added to the batch just landed', () => {
    const sim = new Simulation();
    let used = 0;
    const s: Shuttle<number> = new Shuttle<number>(sim, {
      servers: 1,
      admits: () => true,
      loader: { begin: () => (used = 0), tryAdd: (c) => (used + c <= 10 ? ((used += c), true) : false) },
      crossingTime: () => 100,
      onCrossing: (_i, _from, batch) => sizes.push(batch.length),
    });
    const sizes: number[] = [];
    let rejoined = 0;
    // Each of the first two customers rejoins at the far end the moment it lands.
    const land = (c: number) => {
      if (rejoined++ < 2) s.join(c, 1, () => {});
    };
    s.setAvailable(0, false);
    s.join(5, 0, land);
    s.join(5, 0, land);
    sim.schedule(1, () => s.setAvailable(0, true));
    sim.run();
    // Out with both (2). As they land, the first rejoins and goes back at once, alone (1); the
    // second waits at the far end, fetched by an empty crossing (0) and carried (1). Landed
    // customers are never carried again (before the fix the first crossing back held 3).
    expect(sizes).toEqual([2, 1, 0, 1]);
  });
});

describe('Shuttle: fetching under a release rule', () => {
  it('a server whose own end holds only customers it cannot take is still free to fetch from the other end', () => {
    const sim = new Simulation();
    let used = 0;
    const caps = [5, 50];
    const s = new Shuttle<number>(sim, {
      servers: 2,
      admits: (i, c) => c <= caps[i]!,
      loader: { begin: (i) => ((used = 0), void i), tryAdd: (c) => ((used += c), true) },
      crossingTime: () => 100,
      // Loaded crossings wait a long hold; empty fetches go at once.
      release: (_i, _end, batch, plan) => (batch.length === 0 ? sim.now : plan.oldestSinceS + 10_000),
    });
    s.setAvailable(1, false); // the big server is out: nobody can take the 20
    s.join(20, 0, () => {});
    let carried = -1;
    s.join(3, 1, () => (carried = sim.now));
    sim.run(5_000);
    // Server 0 stands at end 0 beside a customer it cannot take, so it fetches the 3 (0–100) and
    // then holds it (loaded) until 0 + 10,000: it has left end 0, so the run ends with it waiting.
    expect(s.crossings[0]).toBe(1);
    expect(s.emptyCrossings[0]).toBe(1);
    expect(carried).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { DOWNSTREAM_SIDE, LockModel, UPSTREAM_SIDE, cycleS } from '../../src/model/lock.js';
import { ChamberPacking } from '../../src/model/packing.js';
import { line, lock, vessel } from './toy.js';

const MIN = 60;

describe('a lockage, computed by hand', () => {
  it('one vessel through one lock: the time equals entry + close + levelling + open + exit', () => {
    const sim = new Simulation();
    const l = new LockModel(sim, lock([line('1', 200, 34)]), [line('1', 200, 34)]);
    l.shuttle.place(0, UPSTREAM_SIDE); // the chamber waits on the vessel's side
    let through = -1;
    sim.schedule(100, () => l.pass(vessel(90, 16), UPSTREAM_SIDE, () => (through = sim.now)));
    sim.run();
    expect(through - 100).toBe(5 * MIN + 3 * MIN + 10 * MIN + 3 * MIN + 2 * MIN); // 23 min
    expect(l.waits.max).toBe(0);
  });

  it('a vessel on the far side waits one empty turnaround (close + level + open) first', () => {
    const sim = new Simulation();
    const l = new LockModel(sim, lock([line('1', 200, 34)]), [line('1', 200, 34)]);
    l.shuttle.place(0, DOWNSTREAM_SIDE);
    let through = -1;
    l.pass(vessel(90, 16), UPSTREAM_SIDE, () => (through = sim.now));
    sim.run();
    expect(l.waits.max).toBe(16 * MIN);
    expect(through).toBe(16 * MIN + 23 * MIN);
    expect(l.lineStats[0]!.emptyLockages).toBe(1);
  });

  it('two 15 m-beam vessels fit side by side in a 34 m chamber (0.4 + 15 + 0.4 + 15 + 0.4 = 31.2 m) and share one lockage', () => {
    const sim = new Simulation();
    const l = new LockModel(sim, lock([line('1', 100, 34)]), [line('1', 100, 34)]);
    l.shuttle.place(0, UPSTREAM_SIDE);
    const done: number[] = [];
    // Both wait while the chamber is closed, so they are packed together.
    l.closeLine(0, true);
    l.pass(vessel(80, 15), UPSTREAM_SIDE, () => done.push(sim.now));
    l.pass(vessel(80, 15), UPSTREAM_SIDE, () => done.push(sim.now));
    sim.schedule(60, () => l.closeLine(0, false));
    sim.run();
    expect(l.lineStats[0]!.lockages).toBe(1);
    expect(done).toEqual([60 + cycleS(line('1', 100, 34), 2), 60 + cycleS(line('1', 100, 34), 2)]);
    expect(cycleS(line('1', 100, 34), 2)).toBe(2 * 5 * MIN + 16 * MIN + 2 * 2 * MIN); // 30 min
  });

  it('two vessels that do not fit side by side or end to end take two lockages', () => {
    const sim = new Simulation();
    // 100 m × 30 m: two 17 m beams need 0.4 + 17 + 0.4 + 17 + 0.4 = 35.2 m; two 80 m lengths need 2 + 80 + 2 + 80 + 2 > 100.
    const l = new LockModel(sim, lock([line('1', 100, 30)]), [line('1', 100, 30)]);
    l.shuttle.place(0, UPSTREAM_SIDE);
    l.closeLine(0, true);
    const done: number[] = [];
    l.pass(vessel(80, 17), UPSTREAM_SIDE, () => done.push(sim.now));
    l.pass(vessel(80, 17), UPSTREAM_SIDE, () => done.push(sim.now));
    sim.schedule(60, () => l.closeLine(0, false));
    sim.run();
    const one = cycleS(line('1', 100, 30), 1); // 23 min
    // First lockage carries one up; the chamber turns round empty (16 min) for the second.
    expect(done).toEqual([60 + one, 60 + one + 16 * MIN + one]);
    expect(l.lineStats[0]!.lockages).toBe(3);
    expect(l.lineStats[0]!.emptyLockages).toBe(1);
  });

  it('opposite directions alternate: a full chamber goes each way in turn', () => {
    const sim = new Simulation();
    const l = new LockModel(sim, lock([line('1', 100, 20)]), [line('1', 100, 20)]);
    l.shuttle.place(0, DOWNSTREAM_SIDE);
    l.closeLine(0, true);
    const order: string[] = [];
    // One vessel per lockage (18 m beam in a 20 m chamber), three each way.
    for (let i = 0; i < 3; i++) {
      l.pass(vessel(80, 18), DOWNSTREAM_SIDE, () => order.push('up'));
      l.pass(vessel(80, 18), UPSTREAM_SIDE, () => order.push('down'));
    }
    sim.schedule(1, () => l.closeLine(0, false));
    sim.run();
    expect(order).toEqual(['up', 'down', 'up', 'down', 'up', 'down']);
    expect(l.lineStats[0]!.emptyLockages).toBe(0);
  });

  it('a closure delays a vessel by exactly its length', () => {
    const run = (closedS: number) => {
      const sim = new Simulation();
      const l = new LockModel(sim, lock([line('1', 200, 34)]), [line('1', 200, 34)]);
      l.shuttle.place(0, UPSTREAM_SIDE);
      let through = -1;
      if (closedS > 0) {
        sim.schedule(50, () => l.closeLine(0, true));
        sim.schedule(50 + closedS, () => l.closeLine(0, false));
      }
      sim.schedule(100, () => l.pass(vessel(90, 16), UPSTREAM_SIDE, () => (through = sim.now)));
      sim.run();
      return through;
    };
    expect(run(6 * 3600) - run(0)).toBe(6 * 3600 - 50);
  });

  it('keeps apart the waits that saw a disruption: normal-operation waiting is congestion alone', () => {
    const sim = new Simulation();
    const l = new LockModel(sim, lock([line('1', 200, 34)]), [line('1', 200, 34)]);
    l.shuttle.place(0, UPSTREAM_SIDE);
    const one = cycleS(line('1', 200, 34), 1);
    // A: alone, no closure: waits 0. B: arrives during a maintenance spell (1 h). C: arrives
    // before a flood spell begins and is still waiting when it does. D: arrives during an
    // off-hours closure, which is normal operation.
    sim.schedule(0, () => l.pass(vessel(90, 16), UPSTREAM_SIDE, () => {}));
    sim.schedule(2 * 3600, () => l.closeLine(0, true));
    sim.schedule(2 * 3600 + 60, () => l.pass(vessel(90, 16), UPSTREAM_SIDE, () => {}));
    sim.schedule(3 * 3600, () => l.closeLine(0, false));
    sim.schedule(6 * 3600, () => l.pass(vessel(90, 16), UPSTREAM_SIDE, () => {}));
    sim.schedule(6 * 3600 + 1, () => l.closeLine(0, true));
    sim.schedule(7 * 3600, () => l.closeLine(0, false));
    sim.schedule(12 * 3600, () => l.closeLine(0, true, false));
    sim.schedule(12 * 3600 + 600, () => l.pass(vessel(90, 16), UPSTREAM_SIDE, () => {}));
    sim.schedule(13 * 3600, () => l.closeLine(0, false, false));
    sim.run();
    expect(l.waits.count).toBe(4);
    // Open waits: A (0 s, the chamber waits on its side) and D: from 12:10 to the end of the
    // off-hours spell at 13:00, plus 16 min for the chamber, left downstream by C, to turn round.
    expect(l.openWaits.count).toBe(2);
    expect(l.openWaits.mean).toBeCloseTo((0 + (3600 - 600 + 16 * 60)) / 2, 6);
    expect(l.waits.max).toBeGreaterThan(3600 - 60);
    expect(one).toBe(23 * 60);
  });

  it('with two lines, a vessel goes with the first chamber that can start from its side', () => {
    const sim = new Simulation();
    const lines = [line('small', 100, 14), line('big', 200, 34)];
    const l = new LockModel(sim, lock(lines), lines);
    l.shuttle.place(0, DOWNSTREAM_SIDE); // small line on the wrong side
    l.shuttle.place(1, UPSTREAM_SIDE); // big line ready
    l.pass(vessel(90, 16), UPSTREAM_SIDE, () => {});
    sim.run();
    expect(l.lineStats[1]!.vessels[1]).toBe(1);
    expect(l.lineStats[0]!.lockages).toBe(0); // nobody fetched with the small line: it could not take a 16 m beam
  });
});

describe('row packing in a chamber', () => {
  it('fills 280 × 34 m with six 85 × 14.8 m vessels (3 rows of 2) and refuses a seventh', () => {
    const p = new ChamberPacking(280, 34);
    p.reset();
    for (let i = 0; i < 6; i++) expect(p.tryAdd({ lengthM: 85, beamM: 14.8 })).toBe(true);
    expect(p.tryAdd({ lengthM: 85, beamM: 14.8 })).toBe(false);
    expect(p.rowCount).toBe(3);
  });

  it('lets a short vessel fill the gap beside a long one without lengthening the row', () => {
    const p = new ChamberPacking(100, 30);
    p.reset();
    expect(p.tryAdd({ lengthM: 90, beamM: 12 })).toBe(true);
    expect(p.tryAdd({ lengthM: 50, beamM: 12 })).toBe(true);
    expect(p.rowCount).toBe(1);
  });
});


describe('invariants checked in every lockage', () => {
  it('a lockage whose vessels cover more than the chamber aborts, naming the lock, line and vessels', () => {
    const sim = new Simulation();
    // Negative margins let the packer overlap vessels: the check must catch what the packer let through.
    const l = new LockModel(sim, lock([line('1', 100, 34)]), [line('1', 100, 34)], { beamM: -20, lengthM: -50 });
    l.shuttle.place(0, UPSTREAM_SIDE);
    l.closeLine(0, true);
    for (let k = 0; k < 4; k++) l.pass(vessel(90, 16), UPSTREAM_SIDE, () => {});
    sim.schedule(60, () => l.closeLine(0, false));
    expect(() => sim.run()).toThrow(/^invariant violated: lock .* line 1 at \d+ s: \d vessels \(90 × 16 m, .*\) cover \d+ m², more than the chamber's 3400 m²$/);
  });

  it('a queue that would go negative aborts, naming the lock', () => {
    const sim = new Simulation();
    const l = new LockModel(sim, lock([line('1', 200, 34)]), [line('1', 200, 34)]);
    l.shuttle.place(0, UPSTREAM_SIDE);
    // Put a vessel aboard behind the lock's back: it never joined the lock's queue.
    const sneakIn = () => {
      l.shuttle.join({ ...vessel(90, 16), lockJoinS: 0, lockJoinEpoch: 0 }, UPSTREAM_SIDE, () => {});
      sim.run();
    };
    expect(sneakIn).toThrow(/^invariant violated: lock .* its queue went negative \(-1\)/);
  });
});

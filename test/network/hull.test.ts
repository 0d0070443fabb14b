import { describe, expect, it } from 'vitest';
import { atRoutingDraught, deadweightShareAt, draughtAtShare, emptyDraughtM, MIN_USEFUL_LOAD } from '../../src/network/index.js';

const CLASS_I = { deadweightT: 3000, lengthM: 90, beamM: 16.2, draughtM: 3.5 };

describe('the draught–payload relation of a hull (Van Dorsser et al. 2020)', () => {
  it("a Xijiang 3000 t ship floats empty at about 1.08 m (their Table 4, computed by hand: 0.0757 + 1.8816 + 0.3279 − 1.0496 − 0.2628 + 0.1026)", () => {
    expect(emptyDraughtM(CLASS_I)).toBeCloseTo(1.075, 2);
  });

  it('carries nothing at its empty draught, all at its design draught, and more the deeper it floats', () => {
    expect(deadweightShareAt(CLASS_I, emptyDraughtM(CLASS_I))).toBe(0);
    expect(deadweightShareAt(CLASS_I, 3.5)).toBe(1);
    expect(deadweightShareAt(CLASS_I, 5)).toBe(1);
    let last = 0;
    for (let t = 1.2; t < 3.5; t += 0.1) {
      const s = deadweightShareAt(CLASS_I, t);
      expect(s).toBeGreaterThan(last);
      last = s;
    }
  });

  it('stays within one point of the deadweight of linear between the empty and the design draught for this hull', () => {
    const t0 = emptyDraughtM(CLASS_I);
    for (const t of [1.5, 2, 2.5, 3]) expect(Math.abs(deadweightShareAt(CLASS_I, t) - (t - t0) / (3.5 - t0))).toBeLessThan(0.01);
  });

  it('draughtAtShare inverts deadweightShareAt', () => {
    for (const share of [0.1, 1 / 3, 0.5, 0.75, 0.99]) expect(deadweightShareAt(CLASS_I, draughtAtShare(CLASS_I, share))).toBeCloseTo(share, 9);
  });

  it('a third of the payload floats the ship at about 1.9 m: the 2021 drought mark (ships loaded to a third)', () => {
    expect(draughtAtShare(CLASS_I, 1 / 3)).toBeGreaterThan(1.8);
    expect(draughtAtShare(CLASS_I, 1 / 3)).toBeLessThan(2.0);
  });

  it('routing sees a loaded ship at its least useful load and an empty one at its empty draught', () => {
    expect(atRoutingDraught(CLASS_I, true).draughtM).toBeCloseTo(draughtAtShare(CLASS_I, MIN_USEFUL_LOAD), 12);
    expect(atRoutingDraught(CLASS_I, false).draughtM).toBe(emptyDraughtM(CLASS_I));
  });
});

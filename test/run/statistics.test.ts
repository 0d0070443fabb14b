import { describe, expect, it } from 'vitest';
import { studentT } from '../../src/engine/index.js';
import { stat } from '../../src/run/index.js';
import { pm } from '../../src/report/terminal.js';

describe('intervals over replications', () => {
  it('are Student-t on the mean where that stays within the quantity’s range', () => {
    const s = stat([10, 12, 11, 13, 9]);
    const hw = studentT(0.975, 4) * Math.sqrt(2.5 / 5);
    expect(s.mean).toBe(11);
    expect(s.halfWidth).toBeCloseTo(hw, 12);
    expect([s.low, s.high]).toEqual([11 - s.halfWidth, 11 + s.halfWidth]);
    expect(pm(s)).toBe(`11.0 ± ${hw.toFixed(1)}`);
  });

  it('never reach below zero for a quantity that cannot: a wait with two replications, 0.4 h and 8.4 h', () => {
    const s = stat([0.4, 8.4]);
    // t(0.975, 1) = 12.71: the symmetric interval would be 4.4 ± 50.8.
    expect(s.mean - s.halfWidth).toBeLessThan(0);
    // Cut at zero: the part below holds no possible mean; the upper bound stays the t one.
    expect(s.low).toBe(0);
    expect(s.high).toBeCloseTo(4.4 + s.halfWidth, 12);
    expect(pm(s)).toBe(`4.4 (0.0–${(4.4 + s.halfWidth).toFixed(1)})`);
    // A quantity that can be negative keeps the symmetric interval.
    const d = stat([-1, 3]);
    expect(d.low).toBe(d.mean - d.halfWidth);
  });
});

describe("compare's significance: Welch's t at 5% on two scenarios' means", async () => {
  const { differs } = await import('../../src/report/compare.js');
  it('tells a shift beyond the noise from one within it, and says nothing without intervals', () => {
    const a = stat([10, 11, 9, 10, 10]);
    // Same spread, shifted by 2: t = 2 / √(0.1 + 0.1) ≈ 4.5 on 8 degrees of freedom, beyond 2.31.
    expect(differs(a, stat([12, 13, 11, 12, 12]))).toBe(true);
    // Shifted by 0.5: t ≈ 1.1, within the noise.
    expect(differs(a, stat([10.5, 11.5, 9.5, 10.5, 10.5]))).toBe(false);
    expect(differs(a, stat([12]))).toBeNull();
  });
});

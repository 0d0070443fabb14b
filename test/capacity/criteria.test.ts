import { describe, expect, it } from 'vitest';
import { parseLevels, readCrossing, type CurvePoint } from '../../src/capacity/index.js';
import type { Stat } from '../../src/run/index.js';

const st = (mean: number, halfWidth = 0): Stat => ({ mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n: 4 });

/** A curve with traffic 10 Mt per unit of multiplier and the given waits (h) at each level. */
function curve(levels: number[], waits: [number, number][]): CurvePoint[] {
  return levels.map((m, i) => {
    const t = st(m * 10e6);
    return {
      multiplier: m,
      tonnesPerYear: t,
      tonnesUpPerYear: st(0),
      tonnesDownPerYear: t,
      tonnesOneWayPerYear: t,
      vesselsPerYear: st(m * 1e4),
      icRatio: st(0),
      utilisation: st(0),
      waitMeanH: st(waits[i]![0], waits[i]![1]),
      waitP90H: st(0),
      waitMeanOpenH: st(0),
      waitP90OpenH: st(0),
      shareOfWaiting: st(0),
      queuedAtEnd: st(0),
    };
  });
}

describe('reading a practical capacity off a delay curve', () => {
  it('interpolates linearly between the two levels that bracket the threshold', () => {
    // Wait 0.2 h at ×1 and 0.8 h at ×2: 0.5 h is halfway, at ×1.5 and 15 Mt.
    const r = readCrossing(curve([0.5, 1, 2], [[0.1, 0], [0.2, 0], [0.8, 0]]), (p) => p.waitMeanH, 0.5);
    expect(r.status).toBe('reached');
    expect(r.multiplier).toBeCloseTo(1.5, 12);
    expect(r.tonnesPerYear).toBeCloseTo(15e6, 3);
  });

  it('gives the interval from the curves of the CI bounds', () => {
    // Upper bound: 0.3 at ×1, 0.9 at ×2 → 0.5 at ×1 + 0.2/0.6 = ×1.333; lower: 0.1, 0.7 → ×1.667.
    const r = readCrossing(curve([0.5, 1, 2], [[0.1, 0.05], [0.2, 0.1], [0.8, 0.1]]), (p) => p.waitMeanH, 0.5);
    if (r.status !== 'reached') throw new Error(r.status);
    expect(r.low! / 1e6).toBeCloseTo(10 + 10 / 3, 6);
    expect(r.high! / 1e6).toBeCloseTo(10 + 20 / 3, 6);
  });

  it('says so when the threshold lies outside the levels, on either side', () => {
    expect(readCrossing(curve([1, 2], [[0.6, 0], [0.9, 0]]), (p) => p.waitMeanH, 0.5)).toMatchObject({ status: 'below-range', multiplier: 1, tonnesPerYear: 10e6 });
    expect(readCrossing(curve([1, 2], [[0.1, 0], [0.2, 0]]), (p) => p.waitMeanH, 0.5)).toMatchObject({ status: 'above-range', multiplier: 2, tonnesPerYear: 20e6 });
  });
});

describe('demand levels', () => {
  it('reads from:to:step with both ends, or a list, sorted and without repeats', () => {
    expect(parseLevels('0.5:2.0:0.1')).toHaveLength(16);
    expect((parseLevels('0.5:2.0:0.1') as number[]).slice(0, 3)).toEqual([0.5, 0.6, 0.7]);
    expect(parseLevels('1.2, 0.8,1.2')).toEqual([0.8, 1.2]);
  });

  it('refuses what is not a level, in words', () => {
    expect(parseLevels('2:1:0.1')).toMatch(/runs backwards/);
    expect(parseLevels('0.5:2:0')).toMatch(/step .* must be positive/);
    expect(parseLevels('0,1')).toMatch(/must be positive/);
    expect(parseLevels('a:b')).toMatch(/not from:to:step/);
  });
});

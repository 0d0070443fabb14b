import { describe, expect, it } from 'vitest';
import { fitToCounts } from '../../src/model/index.js';

const count = (id: string, target: number, cells: number[], coef = cells.map(() => 1)) => ({ id, target, cells: Int32Array.from(cells), coef: Float64Array.from(coef) });

describe('origin–destination estimation from counts (maximum entropy, ME2)', () => {
  it('reproduces a hand-solved case: the prior times one factor per count', () => {
    // Three cells with prior 1; counts x0 + x1 = 4 and x1 + x2 = 2. ME2 gives x = (X, XY, Y) with
    // X(1 + Y) = 4 and Y(X + 1) = 2, so Y² + 3Y − 2 = 0: Y = (√17 − 3)/2, X = 4/(1 + Y).
    const y = (Math.sqrt(17) - 3) / 2, x = 4 / (1 + y);
    const fit = fitToCounts(Float64Array.from([1, 1, 1]), [count('a', 4, [0, 1]), count('b', 2, [1, 2])]);
    expect(fit.converged).toBe(true);
    expect(fit.x[0]).toBeCloseTo(x, 5);
    expect(fit.x[1]).toBeCloseTo(x * y, 5);
    expect(fit.x[2]).toBeCloseTo(y, 5);
    expect(fit.fit.map((f) => f.fitted)).toEqual([expect.closeTo(4, 5), expect.closeTo(2, 5)]);
  });

  it('weights cells by their coefficients (boxes counted in tonnes) and keeps the prior’s zeros', () => {
    const fit = fitToCounts(Float64Array.from([2, 0, 1]), [count('tonnes', 50, [0, 1, 2], [1, 1, 10])]);
    expect(fit.x[1]).toBe(0);
    expect(fit.x[0]! + 10 * fit.x[2]!).toBeCloseTo(50, 6);
    expect(fit.x[0]! / fit.x[2]!).toBeCloseTo(2, 9); // one count: the prior's proportions stay
  });

  it('says which counts it could not meet when they contradict each other; the last ones hold', () => {
    const fit = fitToCounts(Float64Array.from([1, 1]), [count('port', 10, [0, 1]), count('lock', 4, [0]), count('lock again', 6, [0])], 200);
    expect(fit.converged).toBe(false);
    expect(fit.fit[2]!.fitted).toBeCloseTo(6, 9);
    expect(fit.conflicts[0]).toMatchObject({ id: 'lock', target: 4 });
    expect(fit.conflicts[0]!.fitted).toBeCloseTo(6, 6);
    expect(fit.conflicts.map((c) => c.id)).not.toContain('lock again');
  });

  it('refuses a count no pair with prior traffic can carry', () => {
    expect(() => fitToCounts(Float64Array.from([1, 0]), [count('lock', 5, [1])])).toThrow(/count 'lock' is 5 but no origin–destination pair that could carry it has any prior traffic/);
  });
});

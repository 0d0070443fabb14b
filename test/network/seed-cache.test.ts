import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/input/problems.js';
import { loadSeeds } from '../../src/network/index.js';
import { seedCacheKey } from '../../src/network/seed-cache.js';

const NAMES = ['network', 'classes', 'nodes', 'segments', 'locks', 'ports', 'fleet', 'demand', 'hydrology', 'observed'].map((n) => `${n}.yaml`);

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'seed-cache-')), 'seeds');
  cpSync(resolve('test', 'fixtures', 'two-locks'), dir, { recursive: true });
  return dir;
}

describe('loaded seed folders are kept between runs, keyed by their content', () => {
  it('a second load of an unchanged folder equals the first, Maps and all, and names its own folder', () => {
    const a = copy();
    const fresh = loadSeeds(a);
    const again = loadSeeds(a);
    expect(again).toEqual(fresh);
    expect(again.classes).toBeInstanceOf(Map);
    // The same content elsewhere: the same key, and the network says where it was read.
    const b = copy();
    expect(seedCacheKey(b, NAMES)).toBe(seedCacheKey(a, NAMES));
    expect(loadSeeds(b)).toEqual({ ...fresh, dir: b });
  });

  it('an edited file is read afresh: a changed figure shows, a broken one is refused', () => {
    const dir = copy();
    const before = loadSeeds(dir);
    const ports = join(dir, 'ports.yaml');
    const text = readFileSync(ports, 'utf8');
    writeFileSync(ports, text.replace('rate: { value: 1000, unit: t/h', 'rate: { value: 1500, unit: t/h'));
    const after = loadSeeds(dir);
    expect(after.ports[0]!.berths[0]!.ratePerS * 3600).toBeCloseTo(1500, 6);
    expect(before.ports[0]!.berths[0]!.ratePerS * 3600).toBeCloseTo(1000, 6);
    writeFileSync(ports, text.replace('rate: { value: 1000, unit: t/h', 'rate: { value: -5, unit: t/h'));
    expect(() => loadSeeds(dir)).toThrow(InputError);
  });
});

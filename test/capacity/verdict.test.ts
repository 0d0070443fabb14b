import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacityVerdict } from '../../src/capacity/index.js';
import { cycleS } from '../../src/model/lock.js';
import { loadScenario } from '../../src/scenario/load.js';

// The two-lock chain: sand down from the upper port to the lower through a narrow lock (one boat a
// lockage) and a wide one (four), 2,000 t boats at load factor 0.5, back empty; both ports main-line.
const chain = loadScenario(join(process.cwd(), 'test', 'fixtures', 'scenarios', 'chain.yaml'));

describe("the main job's capacity verdict on the two-lock chain", async () => {
  const v = await capacityVerdict(chain.scenario, chain.seed, { replications: 4, tolerance: 0.05, workers: 2 });
  const part = (name: string) => v.parts.find((p) => p.part === name)!;

  it('names the narrow lock as what binds the whole network and the locks alone, by its wait', () => {
    expect(v.parts.map((p) => p.part)).toEqual(['whole network', 'locks alone', 'berths alone']);
    for (const name of ['whole network', 'locks alone']) expect(part(name).binding).toMatchObject({ place: 'narrow', placeKind: 'lock', criterion: 'wait' });
    expect(part('whole network').basis).toBe('chamber sizes all estimated; lockage times all estimated (locks.yaml)');
  });

  it('sustains no more than the narrow lock can serve at all, and comes close to it (batch-service bound, b = 1)', () => {
    const line = chain.seed.locks.find((l) => l.id === 'narrow')!.lines[0]!;
    // At 100% busy: 3600 / T(1) boats an hour, half of them carrying 1,000 t; each tonne counts at both ports.
    const bound = (3600 / cycleS(line, 1)) * 8760 * 0.5 * 1000 * 2;
    const t = part('whole network').tonnes!;
    expect(t.mean).toBeLessThanOrEqual(bound);
    expect(t.mean).toBeGreaterThan(0.85 * bound);
    expect(part('whole network').verdictTonnes).toBe('not reachable');
  });

  it('with every lock open river, the berths alone sustain more than the network', () => {
    const b = part('berths alone');
    expect(b.tonnes!.mean).toBeGreaterThan(part('whole network').tonnes!.mean * 1.3);
  });
});

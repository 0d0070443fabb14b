import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { bindingBasis, capacityVerdict } from '../../src/capacity/index.js';
import { hingeText } from '../../src/report/capacity.js';
import { cycleS } from '../../src/model/lock.js';
import { loadScenario } from '../../src/scenario/load.js';

// The two-lock chain: sand down from the upper port to the lower through a narrow lock (one boat a
// lockage) and a wide one (four), 2,000 t boats at load factor 0.5, back empty; both ports main-line.
const chain = loadScenario(join(process.cwd(), 'test', 'fixtures', 'scenarios', 'chain.yaml'));

describe("the main job's capacity verdict on the two-lock chain", async () => {
  const v = await capacityVerdict(chain.scenario, chain.seeds, { replications: 4, tolerance: 0.05, workers: 2 });
  const part = (name: string) => v.parts.find((p) => p.part === name)!;

  it('names the narrow lock as what binds the whole network and the locks alone, by its wait', () => {
    expect(v.parts.map((p) => p.part)).toEqual(['whole network', 'locks alone', 'berths alone']);
    for (const name of ['whole network', 'locks alone']) expect(part(name).binding).toMatchObject({ place: 'narrow', placeKind: 'lock', criterion: 'wait' });
    expect(part('whole network').basis).toBe('chamber sizes all estimated; lockage times all estimated (locks.yaml)');
  });

  it('sustains no more than the narrow lock can serve at all, and comes close to it (batch-service bound, b = 1)', () => {
    const line = chain.seeds.locks.find((l) => l.id === 'narrow')!.lines[0]!;
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

  it('hinges on the narrow lock: it must pass target ÷ sustained times what it passed, and it passed each tonne once', () => {
    const whole = part('whole network');
    expect(v.hinges.map((h) => h.target)).toEqual(['tonnes']); // sand only: no TEU to scale
    const h = v.hinges[0]!;
    expect(h.load).toMatchObject({ place: 'narrow', kind: 'lock', unit: 't' });
    expect(h.factor).toBeCloseTo(300e6 / whole.tonnes!.mean, 6);
    expect(h.neededPerYear).toBeCloseTo(h.factor * h.load.handledPerYear, 0);
    // Every tonne passes the narrow lock once and counts at both main-line ports.
    expect(h.load.handledPerYear).toBeGreaterThan(0.45 * whole.tonnes!.mean);
    expect(h.load.handledPerYear).toBeLessThan(0.55 * whole.tonnes!.mean);
    // What caps next once it is relieved: the berths alone, still sustaining at the search's limit (×4).
    expect(h.next).toMatchObject({ part: 'berths alone', atLimit: true, binding: null });
    expect(h.nextBerths).toBeNull();
    expect(hingeText(h)).toMatch(/^300 Mt is reachable only if narrow lock passes at least [\d.]+ Mt a year \(both ways\); with its chambers and lockage times \(chamber sizes all estimated; lockage times all estimated\) it passes [\d.]+ Mt at the sustainable level \(×[\d.]+ needed\)\. Beyond it, the berths alone sustain at least [\d.]+ Mt, where the search stopped: whether they reach the target is not known\.$/);
  });
});

describe('the capacity verdict when one berth binds: one dry-bulk berth at the lower port', async () => {
  // A 1,000 t/h berth handles at most 8.76 Mt a year, and with each call's overhead less than the narrow lock's 11 Mt or so.
  const dir = mkdtempSync(join(tmpdir(), 'berth-bound-'));
  const file = join(dir, 'one-berth.yaml');
  writeFileSync(
    file,
    `name: one-berth\nnetwork: ${resolve('test', 'fixtures', 'two-locks')}\nyear: 2013\ndemand:\n  flows:\n    - { from: up, to: down, commodity: sand, tonnesMt: 5 }\nchanges:\n  - setBerths: { port: down, berths: [{ cargo: dry-bulk, count: 1, tonnesPerH: 1000 }] }\nhorizon: { years: 0.5, warmupDays: 10 }\nreplications: 4\nseed: 11\ntargets: { tonnesMt: 25 }\n`,
  );
  const one = loadScenario(file);
  const v = await capacityVerdict(one.scenario, one.seeds, { replications: 4, tolerance: 0.05, workers: 2 });
  const h = v.hinges[0]!;

  it('names the berth, which handles no more than its count × rate × hours, busy nearly all the time', () => {
    expect(v.parts[0]!.binding).toMatchObject({ place: 'down dry-bulk berths', placeKind: 'berths', criterion: 'backlog' });
    expect(h.load).toMatchObject({ place: 'down dry-bulk berths', kind: 'berths', unit: 't', berths: 1, ratePerH: 1000 });
    const bound = 1 * 1000 * 8760;
    expect(h.load.capacityPerYear).toBeCloseTo(bound, -3);
    expect(h.load.handledPerYear).toBeLessThanOrEqual(bound);
    // Each call also takes its mooring overhead, so busy time is more than handling time.
    expect(h.load.busy).toBeGreaterThan(0.85);
    expect(h.load.handledPerYear).toBeGreaterThan(0.3 * bound);
  });

  it('25 Mt needs the berth to handle 25 ÷ sustained times more; the locks alone then cap the chain short of it', () => {
    expect(h.factor).toBeGreaterThan(1);
    expect(h.neededPerYear).toBeCloseTo(h.factor * h.load.handledPerYear, 0);
    expect(h.next).toMatchObject({ part: 'locks alone', binding: { place: 'narrow' } });
    expect(h.next!.sustained!).toBeLessThan(25e6);
    // The other berth groups barely work: full only far above the target.
    expect(h.nextBerths!.sustainedAtFull).toBeGreaterThan(25e6);
    expect(hingeText(h)).toMatch(/^25 Mt is reachable only if down dry-bulk berths handle at least [\d.]+ Mt a year; at the scenario's 1 berth × 1000 t\/h \(set by the scenario\) they handle [\d.]+ Mt at the sustainable level \(×[\d.]+ needed\)\. Even so the locks alone sustain [\d.]+ Mt, bound by narrow: short of the target\. The busiest other berths, [a-z -]+, are \d+% busy there: full at about [\d.]+ Mt\.$/);
  });
});

describe('what a binding berth group rests on, when the scenario sets berths', () => {
  it('a kind the scenario names is its own figure; the kinds a setBerths keeps from the seeds still rest on the seeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'set-berths-'));
    const file = join(dir, 's.yaml');
    writeFileSync(file, `name: set-container\nnetwork: ${resolve('test', 'fixtures', 'two-locks')}\nyear: 2013\ndemand:\n  flows:\n    - { from: up, to: down, commodity: sand, tonnesMt: 5 }\nchanges:\n  - setBerths: { port: down, berths: [{ cargo: container, count: 2, teuPerH: 50 }] }\n`);
    const { scenario, seeds } = loadScenario(file);
    const at = (place: string) => bindingBasis(seeds, { criterion: 'backlog', place, placeKind: 'berths', value: 2, limit: 1 }, scenario.changes);
    expect(at('down container berths')).toBe('berth count and handling rate set by the scenario (scenario)');
    expect(at('down dry-bulk berths')).toBe('berth count and handling rate all estimated (ports.yaml)');
    expect(at('up container berths')).toBe('berth count and handling rate all estimated (ports.yaml)');
  });
});

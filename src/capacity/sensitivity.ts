import seedrandom from 'seedrandom';
import { loadSeeds, type SeedFigure, type SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { DEFAULT_CRITERIA, type Criteria } from './bottlenecks.js';
import { bracketOf, mainLineOf, partOptions, searchCapacity, searchVerdict, type CapacityPartName, type CapacitySearch, type SearchOptions, type Violation } from './search.js';
import { bindingFigures } from './verdict.js';

/**
 * One-at-a-time sensitivity of the sustainable main-line throughput (a tornado): each
 * uncertain input that touches what binds the network is set to the low and then the high
 * end of its range in the seeds, and the capacity search runs again. Ranked by the swing in
 * sustainable Mt; an input whose range flips a target's verdict is what the verdict hinges on.
 *
 * What binds next is studied too: when berths bind the network, the figures behind what binds
 * the locks alone are varied in the locks-alone search (and the other way round), so that a
 * planner who relieves the first bottleneck sees what the next answer hinges on.
 */

export interface SensitivitySide {
  value: number;
  multiplier: number | null;
  search: CapacitySearch;
}

export interface TornadoRow {
  part: CapacityPartName;
  figure: SeedFigure;
  label: string;
  unit: string;
  low: SensitivitySide;
  high: SensitivitySide;
  /** |Mt at high − Mt at low|, and the same in M TEU. */
  swingMt: number;
  swingMTeu: number;
  /** Targets whose verdict differs between the ends of the range. */
  flips: { target: 'tonnes' | 'teu'; low: string; high: string }[];
  /** The swing is under the search's resolution (its bisection tolerance at the part's sustainable level): not told apart from none. */
  withinResolution: boolean;
}

/** One draw of every input together (a Latin hypercube sample), and what the network sustains with it. */
export interface JointSample {
  values: number[];
  search: CapacitySearch;
}

/**
 * The inputs drawn together: P(target reachable) over the estimates' uncertainty, and the
 * simulation's own noise apart (the mean CI half-width within a sample).
 */
export interface JointStudy {
  samples: JointSample[];
  /** Share of samples whose sustainable mean reaches each target, and whose whole 95% CI does. */
  pMeanReaches: { tonnes: number; teu: number };
  pCiReaches: { tonnes: number; teu: number };
  /** The spread across samples (the estimates' uncertainty): 5%, 50% and 95% of the sustainable means. */
  spreadMt: [number, number, number];
  spreadMTeu: [number, number, number];
  /** The simulation's noise: mean 95% half-width within a sample. */
  noiseMt: number;
  noiseMTeu: number;
}

export interface Sensitivity {
  scenario: ResolvedScenario;
  criteria: Criteria;
  replications: number;
  base: CapacitySearch;
  /** The other kind of element on its own (the locks alone when berths bind, else the berths alone), when its figures were varied. */
  next: { part: CapacityPartName; base: CapacitySearch } | null;
  /** The bisection tolerance (share of the level) the searches stop at. */
  tolerance: number;
  /** Whole-network rows first, then the next part's; each ranked by swing. */
  rows: TornadoRow[];
  /** The inputs' labels in the order the samples hold their values. */
  inputs: string[];
  joint: JointStudy | null;
  wallS: number;
}

/** The main-line tonnes (or TEU) a search found sustainable: its mean; 0 when no level was. */
export function sustained(search: CapacitySearch, target: 'tonnes' | 'teu'): number {
  return search.sustainable ? mainLineOf(search.sustainable, target).mean : 0;
}

/** The ranged seed figures behind an element that binds (bindingFigures' selection), in the seeds' order. */
export function figuresBehind(seeds: SeedNetwork, v: Violation | null): SeedFigure[] {
  if (!v) return [];
  const behind = new Set(bindingFigures(seeds, v).flatMap((g) => g.figures));
  return seeds.figures.filter((f) => f.range && behind.has(f));
}

/** A figure's name as a planner reads it: the port or lock by id, then the field. */
export function figureLabel(seeds: SeedNetwork, f: SeedFigure): string {
  const [i, ...rest] = f.at;
  const tail = rest.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
  if (f.file === 'ports.yaml' && typeof i === 'number') {
    const p = seeds.ports[i]!;
    const m = /^berths\[(\d+)\]\.(\w+)$/.exec(tail);
    return m ? `${p.id} ${p.berths[Number(m[1])]!.cargo} berths: ${m[2]}` : `${p.id} ${tail}`;
  }
  if (f.file === 'locks.yaml' && typeof i === 'number') {
    const l = seeds.locks[i]!;
    const m = /^lines\[(\d+)\]\.(.+)$/.exec(tail);
    return m ? `${l.id} line ${l.lines[Number(m[1])]!.id}: ${m[2]}` : `${l.id} ${tail}`;
  }
  return `${f.file.replace(/\.yaml$/, '')} ${f.path}`;
}

export interface SensitivityOptions extends SearchOptions {
  /**
   * The inputs to vary, on the whole network; default: the figures behind what binds the whole
   * network, and tonnes a TEU; then the figures behind what binds the other kind of element alone.
   */
  inputs?: SeedFigure[];
  /** Latin hypercube samples of all inputs together (0: the tornado alone). */
  samples?: number;
}

/**
 * A Latin hypercube over the inputs' ranges, each uniform on [low, high]: every input's range
 * cut into n equal strata, one draw in each, the strata paired at random. Seeded.
 */
export function latinHypercube(ranges: readonly { low: number; high: number }[], n: number, seed: number | string): number[][] {
  const rng = seedrandom.alea(`${seed}|latin-hypercube`);
  const columns = ranges.map((r) => {
    const strata = Array.from({ length: n }, (_, k) => k);
    for (let k = n - 1; k > 0; k--) {
      const j = Math.floor(rng() * (k + 1));
      [strata[k], strata[j]] = [strata[j]!, strata[k]!];
    }
    return strata.map((k) => r.low + ((k + rng()) / n) * (r.high - r.low));
  });
  return Array.from({ length: n }, (_, k) => columns.map((c) => c[k]!));
}

export async function studySensitivity(scenario: ResolvedScenario, seeds: SeedNetwork, opts: SensitivityOptions = {}): Promise<Sensitivity> {
  const started = performance.now();
  const criteria = opts.criteria ?? DEFAULT_CRITERIA;
  const { inputs: given, samples: _samples, ...search } = opts;
  const locks = seeds.locks.map((l) => l.id);
  const tolerance = opts.tolerance ?? 0.02;
  opts.onSearch?.("the seeds' values");
  const base = await searchCapacity(scenario, { ...search, criteria, seeds });
  const tpt = seeds.figures.filter((f) => f.file === 'demand.yaml' && f.path === 'tonnesPerTeu' && f.range);
  const wholeInputs = given ?? [...figuresBehind(seeds, base.binding), ...tpt];
  // What binds once the first bottleneck is relieved: the other kind of element, searched alone.
  let next: Sensitivity['next'] = null;
  let nextInputs: SeedFigure[] = [];
  if (!given && base.binding && seeds.locks.length > 0) {
    const part: CapacityPartName = base.binding.placeKind === 'berths' ? 'locks alone' : 'berths alone';
    opts.onSearch?.(`the seeds' values, ${part}`);
    const s = await searchCapacity(scenario, { ...search, ...partOptions(part, locks), criteria, seeds });
    next = { part, base: s };
    nextInputs = figuresBehind(seeds, s.binding).filter((f) => !wholeInputs.includes(f));
  }
  const side = async (f: SeedFigure, end: 'low' | 'high', part: CapacityPartName, from: CapacitySearch): Promise<SensitivitySide> => {
    const value = f.written![end]!;
    opts.onSearch?.(`${figureLabel(seeds, f)} at its ${end} end${part === 'whole network' ? '' : `, ${part}`}`);
    const variant = loadSeeds(seeds.dir.replace(/#.*$/, ''), undefined, [{ file: f.file, at: f.at, value }]);
    const s = await searchCapacity({ ...scenario, seedsDir: variant.dir }, { ...search, ...partOptions(part, locks), criteria, seeds: variant, ...bracketOf(from) });
    return { value, multiplier: s.sustainable?.multiplier ?? null, search: s };
  };
  const tornado = async (inputs: SeedFigure[], part: CapacityPartName, from: CapacitySearch): Promise<TornadoRow[]> => {
    const rows: TornadoRow[] = [];
    for (const f of inputs) {
      const low = await side(f, 'low', part, from);
      const high = await side(f, 'high', part, from);
      const flips = (['tonnes', 'teu'] as const).flatMap((target) => {
        const at = (s: SensitivitySide) => searchVerdict(s.search, target);
        return at(low) !== at(high) ? [{ target, low: at(low), high: at(high) }] : [];
      });
      const swingMt = Math.abs(sustained(high.search, 'tonnes') - sustained(low.search, 'tonnes')) / 1e6;
      const resolutionMt = (tolerance * sustained(from, 'tonnes')) / 1e6;
      rows.push({ part, figure: f, label: figureLabel(seeds, f), unit: f.written!.unit, low, high, swingMt, swingMTeu: Math.abs(sustained(high.search, 'teu') - sustained(low.search, 'teu')) / 1e6, flips, withinResolution: flips.length === 0 && swingMt <= resolutionMt });
    }
    return rows.sort((a, b) => b.swingMt - a.swingMt || b.swingMTeu - a.swingMTeu);
  };
  const rows = [...(await tornado(wholeInputs, 'whole network', base)), ...(next ? await tornado(nextInputs, next.part, next.base) : [])];

  // All inputs drawn together, on the whole network: with the first bottleneck's figures high, the next one's may bind.
  const inputs = [...wholeInputs, ...nextInputs];
  let joint: JointStudy | null = null;
  if ((opts.samples ?? 0) > 0 && inputs.length > 0) {
    const draws = latinHypercube(inputs.map((f) => ({ low: f.written!.low!, high: f.written!.high! })), opts.samples!, opts.seed ?? scenario.seed);
    const samples: JointSample[] = [];
    for (const [k, values] of draws.entries()) {
      opts.onSearch?.(`joint sample ${k + 1} of ${draws.length}`);
      const variant = loadSeeds(seeds.dir.replace(/#.*$/, ''), undefined, inputs.map((f, i) => ({ file: f.file, at: f.at, value: values[i]! })));
      samples.push({ values, search: await searchCapacity({ ...scenario, seedsDir: variant.dir }, { ...search, criteria, seeds: variant, ...bracketOf(base) }) });
    }
    joint = summariseJoint(samples, base.targets);
  }
  return { scenario, criteria, replications: base.replications, base, next, tolerance, rows, inputs: inputs.map((f) => figureLabel(seeds, f)), joint, wallS: (performance.now() - started) / 1000 };
}

function summariseJoint(samples: JointSample[], targets: { tonnes: number; teu: number }): JointStudy {
  const got = samples.map((x) => x.search.sustainable);
  const share = (f: (e: NonNullable<(typeof got)[number]>) => boolean) => got.filter((e) => e !== null && f(e)).length / samples.length;
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))]!;
  };
  const mts = got.map((e) => (e ? e.mainLineTonnes.mean / 1e6 : 0)), teus = got.map((e) => (e ? e.mainLineTeu.mean / 1e6 : 0));
  const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    samples,
    pMeanReaches: { tonnes: share((e) => e.mainLineTonnes.mean >= targets.tonnes), teu: share((e) => e.mainLineTeu.mean >= targets.teu) },
    pCiReaches: { tonnes: share((e) => e.mainLineTonnes.low >= targets.tonnes), teu: share((e) => e.mainLineTeu.low >= targets.teu) },
    spreadMt: [q(mts, 0.05), q(mts, 0.5), q(mts, 0.95)],
    spreadMTeu: [q(teus, 0.05), q(teus, 0.5), q(teus, 0.95)],
    noiseMt: mean(finite(got.map((e) => (e ? e.mainLineTonnes.halfWidth / 1e6 : NaN)))),
    noiseMTeu: mean(finite(got.map((e) => (e ? e.mainLineTeu.halfWidth / 1e6 : NaN)))),
  };
}

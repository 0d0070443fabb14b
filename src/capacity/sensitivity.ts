import { loadSeeds, type SeedFigure, type SeedNetwork } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { DEFAULT_CRITERIA, type Criteria } from './bottlenecks.js';
import { searchCapacity, verdict, type CapacitySearch, type SearchOptions, type Violation } from './search.js';

/**
 * One-at-a-time sensitivity of the sustainable main-line throughput (a tornado): each
 * uncertain input that touches what binds the network is set to the low and then the high
 * end of its range in the seeds, and the capacity search runs again. Ranked by the swing in
 * sustainable Mt; an input whose range flips a target's verdict is what the verdict hinges on.
 */

export interface SensitivitySide {
  value: number;
  multiplier: number | null;
  search: CapacitySearch;
}

export interface TornadoRow {
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
}

export interface Sensitivity {
  scenario: ResolvedScenario;
  criteria: Criteria;
  replications: number;
  base: CapacitySearch;
  rows: TornadoRow[];
  wallS: number;
}

/** The ranged seed figures behind an element that binds: a berth group's count and rate, a lock's chambers and lockage times. */
export function figuresBehind(seed: SeedNetwork, v: Violation | null): SeedFigure[] {
  if (!v) return [];
  const ranged = seed.figures.filter((f) => f.range);
  if (v.placeKind === 'lock') {
    const i = seed.locks.findIndex((l) => l.id === v.place);
    return ranged.filter((f) => f.file === 'locks.yaml' && f.at[0] === i && (f.at.includes('cycle') || ['length', 'width', 'sillDepth'].includes(String(f.at[f.at.length - 1]))));
  }
  const [portId, cargo] = v.place.split(' ');
  const i = seed.ports.findIndex((p) => p.id === portId);
  const k = i < 0 ? -1 : seed.ports[i]!.berths.findIndex((b) => b.cargo === cargo);
  return ranged.filter((f) => f.file === 'ports.yaml' && f.at[0] === i && f.at[1] === 'berths' && f.at[2] === k);
}

/** A figure's name as a planner reads it: the port or lock by id, then the field. */
export function figureLabel(seed: SeedNetwork, f: SeedFigure): string {
  const [i, ...rest] = f.at;
  const tail = rest.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
  if (f.file === 'ports.yaml' && typeof i === 'number') {
    const p = seed.ports[i]!;
    const m = /^berths\[(\d+)\]\.(\w+)$/.exec(tail);
    return m ? `${p.id} ${p.berths[Number(m[1])]!.cargo} berths: ${m[2]}` : `${p.id} ${tail}`;
  }
  if (f.file === 'locks.yaml' && typeof i === 'number') {
    const l = seed.locks[i]!;
    const m = /^lines\[(\d+)\]\.(.+)$/.exec(tail);
    return m ? `${l.id} line ${l.lines[Number(m[1])]!.id}: ${m[2]}` : `${l.id} ${tail}`;
  }
  return `${f.file.replace(/\.yaml$/, '')} ${f.path}`;
}

export interface SensitivityOptions extends SearchOptions {
  /** The inputs to vary; default: the figures behind what binds the whole network, and tonnes a TEU. */
  inputs?: SeedFigure[];
}

export async function studySensitivity(scenario: ResolvedScenario, seed: SeedNetwork, opts: SensitivityOptions = {}): Promise<Sensitivity> {
  const started = performance.now();
  const criteria = opts.criteria ?? DEFAULT_CRITERIA;
  const { inputs: given, ...search } = opts;
  const base = await searchCapacity(scenario, { ...search, criteria, seeds: seed });
  const tpt = seed.figures.filter((f) => f.file === 'demand.yaml' && f.path === 'tonnesPerTeu' && f.range);
  const inputs = given ?? [...figuresBehind(seed, base.binding), ...tpt];
  const bracket = base.sustainable && base.unsustainable ? { lo: base.sustainable.multiplier, hi: base.unsustainable.multiplier } : undefined;
  const side = async (f: SeedFigure, end: 'low' | 'high'): Promise<SensitivitySide> => {
    const value = f.written![end]!;
    const variant = loadSeeds(seed.dir.replace(/#.*$/, ''), undefined, [{ file: f.file, at: f.at, value }]);
    const s = await searchCapacity({ ...scenario, seedsDir: variant.dir }, { ...search, criteria, seeds: variant, ...(bracket ? { bracket } : {}) });
    return { value, multiplier: s.sustainable?.multiplier ?? null, search: s };
  };
  const rows: TornadoRow[] = [];
  for (const f of inputs) {
    const low = await side(f, 'low');
    const high = await side(f, 'high');
    const mt = (s: SensitivitySide, k: 'mainLineTonnes' | 'mainLineTeu') => s.search.sustainable?.[k].mean ?? 0;
    const flips = (['tonnes', 'teu'] as const).flatMap((target) => {
      const key = target === 'tonnes' ? 'mainLineTonnes' : 'mainLineTeu';
      const at = (s: SensitivitySide) => (s.search.sustainable ? verdict(s.search.sustainable[key], s.search.targets[target]) : 'not reachable');
      return at(low) !== at(high) ? [{ target, low: at(low), high: at(high) }] : [];
    });
    rows.push({ figure: f, label: figureLabel(seed, f), unit: f.written!.unit, low, high, swingMt: Math.abs(mt(high, 'mainLineTonnes') - mt(low, 'mainLineTonnes')) / 1e6, swingMTeu: Math.abs(mt(high, 'mainLineTeu') - mt(low, 'mainLineTeu')) / 1e6, flips });
  }
  rows.sort((a, b) => b.swingMt - a.swingMt || b.swingMTeu - a.swingMTeu);
  return { scenario, criteria, replications: base.replications, base, rows, wallS: (performance.now() - started) / 1000 };
}

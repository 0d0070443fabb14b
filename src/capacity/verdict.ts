import type { Berth, NetworkChange, SeedNetwork } from '../network/index.js';
import type { Stat } from '../run/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { DEFAULT_CRITERIA, type Criteria } from './bottlenecks.js';
import type { PlaceLoad } from './criteria.js';
import { mainLineOf, searchVerdict, studyCapacity, verdict, type CapacityPartName, type CapacitySearch, type SearchOptions, type Violation } from './search.js';

/**
 * The plan's question as the main job answers it: the largest main-line throughput the
 * scenario's network sustains (the capacity search), against the targets, for the whole
 * network, the locks alone and the berths alone, each with what binds it and whether that
 * rests on published figures or on estimates.
 */

export type { CapacityPartName };

export interface CapacityPart {
  part: CapacityPartName;
  /** The highest demand multiplier sustained (null: not even the lowest tried). */
  multiplier: number | null;
  /** True when the search stopped at its upper limit still sustaining: capacity is at least this. */
  atLimit: boolean;
  tonnes: Stat | null;
  teu: Stat | null;
  verdictTonnes: ReturnType<typeof verdict>;
  verdictTeu: ReturnType<typeof verdict>;
  binding: Violation | null;
  /** What the binding element's figures stand on, in words. */
  basis: string;
}

export interface CapacityVerdict {
  criteria: Criteria;
  replications: number;
  tolerance: number;
  targets: { tonnes: number; teu: number };
  parts: CapacityPart[];
  /** For each target, the whole network's binding element and what it must carry for the target. */
  hinges: Hinge[];
  wallS: number;
}

/**
 * What a target hinges on, to first order: the sustainable level taken to scale with the
 * binding element's capacity, the element must carry target ÷ sustained times what it
 * carried at the sustainable level. `next` is the other part's answer (the locks alone when
 * berths bind, the berths alone when a lock binds): what caps the network once it is relieved.
 */
export interface Hinge {
  target: 'tonnes' | 'teu';
  targetValue: number;
  sustained: number;
  /** target ÷ sustained: above 1, the element must carry more; below, the margin it has. */
  factor: number;
  binding: Violation;
  load: PlaceLoad;
  /** What the element must carry a year, in the load's unit. */
  neededPerYear: number;
  basis: string;
  /** Where the element's figures come from: any estimate makes it 'estimated'. */
  figures: 'sourced' | 'estimated' | 'set by the scenario';
  next: { part: CapacityPartName; sustained: number | null; binding: Violation | null; atLimit: boolean } | null;
  /**
   * When berths bind: the busiest other berth group at the sustainable level, and the
   * target's unit it would allow to first order (full at 100% busy). The locks-alone search
   * answers for the locks; this, roughly, for the other berths.
   */
  nextBerths: { load: PlaceLoad; sustainedAtFull: number } | null;
}

export async function capacityVerdict(scenario: ResolvedScenario, seeds: SeedNetwork, opts: SearchOptions = {}): Promise<CapacityVerdict> {
  const started = performance.now();
  const criteria = opts.criteria ?? DEFAULT_CRITERIA;
  const study = await studyCapacity(scenario, { ...opts, criteria, seeds });
  const parts = ([
    ['whole network', study.search],
    ['locks alone', study.locksOnly],
    ['berths alone', study.berthsOnly],
  ] as const)
    .filter((p): p is readonly [CapacityPartName, CapacitySearch] => p[1] !== null)
    .map(([part, s]) => {
      const e = s.sustainable;
      return {
        part,
        multiplier: e?.multiplier ?? null,
        atLimit: e !== null && s.unsustainable === null,
        tonnes: e?.mainLineTonnes ?? null,
        teu: e?.mainLineTeu ?? null,
        verdictTonnes: searchVerdict(s, 'tonnes'),
        verdictTeu: searchVerdict(s, 'teu'),
        binding: s.binding,
        basis: s.binding ? bindingBasis(seeds, s.binding, scenario.changes) : '',
      };
    });
  const hinges = hingesOf(study.search, parts, seeds, scenario.changes);
  return { criteria, replications: study.search.replications, tolerance: opts.tolerance ?? 0.02, targets: study.search.targets, parts, hinges, wallS: (performance.now() - started) / 1000 };
}

function hingesOf(search: CapacitySearch, parts: CapacityPart[], seeds: SeedNetwork, changes: readonly NetworkChange[]): Hinge[] {
  const e = search.sustainable, binding = search.binding;
  if (!e || !binding) return [];
  const load = e.loads.find((l) => l.place === binding.place);
  if (!load || load.handledPerYear <= 0) return [];
  const other = parts.find((p) => p.part === (binding.placeKind === 'lock' ? 'berths alone' : 'locks alone'));
  const basis = bindingBasis(seeds, binding, changes);
  const busiest = binding.placeKind === 'berths' ? e.loads.filter((l) => l.kind === 'berths' && l.place !== binding.place && l.busy > 0).sort((a, b) => b.busy - a.busy)[0] : undefined;
  return (['tonnes', 'teu'] as const)
    .filter((t) => search.targets[t] > 0 && mainLineOf(e, t).mean > 0)
    .map((target) => {
      const sustained = mainLineOf(e, target).mean;
      const factor = search.targets[target] / sustained;
      return {
        target,
        targetValue: search.targets[target],
        sustained,
        factor,
        binding,
        load,
        neededPerYear: factor * load.handledPerYear,
        basis,
        figures: bindingEstimated(seeds, binding, changes) ? 'estimated' : /set by the scenario/.test(basis) && binding.placeKind === 'berths' ? 'set by the scenario' : 'sourced',
        nextBerths: busiest ? { load: busiest, sustainedAtFull: sustained / busiest.busy } : null,
        next: other ? { part: other.part, sustained: (target === 'tonnes' ? other.tonnes : other.teu)?.mean ?? null, binding: other.binding, atLimit: other.atLimit } : null,
      };
    });
}

/**
 * The seed figures behind an element's capacity, in groups: a lock's chamber sizes and lockage
 * times, a berth group's count and rate. A scenario change to the element is its own group: the
 * planner's figure, neither sourced nor estimated (a berth group it sets has no seed figures left).
 */
export function bindingFigures(seeds: SeedNetwork, v: Violation, changes: readonly NetworkChange[] = []): { label: string; file: string; figures: SeedNetwork['figures'] }[] {
  const of = (file: string, match: RegExp | ((path: string) => boolean)) => seeds.figures.filter((f) => f.file === file && (match instanceof RegExp ? match.test(f.path) : match(f.path)));
  if (v.placeKind === 'lock') {
    const i = seeds.locks.findIndex((l) => l.id === v.place);
    if (i < 0) return [];
    const changed = changes.filter((c) => (c.kind === 'add-lock-line' || c.kind === 'modify-lock-line' || c.kind === 'modify-lock') && c.lock === v.place);
    return [
      { label: 'chamber sizes', file: 'locks.yaml', figures: of('locks.yaml', new RegExp(`^\\[${i}\\]\\.lines\\[\\d+\\]\\.(length|width|sillDepth)$`)) },
      { label: 'lockage times', file: 'locks.yaml', figures: of('locks.yaml', new RegExp(`^\\[${i}\\](\\.lines\\[\\d+\\])?\\.cycle\\.`)) },
      ...(changed.length > 0 ? [{ label: `${changed.map((c) => c.kind).join(', ')} set by the scenario`, file: 'scenario', figures: [] }] : []),
    ];
  }
  const [portId, cargo] = v.place.split(' ');
  const i = seeds.ports.findIndex((p) => p.id === portId);
  if (i < 0) return [];
  // A set-berths change carries the port's other kinds unchanged: only a kind whose berths differ from the seeds' was set.
  const same = (a: readonly Berth[], b: readonly Berth[]) => a.length === b.length && a.every((x, k) => x.count === b[k]!.count && x.ratePerS === b[k]!.ratePerS);
  const seedsOf = seeds.ports[i]!.berths.filter((b) => b.cargo === cargo);
  const set = changes.some((c) => c.kind === 'set-berths' && c.port === portId && !same(c.berths.filter((b) => b.cargo === cargo), seedsOf));
  if (set) return [{ label: 'berth count and handling rate set by the scenario', file: 'scenario', figures: [] }];
  const k = seeds.ports[i]!.berths.findIndex((b) => b.cargo === cargo);
  return [{ label: 'berth count and handling rate', file: 'ports.yaml', figures: of('ports.yaml', (p) => p === `[${i}].berths[${k}].count` || p === `[${i}].berths[${k}].rate`) }];
}

const isEstimate = (f: SeedNetwork['figures'][number]) => f.provenance.estimate !== undefined;

/**
 * What the binding element's capacity stands on: for a lock its chambers' sizes and its
 * lockage times, for a berth group its count and handling rate; each sourced, estimated or
 * set by the scenario.
 */
export function bindingBasis(seeds: SeedNetwork, v: Violation, changes: readonly NetworkChange[] = []): string {
  const groups = bindingFigures(seeds, v, changes);
  if (groups.length === 0) return '';
  const share = (fs: SeedNetwork['figures']) => {
    const estimated = fs.filter(isEstimate).length;
    return fs.length === 0 ? 'no figures' : estimated === 0 ? 'all sourced' : estimated === fs.length ? 'all estimated' : `${fs.length - estimated} of ${fs.length} sourced`;
  };
  const files = [...new Set(groups.map((g) => g.file))];
  return `${groups.map((g) => (g.file === 'scenario' ? g.label : `${g.label} ${share(g.figures)}`)).join('; ')} (${files.join(', ')})`;
}

/** Whether any figure behind the element's capacity is an estimate. */
export function bindingEstimated(seeds: SeedNetwork, v: Violation, changes: readonly NetworkChange[] = []): boolean {
  return bindingFigures(seeds, v, changes).some((g) => g.figures.some(isEstimate));
}

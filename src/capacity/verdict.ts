import type { SeedNetwork } from '../network/index.js';
import type { Stat } from '../run/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { DEFAULT_CRITERIA, type Criteria } from './bottlenecks.js';
import { studyCapacity, verdict, type CapacitySearch, type SearchOptions, type Violation } from './search.js';

/**
 * The plan's question as the main job answers it: the largest main-line throughput the
 * scenario's network sustains (the capacity search), against the targets, for the whole
 * network, the locks alone and the berths alone, each with what binds it and whether that
 * rests on published figures or on estimates.
 */

export type CapacityPartName = 'whole network' | 'locks alone' | 'berths alone';

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
  wallS: number;
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
        verdictTonnes: e ? verdict(e.mainLineTonnes, s.targets.tonnes) : ('not reachable' as const),
        verdictTeu: e ? verdict(e.mainLineTeu, s.targets.teu) : ('not reachable' as const),
        binding: s.binding,
        basis: s.binding ? bindingBasis(seeds, s.binding) : '',
      };
    });
  return { criteria, replications: study.search.replications, tolerance: opts.tolerance ?? 0.02, targets: study.search.targets, parts, wallS: (performance.now() - started) / 1000 };
}

/**
 * What the binding element's capacity stands on: for a lock its chambers' sizes and its
 * lockage times, for a berth group its count and handling rate; each sourced or estimated.
 */
export function bindingBasis(seed: SeedNetwork, v: Violation): string {
  const share = (file: string, match: (path: string) => boolean) => {
    const fs = seed.figures.filter((f) => f.file === file && match(f.path));
    const estimated = fs.filter((f) => f.provenance.estimate !== undefined).length;
    return fs.length === 0 ? 'no figures' : estimated === 0 ? 'all sourced' : estimated === fs.length ? 'all estimated' : `${fs.length - estimated} of ${fs.length} sourced`;
  };
  if (v.placeKind === 'lock') {
    const i = seed.locks.findIndex((l) => l.id === v.place);
    if (i < 0) return '';
    const dims = share('locks.yaml', (p) => new RegExp(`^\\[${i}\\]\\.lines\\[\\d+\\]\\.(length|width|sillDepth)$`).test(p));
    const times = share('locks.yaml', (p) => new RegExp(`^\\[${i}\\](\\.lines\\[\\d+\\])?\\.cycle\\.`).test(p));
    return `chamber sizes ${dims}; lockage times ${times} (locks.yaml)`;
  }
  const [portId, cargo] = v.place.split(' ');
  const i = seed.ports.findIndex((p) => p.id === portId);
  if (i < 0) return '';
  const k = seed.ports[i]!.berths.findIndex((b) => b.cargo === cargo);
  return `berth count and handling rate ${share('ports.yaml', (p) => p === `[${i}].berths[${k}].count` || p === `[${i}].berths[${k}].rate`)} (ports.yaml)`;
}

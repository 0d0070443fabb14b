import { withSession, type Stat } from '../run/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { DEFAULT_CRITERIA, waitOf, type Criteria } from './bottlenecks.js';
import { placeLoads, UNBOUNDED_BACKLOG_DAYS, unboundedQueues, type PlaceLoad } from './criteria.js';
import { lockCurves } from './curves.js';
import { round } from './levels.js';
import { sweepDemand, type SweepOptions } from './sweep.js';

/** Why a demand level is not sustainable. */
export interface Violation {
  criterion: 'wait' | 'backlog';
  place: string;
  placeKind: 'lock' | 'berths';
  /** Mean wait in hours, or days of traffic held at the end of the year. */
  value: number;
  limit: number;
}

export interface Evaluation {
  multiplier: number;
  sustainable: boolean;
  /** Worst first (by value ÷ limit). */
  violations: Violation[];
  mainLineTonnes: Stat;
  mainLineTeu: Stat;
  /** What each lock and berth group carried at this level. */
  loads: PlaceLoad[];
}

export interface CapacitySearch {
  criteria: Criteria;
  berthsUnconstrained: boolean;
  /** Locks passed as open river in this search (every lock: the berths alone). */
  relievedLocks: string[];
  /** The highest sustainable level found, and the lowest unsustainable one. */
  sustainable: Evaluation | null;
  unsustainable: Evaluation | null;
  /** What fails first above the sustainable level. */
  binding: Violation | null;
  evaluations: Evaluation[];
  targets: { tonnes: number; teu: number };
  replications: number;
  wallS: number;
}

export interface SearchOptions extends Omit<SweepOptions, 'levels'> {
  criteria?: Criteria;
  /** Stop when the bracket is narrower than this share of its lower end (default 0.02). */
  tolerance?: number;
  maxMultiplier?: number;
  minMultiplier?: number;
  onEvaluation?: (e: Evaluation) => void;
  /** A study names each search as it starts (for progress): 'whole network', 'locks alone', … */
  onSearch?: (what: string) => void;
  /** A bracket known from a related search (its sustainable and unsustainable levels), tried first. */
  bracket?: { lo: number; hi: number };
}

/**
 * The largest demand multiplier at which every lock's mean wait stays under the
 * threshold and no queue (lock or berths) ends the year unbounded: bracketed by
 * steps of ×1.5 up or ×0.5 down from the scenario's own demand, then bisected.
 * Each level runs the replications with common random numbers, so sustainable
 * or not is judged on the replications' mean at each level.
 */
export async function searchCapacity(scenario: ResolvedScenario, opts: SearchOptions = {}): Promise<CapacitySearch> {
  if (!opts.session) return withSession(undefined, (session) => searchCapacity(scenario, { ...opts, session }));
  const criteria = opts.criteria ?? DEFAULT_CRITERIA;
  const tolerance = opts.tolerance ?? 0.02;
  const max = opts.maxMultiplier ?? 4, min = opts.minMultiplier ?? 1 / 16;
  const started = performance.now();
  const evaluations: Evaluation[] = [];
  let targets = { tonnes: 0, teu: 0 };
  let replications = 0;
  const evaluate = async (m: number): Promise<Evaluation> => {
    const sweep = await sweepDemand(scenario, { ...opts, levels: [m] });
    const level = sweep.levels[0]!;
    replications = sweep.replications;
    targets = { tonnes: level.aggregate.mainLine.targetTonnes, teu: level.aggregate.mainLine.targetTeu };
    const violations: Violation[] = [];
    for (const c of lockCurves(sweep)) {
      const w = waitOf(criteria)(c.points[0]!).mean;
      if (w > criteria.waitThresholdH) violations.push({ criterion: 'wait', place: c.id, placeKind: 'lock', value: w, limit: criteria.waitThresholdH });
    }
    for (const q of unboundedQueues(level)) violations.push({ criterion: 'backlog', place: q.place, placeKind: q.kind, value: q.days, limit: UNBOUNDED_BACKLOG_DAYS });
    violations.sort((a, b) => b.value / b.limit - a.value / a.limit);
    const e = { multiplier: m, sustainable: violations.length === 0, violations, mainLineTonnes: level.aggregate.mainLine.tonnes, mainLineTeu: level.aggregate.mainLine.teu, loads: placeLoads(level) };
    evaluations.push(e);
    opts.onEvaluation?.(e);
    return e;
  };

  let lo: Evaluation | null = null, hi: Evaluation | null = null;
  const start = await evaluate(opts.bracket?.lo ?? 1);
  if (start.sustainable) {
    lo = start;
    if (opts.bracket) {
      // The related search's bracket, if it holds here too, saves the stepping.
      const top = await evaluate(opts.bracket.hi);
      if (top.sustainable) lo = top;
      else hi = top;
    }
    while (!hi && lo.multiplier < max) {
      const e = await evaluate(round(Math.min(max, lo.multiplier * 1.5)));
      if (e.sustainable) lo = e;
      else hi = e;
    }
  } else {
    hi = start;
    while (!lo && hi.multiplier > min) {
      const e = await evaluate(round(Math.max(min, hi.multiplier * 0.5)));
      if (e.sustainable) lo = e;
      else hi = e;
    }
  }
  while (lo && hi && hi.multiplier - lo.multiplier > tolerance * lo.multiplier) {
    const e = await evaluate(round(Math.round(((lo.multiplier + hi.multiplier) / 2) * 1000) / 1000));
    if (e.multiplier === lo.multiplier || e.multiplier === hi.multiplier) break;
    if (e.sustainable) lo = e;
    else hi = e;
  }
  return {
    criteria,
    berthsUnconstrained: opts.berthsUnconstrained ?? false,
    relievedLocks: opts.relievedLocks ?? [],
    sustainable: lo,
    unsustainable: hi,
    binding: hi?.violations[0] ?? null,
    evaluations,
    targets,
    replications,
    wallS: (performance.now() - started) / 1000,
  };
}

/** A part of the network, searched on its own: the whole, the locks alone (berths never make a vessel wait), the berths alone (every lock open river). */
export type CapacityPartName = 'whole network' | 'locks alone' | 'berths alone';

/** The search options that make a search one part's: `locks` are the network's lock ids. */
export function partOptions(part: CapacityPartName, locks: readonly string[]): Pick<SearchOptions, 'berthsUnconstrained' | 'relievedLocks'> {
  return part === 'locks alone' ? { berthsUnconstrained: true } : part === 'berths alone' ? { relievedLocks: [...locks] } : {};
}

/** A finished search's bracket, for a related search to try first (none when it did not close one). */
export function bracketOf(s: Pick<CapacitySearch, 'sustainable' | 'unsustainable'>): Pick<SearchOptions, 'bracket'> {
  return s.sustainable && s.unsustainable ? { bracket: { lo: s.sustainable.multiplier, hi: s.unsustainable.multiplier } } : {};
}

/** An evaluation's main-line throughput in a target's unit. */
export function mainLineOf(e: Pick<Evaluation, 'mainLineTonnes' | 'mainLineTeu'>, target: 'tonnes' | 'teu'): Stat {
  return target === 'tonnes' ? e.mainLineTonnes : e.mainLineTeu;
}

export interface CapacityStudy {
  scenario: ResolvedScenario;
  /** The whole network. */
  search: CapacitySearch;
  /** The locks alone: berths never make a vessel wait (null when the search already ran so). */
  locksOnly: CapacitySearch | null;
  /** The berths alone: every lock passed as open river (null when asked for the locks alone). */
  berthsOnly: CapacitySearch | null;
}

/** The whole network, then the locks alone and the berths alone, each searched the same way. */
export async function studyCapacity(scenario: ResolvedScenario, opts: SearchOptions = {}): Promise<CapacityStudy> {
  return withSession(opts.session, async (session) => {
    opts.onSearch?.(opts.berthsUnconstrained ? 'whole network, berths unconstrained' : 'whole network');
    const search = await searchCapacity(scenario, { ...opts, session });
    if (opts.berthsUnconstrained) return { scenario, search, locksOnly: null, berthsOnly: null };
    // The part that binds the whole network most likely binds at the same level alone: start there.
    const from = (kind: 'lock' | 'berths') => (search.binding?.placeKind === kind ? bracketOf(search) : {});
    const locks = (opts.seeds?.locks ?? []).map((l) => l.id);
    opts.onSearch?.('locks alone');
    const locksOnly = await searchCapacity(scenario, { ...opts, ...from('lock'), ...partOptions('locks alone', locks), session });
    if (locks.length > 0) opts.onSearch?.('berths alone');
    const berthsOnly = locks.length > 0 ? await searchCapacity(scenario, { ...opts, ...from('berths'), ...partOptions('berths alone', locks), session }) : null;
    return { scenario, search, locksOnly, berthsOnly };
  });
}

/**
 * A search's answer for a target: not reachable when no level is sustained; unknown when the
 * search stopped at its limit still sustaining, below the target (capacity is only "at least").
 */
export function searchVerdict(s: Pick<CapacitySearch, 'sustainable' | 'unsustainable' | 'targets'>, target: 'tonnes' | 'teu'): ReturnType<typeof verdict> {
  const e = s.sustainable;
  if (!e) return 'not reachable';
  const v = verdict(mainLineOf(e, target), s.targets[target]);
  return s.unsustainable === null && v !== 'reachable' ? 'unknown' : v;
}

/** A target against the sustainable throughput's CI. */
export function verdict(s: Stat | undefined, target: number): 'reachable' | 'not reachable' | 'undecided' | 'unknown' {
  if (!s || target <= 0) return 'unknown';
  if (s.low >= target) return 'reachable';
  if (s.high < target) return 'not reachable';
  return 'undecided';
}

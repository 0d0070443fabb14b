import { buildNetwork, channelDistances, type GrowthPath, type PortFigure, type Provenance, type SeedNetwork } from '../network/index.js';
import { CONTAINER_COMMODITY, gravityFlows, inlandScope, reachability, type OdFlow, type PortTotal } from './demand.js';
import { fitToCounts, type CountConstraint } from './od-fit.js';
import { demandZones, type Zone } from './zones.js';

/**
 * Demand of a year from the record: the port totals and the lock passage counts
 * of that year together, fitted by maximum entropy (od-fit.ts) with the gravity
 * table as the prior.
 * - A port's total in a year without a figure is interpolated geometrically
 *   between its figures, held at its first before them, and grown along the
 *   central path after its last.
 * - A lock's count in a year without one is interpolated between its counts;
 *   outside its counts the lock is not a constraint.
 * - Traffic that port statistics miss (demand.yaml `unrecorded`) enters as zones
 *   with a stated prior; only the lock counts size it, so its fitted size is
 *   the part of the counts that the port totals cannot supply.
 * - After the last recorded year, the last year's fitted table grows along the path.
 * Figures marked `use: holdout` are left out throughout.
 */

/** What one figure of the demand stands on, and what the fitted table gives for it. */
export interface DemandFigure {
  kind: 'port-tonnes' | 'port-teu' | 'lock-cargo' | 'lock-cargo-down' | 'lock-cargo-up';
  /** The port or lock. */
  subject: string;
  /** The figure the fit was given (t/yr or TEU/yr). */
  target: number;
  /** What the fitted table gives for it. */
  fitted: number;
  /** published | estimated | interpolated … | held … | grown … */
  basis: string;
}

export interface RecordDemand {
  year: number;
  /** The year whose fit this demand is: the year itself, or the last recorded year it was grown from. */
  fitYear: number;
  path: GrowthPath;
  /** Factors applied to the fitted table of fitYear (1 within the record). */
  growth: { tonnes: number; teu: number };
  flows: OdFlow[];
  totals: PortTotal[];
  figures: DemandFigure[];
  /** Each unrecorded-traffic zone's fitted tonnes a year (loaded + unloaded). */
  unrecorded: { id: string; tonnes: number }[];
  converged: boolean;
  /** Counts the fit could not meet, worst first, in words. */
  conflicts: string[];
}

/** The last year the record covers: the latest fitted lock count or port figure. */
export function lastRecordYear(seeds: SeedNetwork): number {
  const years = [
    ...seeds.lockPassages.filter((p) => p.use === 'fit').map((p) => p.year),
    ...seeds.ports.flatMap((p) => inlandFigures(p.throughput).map((f) => f.year)),
  ];
  return years.length > 0 ? Math.max(...years) : seeds.baseYear;
}

/** A named growth path of the seeds' demand.yaml. */
export function growthPath(seeds: SeedNetwork, id: string): GrowthPath {
  // Seeds that name no paths hold every figure at its last value: a flat central path.
  if (id === 'central' && !seeds.demand?.growthPaths.length) return FLAT_PATH;
  const path = seeds.demand?.growthPaths.find((g) => g.id === id);
  if (!path) throw new RangeError(`no growth path '${id}' in the seeds' demand.yaml (it has ${seeds.demand?.growthPaths.map((g) => g.id).join(', ') || 'none'})`);
  return path;
}

const FLAT_PATH: GrowthPath = { id: 'central', tonnesPerYear: 0, teuPerYear: 0, provenance: { estimate: 'the seeds name no growth paths: figures held at their last value' } };

const cache = new Map<string, RecordDemand>();

/** The year's demand from the record (cached per seed folder, year, path and exponent). */
export function recordDemand(seeds: SeedNetwork, year: number, pathId: string, gravityExponent = 1): RecordDemand {
  const key = `${seeds.dir}|${year}|${pathId}|${gravityExponent}`;
  let d = cache.get(key);
  if (!d) {
    const path = growthPath(seeds, pathId);
    const last = lastRecordYear(seeds);
    // Within the record, figures missing in a year are filled along the central path whatever the
    // path chosen, so the recorded years are the same in every variant; the path applies after it.
    d = year <= last ? { ...fitYear(seeds, year, infillPath(seeds, path), gravityExponent), path } : grow(recordDemand(seeds, last, pathId, gravityExponent), year);
    cache.set(key, d);
  }
  return d;
}

/** The path that fills a port's missing years inside the record: the seeds' central one (else the one given). */
function infillPath(seeds: SeedNetwork, path: GrowthPath): GrowthPath {
  return seeds.demand?.growthPaths.find((g) => g.id === 'central') ?? path;
}

function grow(base: RecordDemand, year: number): RecordDemand {
  const n = year - base.fitYear;
  const kT = Math.pow(1 + base.path.tonnesPerYear, n), kTeu = Math.pow(1 + base.path.teuPerYear, n);
  const how = `grown from ${base.fitYear} along the ${base.path.id} path (×${kT.toFixed(3)} tonnes, ×${kTeu.toFixed(3)} TEU)`;
  return {
    ...base,
    year,
    growth: { tonnes: kT, teu: kTeu },
    // Boxes grow as boxes, everything else as tonnes: a container flow's tonnes follow its TEU.
    flows: base.flows.map((f) => (f.commodity === CONTAINER_COMMODITY ? { ...f, tonnes: f.tonnes * kTeu, teu: f.teu * kTeu } : { ...f, tonnes: f.tonnes * kT })),
    totals: base.totals.map((t) => ({ ...t, tonnes: t.tonnes * kT, teu: t.teu * kTeu, basis: how })),
    figures: base.figures.map((f) => ({ ...f, target: f.target * (f.kind === 'port-teu' ? kTeu : kT), fitted: f.fitted * (f.kind === 'port-teu' ? kTeu : kT), basis: how })),
    unrecorded: base.unrecorded.map((u) => ({ ...u, tonnes: u.tonnes * kT })),
  };
}

function fitYear(seeds: SeedNetwork, year: number, path: GrowthPath, gravityExponent: number): RecordDemand {
  if (!seeds.demand) throw new RangeError(`the seed folder ${seeds.dir} has no demand.yaml: the demand model needs its commodity mix and seasonality`);
  const shape = seeds.demand;
  const zones = demandZones(seeds);
  const n = zones.length;
  const net = buildNetwork(seeds, year, []);

  // Port totals of the year, each with what it stands on.
  const figures: DemandFigure[] = [];
  const totals: PortTotal[] = seeds.ports.map((p) => {
    const t = seriesValue(inlandFigures(p.throughput).filter((f) => f.tonnes !== undefined).map((f) => ({ year: f.year, value: f.tonnes!, provenance: f.provenance })), year, path.tonnesPerYear, path.id);
    const c = seriesValue(inlandFigures(p.throughput).filter((f) => f.teu !== undefined).map((f) => ({ year: f.year, value: f.teu!, provenance: f.provenance })), year, path.teuPerYear, path.id);
    if (!t) throw new RangeError(`port '${p.id}' has no throughput figure in the seeds: the record demand needs at least one`);
    return { port: p.id, tonnes: t.value, teu: c?.value ?? 0, basis: `${year}: ${(t.value / 1e6).toFixed(2)} Mt ${t.basis}${c ? `, ${Math.round(c.value).toLocaleString('en')} TEU ${c.basis}` : ''}` , _t: t, _c: c };
  }).map(({ _t, _c, ...total }) => {
    figures.push({ kind: 'port-tonnes', subject: total.port, target: _t.value, fitted: 0, basis: _t.basis });
    if (_c) figures.push({ kind: 'port-teu', subject: total.port, target: _c.value, fitted: 0, basis: _c.basis });
    return total;
  });

  // The prior: the gravity table balanced to the port totals, plus the unrecorded zones' stated priors.
  const { flows: gravity } = gravityFlows(seeds, { shape, totals, gravityExponent, reachable: reachability(net, year) });
  const groups = [...shape.commodities.map((c) => c.id), CONTAINER_COMMODITY];
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const cell = (g: number, i: number, j: number) => (g * n + i) * n + j;
  const prior = new Float64Array(groups.length * n * n);
  for (const f of gravity) {
    const g = groups.indexOf(f.commodity);
    prior[cell(g, zoneIndex.get(f.origin)!, zoneIndex.get(f.destination)!)]! += f.commodity === CONTAINER_COMMODITY ? f.teu : f.tonnes;
  }
  const gateways = zones.flatMap((z, i) => (z.kind === 'gateway' ? [i] : []));
  for (const u of shape.unrecorded) {
    const i = zoneIndex.get(u.id)!, g = groups.indexOf(u.commodity);
    const down = shape.commodities[g]!.downstream;
    // Loaded on the river and carried to the delta, and a little the other way; no port counts it at either end.
    for (const k of gateways) {
      prior[cell(g, i, k)]! += (u.priorT * down) / gateways.length;
      prior[cell(g, k, i)]! += (u.priorT * (1 - down)) / gateways.length;
    }
  }

  // Which locks each pair of zones passes, and which way (down = toward the sea).
  const crossings = lockCrossings(seeds, zones);

  // Counts: estimated and interpolated port totals first, published ones next, lock counts last
  // (the best-measured traffic on the river holds when figures contradict each other).
  const tpt = shape.tonnesPerTeu;
  const teuGroup = groups.length - 1;
  const portCells = (portId: string, teuOnly: boolean) => {
    const cells: number[] = [], coef: number[] = [];
    for (let g = teuOnly ? teuGroup : 0; g < groups.length; g++) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        if (zones[i]!.port?.id !== portId && zones[j]!.port?.id !== portId) continue;
        const c = cell(g, i, j);
        if (prior[c]! > 0) (cells.push(c), coef.push(g === teuGroup && !teuOnly ? tpt : 1));
      }
    }
    return { cells: Int32Array.from(cells), coef: Float64Array.from(coef) };
  };
  const portCounts: (CountConstraint & { rank: number; figure: DemandFigure })[] = figures.map((f) => ({
    id: `${f.kind} ${f.subject}`,
    target: f.target,
    ...portCells(f.subject, f.kind === 'port-teu'),
    rank: f.basis.startsWith('published') ? 1 : 0,
    figure: f,
  }));
  const lockCounts: (CountConstraint & { figure: DemandFigure })[] = [];
  for (const lock of seeds.locks) {
    const series = seeds.lockPassages.filter((p) => p.lock === lock.id && p.use === 'fit').sort((a, b) => a.year - b.year);
    const v = between(series.map((p) => ({ year: p.year, value: p.cargoT, provenance: p.provenance, down: p.cargoDownT })), year);
    if (!v) continue;
    const split = v.down !== undefined ? ([['lock-cargo-down', v.down, true], ['lock-cargo-up', v.value - v.down, false]] as const) : ([['lock-cargo', v.value, null]] as const);
    for (const [kind, target, down] of split) {
      const cells: number[] = [], coef: number[] = [];
      for (let g = 0; g < groups.length; g++) {
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          const way = crossings[i * n + j]!.get(lock.id);
          if (way === undefined || (down !== null && way !== down)) continue;
          const c = cell(g, i, j);
          if (prior[c]! > 0) (cells.push(c), coef.push(g === teuGroup ? tpt : 1));
        }
      }
      const figure: DemandFigure = { kind, subject: lock.id, target, fitted: 0, basis: v.basis };
      figures.push(figure);
      lockCounts.push({ id: `${kind} ${lock.id}`, target, cells: Int32Array.from(cells), coef: Float64Array.from(coef), figure });
    }
  }
  const counts = [...portCounts.sort((a, b) => a.rank - b.rank), ...lockCounts];
  const fit = fitToCounts(prior, counts);
  counts.forEach((c, k) => (c.figure.fitted = fit.fit[k]!.fitted));

  const flows: OdFlow[] = [];
  const unrecorded = new Map(shape.unrecorded.map((u) => [u.id, 0]));
  for (let g = 0; g < groups.length; g++) {
    const commodity = groups[g]!;
    const cargo = g === teuGroup ? 'container' : shape.commodities[g]!.cargo;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const x = fit.x[cell(g, i, j)]!;
      if (!(x > 0)) continue;
      const tonnes = g === teuGroup ? x * tpt : x;
      flows.push({ origin: zones[i]!.id, destination: zones[j]!.id, commodity, cargo, tonnes, teu: g === teuGroup ? x : 0 });
      for (const z of [zones[i]!, zones[j]!]) if (z.kind === 'unrecorded') unrecorded.set(z.id, unrecorded.get(z.id)! + tonnes);
    }
  }
  const subjectName = (id: string) => id.replace(/^[a-z-]+ /, '');
  return {
    year,
    fitYear: year,
    path,
    growth: { tonnes: 1, teu: 1 },
    flows,
    totals,
    figures,
    unrecorded: [...unrecorded].map(([id, tonnes]) => ({ id, tonnes })),
    converged: fit.converged,
    conflicts: fit.conflicts.map(
      (c) =>
        `${c.id.replace(/ .*/, '')} of ${subjectName(c.id)}: the fit reaches ${fmtCount(c.id, c.fitted)} of the ${fmtCount(c.id, c.target)} given (×${(c.fitted / c.target).toFixed(3)}); it contradicts the lock counts and port totals it shares traffic with — check the figure, or add unrecorded traffic where the ports cannot supply a count`,
    ),
  };
}

function fmtCount(id: string, v: number): string {
  return id.startsWith('port-teu') ? `${Math.round(v).toLocaleString('en')} TEU` : `${(v / 1e6).toFixed(2)} Mt`;
}

/** A port's figures that speak for it as the model sees it (inland scope) and enter the fit. */
function inlandFigures(figures: readonly PortFigure[]): PortFigure[] {
  return figures.filter((f) => f.use === 'fit' && inlandScope(f.scope)).sort((a, b) => a.year - b.year);
}

interface Point {
  year: number;
  value: number;
  provenance: Provenance;
  down?: number | undefined;
}

/** A series' value in a year: its own figure, or interpolated geometrically between two (linearly through a zero). */
function between(xs: readonly Point[], year: number): { value: number; down?: number; basis: string } | undefined {
  const own = xs.find((x) => x.year === year);
  if (own) return { value: own.value, ...(own.down !== undefined ? { down: own.down } : {}), basis: own.provenance.source !== undefined ? 'published' : 'estimated' };
  const b = xs.findIndex((x) => x.year > year);
  if (b <= 0) return undefined;
  const lo = xs[b - 1]!, hi = xs[b]!;
  const f = (year - lo.year) / (hi.year - lo.year);
  const mix = (a: number, c: number) => (a > 0 && c > 0 ? a * Math.pow(c / a, f) : a + (c - a) * f);
  const down = lo.down !== undefined && hi.down !== undefined ? mix(lo.down, hi.down) : undefined;
  return { value: mix(lo.value, hi.value), ...(down !== undefined ? { down } : {}), basis: `interpolated ${lo.year}–${hi.year}` };
}

/** A port's series in any year: between its figures, held at the first before them, grown along the path after the last. */
function seriesValue(xs: readonly Point[], year: number, rate: number, pathId: string): { value: number; basis: string } | undefined {
  if (xs.length === 0) return undefined;
  const inside = between(xs, year);
  if (inside) return inside;
  const first = xs[0]!, last = xs[xs.length - 1]!;
  if (year < first.year) return { value: first.value, basis: `held at its ${first.year} figure` };
  return { value: last.value * Math.pow(1 + rate, year - last.year), basis: `grown from ${last.year} along the ${pathId} path` };
}

/** For each ordered pair of zones: the locks on the channel between them, true where the pair passes the lock downstream. */
function lockCrossings(seeds: SeedNetwork, zones: readonly Zone[]): Map<string, boolean>[] {
  const channels = channelDistances(seeds);
  const lockAt = new Map(seeds.locks.map((l) => [l.node, l.id]));
  const gateways = seeds.nodes.filter((x) => x.kind === 'gateway').map((x) => x.id);
  const toSea = new Map(seeds.nodes.map((x) => [x.id, Math.min(...gateways.map((gw) => channels.distanceM(x.id, gw)))]));
  const n = zones.length;
  const out: Map<string, boolean>[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const m = new Map<string, boolean>();
      out.push(m);
      if (zones[i]!.node === zones[j]!.node) continue;
      const nodes = channels.path(zones[i]!.node, zones[j]!.node) ?? [];
      nodes.forEach((node, k) => {
        const lock = lockAt.get(node);
        // A lock is a node inside the path: the way through it is the way from the node before to the node after.
        if (lock && k > 0 && k < nodes.length - 1) m.set(lock, toSea.get(nodes[k + 1]!)! < toSea.get(nodes[k - 1]!)!);
      });
    }
  }
  return out;
}

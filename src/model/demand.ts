import { channelDistances, roundTripBlocker, type CargoKind, type DemandShape, type Port, type SeedNetwork, type WaterwayNetwork } from '../network/index.js';
import { balanceTotals, furness } from './furness.js';
import { shareInYear } from './voyages.js';
import { demandZones } from './zones.js';

/** Tonnes a year between two ports, for one commodity (containers also in TEU). */
export interface OdFlow {
  origin: string;
  destination: string;
  commodity: string;
  cargo: CargoKind;
  tonnes: number;
  teu: number;
}

/** A port's annual throughput (loaded + unloaded), as port statistics count it. */
export interface PortTotal {
  port: string;
  tonnes: number;
  teu: number;
  /** Where the figure comes from, for reports. */
  basis: string;
}

export interface DemandDiagnostics {
  /** Per commodity: iterations and the largest relative error left by the balancing. */
  balancing: { commodity: string; iterations: number; maxRelError: number }[];
  /** Ports left out, and why. */
  excluded: { port: string; reason: string }[];
}

export const CONTAINER_COMMODITY = 'containers';

/** A port figure's scope speaks for the port as the model sees it: none given (the city port as published), or inland or river trade. */
export function inlandScope(scope: string | undefined): boolean {
  return scope === undefined || /inland|river/i.test(scope);
}

/** Which throughput figure stands for a port in a year: an inland-scope one if present. */
export function publishedTotal(port: Port, year: number): { tonnes?: number; teu?: number; basis: string } {
  const entries = port.throughput.filter((t) => t.year === year);
  const pick = (key: 'tonnes' | 'teu') => {
    const have = entries.filter((t) => t[key] !== undefined);
    return have.find((t) => /inland|river/i.test(t.scope ?? '')) ?? have.find((t) => !t.scope) ?? have[0];
  };
  const t = pick('tonnes'), c = pick('teu');
  const basis = [t && `${(t.tonnes! / 1e6).toFixed(2)} Mt ${t.provenance.source ? 'published' : 'estimated'}`, c && `${Math.round(c.teu!).toLocaleString('en')} TEU ${c.provenance.source ? 'published' : 'estimated'}`]
    .filter(Boolean)
    .join(', ');
  const out: { tonnes?: number; teu?: number; basis: string } = { basis: `${year}: ${basis || 'none'}` };
  if (t) out.tonnes = t.tonnes!;
  if (c) out.teu = c.teu!;
  return out;
}

export interface GrowthSpec {
  /** Year of the published totals the demand starts from. */
  baseYear: number;
  /** Year in which the main-line ports reach the target totals. */
  targetYear: number;
  targetTonnes: number;
  targetTeu: number;
}

/** Throughput figures that speak for the port as the model sees it: inland scope, not a whole seaport. */
function portFigures(port: Port, key: 'tonnes' | 'teu'): { year: number; value: number }[] {
  const byYear = new Map<number, number>();
  for (const year of [...new Set(port.throughput.map((t) => t.year))].sort((a, b) => a - b)) {
    const chosen = publishedTotal(port, year);
    const entry = port.throughput.find((t) => t.year === year && t[key] !== undefined && inlandScope(t.scope));
    if (entry && chosen[key] !== undefined) byYear.set(year, chosen[key]!);
  }
  return [...byYear.entries()].map(([year, value]) => ({ year, value }));
}

/**
 * A port's own trend in a year: its figures interpolated geometrically; past
 * the last figure, extended at the compound rate over the last span of at
 * least four years (held flat when there is no such span).
 */
export function trendTotal(port: Port, year: number, key: 'tonnes' | 'teu'): number | undefined {
  const xs = portFigures(port, key).filter((x) => x.value > 0 || key === 'teu');
  if (xs.length === 0) return undefined;
  const rate = (a: { year: number; value: number }, b: { year: number; value: number }) => (a.value > 0 && b.value > 0 ? Math.pow(b.value / a.value, 1 / (b.year - a.year)) : 1);
  const first = xs[0]!, last = xs[xs.length - 1]!;
  if (year <= first.year) return first.value;
  if (year >= last.year) {
    const from = [...xs].reverse().find((x) => last.year - x.year >= 4);
    return last.value * (from ? Math.pow(rate(from, last), year - last.year) : 1);
  }
  const i = xs.findIndex((x) => x.year >= year);
  const a = xs[i - 1]!, b = xs[i]!;
  if (b.year === year) return b.value;
  return a.value * Math.pow(rate(a, b), year - a.year);
}

/**
 * Port totals for a year. The main-line ports together follow the plan's path:
 * the base-year total grown geometrically to the target in the target year
 * (300 Mt and 10 M TEU in 2020). That total is shared among the ports in
 * proportion to each port's own trend in the year, from the figures in the
 * seeds (Guigang's 100 Mt of 2020, Wuzhou's 2023 and Foshan's 2017 figures
 * among them), so growth goes where the records show it went. Then ×demandScale.
 */
export function portTotalsForYear(seeds: SeedNetwork, year: number, growth: GrowthSpec, demandScale = 1): PortTotal[] {
  const base = seeds.ports.map((p) => ({ port: p, ...publishedTotal(p, growth.baseYear) }));
  const missing = base.filter((b) => b.tonnes === undefined).map((b) => b.port.id);
  if (missing.length > 0) throw new RangeError(`no ${growth.baseYear} throughput for port${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the seeds`);
  const main = base.filter((b) => b.port.mainLine);
  const baseT = main.reduce((s, b) => s + b.tonnes!, 0);
  const baseTeu = main.reduce((s, b) => s + (b.teu ?? 0), 0);
  const span = growth.targetYear - growth.baseYear;
  const f = span === 0 ? 1 : (year - growth.baseYear) / span;
  const pathT = baseT * Math.pow(growth.targetTonnes / baseT, f);
  const pathTeu = baseTeu > 0 ? baseTeu * Math.pow(growth.targetTeu / baseTeu, f) : 0;
  const trend = base.map((b) => ({
    tonnes: year === growth.baseYear ? b.tonnes! : trendTotal(b.port, year, 'tonnes') ?? b.tonnes!,
    teu: year === growth.baseYear ? b.teu ?? 0 : trendTotal(b.port, year, 'teu') ?? b.teu ?? 0,
  }));
  const trendT = trend.reduce((s, t, i) => s + (base[i]!.port.mainLine ? t.tonnes : 0), 0);
  const trendTeu = trend.reduce((s, t, i) => s + (base[i]!.port.mainLine ? t.teu : 0), 0);
  const kT = pathT / trendT, kTeu = trendTeu > 0 ? pathTeu / trendTeu : 0;
  return base.map((b, i) => ({
    port: b.port.id,
    tonnes: trend[i]!.tonnes * kT * demandScale,
    teu: trend[i]!.teu * kTeu * demandScale,
    basis: `${b.basis}; own trend to ${year} ${(trend[i]!.tonnes / 1e6).toFixed(1)} Mt, ${Math.round(trend[i]!.teu).toLocaleString('en')} TEU; ×${(kT * demandScale).toFixed(3)} (tonnes) and ×${(kTeu * demandScale).toFixed(3)} (TEU) to the plan's path`,
  }));
}

export interface GravitySpec {
  shape: DemandShape;
  totals: PortTotal[];
  /** Distance deterrence: seed weight ∝ km^−exponent. */
  gravityExponent: number;
  /** Can a vessel carrying this cargo get from one port node to another? */
  reachable: (from: string, to: string, cargo: CargoKind) => boolean;
}

/**
 * Origin–destination flows from port totals, commodity by commodity:
 * 1. each port's non-container tonnes split by the commodity mix; containers
 *    from TEU;
 * 2. a gravity seed on network distance, km^−γ, weighted by the commodity's
 *    downstream share for pairs running downstream (toward the sea gateway)
 *    and by the rest for pairs running upstream; zero where no vessel can go;
 * 3. balanced so that each port's loaded + unloaded equals its total
 *    (balanceTotals), which fixes the loaded/unloaded split; Furness then
 *    reproduces the same matrix from those loaded and unloaded totals, and is
 *    what explicit loaded/unloaded totals go through.
 */
export function gravityFlows(seeds: SeedNetwork, spec: GravitySpec): { flows: OdFlow[]; diagnostics: DemandDiagnostics } {
  // Zones: the ports' areas, then the sea gateways (which count no throughput of their own).
  // Unrecorded traffic has no port total to spread: the fit to lock counts sizes it (record-demand.ts).
  const zones = demandZones(seeds).filter((z) => z.kind !== 'unrecorded');
  const gateways = zones.filter((z) => z.kind === 'gateway').map((z) => z.id);
  const nPorts = zones.length - gateways.length;
  const n = zones.length;
  const km = distanceMatrix(seeds, zones.map((z) => z.node));
  const gatewayKm = distanceToGateway(seeds, zones.map((z) => z.node));
  const totals = new Map(spec.totals.map((t) => [t.port, t]));
  const diagnostics: DemandDiagnostics = { balancing: [], excluded: [] };
  const flows: OdFlow[] = [];
  const { shape } = spec;

  const groups: { id: string; cargo: CargoKind; downstream: number; sea: number; total: (p: PortTotal) => number; teu: boolean }[] = [
    ...shape.commodities.map((c) => ({
      id: c.id,
      cargo: c.cargo as CargoKind,
      downstream: c.downstream,
      sea: c.sea,
      total: (p: PortTotal) => Math.max(0, p.tonnes - p.teu * shape.tonnesPerTeu) * c.share,
      teu: false,
    })),
    { id: CONTAINER_COMMODITY, cargo: 'container' as CargoKind, downstream: shape.containersDownstream, sea: shape.containersSea, total: (p: PortTotal) => p.teu, teu: true },
  ];

  for (const g of groups) {
    const target = new Float64Array(n);
    const w = new Float64Array(n * n);
    zones.forEach((z, i) => {
      if (z.port) target[i] = z.share * g.total(totals.get(z.port.id) ?? { port: z.port.id, tonnes: 0, teu: 0, basis: '' });
    });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const d = km[i * n + j]!;
        // Areas of one port do not trade with each other: that is not port throughput.
        if (i === j || (i >= nPorts && j >= nPorts) || !(d > 0) || !Number.isFinite(d)) continue;
        if (zones[i]!.port !== null && zones[i]!.port === zones[j]!.port) continue;
        if (!spec.reachable(zones[i]!.node, zones[j]!.node, g.cargo)) continue;
        const down = gatewayKm[j]! < gatewayKm[i]!;
        w[i * n + j] = Math.pow(d / 1000, -spec.gravityExponent) * (down ? g.downstream : 1 - g.downstream);
      }
    }
    // A port no vessel can reach for this cargo is left out, and said so.
    for (let i = 0; i < nPorts; i++) {
      let any = false;
      for (let j = 0; j < n && !any; j++) any = w[i * n + j]! > 0 || w[j * n + i]! > 0;
      if (!any && target[i]! > 0) {
        diagnostics.excluded.push({ port: zones[i]!.id, reason: `no ${g.cargo} vessel of the fleet can reach another port: ${fmt(target[i]!, g.teu)} of ${g.id} left out` });
        target[i] = 0;
      }
    }
    // The gateways handle the sea share of the ports' throughput between them.
    const portSum = target.reduce((s, t) => s + t, 0);
    for (let k = nPorts; k < n; k++) target[k] = (g.sea * portSum) / gateways.length;
    if (portSum === 0) continue;
    let balanced;
    try {
      balanced = balanceTotals(w, n, target);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new RangeError(`${err.message}: ${balanceConflict(zones.map((z) => z.id), w, target, g.id, g.teu)}`);
    }
    // Furness on the loaded/unloaded margins just found: the documented route for explicit margins.
    const rows = new Float64Array(n), cols = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      rows[i]! += balanced.matrix[i * n + j]!;
      cols[j]! += balanced.matrix[i * n + j]!;
    }
    const f = furness(w, n, rows, cols);
    diagnostics.balancing.push({ commodity: g.id, iterations: balanced.iterations + f.iterations, maxRelError: Math.max(balanced.maxRelError, f.maxRelError) });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = f.matrix[i * n + j]!;
        if (!(x > 0)) continue;
        flows.push({
          origin: zones[i]!.id,
          destination: zones[j]!.id,
          commodity: g.id,
          cargo: g.cargo,
          tonnes: g.teu ? x * shape.tonnesPerTeu : x,
          teu: g.teu ? x : 0,
        });
      }
    }
  }
  return { flows, diagnostics };
}

/**
 * Why totals cannot balance: every tonne a port handles is handled at a partner too, so a port's
 * total (its areas together: they do not trade with each other) cannot exceed the sum of its
 * partners' (the pairs the seed allows). Names the worst port.
 */
export function balanceConflict(ids: readonly string[], w: Float64Array, target: ArrayLike<number>, what: string, teu: boolean): string {
  const n = ids.length;
  const portOf = (i: number) => ids[i]!.replace(/@.*/, '');
  let worst = '', worstTotal = 0, worstPartners = 0, worstRatio = 1;
  for (const port of new Set(ids.map((_, i) => portOf(i)))) {
    let total = 0, partners = 0;
    const mine = ids.map((_, i) => portOf(i) === port);
    for (let j = 0; j < n; j++) {
      if (mine[j]) total += target[j]!;
      else if (ids.some((_, i) => mine[i] && (w[i * n + j]! > 0 || w[j * n + i]! > 0))) partners += target[j]!;
    }
    const ratio = total > 0 ? (partners > 0 ? total / partners : Infinity) : 0;
    if (ratio > worstRatio) (worst = port), (worstTotal = total), (worstPartners = partners), (worstRatio = ratio);
  }
  if (!worst) return `no single port's ${what} exceeds what its partners handle; the pairs the network allows leave the totals unreachable together (check the ports' totals of ${what} and which vessels can reach them)`;
  return `${worst}'s ${fmt(worstTotal, teu)} of ${what} is more than all the places it can trade ${what} with handle together (${fmt(worstPartners, teu)}), and every tonne or box it handles is handled at one of them too: lower its total (demand.portTotals, or a nearer target year or smaller targetMt/targetMTeu), or take the demand from the record (demand.basis: record)`;
}

function fmt(x: number, teu: boolean): string {
  return teu ? `${Math.round(x).toLocaleString('en')} TEU` : `${(x / 1e6).toFixed(2)} Mt`;
}

/** Shortest channel distance between every pair of nodes, in metres (Infinity if unconnected). */
function distanceMatrix(seeds: SeedNetwork, nodes: string[]): Float64Array {
  const channels = channelDistances(seeds);
  const n = nodes.length;
  const out = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      const d = channels.distanceM(nodes[i]!, nodes[j]!);
      out[i * n + j] = out[j * n + i] = d;
    }
  }
  return out;
}

/** Distance from each node to the nearest gateway (to tell downstream from upstream). */
function distanceToGateway(seeds: SeedNetwork, nodes: string[]): Float64Array {
  const channels = channelDistances(seeds);
  const gateways = seeds.nodes.filter((x) => x.kind === 'gateway').map((x) => x.id);
  return Float64Array.from(nodes, (n) => Math.min(...gateways.map((gw) => channels.distanceM(n, gw))));
}

/** Monthly factor of the season at time t, where t = 0 is 1 January 00:00. */
export function seasonFactor(seasonality: readonly number[], tS: number): number {
  const YEAR = 365 * 86400;
  const dayOfYear = Math.floor(((tS % YEAR) + YEAR) % YEAR / 86400);
  return seasonality[monthOfDay(dayOfYear)]!;
}

const MONTH_STARTS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
export function monthOfDay(dayOfYear: number): number {
  let m = 0;
  while (m < 11 && dayOfYear >= MONTH_STARTS[m + 1]!) m++;
  return m;
}
/** Can some fleet class carrying `cargo` make the round trip between two nodes? */
export function reachability(net: WaterwayNetwork, year: number): (from: string, to: string, cargo: CargoKind) => boolean {
  const cache = new Map<string, boolean>();
  return (from, to, cargo) => {
    const key = `${from}|${to}|${cargo}`;
    let ok = cache.get(key);
    if (ok === undefined) {
      const classes = net.seeds.fleet.filter((v) => v.cargo.includes(cargo) && shareInYear(v, year) > 0);
      ok = roundTripBlocker(net, from, to, classes) === null;
      cache.set(key, ok);
    }
    return ok;
  };
}


import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSchema } from '../input/schema.js';
import { InputError, pathText, type Problem } from '../input/problems.js';
import { UNITS, toInternal, type Dimension, type RawQuantity } from '../input/units.js';
import { YamlFile } from '../input/yaml-file.js';
import { classesSchema, demandSchema, fleetSchema, hydrologySchema, locksSchema, networkSchema, nodesSchema, observedSchema, portsSchema, segmentsSchema } from './seed-schema.js';
import type { ChannelClass, ClassId, CycleComponents, DemandShape, Lock, LockagePolicy, LockMaximum, LockPassage, LockRecord, Port, PortFigure, RegionFigure, SeedFigure, Provenance, SeedNetwork, Segment, VesselClass, WaterwayNode } from './types.js';
import { NORMAL_HYDROLOGY, type Hydrology } from './types.js';
import { validateSeeds } from './validate.js';
import { readCachedSeeds, seedCacheKey, writeCachedSeeds } from './seed-cache.js';
import { convertMap, coursesSchema } from './courses.js';

export const SEED_FILES = {
  network: networkSchema,
  classes: classesSchema,
  nodes: nodesSchema,
  segments: segmentsSchema,
  locks: locksSchema,
  ports: portsSchema,
  fleet: fleetSchema,
} as const;
export type SeedFileName = keyof typeof SEED_FILES;

/** Files a seed folder may leave out; each is read and checked when present. */
export const OPTIONAL_SEED_FILES = {
  demand: demandSchema,
  hydrology: hydrologySchema,
  observed: observedSchema,
  courses: coursesSchema,
} as const;
export type OptionalSeedFileName = keyof typeof OPTIONAL_SEED_FILES;

/** The parsed files, kept so later checks can point at lines; the optional ones only when present. */
export type SeedFiles = Record<SeedFileName, YamlFile> & Partial<Record<OptionalSeedFileName, YamlFile>>;

/**
 * Reads a seed folder (seeds/FORMAT.md), checks every file against its schema,
 * converts to internal units and validates references, connectivity and lock
 * admittance. Throws one InputError listing every problem found.
 */
/** One seed figure set to another value before conversion (a sensitivity study's variant). */
export interface FigureOverride {
  /** The seed file, e.g. 'ports.yaml'. */
  file: string;
  /** Where the quantity is inside it (SeedFigure.at). */
  at: (string | number)[];
  /** The value in the figure's own unit. */
  value: number;
}

export function loadSeeds(dir: string, displayDir = relative(process.cwd(), dir) || '.', overrides: readonly FigureOverride[] = []): SeedNetwork {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError([{ file: displayDir, path: '', problem: 'seed folder not found' }]);
  }
  const problems: Problem[] = [];
  const files = {} as SeedFiles;
  // The required files, then the optional ones that are there; a missing required file is a problem.
  const schemas: Record<SeedFileName | OptionalSeedFileName, object> = { ...SEED_FILES, ...OPTIONAL_SEED_FILES };
  // A folder read before, unchanged, by the same code: its network from the cache.
  const cacheKey = overrides.length === 0 ? seedCacheKey(dir, Object.keys(schemas).map((n) => `${n}.yaml`)) : null;
  const cached = cacheKey ? readCachedSeeds(cacheKey, dir) : undefined;
  if (cached) return cached;
  for (const name of Object.keys(schemas) as (SeedFileName | OptionalSeedFileName)[]) {
    const path = join(dir, `${name}.yaml`);
    if (name in OPTIONAL_SEED_FILES && !existsSync(path)) continue;
    try {
      const file = YamlFile.read(path, join(displayDir, `${name}.yaml`));
      problems.push(...checkSchema(file, schemas[name]));
      files[name] = file;
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  for (const o of overrides) {
    const file = files[o.file.replace(/\.yaml$/, '') as SeedFileName];
    let at: unknown = file?.data;
    for (const k of o.at) at = (at as Record<string | number, unknown> | undefined)?.[k];
    if (!at || typeof at !== 'object' || !('value' in at)) throw new RangeError(`no figure at ${o.file} ${pathText(o.at)} to set`);
    (at as { value: number }).value = o.value;
  }
  // A variant of the seeds is another network: its folder key says which, so no cache mistakes it for the original.
  const key = overrides.length === 0 ? dir : `${dir}#${overrides.map((o) => `${o.file}:${pathText(o.at)}=${o.value}`).join(',')}`;
  const seeds = convert(key, files, problems);
  const semantic = [...problems, ...validateSeeds(seeds, files)];
  if (semantic.length > 0) throw new InputError(semantic);
  if (cacheKey) writeCachedSeeds(cacheKey, seeds);
  return seeds;
}

/* The raw shapes, as the schemas guarantee them. */
type Raw = Record<string, any>;

/** Converts the checked files; a range that does not hold its value is added to `problems`. */
function convert(dir: string, files: SeedFiles, problems: Problem[]): SeedNetwork {
  const figures: SeedNetwork['figures'] = [];
  const q = (file: SeedFileName | OptionalSeedFileName, path: (string | number)[], raw: RawQuantity, dim: Dimension): number => {
    const value = toInternal(raw, dim).value;
    const r = raw as RawQuantity & { low?: number; high?: number };
    const figure: SeedFigure = { file: `${file}.yaml`, path: pathText(path), at: [...path], provenance: provenanceOf(raw), value, written: { value: raw.value, unit: raw.unit } };
    if (r.low !== undefined || r.high !== undefined) {
      const low = r.low ?? raw.value, high = r.high ?? raw.value;
      if (!(low <= raw.value && raw.value <= high)) problems.push(files[file]!.problem(path, `its range ${low}–${high} ${raw.unit} does not hold its value ${raw.value} ${raw.unit}`));
      figure.range = { low: toInternal({ ...raw, value: low }, dim).value, high: toInternal({ ...raw, value: high }, dim).value };
      figure.written = { value: raw.value, unit: raw.unit, low, high };
    }
    figures.push(figure);
    return value;
  };
  const net = files.network.data as Raw;

  const classes = new Map<ClassId, ChannelClass>();
  (files.classes.data as Raw[]).forEach((c, i) => {
    const v = (k: string) => q('classes', [i, 'vessel', k], c.vessel[k], k === 'deadweight' ? 'mass' : 'length');
    classes.set(c.id, {
      id: c.id,
      vessel: { deadweightT: v('deadweight'), lengthM: v('length'), beamM: v('beam'), draughtM: v('draught') },
      depthM: q('classes', [i, 'depth'], c.depth, 'length'),
    });
  });

  const nodes: WaterwayNode[] = (files.nodes.data as Raw[]).map((n) => ({ id: n.id, name: n.name, kind: n.kind, lat: n.lat, lon: n.lon }));

  const segments: Segment[] = (files.segments.data as Raw[]).map((s, i) => {
    const seg: Segment = {
      id: s.id,
      river: s.river,
      from: s.from,
      to: s.to,
      lengthM: q('segments', [i, 'length'], s.length, 'length'),
      classByYear: Object.entries(s.class as Record<string, ClassId>)
        .map(([year, cls]) => ({ year: Number(year), class: cls }))
        .sort((a, b) => a.year - b.year),
      currentMps: q('segments', [i, 'current'], s.current, 'speed'),
      oneWay: s.oneWay ?? false,
    };
    if (s.depth) seg.depthM = q('segments', [i, 'depth'], s.depth, 'length');
    return seg;
  });

  const locks: Lock[] = (files.locks.data as Raw[]).map((l, i) => {
    const cycle = readCycle(l.cycle, undefined, (k) => q('locks', [i, 'cycle', k], l.cycle[k], 'time'), [i, 'cycle'], files.locks);
    const lock: Lock = {
      id: l.id,
      name: l.name,
      node: l.node,
      kind: l.kind,
      headM: q('locks', [i, 'head'], l.head, 'length'),
      operatingSPerDay: q('locks', [i, 'operatingHours'], l.operatingHours, 'time'),
      maintenanceSPerYear: q('locks', [i, 'maintenanceDays'], l.maintenanceDays, 'time'),
      floodClosureSPerYear: q('locks', [i, 'floodClosureDays'], l.floodClosureDays, 'time'),
      floodSeason: l.floodSeason ?? [],
      cycle,
      lockage: readLockage(l.lockage, (k) => q('locks', [i, 'lockage', k], l.lockage[k], k === 'fillShare' || k.startsWith('points') ? 'count' : 'time'), [i, 'lockage'], files.locks),
      lines: (l.lines as Raw[]).map((ln, j) => {
        const lq = (k: string, dim: Dimension) => q('locks', [i, 'lines', j, k], ln[k], dim);
        return {
          id: String(ln.id),
          name: ln.name,
          lengthM: lq('length', 'length'),
          widthM: lq('width', 'length'),
          sillDepthM: lq('sillDepth', 'length'),
          designVesselT: lq('designVessel', 'mass'),
          opened: ln.opened,
          planned: ln.planned ?? false,
          cycle: ln.cycle ? readCycle(ln.cycle, cycle, (k) => q('locks', [i, 'lines', j, 'cycle', k], ln.cycle[k], 'time'), [i, 'lines', j, 'cycle'], files.locks) : cycle,
        };
      }),
      designCapacity: ((l.designCapacity ?? []) as Raw[]).map((d, j) => ({
        lines: d.lines.map(String),
        tonnesPerYear: q('locks', [i, 'designCapacity', j], d as RawQuantity, 'annualMass'),
        ...(d.year !== undefined ? { year: d.year } : {}),
        provenance: provenanceOf(d),
      })),
    };
    if (l.damClosed !== undefined) lock.damClosed = l.damClosed;
    return lock;
  });

  const ports: Port[] = (files.ports.data as Raw[]).map((p, i) => ({
    id: p.id,
    name: p.name,
    node: p.node,
    areas: p.areas
      ? (p.areas as Raw[]).map((a, j) => ({ node: a.node, share: q('ports', [i, 'areas', j, 'share'], a.share, 'count') }))
      : [{ node: p.node, share: 1 }],
    tier: p.tier,
    mainLine: p.mainLine,
    berths: (p.berths as Raw[]).map((b, j) => {
      const teu = b.rate.unit === 'TEU/h';
      return {
        cargo: b.cargo,
        count: q('ports', [i, 'berths', j, 'count'], b.count, 'count'),
        ratePerS: q('ports', [i, 'berths', j, 'rate'], b.rate, teu ? 'teuRate' : 'massRate'),
        rateUnit: teu ? 'TEU' : 't',
      };
    }),
    throughput: ((p.throughput ?? []) as Raw[]).map((t, j) => {
      const teu = String(t.unit).includes('TEU');
      const value = q('ports', [i, 'throughput', j], t as RawQuantity, teu ? 'annualTeu' : 'annualMass');
      return portFigure(t, value, teu);
    }),
  }));

  const fleet: VesselClass[] = ((files.fleet.data as Raw).vesselClasses as Raw[]).map((v, i) => {
    const f = (k: string, dim: Dimension) => q('fleet', ['vesselClasses', i, k], v[k], dim);
    const vc: VesselClass = {
      id: v.id,
      cargo: v.cargo,
      deadweightT: f('deadweight', 'mass'),
      teu: v.teu ? f('teu', 'teu') : 0,
      lengthM: f('length', 'length'),
      beamM: f('beam', 'length'),
      draughtM: f('draught', 'length'),
      speedLoadedMps: f('speedLoaded', 'speed'),
      speedEmptyMps: f('speedEmpty', 'speed'),
      loadFactor: f('loadFactor', 'count'),
      share: f('share', 'count'),
    };
    if (v.share2020) vc.share2020 = f('share2020', 'count');
    if (v.share2025) vc.share2025 = f('share2025', 'count');
    return vc;
  });

  const demand = files.demand ? convertDemand(files.demand.data as Raw, (path, raw, dim) => q('demand', path, raw, dim)) : undefined;

  const hydrology = new Map<string, Hydrology>([[NORMAL_HYDROLOGY.id, NORMAL_HYDROLOGY]]);
  if (files.hydrology) {
    for (const h of convertHydrology(files.hydrology.data as Raw[], (path, raw) => void figures.push({ file: 'hydrology.yaml', path: pathText(path), at: [...path], provenance: provenanceOf(raw) }))) {
      hydrology.set(h.id, h);
    }
  }

  const observed = files.observed ? convertObserved(files.observed.data as Raw, (path, raw, dim) => q('observed', path, raw, dim)) : { lockRecords: [], lockMaxima: [], lockPassages: [], portThroughput: [], regionThroughput: [] };
  // observed.yaml's port figures join the port's own (an unknown port is reported by validate.ts).
  for (const { port, figure } of observed.portThroughput) ports.find((p) => p.id === port)?.throughput.push(figure);
  const { portThroughput: _merged, ...observedRest } = observed;

  return {
    ...(demand ? { demand } : {}),
    ...(files.courses ? { map: convertMap(files.courses.data) } : {}),
    hydrology,
    ...observedRest,
    dir,
    id: net.id,
    name: net.name,
    baseYear: net.baseYear,
    years: net.years ?? [net.baseYear],
    classes,
    nodes,
    segments,
    locks,
    ports,
    fleet,
    figures,
  };
}

function convertDemand(d: Raw, q: (path: (string | number)[], raw: RawQuantity, dim: Dimension) => number): DemandShape {
  const seasonality = new Array<number>(12).fill(NaN);
  (d.seasonality as Raw[]).forEach((m, i) => (seasonality[m.month - 1] = q(['seasonality', i], m as RawQuantity, 'count')));
  return {
    tonnesPerTeu: q(['tonnesPerTeu'], d.tonnesPerTeu, 'mass'),
    commodities: (d.commodities as Raw[]).map((c, i) => ({
      id: c.id,
      name: c.name,
      cargo: c.cargo,
      share: q(['commodities', i, 'share'], c.share, 'count'),
      downstream: q(['commodities', i, 'downstream'], c.downstream, 'count'),
      sea: c.sea ? q(['commodities', i, 'sea'], c.sea, 'count') : 0,
    })),
    containerShare: q(['containerShare'], d.containerShare, 'count'),
    containersDownstream: q(['containers', 'downstream'], d.containers.downstream, 'count'),
    containersSea: d.containers.sea ? q(['containers', 'sea'], d.containers.sea, 'count') : 0,
    seasonality,
    unrecorded: ((d.unrecorded ?? []) as Raw[]).map((u, i) => ({
      id: u.id,
      name: u.name,
      node: u.node,
      commodity: u.commodity,
      priorT: q(['unrecorded', i, 'prior'], u.prior, 'annualMass'),
      provenance: provenanceOf(u.prior),
    })),
    growthPaths: ((d.growthPaths ?? []) as Raw[]).map((g, i) => ({
      id: g.id,
      tonnesPerYear: q(['growthPaths', i, 'tonnes'], g.tonnes, 'count'),
      teuPerYear: q(['growthPaths', i, 'teu'], g.teu, 'count'),
      provenance: provenanceOf(g.tonnes),
    })),
  };
}

/** hydrology.yaml's years in internal units; `figure` records each quantity read. Days stay days. */
function convertHydrology(years: Raw[], figure: (path: (string | number)[], raw: Raw) => void): Hydrology[] {
  return years.map((y, i) => ({
    id: y.id,
    name: y.name,
    depthReductions: ((y.depthReductions ?? []) as Raw[]).map((r, j) => {
      figure([i, 'depthReductions', j, 'byMonth'], r.byMonth);
      const factor = (UNITS.length as Record<string, number>)[r.byMonth.unit]!;
      return { segments: r.segments as string[], byMonthM: (r.byMonth.value as number[]).map((v) => v * factor), provenance: provenanceOf(r.byMonth) };
    }),
    lineWithdrawals: ((y.lineWithdrawals ?? []) as Raw[]).map((w, j) => {
      figure([i, 'lineWithdrawals', j, 'days'], w.days);
      return {
        lock: w.lock,
        lines: (w.lines as unknown[]).map(String),
        fromDay: w.fromDay,
        days: toInternal(w.days as RawQuantity, 'time').value / 86400,
        provenance: provenanceOf(w.days),
      };
    }),
    provenance: provenanceOf(y),
  }));
}

/**
 * observed.yaml in internal units: seconds and tonnes, but a record's period in days. A record's
 * provenance is that of its ships (the bulletin it comes from), a maximum's that of its tonnes.
 */
function convertObserved(
  o: Raw,
  q: (path: (string | number)[], raw: RawQuantity, dim: Dimension) => number,
): { lockRecords: LockRecord[]; lockMaxima: LockMaximum[]; lockPassages: LockPassage[]; portThroughput: { port: string; figure: PortFigure }[]; regionThroughput: RegionFigure[] } {
  const lockRecords = ((o.lockRecords ?? []) as Raw[]).map((r, i) => {
    const v = (k: string, dim: Dimension) => q(['lockRecords', i, k], r[k], dim);
    const rec: LockRecord = {
      id: r.id,
      lock: r.lock,
      year: r.year,
      days: v('days', 'time') / 86400,
      use: r.use,
      ships: v('ships', 'count'),
      cargoT: v('cargo', 'mass'),
      provenance: provenanceOf(r.ships),
    };
    if (r.lines !== undefined) rec.lines = (r.lines as unknown[]).map(String);
    if (r.shipsDown !== undefined) rec.shipsDown = v('shipsDown', 'count');
    if (r.cargoDown !== undefined) rec.cargoDownT = v('cargoDown', 'mass');
    if (r.lockages !== undefined) rec.lockages = v('lockages', 'count');
    if (r.waitMean !== undefined) rec.waitMeanS = v('waitMean', 'time');
    if (r.waitWithin !== undefined) rec.waitWithinS = v('waitWithin', 'time');
    if (r.operatingHours !== undefined) rec.operatingSPerDay = v('operatingHours', 'time');
    return rec;
  });
  const lockMaxima = ((o.lockMaxima ?? []) as Raw[]).map((m, i) => {
    const max: LockMaximum = {
      id: m.id,
      lock: m.lock,
      year: m.year,
      tonnesPerYear: q(['lockMaxima', i, 'tonnes'], m.tonnes, 'annualMass'),
      basis: m.basis,
      provenance: provenanceOf(m.tonnes),
    };
    if (m.lines !== undefined) max.lines = (m.lines as unknown[]).map(String);
    if (m.operatingHours !== undefined) max.operatingSPerDay = q(['lockMaxima', i, 'operatingHours'], m.operatingHours, 'time');
    return max;
  });
  const lockPassages = ((o.lockPassages ?? []) as Raw[]).map((r, i) => {
    const v = (k: string, dim: Dimension) => q(['lockPassages', i, k], r[k], dim);
    const p: LockPassage = { lock: r.lock, year: r.year, use: r.use ?? 'fit', cargoT: v('cargo', 'annualMass'), provenance: provenanceOf(r.cargo) };
    if (r.cargoDown !== undefined) p.cargoDownT = v('cargoDown', 'annualMass');
    if (r.ships !== undefined) p.ships = v('ships', 'count');
    if (r.shipsDown !== undefined) p.shipsDown = v('shipsDown', 'count');
    if (r.lockages !== undefined) p.lockages = v('lockages', 'count');
    if (r.rated !== undefined) p.ratedT = v('rated', 'annualMass');
    if (r.waitMean !== undefined) p.waitMeanS = v('waitMean', 'time');
    return p;
  });
  const portThroughput = ((o.portThroughput ?? []) as Raw[]).map((t, i) => {
    const teu = String(t.unit).includes('TEU');
    return { port: t.port as string, figure: portFigure(t, q(['portThroughput', i], t as RawQuantity, teu ? 'annualTeu' : 'annualMass'), teu) };
  });
  const regionThroughput = ((o.regionThroughput ?? []) as Raw[]).map((r, i) => ({
    id: r.id,
    name: r.name,
    ports: r.ports as string[],
    year: r.year,
    use: r.use,
    tonnes: q(['regionThroughput', i, 'tonnes'], r.tonnes, 'annualMass'),
    provenance: provenanceOf(r.tonnes),
  }));
  return { lockRecords, lockMaxima, lockPassages, portThroughput, regionThroughput };
}

function portFigure(t: Raw, value: number, teu: boolean): PortFigure {
  return { year: t.year, ...(teu ? { teu: value } : { tonnes: value }), ...(t.scope ? { scope: t.scope } : {}), use: t.use ?? 'fit', provenance: provenanceOf(t) };
}

const CYCLE_KEYS = ['gateOpen', 'gateClose', 'levelling', 'entryPerVessel', 'exitPerVessel'] as const;

/** Without a rule in the seeds a lock starts each lockage at once, first come first served. */
export const IMMEDIATE_LOCKAGE: LockagePolicy = { rule: 'immediate', fillShare: 1, maxHoldS: 0, intervalS: 3600, offsetS: 0, priority: 'fcfs', pointsEntryExit: 1, pointsJumpShare: 0, pointsFromYear: 0 };

/** What each lockage rule needs besides its name (the seeds' key names): fill its share and hold, a timetable its interval. */
export const LOCKAGE_RULE_NEEDS: Record<LockagePolicy['rule'], readonly string[]> = { immediate: [], fill: ['fillShare', 'maxHold'], timetable: ['interval'] };

/** A lock's lockage rule, with what the rule needs. */
function readLockage(raw: Raw | undefined, value: (k: string) => number, path: (string | number)[], file: YamlFile): LockagePolicy {
  if (!raw) return IMMEDIATE_LOCKAGE;
  const needs = LOCKAGE_RULE_NEEDS[raw.rule as LockagePolicy['rule']];
  const missing = needs.filter((k) => raw[k] === undefined);
  if (missing.length > 0) throw new InputError(missing.map((k) => file.problem(path, `missing '${k}' (the ${raw.rule} rule needs ${needs.join(' and ')})`)));
  const get = (k: string, fallback: number) => (raw[k] === undefined ? fallback : value(k));
  return {
    rule: raw.rule,
    fillShare: get('fillShare', IMMEDIATE_LOCKAGE.fillShare),
    maxHoldS: get('maxHold', IMMEDIATE_LOCKAGE.maxHoldS),
    intervalS: get('interval', IMMEDIATE_LOCKAGE.intervalS),
    offsetS: get('offset', IMMEDIATE_LOCKAGE.offsetS),
    priority: raw.priority ?? 'fcfs',
    pointsEntryExit: get('pointsEntryExit', IMMEDIATE_LOCKAGE.pointsEntryExit),
    pointsJumpShare: get('pointsJumpShare', IMMEDIATE_LOCKAGE.pointsJumpShare),
    pointsFromYear: raw.pointsFrom ?? IMMEDIATE_LOCKAGE.pointsFromYear,
  };
}

/** A lock's cycle must be complete; a line's may override some components. */
function readCycle(
  raw: Raw,
  base: CycleComponents | undefined,
  read: (key: string) => number,
  path: (string | number)[],
  file: YamlFile,
): CycleComponents {
  const out: Record<string, number> = {};
  const missing: string[] = [];
  for (const k of CYCLE_KEYS) {
    if (raw[k] !== undefined) out[`${k}S`] = read(k);
    else if (base) out[`${k}S`] = base[`${k}S`];
    else missing.push(k);
  }
  if (missing.length > 0) throw new InputError(missing.map((k) => file.problem(path, `missing '${k}' (a lock's cycle needs all of ${CYCLE_KEYS.join(', ')})`)));
  return out as unknown as CycleComponents;
}

function provenanceOf(raw: Raw): Provenance {
  return raw.source !== undefined ? { source: raw.source } : { estimate: raw.estimate };
}

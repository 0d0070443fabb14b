import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError, sortProblems, type Problem } from '../input/problems.js';
import { YamlFile } from '../input/yaml-file.js';
import { LOCKAGE_RULE_NEEDS, WaterwayNetwork, applyChanges, embeddedSeedsDir, loadSeeds, roundTripBlocker, type Berth, type CargoKind, type ClassId, type Hydrology, type LockagePolicy, type LockLine, type NetworkChange, type SeedNetwork } from '../network/index.js';
import { suggest } from '../input/names.js';
import { withDemandDefaults, type Demand } from './demand.js';
import { scenarioIds } from './names.js';
import { zoneNames } from '../network/names.js';
import { locksOfCutChanges } from './readable.js';
import { deepMerge, readChain } from './chain.js';
import { implausible } from './plausible.js';
export { PLAUSIBLE } from './plausible.js';

/** A scenario with its extends chain resolved and its units converted: plain data, safe to send to a worker. */
export interface ResolvedScenario {
  name: string;
  description: string;
  /** The file, and the files it extends, nearest first (as given or relative to the working folder). */
  files: string[];
  seedsDir: string;
  networkLabel: string;
  year: number;
  changes: NetworkChange[];
  demand: Demand;
  fleet: { mixYear: number; shares?: Record<string, number> };
  /** The hydrological year (scenario key `hydrology`, from the seeds' hydrology.yaml); the normal year when absent. */
  hydrology: Hydrology;
  /** Refuse vessels heavier than a reach's class design vessel (scenario key admission.classTonnageCap). */
  classTonnageCap: boolean;
  closures: { floodSpellMeanS?: number; extra: { lock: string; line: string | null; fromS: number; toS: number; reason: 'scenario' }[] };
  horizonS: number;
  warmupS: number;
  replications: number;
  seed: number | string;
  targets: { tonnes: number; teu: number };
  /** The YAML texts of the chain, for reports that must be traceable. */
  texts: { file: string; text: string }[];
  /** Values the schema allows but no real case has, as `file:line: path: warning` (validate and run print them). */
  warnings: string[];
}

type Raw = Record<string, any>;

/** The scenario's names of the seeds' lockage keys that carry units (seeds: quantities; scenarios: minutes). */
const SCENARIO_LOCKAGE_KEY: Record<string, string> = { maxHold: 'maxHoldMin', interval: 'intervalMin', offset: 'offsetMin' };

const DAY = 86400;

/**
 * Reads a scenario file and the files it extends, checks each against the
 * schema, merges them (the extending file wins; `changes` accumulate, the
 * extended file's first), converts units, and checks every id against the
 * network. Throws one InputError with every problem found, in the order of the
 * files and their lines: what the schema refuses, and what the rest says that
 * the network (or the seeds) cannot have, in one pass. A file that cannot be
 * read (YAML syntax, a broken extends, the network unreadable) stops there.
 */
export function loadScenario(file: string, opts: { seedCache?: Map<string, SeedNetwork> } = {}): { scenario: ResolvedScenario; seeds: SeedNetwork } {
  const problems: Problem[] = [];
  const { layers, complete } = readChain(file, problems);
  const refused = (more: readonly Problem[] = []) => new InputError(sortProblems([...problems, ...more], layers.map((l) => l.file.file)));
  if (!complete) throw refused();
  const top = layers[0]!;
  const cuts = layers.flatMap((l) => l.cuts);
  // A check of a part the schema refused (or of one holding it) would only echo that problem.
  const lost = (...path: (string | number)[]) => cuts.some((c) => c.path.length <= path.length && c.path.every((k, i) => path[i] === k));

  // Merge, farthest ancestor first.
  const merged: Raw = {};
  const changeOrigins: { file: YamlFile; index: number }[] = [];
  const changes: Raw[] = [];
  for (const layer of [...layers].reverse()) {
    for (const [k, v] of Object.entries(layer.data)) {
      if (k === 'changes') {
        (v as Raw[]).forEach((c, i) => {
          changes.push(c);
          changeOrigins.push({ file: layer.file, index: i });
        });
      } else if (k !== 'extends') merged[k] = deepMerge(merged[k], v);
    }
  }
  const where = (key: string) => layers.find((l) => key in l.data) ?? top;
  if (merged.year === undefined && !lost('year')) problems.push(top.file.problem([], "missing 'year' (here or in a scenario it extends)"));

  // The network.
  const network: string = merged.network ?? 'xijiang';
  const networkLayer = where('network');
  const seedsDir = network === 'xijiang' ? embeddedSeedsDir() : resolve(dirname(networkLayer.file.file), network);
  const networkLabel = network === 'xijiang' ? 'xijiang (embedded)' : relative(process.cwd(), seedsDir) || '.';
  if (network !== 'xijiang' && !existsSync(seedsDir)) {
    problems.push(networkLayer.file.problem(['network'], `seed folder not found: ${seedsDir}`));
    throw refused();
  }
  // Several scenarios on one network (compare, capacity) read its seeds once. Broken seeds: their problems with the file's.
  let seeds: SeedNetwork;
  try {
    seeds = opts.seedCache?.get(seedsDir) ?? loadSeeds(seedsDir, networkLabel);
  } catch (err) {
    throw err instanceof InputError ? refused(err.problems) : err;
  }
  opts.seedCache?.set(seedsDir, seeds);
  const year: number = merged.year;
  // Ports and locks as written (id, English or Chinese name) become ids here; everything after works with ids.
  const named = scenarioIds(merged, changes, { change: (i) => changeOrigins[i]!, key: (k) => where(k).file }, seeds, problems);

  // Changes, in internal units, each remembering where it was written.
  const netChanges: NetworkChange[] = [];
  const netOrigins: { file: YamlFile; path: (string | number)[] }[] = [];
  named.changes.forEach((c, i) => {
    if (c === null) return;
    const origin = changeOrigins[i]!;
    ((c as Raw).setBerths?.berths ?? []).forEach((b: Raw, k: number) => {
      const wrong = b.cargo === 'container' ? 'tonnesPerH' : 'teuPerH';
      if (b[wrong] !== undefined) problems.push(origin.file.problem(['changes', origin.index, 'setBerths', 'berths', k, wrong], `a ${b.cargo} berth's rate is given in ${b.cargo === 'container' ? 'teuPerH (TEU an hour)' : 'tonnesPerH (tonnes an hour)'}`));
    });
    for (const nc of toNetworkChanges(c, seeds)) {
      netChanges.push(nc);
      netOrigins.push({ file: origin.file, path: ['changes', origin.index, Object.keys(c)[0]!] });
    }
  });
  const closures: Raw = merged.closures ?? {};
  for (const [key, field] of [['maintenanceDaysPerLine', 'maintenanceSPerYear'], ['floodClosureDays', 'floodClosureSPerYear']] as const) {
    for (const { key: written, id: lock, value: days } of named[key]) {
      netChanges.push({ kind: 'modify-lock', lock, set: { [field]: days * DAY } });
      netOrigins.push({ file: where('closures').file, path: ['closures', key, written] });
    }
  }
  for (const { key: written, id: lock, value } of named.lockage) {
    const rule: Raw = value;
    const set: Partial<LockagePolicy> = {};
    for (const [k, v] of Object.entries(rule)) {
      if (k === 'maxHoldMin') set.maxHoldS = v * 60;
      else if (k === 'intervalMin') set.intervalS = v * 60;
      else if (k === 'offsetMin') set.offsetS = v * 60;
      else (set as Record<string, unknown>)[k] = v;
    }
    // A rule the seeds' lock does not have brings its own settings: there are none to keep.
    const seedRule = seeds.locks.find((l) => l.id === lock)?.lockage;
    if (seedRule && set.rule !== undefined && set.rule !== seedRule.rule) {
      const needs = LOCKAGE_RULE_NEEDS[set.rule].map((k) => SCENARIO_LOCKAGE_KEY[k] ?? k);
      if (needs.some((k) => rule[k] === undefined)) problems.push(where('lockage').file.problem(['lockage', written, 'rule'], `lock '${lock}' has no ${set.rule} rule in the seeds to keep: give ${needs.join(' and ')} with rule: ${set.rule}`));
    }
    netChanges.push({ kind: 'modify-lock', lock, set: { lockage: set } });
    netOrigins.push({ file: where('lockage').file, path: ['lockage', written] });
  }
  const changeProblems = applyChanges(seeds, netChanges).problems;
  const cutLocks = locksOfCutChanges(cuts);
  for (const p of changeProblems) {
    const o = netOrigins[p.index]!;
    // A line that is there or not because a refused change of its lock did not apply: no problem of its own.
    const c = netChanges[p.index]!;
    if (p.field === 'line' && 'lock' in c && (cutLocks === 'any' || cutLocks.has(c.lock))) continue;
    problems.push(o.file.problem([...o.path, p.field], p.problem));
  }

  // Demand, fleet, closures, horizon.
  const d: Raw = { ...merged.demand, ...(merged.demand?.portTotals ? { portTotals: named.portTotals } : {}), ...(merged.demand?.flows ? { flows: named.flows } : {}) };
  const demandLayer = where('demand').file;
  const commodityIds = [...(seeds.demand?.commodities.map((c) => c.id) ?? []), 'containers'];
  (d.flows ?? []).forEach((f: Raw, i: number) => {
    if (!commodityIds.includes(f.commodity)) problems.push(demandLayer.problem(['demand', 'flows', i, 'commodity'], `unknown commodity '${f.commodity}'${suggest(f.commodity, commodityIds)}`));
    if (f.from === f.to) problems.push(demandLayer.problem(['demand', 'flows', i, 'to'], `a flow needs two different ports; both are '${f.to}'`));
  });
  const fleet: Raw = merged.fleet ?? {};
  const hydrologyId: string = merged.hydrology ?? 'normal';
  const hydrology = seeds.hydrology.get(hydrologyId);
  if (!hydrology) {
    const known = [...seeds.hydrology.keys()];
    problems.push(where('hydrology').file.problem(['hydrology'], `unknown hydrological year '${hydrologyId}'${suggest(hydrologyId, known)}; the network's hydrology.yaml has ${known.join(', ')}`));
  }
  for (const v of Object.keys(fleet.shares ?? {})) {
    const ids = seeds.fleet.map((x) => x.id);
    if (!ids.includes(v)) problems.push(where('fleet').file.problem(['fleet', 'shares', v], `unknown vessel class '${v}'${suggest(v, ids)}`));
  }
  named.closuresExtra.forEach((c: Raw, i: number) => {
    const lock = seeds.locks.find((l) => l.id === c.lock);
    const f = where('closures').file;
    if (lock && c.line !== undefined && !lock.lines.some((l) => l.id === c.line)) problems.push(f.problem(['closures', 'extra', i, 'line'], `lock '${c.lock}' has no line '${c.line}'`));
    if (!(c.toDay > c.fromDay)) problems.push(f.problem(['closures', 'extra', i, 'toDay'], `toDay (${c.toDay}) must come after fromDay (${c.fromDay})`));
  });
  // The basis: the plan's path needs its keys, the record has none of them.
  const planKeys = ['baseYear', 'targetYear', 'targetMt', 'targetMTeu'].filter((k) => d[k] !== undefined);
  const given: Partial<Demand> & { year: number } = {
    year: d.year ?? year,
    basis: d.basis,
    path: d.path,
    demandScale: d.demandScale,
    gravityExponent: d.gravityExponent,
    baseYear: d.baseYear,
    targetYear: d.targetYear,
    targetTonnes: d.targetMt !== undefined ? d.targetMt * 1e6 : undefined,
    targetTeu: d.targetMTeu !== undefined ? d.targetMTeu * 1e6 : undefined,
    seasonality: d.seasonality,
  };
  const demand = withDemandDefaults(given, seeds.baseYear);
  const { basis, path: pathId, baseYear } = demand;
  // What kind of demand this is rests on these keys: with one refused, the checks below would judge another kind.
  const demandKind = ['basis', 'path', 'flows', 'portTotals', 'baseYear', 'targetYear', 'targetMt', 'targetMTeu'].every((k) => !lost('demand', k));
  if (demandKind && basis === 'record' && planKeys.length > 0) {
    problems.push(demandLayer.problem(['demand', 'basis'], `basis 'record' takes no ${planKeys.join(', ')} (those set the plan's path; here or in a scenario extended)`));
  }
  const paths = seeds.demand?.growthPaths.map((g) => g.id) ?? [];
  // Seeds naming no paths have a flat central one (record-demand.ts).
  if (demandKind && !d.flows && !d.portTotals && basis === 'record' && !paths.includes(pathId) && !(pathId === 'central' && paths.length === 0)) {
    problems.push(where('demand').file.problem(['demand', d.path !== undefined ? 'path' : 'basis'], `unknown growth path '${pathId}'${suggest(pathId, paths)}; the network's demand.yaml has ${paths.join(', ') || 'none'}`));
  }
  // Demand spread from the ports' published totals needs the demand model and a base-year total per port.
  if (demandKind && !d.flows && !d.portTotals && basis === 'plan') {
    const seedFile = (name: string) => relative(process.cwd(), join(seedsDir, name));
    if (!seeds.demand) problems.push({ file: seedFile('demand.yaml'), path: '', problem: 'not found: demand from port totals needs the commodity mix and seasonality (or give demand.flows in the scenario)' });
    seeds.ports.forEach((p, i) => {
      if (!p.throughput.some((t) => t.year === baseYear && t.tonnes !== undefined))
        problems.push({ file: seedFile('ports.yaml'), path: `[${i}].throughput`, problem: `port '${p.id}' has no ${baseYear} tonnage, which demand from port totals grows from (or give demand.flows or demand.portTotals in the scenario)` });
    });
  }
  const commodityCargo = new Map<string, CargoKind>([...(seeds.demand?.commodities.map((c) => [c.id, c.cargo as CargoKind] as const) ?? []), ['containers', 'container']]);

  // Explicit flows must have a route for some vessel class that carries their cargo: on the
  // network as the scenario states it, so only when its year and every change stand.
  if (d.flows && merged.year !== undefined && !lost('year') && !cuts.some((c) => c.path[0] === 'changes') && changeProblems.length === 0) {
    const net = new WaterwayNetwork(applyChanges(seeds, netChanges).seeds, year);
    const nodeOf = (zone: string) => seeds.ports.find((p) => p.id === zone)?.node ?? zone;
    // Names are ids by now (names.ts); one that is not was refused above.
    const zoneIds = zoneNames(seeds).map((z) => z.id);
    (d.flows as Raw[]).forEach((f, i) => {
      const cargo = commodityCargo.get(f.commodity);
      if (!cargo || f.from === f.to || !zoneIds.includes(f.from) || !zoneIds.includes(f.to)) return; // already reported
      const why = roundTripBlocker(net, nodeOf(f.from), nodeOf(f.to), seeds.fleet.filter((v) => v.cargo.includes(cargo)));
      if (why !== null) problems.push(demandLayer.problem(['demand', 'flows', i], `demand on a pair with no route: ${why || `no vessel class carries ${cargo}`}`));
    });
  }
  if (problems.length > 0) throw refused();

  const tonnesPerTeu = seeds.demand?.tonnesPerTeu ?? 10;
  const horizon: Raw = merged.horizon ?? {};
  const targets: Raw = merged.targets ?? {};
  const scenario: ResolvedScenario = {
    name: merged.name,
    description: merged.description ?? '',
    files: layers.map((l) => l.file.file),
    seedsDir,
    networkLabel,
    year,
    changes: netChanges,
    demand: {
      ...demand,
      ...(d.portTotals ? { totals: d.portTotals.map((t: Raw) => ({ port: t.port, tonnes: t.tonnesMt * 1e6, teu: t.teu ?? 0, basis: 'scenario' })) } : {}),
      ...(d.flows
        ? {
            flows: d.flows.map((f: Raw) => {
              const cargo = commodityCargo.get(f.commodity)!;
              const teu = f.teu ?? (cargo === 'container' ? ((f.tonnesMt ?? 0) * 1e6) / tonnesPerTeu : 0);
              return { origin: f.from, destination: f.to, commodity: f.commodity, cargo, tonnes: f.tonnesMt !== undefined ? f.tonnesMt * 1e6 : teu * tonnesPerTeu, teu };
            }),
          }
        : {}),
    },
    fleet: { mixYear: fleet.mixYear ?? year, ...(fleet.shares ? { shares: fleet.shares } : {}) },
    hydrology: hydrology!,
    classTonnageCap: merged.admission?.classTonnageCap ?? false,
    closures: {
      ...(closures.floodSpellMeanDays !== undefined ? { floodSpellMeanS: closures.floodSpellMeanDays * DAY } : {}),
      extra: named.closuresExtra.map((c: Raw) => ({ lock: c.lock, line: c.line ?? null, fromS: c.fromDay * DAY, toS: c.toDay * DAY, reason: 'scenario' as const })),
    },
    horizonS: (horizon.years ?? 1) * 365 * DAY,
    warmupS: (horizon.warmupDays ?? 30) * DAY,
    replications: merged.replications ?? 8,
    seed: merged.seed ?? 1,
    targets: { tonnes: (targets.tonnesMt ?? 300) * 1e6, teu: (targets.teuM ?? 10) * 1e6 },
    texts: layers.map((l) => ({ file: l.file.file, text: l.text })),
    warnings: [],
  };
  scenario.warnings = implausible(scenario, seeds, changes, changeOrigins, where);
  return { scenario, seeds };
}

/** One scenario change in file form → network changes in internal units. */
function toNetworkChanges(c: Raw, seeds: SeedNetwork): NetworkChange[] {
  const [kind, body] = Object.entries(c)[0] as [string, Raw];
  const lockOf = (id: string) => seeds.locks.find((l) => l.id === id);
  const cycleOf = (lockId: string, lineId: string | undefined, over: Raw | undefined) => {
    const lock = lockOf(lockId);
    const base = lock?.lines.find((l) => l.id === lineId)?.cycle ?? lock?.cycle ?? { gateOpenS: 0, gateCloseS: 0, levellingS: 0, entryPerVesselS: 0, exitPerVesselS: 0 };
    if (!over) return base;
    return {
      gateOpenS: over.gateOpenMin !== undefined ? over.gateOpenMin * 60 : base.gateOpenS,
      gateCloseS: over.gateCloseMin !== undefined ? over.gateCloseMin * 60 : base.gateCloseS,
      levellingS: over.levellingMin !== undefined ? over.levellingMin * 60 : base.levellingS,
      entryPerVesselS: over.entryPerVesselMin !== undefined ? over.entryPerVesselMin * 60 : base.entryPerVesselS,
      exitPerVesselS: over.exitPerVesselMin !== undefined ? over.exitPerVesselMin * 60 : base.exitPerVesselS,
    };
  };
  switch (kind) {
    case 'addLockLine': {
      const line: LockLine = {
        id: body.id,
        name: { en: body.name ?? `${body.lock} line ${body.id}`, zh: body.name ?? `${body.lock} ${body.id}线` },
        lengthM: body.lengthM,
        widthM: body.widthM,
        sillDepthM: body.sillDepthM,
        designVesselT: body.designVesselT,
        opened: body.opened,
        planned: true,
        cycle: cycleOf(body.lock, undefined, body.cycle),
      };
      return [{ kind: 'add-lock-line', lock: body.lock, line }];
    }
    case 'removeLockLine':
      return [{ kind: 'remove-lock-line', lock: body.lock, line: body.line }];
    case 'modifyLockLine': {
      const set: Partial<LockLine> = {};
      for (const k of ['lengthM', 'widthM', 'sillDepthM', 'designVesselT', 'opened'] as const) if (body[k] !== undefined) (set as Raw)[k] = body[k];
      if (body.cycle) set.cycle = cycleOf(body.lock, body.line, body.cycle);
      return [{ kind: 'modify-lock-line', lock: body.lock, line: body.line, set }];
    }
    case 'upgradeSegment':
      return (body.segments as string[]).map((segment) => ({ kind: 'upgrade-segment', segment, class: body.class as ClassId, year: body.from }));
    case 'setBerths': {
      // Merged: the kinds named replace the port's berths of that kind, the others stay.
      const port = seeds.ports.find((p) => p.id === body.port);
      const named: Berth[] = (body.berths as Raw[]).map((b) => {
        const existing = port?.berths.find((x) => x.cargo === b.cargo);
        const unit = b.cargo === 'container' ? 'TEU' : 't';
        const perH = unit === 'TEU' ? b.teuPerH : b.tonnesPerH;
        return { cargo: b.cargo, count: b.count, ratePerS: perH !== undefined ? perH / 3600 : existing?.ratePerS ?? (unit === 'TEU' ? 30 : 400) / 3600, rateUnit: unit };
      });
      const kept = (port?.berths ?? []).filter((x) => !named.some((b) => b.cargo === x.cargo));
      return [{ kind: 'set-berths', port: body.port, berths: [...kept, ...named] }];
    }
    default:
      return [];
  }
}

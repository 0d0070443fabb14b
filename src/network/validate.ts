import { UndirectedGraph } from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import type { Problem } from '../input/problems.js';
import { channelAdmits, classInYear, describeVessel, lineAdmits, lockState, openLines, segmentDepth } from './admission.js';
import { suggest } from '../input/names.js';
import type { SeedFiles } from './seeds.js';
import { checkCourses } from './courses.js';
import { CARGO_KINDS, type SeedNetwork } from './types.js';
import type { YamlFile } from '../input/yaml-file.js';

/**
 * Checks that need more than one record: unknown references, duplicate ids,
 * disconnected ports, fleet shares, and locks whose open lines cannot take the
 * design vessel of the channel they sit in.
 */
export function validateSeeds(seeds: SeedNetwork, files: SeedFiles): Problem[] {
  const problems: Problem[] = [];
  const at = (file: keyof SeedFiles, path: (string | number)[], text: string) => problems.push(files[file]!.problem(path, text));

  const nodeIds = new Map(seeds.nodes.map((n) => [n.id, n]));
  duplicates(seeds.nodes.map((n) => n.id), (i, id) => at('nodes', [i, 'id'], `duplicate node id '${id}'`));
  duplicates(seeds.segments.map((s) => s.id), (i, id) => at('segments', [i, 'id'], `duplicate segment id '${id}'`));
  duplicates(seeds.locks.map((l) => l.id), (i, id) => at('locks', [i, 'id'], `duplicate lock id '${id}'`));
  duplicates(seeds.ports.map((p) => p.id), (i, id) => at('ports', [i, 'id'], `duplicate port id '${id}'`));
  duplicates(seeds.fleet.map((v) => v.id), (i, id) => at('fleet', ['vesselClasses', i, 'id'], `duplicate vessel class id '${id}'`));
  seeds.locks.forEach((l, i) => duplicates(l.lines.map((ln) => ln.id), (j, id) => at('locks', [i, 'lines', j, 'id'], `duplicate line id '${id}' in lock '${l.id}'`)));

  const unknownNode = (id: string) => `unknown node '${id}'${suggest(id, [...nodeIds.keys()])}`;
  // Courses are for drawing only: their problems never stop the graph checks below.
  const courseProblems = files.courses ? checkCourses(seeds, files.courses) : [];
  seeds.segments.forEach((s, i) => {
    if (!nodeIds.has(s.from)) at('segments', [i, 'from'], unknownNode(s.from));
    if (!nodeIds.has(s.to)) at('segments', [i, 'to'], unknownNode(s.to));
    if (s.from === s.to) at('segments', [i, 'to'], `segment joins node '${s.from}' to itself`);
    if (!(s.lengthM > 0)) at('segments', [i, 'length'], 'a segment needs a positive length');
    s.classByYear.forEach((c) => {
      if (!seeds.classes.has(c.class)) at('segments', [i, 'class', String(c.year)], `Class ${c.class} is not defined in classes.yaml`);
    });
  });
  const lockNodes = new Map<string, string>();
  seeds.locks.forEach((l, i) => {
    const node = nodeIds.get(l.node);
    if (!node) at('locks', [i, 'node'], unknownNode(l.node));
    else if (node.kind !== 'lock-site') at('locks', [i, 'node'], `node '${l.node}' is a ${node.kind}, not a lock-site`);
    if (lockNodes.has(l.node)) at('locks', [i, 'node'], `node '${l.node}' already holds lock '${lockNodes.get(l.node)}'`);
    lockNodes.set(l.node, l.id);
    if (l.lines.length === 0 && l.damClosed !== undefined) at('locks', [i, 'lines'], `lock '${l.id}' has a dam (closed ${l.damClosed}) but no lines: nothing could ever pass`);
    const lineIds = new Set(l.lines.map((ln) => ln.id));
    l.designCapacity.forEach((d, j) =>
      d.lines.forEach((ln, k) => {
        if (!lineIds.has(ln)) at('locks', [i, 'designCapacity', j, 'lines', k], `unknown line '${ln}' of lock '${l.id}'${suggest(ln, [...lineIds])}`);
      }),
    );
    l.lines.forEach((ln, j) => {
      for (const [k, v] of [['length', ln.lengthM], ['width', ln.widthM], ['sillDepth', ln.sillDepthM]] as const) {
        if (!(v > 0)) at('locks', [i, 'lines', j, k], `a chamber needs a positive ${k}`);
      }
    });
  });
  seeds.nodes.forEach((n, i) => {
    if (n.kind === 'lock-site' && !lockNodes.has(n.id)) at('nodes', [i, 'kind'], `lock-site '${n.id}' has no lock in locks.yaml`);
  });
  seeds.ports.forEach((p, i) => {
    if (!nodeIds.has(p.node)) at('ports', [i, 'node'], unknownNode(p.node));
    if (p.berths.length === 0) at('ports', [i, 'berths'], `port '${p.id}' has no berths`);
    p.areas.forEach((a, j) => {
      if (!nodeIds.has(a.node)) at('ports', [i, 'areas', j, 'node'], unknownNode(a.node));
    });
    const shares = p.areas.reduce((s, a) => s + a.share, 0);
    if (Math.abs(shares - 1) > 0.01) at('ports', [i, 'areas'], `the shares of port '${p.id}''s areas add up to ${shares.toFixed(3)}, not 1`);
    if (p.areas[0]!.node !== p.node) at('ports', [i, 'areas', 0, 'node'], `the first area must be the port's own node '${p.node}'`);
  });

  for (const cargo of CARGO_KINDS) {
    const carriers = seeds.fleet.filter((v) => v.cargo.includes(cargo));
    if (carriers.length === 0) continue;
    const total = carriers.reduce((s, v) => s + v.share, 0);
    if (Math.abs(total - 1) > 0.01) at('fleet', ['vesselClasses'], `shares of the vessel classes carrying ${cargo} add up to ${total.toFixed(3)}, not 1`);
  }

  if (seeds.demand && files.demand) {
    const d = seeds.demand;
    const total = d.commodities.reduce((s, c) => s + c.share, 0);
    if (Math.abs(total - 1) > 0.01) at('demand', ['commodities'], `commodity shares add up to ${total.toFixed(3)}, not 1`);
    duplicates(d.commodities.map((c) => c.id), (i, id) => at('demand', ['commodities', i, 'id'], `duplicate commodity id '${id}'`));
    const missing = d.seasonality.map((v, m) => (Number.isNaN(v) ? m + 1 : 0)).filter((m) => m > 0);
    if (missing.length > 0) at('demand', ['seasonality'], `no factor for month ${missing.join(', ')} (each month 1–12 once)`);
    else {
      const mean = d.seasonality.reduce((s, v) => s + v, 0) / 12;
      if (Math.abs(mean - 1) > 0.01) at('demand', ['seasonality'], `monthly factors average ${mean.toFixed(3)}, not 1`);
    }
    const nodeIds = seeds.nodes.map((n) => n.id), commodityIds = d.commodities.map((c) => c.id);
    d.unrecorded.forEach((u, i) => {
      if (!nodeIds.includes(u.node)) at('demand', ['unrecorded', i, 'node'], `unknown node '${u.node}'${suggest(u.node, nodeIds)}`);
      if (!commodityIds.includes(u.commodity)) at('demand', ['unrecorded', i, 'commodity'], `unknown commodity '${u.commodity}'${suggest(u.commodity, commodityIds)}`);
    });
    duplicates(d.unrecorded.map((u) => u.id), (i, id) => at('demand', ['unrecorded', i, 'id'], `duplicate unrecorded-traffic id '${id}'`));
    duplicates(d.growthPaths.map((g) => g.id), (i, id) => at('demand', ['growthPaths', i, 'id'], `duplicate growth path '${id}'`));
  }

  if (files.hydrology) problems.push(...validateHydrology(seeds, files.hydrology));
  if (files.observed) problems.push(...validateObserved(seeds, files.observed));

  if (problems.length > 0) return [...problems, ...courseProblems]; // the graph checks below need sound references

  // Every port must connect to the rest (ignoring vessel limits): one component holds them all.
  const g = new UndirectedGraph();
  seeds.nodes.forEach((n) => g.addNode(n.id));
  seeds.segments.forEach((s) => g.mergeEdge(s.from, s.to));
  const component = reach(g, seeds.ports[0]!.node);
  seeds.ports.forEach((p, i) => {
    p.areas.forEach((a, j) => {
      if (!component.has(a.node)) at('ports', j === 0 ? [i, 'node'] : [i, 'areas', j, 'node'], `port '${p.id}' is disconnected: no channel joins node '${a.node}' to '${seeds.ports[0]!.node}'`);
    });
  });

  // A lock must take the design vessel of the channels it joins, in every reference year.
  const years = [...new Set([...seeds.years, ...seeds.segments.flatMap((s) => s.classByYear.map((c) => c.year))])].sort();
  seeds.locks.forEach((l, i) => {
    const adjacent = seeds.segments.filter((s) => s.from === l.node || s.to === l.node);
    for (const year of years) {
      if (lockState(l, year) !== 'lines') continue;
      const lines = openLines(l, year);
      for (const s of adjacent) {
        const cls = seeds.classes.get(classInYear(s, year))!;
        if (channelAdmits(cls, segmentDepth(s, cls), cls.vessel) !== null) continue; // the channel itself cannot
        const why = lines.map((ln) => `line ${ln.id}: ${lineAdmits(ln, cls.vessel)}`);
        if (lines.every((ln) => lineAdmits(ln, cls.vessel) !== null)) {
          at('locks', [i, 'lines'], `in ${year} no open line of '${l.id}' admits the Class ${cls.id} design vessel ${describeVessel(cls.vessel)} of segment '${s.id}' (${why.join('; ')})`);
        }
      }
    }
  });
  return [...problems, ...courseProblems];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * hydrology.yaml against the network: known segments, locks and lines; twelve
 * months; water left above the bed in every class a segment has in any year;
 * withdrawals that start within the year and last some time.
 */
function validateHydrology(seeds: SeedNetwork, file: YamlFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: (string | number)[], text: string) => problems.push(file.problem(path, text));
  const raw = file.data as { id: string }[];
  duplicates(raw.map((h) => h.id), (i, id) => at([i, 'id'], `duplicate hydrological year '${id}'`));
  const segments = new Map(seeds.segments.map((s) => [s.id, s]));
  raw.forEach((r, i) => {
    // The map holds the last year written under an id; an earlier duplicate is reported above.
    if (raw.some((x, k) => k > i && x.id === r.id)) return;
    const h = seeds.hydrology.get(r.id)!;
    const grouped = new Map<string, number>();
    h.depthReductions.forEach((r, j) => {
      const here = [i, 'depthReductions', j];
      if (r.byMonthM.length !== 12) at([...here, 'byMonth', 'value'], `needs 12 monthly values (January first), found ${r.byMonthM.length}`);
      r.segments.forEach((id, k) => {
        const s = segments.get(id);
        if (!s) return at([...here, 'segments', k], `unknown segment '${id}'${suggest(id, [...segments.keys()])}`);
        if (grouped.has(id)) return at([...here, 'segments', k], `segment '${id}' is already in depthReductions[${grouped.get(id)}] of '${h.id}'`);
        grouped.set(id, j);
        // The shallowest depth the segment has in any year: the reduction must leave water above the bed there.
        const depths = s.classByYear.map((c) => ({ year: c.year, cls: c.class, depthM: segmentDepth(s, seeds.classes.get(c.class)!) }));
        const shallowest = depths.reduce((a, b) => (b.depthM < a.depthM ? b : a));
        const m = r.byMonthM.findIndex((v) => v >= shallowest.depthM - 1e-9);
        if (m >= 0) {
          at(
            [...here, 'byMonth', 'value', m],
            `a reduction of ${r.byMonthM[m]} m in ${MONTHS[m]} leaves no water on segment '${id}' (depth ${shallowest.depthM} m as Class ${shallowest.cls} from ${shallowest.year}): the water level would be at or below the river bed`,
          );
        }
      });
    });
    h.lineWithdrawals.forEach((w, j) => {
      const here = [i, 'lineWithdrawals', j];
      const lock = seeds.locks.find((l) => l.id === w.lock);
      if (!lock) at([...here, 'lock'], `unknown lock '${w.lock}'${suggest(w.lock, seeds.locks.map((l) => l.id))}`);
      else {
        const lineIds = lock.lines.map((l) => l.id);
        w.lines.forEach((ln, k) => {
          if (!lineIds.includes(ln)) at([...here, 'lines', k], `unknown line '${ln}' of lock '${w.lock}'${suggest(ln, lineIds)} (it has ${lineIds.join(', ')})`);
        });
      }
      if (!(w.fromDay >= 0 && w.fromDay <= 364)) at([...here, 'fromDay'], `fromDay ${w.fromDay} is outside the year: a calendar day from 0 (1 January) to 364`);
      if (!(w.days > 0)) at([...here, 'days'], `a withdrawal needs a positive length, not ${w.days} days`);
    });
  });
  return problems;
}

/**
 * observed.yaml against the network: known locks and lines, in service in the year of the
 * record; ids once each; no more going down than in all; ships, cargo and a period to compare.
 */
function validateObserved(seeds: SeedNetwork, file: YamlFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: (string | number)[], text: string) => problems.push(file.problem(path, text));
  duplicates(seeds.lockRecords.map((r) => r.id), (i, id) => at(['lockRecords', i, 'id'], `duplicate lock record id '${id}'`));
  duplicates(seeds.lockMaxima.map((m) => m.id), (i, id) => at(['lockMaxima', i, 'id'], `duplicate lock maximum id '${id}'`));
  const lockIds = seeds.locks.map((l) => l.id);
  // The lock, its lines and the year: what both kinds of entry name.
  const where = (list: 'lockRecords' | 'lockMaxima' | 'lockPassages', i: number, e: { lock: string; year: number; lines?: string[] }) => {
    const lock = seeds.locks.find((l) => l.id === e.lock);
    if (!lock) return at([list, i, 'lock'], `unknown lock '${e.lock}'${suggest(e.lock, lockIds)}`);
    const open = openLines(lock, e.year);
    if (open.length === 0) {
      const first = Math.min(...lock.lines.map((ln) => ln.opened));
      at([list, i, 'year'], `lock '${lock.id}' has no line in service in ${e.year} (${lock.lines.length === 0 ? 'it has no lines' : `its first line opened in ${first}`})`);
    }
    const lineIds = lock.lines.map((ln) => ln.id);
    e.lines?.forEach((id, k) => {
      const line = lock.lines.find((ln) => ln.id === id);
      if (!line) at([list, i, 'lines', k], `unknown line '${id}' of lock '${lock.id}'${suggest(id, lineIds)} (it has ${lineIds.join(', ')})`);
      else if (open.length > 0 && line.opened > e.year) at([list, i, 'lines', k], `line '${id}' of lock '${lock.id}' opened in ${line.opened}: not in service in ${e.year}`);
    });
  };
  const raw = file.data as { lockRecords?: Record<string, { value: number; unit: string } | undefined>[] };
  const text = (i: number, k: string) => `${raw.lockRecords![i]![k]!.value} ${raw.lockRecords![i]![k]!.unit}`;
  seeds.lockRecords.forEach((r, i) => {
    const here = ['lockRecords', i];
    where('lockRecords', i, r);
    if (!(r.days > 0)) at([...here, 'days'], `a record needs a period of some length, not ${text(i, 'days')}`);
    if (!(r.ships > 0)) at([...here, 'ships'], `a record needs some ships, not ${r.ships}`);
    if (!(r.cargoT > 0)) at([...here, 'cargo'], `a record needs some cargo, not ${text(i, 'cargo')}`);
    if (r.shipsDown !== undefined && r.shipsDown > r.ships) at([...here, 'shipsDown'], `more ships down (${r.shipsDown}) than ships both ways (${r.ships})`);
    if (r.cargoDownT !== undefined && r.cargoDownT > r.cargoT) at([...here, 'cargoDown'], `more cargo down (${text(i, 'cargoDown')}) than cargo both ways (${text(i, 'cargo')})`);
  });
  seeds.lockMaxima.forEach((m, i) => where('lockMaxima', i, m));

  // Yearly passages and port figures: one per lock (port, unit, scope) and year, in a year the network covers.
  const lastYear = Math.max(...seeds.years);
  const covered = (list: string, i: number, y: number) => {
    // A year the seeds do not reach has no network to set the figure against.
    if (y > lastYear) at([list, i, 'year'], `${y} is after ${lastYear}, the last year the network's seeds describe (network.yaml years)`);
  };
  const seenPassage = new Map<string, number>();
  seeds.lockPassages.forEach((p, i) => {
    const here = ['lockPassages', i];
    where('lockPassages', i, p);
    covered('lockPassages', i, p.year);
    const key = `${p.lock}|${p.year}`;
    if (seenPassage.has(key)) at([...here, 'year'], `duplicate observation: lock '${p.lock}' in ${p.year} is already given at lockPassages[${seenPassage.get(key)}]`);
    else seenPassage.set(key, i);
    if (p.cargoDownT !== undefined && p.cargoDownT > p.cargoT) at([...here, 'cargoDown'], `more cargo down (${p.cargoDownT / 1e6} Mt) than cargo both ways (${p.cargoT / 1e6} Mt)`);
    if (p.shipsDown !== undefined && p.ships !== undefined && p.shipsDown > p.ships) at([...here, 'shipsDown'], `more ships down (${p.shipsDown}) than ships both ways (${p.ships})`);
  });
  const seenRegion = new Map<string, number>();
  seeds.regionThroughput.forEach((r, i) => {
    covered('regionThroughput', i, r.year);
    r.ports.forEach((id, k) => {
      if (!seeds.ports.some((p) => p.id === id)) at(['regionThroughput', i, 'ports', k], `unknown port '${id}'${suggest(id, seeds.ports.map((p) => p.id))}`);
    });
    const key = `${r.id}|${r.year}`;
    if (seenRegion.has(key)) at(['regionThroughput', i, 'year'], `duplicate observation: region '${r.id}' in ${r.year} is already given at regionThroughput[${seenRegion.get(key)}]`);
    else seenRegion.set(key, i);
  });
  const rawPorts = ((file.data as { portThroughput?: { port: string; year: number; unit: string; scope?: string }[] }).portThroughput ?? []);
  const portIds = seeds.ports.map((p) => p.id);
  rawPorts.forEach((t, i) => {
    const port = seeds.ports.find((p) => p.id === t.port);
    if (!port) return at(['portThroughput', i, 'port'], `unknown port '${t.port}'${suggest(t.port, portIds)}`);
    covered('portThroughput', i, t.year);
    const teu = t.unit.includes('TEU');
    const same = port.throughput.filter((f) => f.year === t.year && (f.teu !== undefined) === teu && (f.scope ?? '') === (t.scope ?? ''));
    if (same.length > 1) at(['portThroughput', i], `duplicate observation: port '${t.port}' has ${same.length} ${teu ? 'TEU' : 'tonnage'} figures for ${t.year}${t.scope ? ` (scope '${t.scope}')` : ''}, here and in ports.yaml or earlier in this file`);
  });
  return problems;
}

function duplicates(ids: string[], report: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report(i, id);
    seen.add(id);
  });
}

function reach(g: UndirectedGraph, start: string): Set<string> {
  const seen = new Set<string>();
  bfsFromNode(g, start, (node) => void seen.add(node));
  return seen;
}

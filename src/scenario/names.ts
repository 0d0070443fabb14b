import { resolveName, type Nameable, type NameContext } from '../input/names.js';
import type { Problem } from '../input/problems.js';
import type { YamlFile } from '../input/yaml-file.js';
import { LOCK, PORT, ZONE, lockNames, portNames, zoneNames } from '../network/names.js';
import type { SeedNetwork } from '../network/index.js';

type Raw = Record<string, any>;

/** An entry of a mapping keyed by lock (`lockage`, `closures.maintenanceDaysPerLine`…): the key as written, for its line, and the lock's id. */
export interface KeyedByLock {
  key: string;
  id: string;
  value: any;
}

/** A scenario's port, lock and gateway names as ids: what the rest of loading, and everything after it, works with. */
export interface ScenarioIds {
  /** Each change with its lock or port as an id; null where the name is not known (the problem is reported). */
  changes: (Raw | null)[];
  lockage: KeyedByLock[];
  maintenanceDaysPerLine: KeyedByLock[];
  floodClosureDays: KeyedByLock[];
  closuresExtra: Raw[];
  portTotals: Raw[];
  flows: Raw[];
}

/** Where each part of the merged scenario was written. */
export interface ScenarioPlaces {
  change: (i: number) => { file: YamlFile; index: number };
  key: (key: string) => YamlFile;
}

/**
 * Resolves every port, lock and gateway a scenario names (by id, English or
 * Chinese name, any case) to its id. A name not known, or naming two locks,
 * is a problem at its place in the file, with suggestions.
 */
export function scenarioIds(merged: Raw, changes: readonly Raw[], at: ScenarioPlaces, seeds: SeedNetwork, problems: Problem[]): ScenarioIds {
  const locks = lockNames(seeds), ports = portNames(seeds), zones = zoneNames(seeds);
  const idOf = (text: string, things: readonly Nameable[], ctx: NameContext, file: YamlFile, path: (string | number)[]): string | undefined => {
    const r = resolveName(String(text), things, ctx);
    if (r.ok) return r.id;
    problems.push(file.problem(path, r.problem));
    return undefined;
  };

  const outChanges = changes.map((c, i) => {
    const [kind, body] = Object.entries(c)[0] as [string, Raw];
    const { file, index } = at.change(i);
    const field = kind === 'setBerths' ? 'port' : kind === 'upgradeSegment' ? undefined : 'lock';
    if (field === undefined) return c;
    const id = idOf(body[field], field === 'port' ? ports : locks, field === 'port' ? PORT : LOCK, file, ['changes', index, kind, field]);
    return id === undefined ? null : { [kind]: { ...body, [field]: id } };
  });

  // Two keys naming one lock ("guigang" and "贵港") would have the second win unseen.
  const byLock = (section: string, key?: string): KeyedByLock[] => {
    const map: Raw = (key === undefined ? merged[section] : merged[section]?.[key]) ?? {};
    const file = at.key(section);
    const out: KeyedByLock[] = [];
    for (const [k, value] of Object.entries(map)) {
      const path = key === undefined ? [section, k] : [section, key, k];
      const id = idOf(k, locks, LOCK, file, path);
      if (id === undefined) continue;
      const twin = out.find((e) => e.id === id);
      if (twin) problems.push(file.problem(path, `'${k}' is lock '${id}', already given as '${twin.key}'`));
      else out.push({ key: k, id, value });
    }
    return out;
  };

  const closures: Raw = merged.closures ?? {};
  const demand: Raw = merged.demand ?? {};
  const closuresFile = at.key('closures'), demandFile = at.key('demand');
  return {
    changes: outChanges,
    lockage: byLock('lockage'),
    maintenanceDaysPerLine: byLock('closures', 'maintenanceDaysPerLine'),
    floodClosureDays: byLock('closures', 'floodClosureDays'),
    closuresExtra: ((closures.extra ?? []) as Raw[]).map((c, i) => ({ ...c, lock: idOf(c.lock, locks, LOCK, closuresFile, ['closures', 'extra', i, 'lock']) ?? c.lock })),
    portTotals: ((demand.portTotals ?? []) as Raw[]).map((t, i) => ({ ...t, port: idOf(t.port, ports, PORT, demandFile, ['demand', 'portTotals', i, 'port']) ?? t.port })),
    flows: ((demand.flows ?? []) as Raw[]).map((f, i) => ({
      ...f,
      from: idOf(f.from, zones, ZONE, demandFile, ['demand', 'flows', i, 'from']) ?? f.from,
      to: idOf(f.to, zones, ZONE, demandFile, ['demand', 'flows', i, 'to']) ?? f.to,
    })),
  };
}

/**
 * What of a scenario file can still be checked against the network when its schema check
 * fails, so that one pass reports every problem: each part the schema refuses is cut out, as
 * the smallest unit whose other parts still mean something on their own (a change, a flow, a
 * port total, a closure, a lock's lockage rule or closure days, a vessel class's share;
 * elsewhere the key at fault, or the whole list a bad item sits in). The cuts are kept, so a
 * check that would only echo a problem already reported can be skipped.
 */
import { schemaFaults } from '../input/schema.js';

type Path = (string | number)[];

/** A part cut out, and its value as written. */
export interface Cut {
  path: Path;
  value: unknown;
}

/** The lists and maps whose items stand alone: a bad item is cut, its neighbours are checked. */
const ITEMISED: readonly Path[] = [
  ['changes'],
  ['demand', 'flows'],
  ['demand', 'portTotals'],
  ['closures', 'extra'],
  ['closures', 'maintenanceDaysPerLine'],
  ['closures', 'floodClosureDays'],
  ['lockage'],
  ['fleet', 'shares'],
];

const startsWith = (path: Path, head: Path) => head.length <= path.length && head.every((k, i) => path[i] === k);

/** The part to cut for a fault at `path`; null for the file's root (a key missing there is simply missing). */
export function unitOf(path: Path): Path | null {
  for (const list of ITEMISED) if (path.length > list.length && startsWith(path, list)) return path.slice(0, list.length + 1);
  // An item of any other list (twelve months of seasonality, say) means nothing without the rest.
  const item = path.findIndex((k) => typeof k === 'number');
  const unit = item >= 0 ? path.slice(0, item) : path;
  return unit.length > 0 ? unit : null;
}

/**
 * What `schema` accepts of `data`: a copy with the refused parts cut out (a list keeps its
 * other items at their indices, as holes, so each problem still names the place it was
 * written). `readable` is false when what is left still breaks the schema other than by a
 * missing key at the root: then nothing more of the file is checked.
 */
export function cutUnreadable(original: Record<string, unknown>, schema: object): { data: Record<string, unknown>; cuts: Cut[]; readable: boolean } {
  // A copy, and one with no part shared: a YAML alias (*a) gives one object two places, and a cut from one must not empty the other.
  const data = unshared(original) as Record<string, unknown>;
  const units = new Map<string, Path>();
  for (const f of schemaFaults(data, schema)) {
    const unit = unitOf(f.path);
    if (unit) units.set(JSON.stringify(unit), unit);
  }
  // Outer parts first: a part inside one already cut is gone with it.
  const cuts: Cut[] = [];
  for (const path of [...units.values()].sort((a, b) => a.length - b.length)) {
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), data);
    const key = path[path.length - 1]!;
    if (parent === null || typeof parent !== 'object' || !(key in parent)) continue;
    cuts.push({ path, value: (parent as Record<string | number, unknown>)[key] });
    delete (parent as Record<string | number, unknown>)[key];
  }
  const left = schemaFaults(unshared(data), schema);
  return { data, cuts, readable: left.every((f) => f.keyword === 'required' && f.path.length === 0) };
}

/** A deep copy of lists and mappings, each part its own; holes left by cuts are closed up. */
function unshared(v: unknown): unknown {
  if (Array.isArray(v)) return v.flatMap((x, i) => (i in v ? [unshared(x)] : []));
  if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unshared(x)]));
  return v;
}

/**
 * Locks whose lines a change the schema refused would have added or removed ('any' when such
 * a change names no lock readably, or its kind cannot be told): a line problem of theirs may
 * only echo the refusal.
 */
export function locksOfCutChanges(cuts: readonly Cut[]): Set<string> | 'any' {
  const locks = new Set<string>();
  for (const c of cuts) {
    if (c.path[0] !== 'changes') continue;
    if (c.path.length !== 2 || c.value === null || typeof c.value !== 'object') return 'any';
    const entries = Object.entries(c.value);
    // Berths, segments and a line's figures leave the lines as they are.
    if (entries.length === 1 && ['setBerths', 'upgradeSegment', 'modifyLockLine'].includes(entries[0]![0])) continue;
    const body = entries.length === 1 ? entries[0]![1] : undefined;
    const lock = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).lock : undefined;
    if (typeof lock !== 'string') return 'any';
    locks.add(lock);
  }
  return locks;
}

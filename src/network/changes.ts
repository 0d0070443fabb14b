import { suggest } from '../input/names.js';
import type { Berth, ClassId, Lock, LockagePolicy, LockLine, SeedNetwork } from './types.js';

/** A change to the seed network, as scenario files state them. */
export type NetworkChange =
  | { kind: 'add-lock-line'; lock: string; line: LockLine }
  | { kind: 'remove-lock-line'; lock: string; line: string }
  | { kind: 'modify-lock-line'; lock: string; line: string; set: Partial<Omit<LockLine, 'id' | 'name'>> }
  | { kind: 'upgrade-segment'; segment: string; class: ClassId; year: number }
  | { kind: 'set-berths'; port: string; berths: Berth[] }
  | { kind: 'modify-lock'; lock: string; set: Partial<Pick<Lock, 'maintenanceSPerYear' | 'floodClosureSPerYear'>> & { lockage?: Partial<LockagePolicy> } };

/** What is wrong with change number `index`, and in which of its fields. */
export interface ChangeProblem {
  index: number;
  field: string;
  problem: string;
}

/**
 * Applies changes in order to a copy of the seed; the seed itself is left as it
 * was. Unknown ids are reported with a suggestion, all of them, not only the first.
 */
export function applyChanges(seeds: SeedNetwork, changes: readonly NetworkChange[]): { seeds: SeedNetwork; problems: ChangeProblem[] } {
  const out: SeedNetwork = {
    ...seeds,
    segments: seeds.segments.map((s) => ({ ...s, classByYear: [...s.classByYear] })),
    locks: seeds.locks.map((l) => ({ ...l, lines: l.lines.map((ln) => ({ ...ln })) })),
    ports: seeds.ports.map((p) => ({ ...p, berths: p.berths.map((b) => ({ ...b })) })),
  };
  const problems: ChangeProblem[] = [];
  changes.forEach((c, index) => {
    const fail = (field: string, problem: string) => problems.push({ index, field, problem });
    switch (c.kind) {
      case 'add-lock-line':
      case 'remove-lock-line':
      case 'modify-lock-line': {
        const lock = out.locks.find((l) => l.id === c.lock);
        if (!lock) return fail('lock', `unknown lock '${c.lock}'${suggest(c.lock, out.locks.map((l) => l.id))}`);
        if (c.kind === 'add-lock-line') {
          if (lock.lines.some((l) => l.id === c.line.id)) return fail('line', `lock '${c.lock}' already has a line '${c.line.id}'`);
          lock.lines.push({ ...c.line });
          return;
        }
        const at = lock.lines.findIndex((l) => l.id === c.line);
        if (at < 0) return fail('line', `lock '${c.lock}' has no line '${c.line}' (it has ${lock.lines.map((l) => l.id).join(', ') || 'none'})`);
        if (c.kind === 'remove-lock-line') lock.lines.splice(at, 1);
        else lock.lines[at] = { ...lock.lines[at]!, ...c.set };
        return;
      }
      case 'modify-lock': {
        const lock = out.locks.find((l) => l.id === c.lock);
        if (!lock) return fail('lock', `unknown lock '${c.lock}'${suggest(c.lock, out.locks.map((l) => l.id))}`);
        const { lockage, ...rest } = c.set;
        Object.assign(lock, rest);
        // A scenario names only what it changes of the lock's rule; the rest stays the seed's.
        if (lockage) lock.lockage = { ...lock.lockage, ...lockage };
        return;
      }
      case 'upgrade-segment': {
        const seg = out.segments.find((s) => s.id === c.segment);
        if (!seg) return fail('segment', `unknown segment '${c.segment}'${suggest(c.segment, out.segments.map((s) => s.id))}`);
        if (!out.classes.has(c.class)) return fail('class', `Class ${c.class} is not defined for this network`);
        seg.classByYear = [...seg.classByYear.filter((x) => x.year !== c.year), { year: c.year, class: c.class }].sort((a, b) => a.year - b.year);
        return;
      }
      case 'set-berths': {
        const port = out.ports.find((p) => p.id === c.port);
        if (!port) return fail('port', `unknown port '${c.port}'${suggest(c.port, out.ports.map((p) => p.id))}`);
        if (c.berths.length === 0) return fail('berths', `port '${c.port}' would have no berths`);
        port.berths = c.berths.map((b) => ({ ...b }));
        return;
      }
    }
  });
  return { seeds: out, problems };
}

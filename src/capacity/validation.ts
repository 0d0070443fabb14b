import { designCodeCapacity, fleetShare, JTS305_DEFAULTS, type DesignCodeCoefficients, type FreightInput } from '../model/index.js';
import type { BottleneckAnalysis } from './bottlenecks.js';
import type { Reading } from './criteria.js';

/** One published design capacity beside the design code's formula and the simulation. */
export interface DesignCheck {
  lock: string;
  name: { en: string; zh: string };
  /** The lines the published figure covers. */
  lines: string[];
  publishedOneWayT: number;
  source: string;
  /** JTS 305 formula from the seeds' chamber sizes, cycle times, hours and closures. */
  formulaOneWayT: number;
  /**
   * Simulated practical capacity, heavier direction, under each criterion:
   * only where the published lines are exactly the lines in service in the scenario.
   */
  simulated: { byWait: Reading; byUtilisation: Reading } | null;
  /** Why there is no simulated figure. */
  note: string | null;
}

/** Every published design capacity of the scenario's locks, with the formula and (where comparable) the simulation. */
export function checkDesignCapacities(input: FreightInput, analysis: BottleneckAnalysis | null, k: DesignCodeCoefficients = JTS305_DEFAULTS): DesignCheck[] {
  const net = input.network;
  const out: DesignCheck[] = [];
  for (const lock of net.seeds.locks) {
    const open = net.lockState(lock) === 'lines' ? net.openLines(lock).map((l) => l.id).sort() : [];
    for (const d of lock.designCapacity) {
      const lines = lock.lines.filter((l) => d.lines.includes(l.id));
      const formula = designCodeCapacity(lock, lines, net.seeds.fleet, (v) => fleetShare(input, v), input.margins, k);
      const same = open.length === d.lines.length && [...d.lines].sort().every((id, i) => id === open[i]);
      const row = analysis?.locks.find((l) => l.id === lock.id);
      out.push({
        lock: lock.id,
        name: lock.name,
        lines: d.lines,
        publishedOneWayT: d.tonnesPerYear,
        source: d.provenance.source ?? `estimate: ${d.provenance.estimate ?? ''}`,
        formulaOneWayT: formula.oneWayTonnesPerYear,
        simulated: same && row ? { byWait: row.byWait, byUtilisation: row.byUtilisation } : null,
        note: !same ? `lines in service in ${net.year}: ${open.join(', ') || 'none'}` : !row ? 'not in this sweep' : null,
      });
    }
  }
  return out;
}

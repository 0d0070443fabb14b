import { formatProblem } from '../input/problems.js';
import type { YamlFile } from '../input/yaml-file.js';
import type { SeedNetwork } from '../network/index.js';
import type { Layer } from './chain.js';
import type { ResolvedScenario } from './load.js';

type Raw = Record<string, any>;

const DAY = 86400;

/** Beyond these a value is allowed but almost surely a slip (a unit, a digit): a warning, not a refusal. */
export const PLAUSIBLE = { sillDepthM: 30, targetMt: 1000, targetMTeu: 100, demandScale: 10 } as const;

/**
 * Values that pass the schema but no waterway has: a sill deeper than 30 m, a chamber no
 * vessel of the fleet fits, a target, flow or port total above a billion tonnes (or 100 M TEU),
 * demand scaled more than tenfold, a warm-up longer than the measured span.
 */
export function implausible(s: ResolvedScenario, seeds: SeedNetwork, changes: Raw[], origins: { file: YamlFile; index: number }[], where: (key: string) => Layer): string[] {
  const out: string[] = [];
  const warn = (file: YamlFile, path: (string | number)[], text: string) => out.push(formatProblem(file.problem(path, `warning: ${text}`)));
  const shortest = Math.min(...seeds.fleet.map((v) => v.lengthM)), narrowest = Math.min(...seeds.fleet.map((v) => v.beamM));
  changes.forEach((c, i) => {
    const [kind, body] = Object.entries(c)[0] as [string, Raw];
    if (kind !== 'addLockLine' && kind !== 'modifyLockLine') return;
    const at = ['changes', origins[i]!.index, kind];
    const file = origins[i]!.file;
    if (body.sillDepthM > PLAUSIBLE.sillDepthM) warn(file, [...at, 'sillDepthM'], `a sill ${body.sillDepthM} m deep: no river lock's is deeper than about ${PLAUSIBLE.sillDepthM} m (metres, not centimetres?)`);
    if (body.lengthM !== undefined && body.lengthM < shortest) warn(file, [...at, 'lengthM'], `a chamber ${body.lengthM} m long takes no vessel of the fleet (the shortest is ${shortest} m)`);
    if (body.widthM !== undefined && body.widthM < narrowest) warn(file, [...at, 'widthM'], `a chamber ${body.widthM} m wide takes no vessel of the fleet (the narrowest is ${narrowest} m)`);
  });
  const demand = where('demand'), targets = where('targets');
  const d: Raw = demand.data.demand ?? {};
  ((d.flows ?? []) as Raw[]).forEach((f, i) => {
    if (f.tonnesMt > PLAUSIBLE.targetMt) warn(demand.file, ['demand', 'flows', i, 'tonnesMt'], `a flow of ${f.tonnesMt} Mt a year is more than a billion tonnes (the key is in millions of tonnes)`);
    if (f.teu > PLAUSIBLE.targetMTeu * 1e6) warn(demand.file, ['demand', 'flows', i, 'teu'], `a flow of ${f.teu} TEU a year is more than 100 million TEU`);
  });
  ((d.portTotals ?? []) as Raw[]).forEach((t, i) => {
    if (t.tonnesMt > PLAUSIBLE.targetMt) warn(demand.file, ['demand', 'portTotals', i, 'tonnesMt'], `a port total of ${t.tonnesMt} Mt a year is more than a billion tonnes (the key is in millions of tonnes)`);
  });
  if ((d.demandScale ?? 1) > PLAUSIBLE.demandScale) warn(demand.file, ['demand', 'demandScale'], `demand ×${d.demandScale}: more than ${PLAUSIBLE.demandScale} times the scenario's demand, which no network here carries (a run may stop with too many vessels in the network)`);
  if ((demand.data.demand?.targetMt ?? 0) > PLAUSIBLE.targetMt) warn(demand.file, ['demand', 'targetMt'], `${demand.data.demand.targetMt} Mt is more than a billion tonnes a year (the key is in millions of tonnes)`);
  if ((demand.data.demand?.targetMTeu ?? 0) > PLAUSIBLE.targetMTeu) warn(demand.file, ['demand', 'targetMTeu'], `${demand.data.demand.targetMTeu} M TEU is more than 100 million TEU a year (the key is in millions)`);
  if ((targets.data.targets?.tonnesMt ?? 0) > PLAUSIBLE.targetMt) warn(targets.file, ['targets', 'tonnesMt'], `${targets.data.targets.tonnesMt} Mt is more than a billion tonnes a year (the key is in millions of tonnes)`);
  if ((targets.data.targets?.teuM ?? 0) > PLAUSIBLE.targetMTeu) warn(targets.file, ['targets', 'teuM'], `${targets.data.targets.teuM} M TEU is more than 100 million TEU a year (the key is in millions)`);
  if (s.warmupS > s.horizonS) {
    const h = where('horizon');
    warn(h.file, ['horizon', 'warmupDays'], `a warm-up of ${s.warmupS / DAY} days is longer than the ${(s.horizonS / DAY).toFixed(0)} days measured after it`);
  }
  return out;
}

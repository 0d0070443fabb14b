/** The terminal and table outputs of `sensitivity`: the tornado, the joint sample, what the verdict hinges on. */
import { sustained, type CapacitySearch, type Sensitivity } from '../capacity/index.js';
import type { Row } from './tables.js';
import { pm, plain, table } from './terminal.js';

const mt = (s: { search: CapacitySearch }) => sustained(s.search, 'tonnes') / 1e6;
const mteu = (s: { search: CapacitySearch }) => sustained(s.search, 'teu') / 1e6;

/** "25" for a count, "30 TEU/h" otherwise. */
export function withUnit(value: number, unit: string): string {
  return unit === '1' ? String(value) : `${value} ${unit}`;
}

export function sensitivityRows(s: Sensitivity): Row[] {
  return s.rows.map((r) => ({
    part: r.part,
    input: r.label,
    file: r.figure.file,
    path: r.figure.path,
    unit: r.unit,
    seed_value: r.figure.written!.value,
    low: r.low.value,
    high: r.high.value,
    mt_at_low: +mt(r.low).toFixed(2),
    mt_at_high: +mt(r.high).toFixed(2),
    swing_mt: +r.swingMt.toFixed(2),
    mteu_at_low: +mteu(r.low).toFixed(3),
    mteu_at_high: +mteu(r.high).toFixed(3),
    swing_mteu: +r.swingMTeu.toFixed(3),
    within_resolution: r.withinResolution ? 1 : 0,
    flips: r.flips.map((f) => `${f.target}: ${f.low} at low, ${f.high} at high`).join('; '),
  }));
}

/** joint.csv: every Latin hypercube sample, its inputs' values and what the network sustains with them. */
export function jointRows(s: Sensitivity): Row[] {
  return (s.joint?.samples ?? []).map((x, k) => ({
    sample: k + 1,
    ...Object.fromEntries(s.inputs.map((label, i) => [label, +x.values[i]!.toPrecision(4)])),
    mt: x.search.sustainable ? +mt(x).toFixed(2) : '',
    mteu: x.search.sustainable ? +mteu(x).toFixed(3) : '',
    binds: x.search.binding?.place ?? '',
  }));
}

/** The joint study in sentences: P(reachable) over the estimates, the spread, and the simulation's noise apart. */
export function jointLines(s: Sensitivity): string[] {
  const j = s.joint;
  if (!j) return [];
  const pct = (p: number) => `${Math.round(100 * p)}%`;
  return [
    `All ${s.rows.length} inputs together, ${j.samples.length} Latin hypercube samples (each uniform over its range):`,
    `  P(${s.base.targets.tonnes / 1e6} Mt reachable) = ${pct(j.pMeanReaches.tonnes)} by the sustainable mean, ${pct(j.pCiReaches.tonnes)} with the whole 95% CI above; P(${s.base.targets.teu / 1e6} M TEU) = ${pct(j.pMeanReaches.teu)}, ${pct(j.pCiReaches.teu)}`,
    `  the estimates' uncertainty: sustainable Mt ${j.spreadMt.map((v) => v.toFixed(1)).join(' / ')} (5% / 50% / 95% of the samples), M TEU ${j.spreadMTeu.map((v) => v.toFixed(2)).join(' / ')}`,
    `  the simulation's own noise: ± ${j.noiseMt.toFixed(1)} Mt and ± ${j.noiseMTeu.toFixed(2)} M TEU (mean 95% half-width within a sample)`,
  ];
}

/** "300 Mt not reachable at 20, reachable at 6 min; the seeds say 10": one row's flips. */
function flipText(s: Sensitivity, r: Sensitivity['rows'][number]): string {
  return r.flips.map((f) => `${f.target === 'tonnes' ? `${s.base.targets.tonnes / 1e6} Mt` : `${s.base.targets.teu / 1e6} M TEU`} ${f.low} at ${withUnit(r.low.value, r.unit)}, ${f.high} at ${withUnit(r.high.value, r.unit)}; the seeds say ${withUnit(r.figure.written!.value, r.unit)}`).join('; ');
}

function tornadoTable(rows: Sensitivity['rows']): string {
  const t: (string | number)[][] = [['input', 'seeds', 'low', 'high', 'Mt at low', 'Mt at high', 'swing Mt', 'M TEU at low', 'M TEU at high']];
  for (const r of rows) t.push([r.label, withUnit(r.figure.written!.value, r.unit), r.low.value, r.high.value, mt(r.low).toFixed(1), mt(r.high).toFixed(1), `${r.withinResolution ? '≈ ' : ''}${r.swingMt.toFixed(1)}`, mteu(r.low).toFixed(2), mteu(r.high).toFixed(2)]);
  return table(t, [false, true, true, true, true, true, true, true, true]);
}

/** What a search sustains, in one phrase. */
function sustainsText(x: CapacitySearch): string {
  const e = x.sustainable;
  return `${e ? `${pm(e.mainLineTonnes, 1e-6)} Mt and ${pm(e.mainLineTeu, 1e-6, 2)} M TEU at ×${e.multiplier}${x.unsustainable ? '' : ' or more (the search limit)'}` : 'no level tried'}; binds first: ${x.binding?.place ?? 'nothing up to the search limit'}`;
}

/** Why a swing marked ≈ says nothing: the search stops within its tolerance of the sustainable level. */
export function resolutionNote(s: Sensitivity): string {
  const parts = [{ part: 'whole network', base: s.base }, ...(s.next ? [s.next] : [])];
  return `≈: a swing within the search's resolution (it bisects to ${Math.round(s.tolerance * 100)}% of the sustainable level: ${parts.map((p) => `${((s.tolerance * sustained(p.base, 'tonnes')) / 1e6).toFixed(1)} Mt for the ${p.part}`).join(', ')}), not told apart from no effect.`;
}

export function sensitivityReport(s: Sensitivity): string {
  const whole = s.rows.filter((r) => r.part === 'whole network');
  const next = s.next ? s.rows.filter((r) => r.part === s.next!.part) : [];
  const lines = [
    `${s.scenario.name}: sustainable main-line throughput ${sustainsText(s.base)} (${s.replications} replications a level; ${s.wallS.toFixed(0)} s)`,
    '',
    'One input at a time over its range (seeds low / high), ranked by the swing in sustainable Mt:',
    tornadoTable(whole),
  ];
  const hinges = whole.filter((r) => r.flips.length > 0);
  lines.push('');
  lines.push(
    hinges.length === 0
      ? 'No input flips a verdict over its range: the verdict does not hinge on any one of them.'
      : `The verdict hinges on: ${hinges.map((r) => `${r.label} (${flipText(s, r)})`).join('; ')}`,
  );
  if (s.next) {
    lines.push('', `What binds next, once ${s.base.binding!.place} is relieved: the ${s.next.part.replace(' alone', '')} alone sustain ${sustainsText(s.next.base)}.`);
    if (next.length === 0) lines.push('  No figure behind it carries a range in the seeds.');
    else {
      lines.push(`Its figures, one at a time, in the ${s.next.part} search:`, tornadoTable(next));
      const flips = next.filter((r) => r.flips.length > 0);
      lines.push(flips.length === 0 ? `  None flips the ${s.next.part} verdict over its range.` : `  The ${s.next.part} verdict hinges on: ${flips.map((r) => `${r.label} (${flipText(s, r)})`).join('; ')}`);
    }
  }
  if (s.rows.some((r) => r.withinResolution)) lines.push('', resolutionNote(s));
  if (s.joint) lines.push('', ...jointLines(s));
  return plain(lines.join('\n'));
}

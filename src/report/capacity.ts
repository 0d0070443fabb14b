import { otherWaitLevels, searchVerdict, type CapacitySearch, type CapacityVerdict, type Hinge, type Violation, type BottleneckAnalysis, type BottleneckStudy, type CapacityStudy, type DesignCheck, type LockBottleneck, type Reading, type Sweep } from '../capacity/index.js';
import { worstLock, WORST_LOCK_RULE, type Stat } from '../run/index.js';
import type { Row } from './tables.js';
import { plain, pm, table } from './terminal.js';

const mt = (t: number, digits = 1) => (t / 1e6).toFixed(digits);
const x = (m: number) => `×${m.toFixed(2)}`;

export function criteriaText(a: BottleneckAnalysis): string {
  const c = a.criteria;
  const basis = c.waitBasis === 'open' ? 'waiting in normal operation (vessels whose wait saw a maintenance, flood or scenario closure left out)' : 'all waiting, closures included';
  return `Practical capacity: traffic at which mean ${basis} reaches ${fmtH(c.waitThresholdH)}, and traffic at ${(100 * c.utilisationLimit).toFixed(0)}% utilisation. Read by linear interpolation between the two sweep levels that bracket each criterion; the interval reads the same criterion off the curves of the 95% CI bounds.`;
}

export function fmtH(h: number): string {
  return h < 1 ? `${(h * 60).toFixed(0)} min` : `${h.toFixed(h % 1 === 0 ? 0 : 2)} h`;
}

/** "41.2 [38.0–44.9]", "≤ 12.3", "≥ 56.0". */
export function readingText(r: Reading): string {
  if (r.status === 'below-range') return `≤ ${mt(r.tonnesPerYear)}`;
  if (r.status === 'above-range') return `≥ ${mt(r.tonnesPerYear)}`;
  // An interval bound whose curve does not cross within the levels is open: "…".
  const lo = r.low === null ? '…' : mt(r.low), hi = r.high === null ? '…' : mt(r.high);
  return `${mt(r.tonnesPerYear)} [${lo}–${hi}]`;
}

export function saturationText(l: LockBottleneck, last: number): string {
  if (l.saturatesAt === null) return `> ${x(last)}`;
  const r = l.saturatesBy === 'wait' ? l.byWait : l.byUtilisation;
  return `${r.status === 'below-range' ? '≤ ' : ''}${x(l.saturatesAt)} (${l.saturatesBy})`;
}

export function lockName(l: { id: string; name: { en: string; zh: string } }): string {
  return `${l.name.en} ${l.name.zh}`;
}

export function sweepLine(s: Sweep): string {
  const ms = s.levels.map((l) => l.multiplier);
  return `demand ×${ms[0]} … ×${ms[ms.length - 1]} in ${ms.length} levels, ${s.replications} replications each (common random numbers across levels); seed ${s.seed}${s.variant.berthsUnconstrained ? '; berths unconstrained (locks alone)' : ''}`;
}

function lockTable(a: BottleneckAnalysis, last: number): string {
  const rows: (string | number)[][] = [
    [
      'rank',
      'lock',
      'lines',
      'saturates at',
      `capacity Mt/yr: wait ${fmtH(a.criteria.waitThresholdH)}`,
      `${(100 * a.criteria.utilisationLimit).toFixed(0)}% busy`,
      ...otherWaitLevels(a.criteria).map((l) => `wait ${fmtH(l.hours)} (${l.label})`),
      'at ×1: Mt/yr',
      'busy %',
      'wait h',
      'open h',
      'share of wait %',
      '(rank)',
    ],
  ];
  for (const l of a.locks) {
    if (l.rankBySaturation === null) continue;
    rows.push([
      l.rankBySaturation,
      lockName(l),
      l.lines,
      saturationText(l, last),
      readingText(l.byWait),
      readingText(l.byUtilisation),
      ...l.byWaitLevels.map(readingText),
      mt(l.own.tonnesPerYear.mean),
      (100 * l.own.utilisation.mean).toFixed(0),
      l.own.waitMeanH.mean.toFixed(2),
      l.own.waitMeanOpenH.mean.toFixed(2),
      (100 * l.own.shareOfWaiting.mean).toFixed(1),
      l.rankByShare ?? '',
    ]);
  }
  return table(rows, [true, false, true, false, true, true, ...otherWaitLevels(a.criteria).map(() => true), true, true, true, true, true, true]);
}

/** The findings in sentences: first bottleneck, the lock that takes over, most waiting, unbounded berth queues. */
export function bottleneckFindings(study: BottleneckStudy): string[] {
  const { sweep, analysis: a, relief } = study;
  const last = sweep.levels[sweep.levels.length - 1]!.multiplier;
  const out: string[] = [];
  const first = a.locks[0];
  if (!first || first.saturatesAt === null) out.push(`No lock saturates up to demand ${x(last)}.`);
  else {
    out.push(`First bottleneck: ${lockName(first)}, saturating at demand ${saturationText(first, last)}.`);
    if (relief) {
      const next = relief.analysis.locks[0];
      const lastR = relief.sweep.levels[relief.sweep.levels.length - 1]!.multiplier;
      out.push(
        next && next.saturatesAt !== null
          ? `Takes over once it is relieved: ${lockName(next)}, at ${saturationText(next, lastR)} (sweep rerun with ${first.id} passed as open river).`
          : `Once it is relieved (sweep rerun with ${first.id} passed as open river), no other lock saturates up to ${x(lastR)}.`,
      );
    }
  }
  const share = worstLock(a.locks, (l) => l.own.shareOfWaiting.mean, (l) => l.own.waitMeanH.mean);
  if (share && share.own.shareOfWaiting.mean > 0) {
    out.push(
      `Worst lock at the scenario's own demand (${WORST_LOCK_RULE}): ${lockName(share)}, ${(100 * share.own.shareOfWaiting.mean).toFixed(1)}% of it, wait mean ${share.own.waitMeanH.mean.toFixed(2)} h, p90 ${share.own.waitP90H.mean.toFixed(2)} h; saturates at ${share.saturatesAt === null ? `more than ${x(last)}` : saturationText(share, last)}.`,
    );
  }
  if (a.unboundedBerths.length > 0) out.push(`Berth queues growing without bound: ${a.unboundedBerths.map((b) => `${b.place} from ${x(b.from)}`).join('; ')}.`);
  return out;
}

/** The terminal report of `bottlenecks`. */
export function bottlenecksReport(study: BottleneckStudy, checks: DesignCheck[]): string {
  const { sweep, analysis: a, relief } = study;
  const s = sweep.scenario;
  const last = sweep.levels[sweep.levels.length - 1]!.multiplier;
  const out: string[] = [];
  out.push(`${s.name}: bottleneck locks`);
  out.push(`${s.networkLabel}, network of ${s.year}; ${sweepLine(sweep)}`);
  out.push(criteriaText(a));
  out.push('');
  out.push(...bottleneckFindings(study));
  out.push('');
  out.push('Locks, by the demand at which they saturate (capacity: both directions, Mt/yr, with 95% interval, … where a bound lies outside the levels; ≤ met at the lowest level, ≥ not met at the highest)');
  out.push(lockTable(a, last));
  const idle = a.locks.filter((l) => l.rankBySaturation === null);
  if (idle.length > 0) out.push(`No traffic at any level: ${idle.map((l) => l.id).join(', ')}`);
  if (relief) {
    out.push('');
    out.push(`With ${relief.lock} relieved:`);
    out.push(lockTable(relief.analysis, relief.sweep.levels[relief.sweep.levels.length - 1]!.multiplier));
  }
  if (checks.length > 0) {
    out.push('');
    out.push(designText(checks));
  }
  out.push('');
  const wall = sweep.wallS + (relief?.sweep.wallS ?? 0);
  const runs = sweep.levels.length * sweep.replications + (relief ? relief.sweep.levels.length * relief.sweep.replications : 0);
  out.push(`${runs} replications on ${sweep.workers} worker${sweep.workers === 1 ? '' : 's'} in ${wall.toFixed(1)} s`);
  return plain(out.join('\n'));
}

/** Published design capacities beside the design code's formula and the simulated practical capacity. */
export function designText(checks: DesignCheck[]): string {
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '');
  const sim = (r: Reading | undefined, pub: number) => (r ? [`${r.status === 'below-range' ? '≤ ' : r.status === 'above-range' ? '≥ ' : ''}${mt(r.oneWayTonnesPerYear)}`, ratio(r.oneWayTonnesPerYear, pub)] : ['', '']);
  const rows: (string | number)[][] = [['lock', 'lines', 'published', 'JTS 305', 'ratio', `sim (wait)`, 'ratio', 'sim (busy)', 'ratio', 'note']];
  for (const c of checks) {
    rows.push([
      `${c.name.en} ${c.name.zh}`,
      c.lines.join('+'),
      mt(c.publishedOneWayT),
      mt(c.formulaOneWayT),
      ratio(c.formulaOneWayT, c.publishedOneWayT),
      ...sim(c.simulated?.byWait, c.publishedOneWayT),
      ...sim(c.simulated?.byUtilisation, c.publishedOneWayT),
      c.note ?? '',
    ]);
  }
  return [
    'Design capacity check: one-way Mt/yr. JTS 305 formula P = ½(n − n0)·N·G·α/β from the seeds (α 0.55, β 1.15, n0 0); simulated = heavier direction at the practical capacity. Ratios are to the published figure; README explains gaps over 25%.',
    table(rows, [false, false, true, true, true, true, true, true, true, false]),
  ].join('\n');
}

const readingCols = (prefix: string, r: Reading) => ({
  [`${prefix}_status`]: r.status,
  [`${prefix}_mt_per_year`]: +mt(r.tonnesPerYear, 3),
  [`${prefix}_low_mt`]: r.status === 'reached' && r.low !== null ? +mt(r.low, 3) : '',
  [`${prefix}_high_mt`]: r.status === 'reached' && r.high !== null ? +mt(r.high, 3) : '',
  [`${prefix}_one_way_mt`]: +mt(r.oneWayTonnesPerYear, 3),
  [`${prefix}_multiplier`]: +r.multiplier.toFixed(4),
});

function studySweeps(study: BottleneckStudy): { label: string; analysis: BottleneckAnalysis }[] {
  return [{ label: 'scenario', analysis: study.analysis }, ...(study.relief ? [{ label: `relieved:${study.relief.lock}`, analysis: study.relief.analysis }] : [])];
}

/** One row per lock (and sweep): practical capacities, saturation, ranks. */
export function bottlenecksRows(study: BottleneckStudy): Row[] {
  const rows = studySweeps(study).flatMap(({ label, analysis: a }) =>
    a.locks.map((l) => ({
      sweep: label,
      rank_by_saturation: l.rankBySaturation ?? '',
      rank_by_share_of_waiting: l.rankByShare ?? '',
      lock: l.id,
      name_en: l.name.en,
      name_zh: l.name.zh,
      lines: l.lines,
      saturates_at_multiplier: l.saturatesAt === null ? '' : +l.saturatesAt.toFixed(4),
      saturates_by: l.saturatesBy ?? '',
      wait_threshold_h: a.criteria.waitThresholdH,
      wait_basis: a.criteria.waitBasis,
      ...readingCols('wait_capacity', l.byWait),
      utilisation_limit: a.criteria.utilisationLimit,
      ...readingCols('utilisation_capacity', l.byUtilisation),
      ...Object.assign({}, ...otherWaitLevels(a.criteria).map((w, i) => readingCols(`wait_${w.hours}h_capacity`, l.byWaitLevels[i]!))),
      own_demand_mt_per_year: +mt(l.own.tonnesPerYear.mean, 3),
      own_demand_utilisation: +l.own.utilisation.mean.toFixed(4),
      own_demand_wait_mean_h: +l.own.waitMeanH.mean.toFixed(4),
      own_demand_wait_open_h: +l.own.waitMeanOpenH.mean.toFixed(4),
      own_demand_share_of_waiting: +l.own.shareOfWaiting.mean.toFixed(4),
      unbounded_from_multiplier: l.unboundedFrom ?? '',
    })),
  );
  return rows;
}

/** Every lock's delay curve, one row per lock, level and sweep: ready for plotting. */
export function curvesRows(study: BottleneckStudy): Row[] {
  const rows = studySweeps(study).flatMap(({ label, analysis: a }) =>
    a.curves.flatMap((c) =>
      c.points.map((p) => ({
        sweep: label,
        lock: c.id,
        name_en: c.name.en,
        name_zh: c.name.zh,
        multiplier: p.multiplier,
        replications: p.tonnesPerYear.n,
        tonnes_mt_per_year: +mt(p.tonnesPerYear.mean, 4),
        tonnes_low_mt: +mt(p.tonnesPerYear.low, 4),
        tonnes_high_mt: +mt(p.tonnesPerYear.high, 4),
        tonnes_up_mt: +mt(p.tonnesUpPerYear.mean, 4),
        tonnes_down_mt: +mt(p.tonnesDownPerYear.mean, 4),
        vessels_per_year: Math.round(p.vesselsPerYear.mean),
        ic_ratio: +p.icRatio.mean.toFixed(4),
        utilisation: +p.utilisation.mean.toFixed(4),
        utilisation_low: +p.utilisation.low.toFixed(4),
        utilisation_high: +p.utilisation.high.toFixed(4),
        wait_mean_h: +p.waitMeanH.mean.toFixed(4),
        wait_mean_low_h: +p.waitMeanH.low.toFixed(4),
        wait_mean_high_h: +p.waitMeanH.high.toFixed(4),
        wait_p90_h: +p.waitP90H.mean.toFixed(4),
        wait_open_mean_h: +p.waitMeanOpenH.mean.toFixed(4),
        wait_open_low_h: +p.waitMeanOpenH.low.toFixed(4),
        wait_open_high_h: +p.waitMeanOpenH.high.toFixed(4),
        wait_open_p90_h: +p.waitP90OpenH.mean.toFixed(4),
        share_of_waiting: +p.shareOfWaiting.mean.toFixed(4),
        queued_at_end: +p.queuedAtEnd.mean.toFixed(2),
      })),
    ),
  );
  return rows;
}

export function designRows(checks: DesignCheck[]): Row[] {
  return checks.map((c) => ({
      lock: c.lock,
      name_en: c.name.en,
      name_zh: c.name.zh,
      lines: c.lines.join('+'),
      published_one_way_mt: c.publishedOneWayT / 1e6,
      source: c.source,
      jts305_one_way_mt: +mt(c.formulaOneWayT, 3),
      jts305_ratio: +(c.formulaOneWayT / c.publishedOneWayT).toFixed(3),
      simulated_wait_one_way_mt: c.simulated ? +mt(c.simulated.byWait.oneWayTonnesPerYear, 3) : '',
      simulated_wait_status: c.simulated?.byWait.status ?? '',
      simulated_utilisation_one_way_mt: c.simulated ? +mt(c.simulated.byUtilisation.oneWayTonnesPerYear, 3) : '',
      simulated_utilisation_status: c.simulated?.byUtilisation.status ?? '',
      note: c.note ?? '',
    }));
}

/** One table for one or more scenarios' capacity searches. */
export function capacityReport(studies: CapacityStudy[]): string {
  const out: string[] = [];
  const c = studies[0]!.search.criteria;
  out.push(`Maximum sustainable main-line throughput: the highest demand multiplier at which every lock's mean ${c.waitBasis === 'open' ? 'waiting in normal operation' : 'waiting'} stays under ${fmtH(c.waitThresholdH)} and no queue ends the year with more than a day of its traffic waiting. Bracketed by ×1.5 / ×0.5 steps from the scenario's demand, then bisected to 2%; throughput is the main-line ports' at that level (mean ± 95% CI over the replications).`);
  const rows: (string | number)[][] = [['scenario', 'max ×demand', 'Mt', 'vs 300 Mt', 'M TEU', 'vs 10 M TEU', 'binds first', 'binding lock', 'runs']];
  for (const st of studies) {
    const s = st.search;
    const lockBind = s.binding?.placeKind === 'lock' ? s : st.locksOnly;
    const bindLock = lockBind?.binding ? `${lockBind.binding.place} (${lockBind.binding.criterion})${lockBind === st.locksOnly ? ` at ${x(lockBind.sustainable?.multiplier ?? 0)}, berths unconstrained` : ''}` : 'none up to the search limit';
    rows.push([
      st.scenario.name,
      ...searchCells(s),
      s.binding ? bindingShort(s.binding) : '—',
      bindLock,
      s.evaluations.length + (st.locksOnly?.evaluations.length ?? 0) + (st.berthsOnly?.evaluations.length ?? 0),
    ]);
  }
  out.push(table(rows, [false, true, true, false, true, false, false, false, true]));
  out.push('Verdict: "reachable" when the CI lies above the target, "not reachable" when below, "undecided" when it straddles it, "unknown" when the search stopped at its limit still sustaining, below the target.');
  const parts = studies.filter((st) => st.locksOnly || st.berthsOnly);
  if (parts.length > 0) {
    out.push('', 'What each part sustains on its own: the locks alone (berths never make a vessel wait) and the berths alone (every lock passed as open river)');
    const partRows: (string | number)[][] = [['scenario', 'part', 'max ×demand', 'Mt', 'vs 300 Mt', 'M TEU', 'vs 10 M TEU', 'binds first']];
    for (const st of parts) {
      for (const [label, s] of [['whole network', st.search], ['locks alone', st.locksOnly], ['berths alone', st.berthsOnly]] as const) {
        if (!s) continue;
        partRows.push([
          st.scenario.name,
          label,
          ...searchCells(s),
          s.binding ? `${s.binding.place} (${s.binding.criterion})` : 'nothing up to the search limit',
        ]);
      }
    }
    out.push(table(partRows, [false, false, true, true, false, true, false, false]));
  }
  return plain(out.join('\n'));
}

/** A search's level, Mt, verdict, M TEU and verdict, as the capacity tables show them. */
function searchCells(s: CapacitySearch): string[] {
  const e = s.sustainable;
  return [
    e ? `${x(e.multiplier)}${s.unsustainable ? '' : ' (limit)'}` : `< ${x(s.unsustainable!.multiplier)}`,
    e ? pm(e.mainLineTonnes, 1e-6) : '',
    searchVerdict(s, 'tonnes'),
    e ? pm(e.mainLineTeu, 1e-6, 2) : '',
    searchVerdict(s, 'teu'),
  ];
}

export function capacityRows(studies: CapacityStudy[]): Row[] {
  return studies.flatMap((st) =>
      ([['whole network', st.search], ['locks alone', st.locksOnly], ['berths alone', st.berthsOnly]] as const).flatMap(([part, s]) =>
        (s?.evaluations ?? []).map((e) => ({
          scenario: st.scenario.name,
          part: s!.berthsUnconstrained && part === 'whole network' ? 'locks alone' : part,
          berths_unconstrained: s!.berthsUnconstrained,
          multiplier: e.multiplier,
          sustainable: e.sustainable,
          main_line_mt: +mt(e.mainLineTonnes.mean, 3),
          main_line_mt_low: +mt(e.mainLineTonnes.low, 3),
          main_line_mt_high: +mt(e.mainLineTonnes.high, 3),
          main_line_mteu: +(e.mainLineTeu.mean / 1e6).toFixed(4),
          violations: e.violations.map((v) => `${v.place}: ${v.criterion} ${v.value.toFixed(2)}${v.criterion === 'wait' ? ' h' : ' d'}`).join('; '),
        })),
      ),
    );
}

/** "changzhou (wait 6.11 h)", "foshan container berths (backlog 2.5 d)": what binds, in a table cell. */
export function bindingShort(v: Violation): string {
  return `${v.place} (${v.criterion} ${v.criterion === 'wait' ? `${v.value.toFixed(2)} h` : `${v.value.toFixed(1)} d`})`;
}

/** "changzhou (mean wait 7.1 h)", "… (2.5 days of traffic left waiting)": what binds, in a sentence. */
export function bindingLong(v: Violation): string {
  return `${v.place} (${v.criterion === 'wait' ? `mean wait ${v.value.toFixed(1)} h` : `${v.value.toFixed(1)} days of traffic left waiting`})`;
}

/** The capacity verdict of `run`: each part's sustainable throughput against the targets, as a margin, with what binds it. */
export function capacityVerdictLines(v: CapacityVerdict): string[] {
  const c = v.criteria;
  const out = [
    `Capacity against the targets: the largest demand sustained with every lock's mean ${c.waitBasis === 'open' ? 'waiting in normal operation' : 'waiting'} under ${fmtH(c.waitThresholdH)} and no queue growing without bound (${v.replications} replications a level, bisected to ${Math.round(v.tolerance * 100)}%; ${v.wallS.toFixed(0)} s)`,
  ];
  const margin = (s: Stat, target: number, scale: number, unit: string, digits: number) => {
    const d = (s.mean - target) * scale;
    return `${Math.abs(d).toFixed(digits)} ${unit} ${d >= 0 ? 'above' : 'short of'} ${(target * scale).toFixed(0)} ${unit}`;
  };
  for (const p of v.parts) {
    if (!p.tonnes || !p.teu) {
      out.push(`  ${p.part}: no demand level tried is sustained; binds first: ${p.binding ? `${p.binding.place} (${p.binding.criterion})` : '—'}`);
      continue;
    }
    const at = `×${p.multiplier}${p.atLimit ? ' or more, the search limit' : ''} of the scenario's demand`;
    out.push(
      `  ${p.part}: ${pm(p.tonnes, 1e-6)} Mt, ${margin(p.tonnes, v.targets.tonnes, 1e-6, 'Mt', 1)} (${p.verdictTonnes}); ${pm(p.teu, 1e-6, 2)} M TEU, ${margin(p.teu, v.targets.teu, 1e-6, 'M TEU', 2)} (${p.verdictTeu}); at ${at}`,
    );
    out.push(`      binds first: ${p.binding ? `${bindingLong(p.binding)}; it rests on ${p.basis}` : 'nothing up to the search limit'}`);
  }
  if (v.hinges.length > 0) {
    out.push('  What the verdict hinges on (to first order: the sustainable level taken to scale with what binds; `waterway-sim sensitivity` measures it):');
    for (const h of v.hinges) out.push(`    ${hingeText(h)}`);
  } else out.push(`  What the verdict hinges on: ${noHingeText(v)}`);
  return out;
}

/** Why no hinge is named: nothing binds up to the search limit, or nothing is sustained at all. */
export function noHingeText(v: CapacityVerdict): string {
  const whole = v.parts.find((p) => p.part === 'whole network');
  if (whole?.atLimit) return `nothing found: no lock or berth group binds up to ×${whole.multiplier} of the scenario's demand, where the search stopped.`;
  if (whole && whole.multiplier === null) return `nothing found: the network sustains no demand level tried${whole.binding ? `; ${whole.binding.place} fails first` : ''}.`;
  return 'nothing found: what binds carried nothing at the sustainable level.';
}

/** "12.3 Mt" or "1.75 M TEU": a yearly amount in its unit. */
function amount(x: number, unit: 't' | 'TEU'): string {
  return unit === 't' ? `${(x / 1e6).toFixed(1)} Mt` : `${(x / 1e6).toFixed(2)} M TEU`;
}

/**
 * "10 M TEU is reachable only if foshan container berths handle at least 3.10 M TEU a year;
 * at the seeds' 25 berths × 30 TEU/h (estimated) they handle 1.75 M TEU …": the binding
 * element, what it must carry for the target, what it carries now, and what caps next.
 */
export function hingeText(h: Hinge): string {
  const target = `${h.targetValue / 1e6} ${h.target === 'tonnes' ? 'Mt' : 'M TEU'}`;
  const l = h.load;
  const isLock = l.kind === 'lock';
  const verb = isLock ? 'passes' : 'handle';
  const what = isLock ? `${l.place} lock` : l.place;
  const need = `${amount(h.neededPerYear, l.unit)} a year${isLock ? ' (both ways)' : ''}`;
  const whose = h.figures === 'set by the scenario' ? "the scenario's" : "the seeds'";
  const seeds = isLock ? `with its chambers and lockage times (${h.basis.replace(/ \([^)]*\)$/, '')})` : `at ${whose} ${l.berths} berth${l.berths === 1 ? '' : 's'} × ${fmtRate(l.ratePerH!)} ${l.unit}/h (${h.figures})`;
  const lead = h.factor > 1 ? `${target} is reachable only if ${what} ${verb} at least ${need}` : `${target} stays reachable while ${what} ${verb} at least ${need}`;
  let text = `${lead}; ${seeds} ${isLock ? 'it passes' : 'they handle'} ${amount(l.handledPerYear, l.unit)} at the sustainable level (×${h.factor.toFixed(2)} ${h.factor > 1 ? 'needed' : 'of it suffices'}).`;
  if (h.factor > 1 && h.next) {
    const n = h.next;
    const cap = n.sustained === null ? 'sustain no level tried' : `sustain ${n.atLimit ? 'at least ' : ''}${amount(n.sustained, h.target === 'tonnes' ? 't' : 'TEU')}`;
    const alone = `the ${n.part.replace(' alone', '')} alone`;
    text +=
      n.sustained !== null && n.sustained >= h.targetValue
        ? ` Beyond it, ${alone} ${cap}: enough for the target.`
        : n.atLimit
          ? ` Beyond it, ${alone} ${cap}, where the search stopped: whether they reach the target is not known.`
          : ` Even so ${alone} ${cap}${n.binding ? `, bound by ${n.binding.place}` : ''}: short of the target.`;
  }
  if (h.factor > 1 && h.nextBerths) {
    const b = h.nextBerths;
    text += ` The busiest other berths, ${b.load.place}, are ${(100 * b.load.busy).toFixed(0)}% busy there: full at about ${amount(b.sustainedAtFull, h.target === 'tonnes' ? 't' : 'TEU')}${b.sustainedAtFull < h.targetValue ? ', short of the target' : ''}.`;
  }
  return text;
}

const fmtRate = (r: number) => (r >= 100 ? r.toFixed(0) : String(Math.round(r * 10) / 10));

import { hindcastSummary, lockWait, type HindcastRow, type Trajectory } from '../capacity/index.js';
import { stat, type Stat } from '../run/index.js';
import type { Row } from './tables.js';
import { pm, plain, table } from './terminal.js';

const mt = (t: number) => t / 1e6;

function lockTonnes(t: Trajectory, year: number, lock: string): Stat {
  const y = t.years.find((x) => x.year === year)!;
  return stat(y.results.map((r) => r.locks.find((l) => l.id === lock)!).map((l) => l.tonnesUp + l.tonnesDown));
}

/** Where a year's demand comes from, in a few words. */
export function demandBasisText(t: Trajectory, year: number): string {
  const d = t.years.find((y) => y.year === year)!.demand;
  return d.fitYear === year ? 'fitted to the record' : `${d.fitYear} fit grown along the ${t.path} path`;
}

/* One header for both kinds of row: each leaves the other's columns empty. */
const MAIN_LINE_COLUMNS = { teuM: '', teuMLow: '', teuMHigh: '', targetTonnesMt: '', targetTeuM: '', demand: '' };
const LOCK_COLUMNS = { vessels: '', waitMeanH: '', waitMeanHLow: '', waitMeanHHigh: '', waitP90H: '', utilisation: '', queuedAtEnd: '', overNorm: '' };

/** trajectory.csv: a row per year for the main line, then a row per year and lock. */
export function trajectoryRows(t: Trajectory): Row[] {
  const rows: Row[] = [];
  const sat = new Map(t.saturation.map((s) => [s.lock, new Set(s.years)]));
  for (const y of t.years) {
    const m = y.aggregate.mainLine;
    rows.push({
      year: y.year,
      item: 'main line',
      name_en: 'main-line ports',
      name_zh: '干线港口',
      tonnesMt: mt(m.tonnes.mean),
      tonnesMtLow: mt(m.tonnes.low),
      tonnesMtHigh: mt(m.tonnes.high),
      teuM: m.teu.mean / 1e6,
      teuMLow: m.teu.low / 1e6,
      teuMHigh: m.teu.high / 1e6,
      targetTonnesMt: mt(m.targetTonnes),
      targetTeuM: m.targetTeu / 1e6,
      demand: demandBasisText(t, y.year),
      ...LOCK_COLUMNS,
    });
    for (const l of y.aggregate.locks) {
      const id = l.id;
      const tonnes = lockTonnes(t, y.year, id);
      const wait = lockWait(l, t.criteria);
      rows.push({
        year: y.year,
        item: id,
        name_en: l.name.en,
        name_zh: l.name.zh,
        tonnesMt: mt(tonnes.mean),
        tonnesMtLow: mt(tonnes.low),
        tonnesMtHigh: mt(tonnes.high),
        ...MAIN_LINE_COLUMNS,
        vessels: l.vesselsUp.mean + l.vesselsDown.mean,
        waitMeanH: wait.mean,
        waitMeanHLow: Math.max(0, wait.low),
        waitMeanHHigh: wait.high,
        waitP90H: l.waitP90H.mean,
        utilisation: l.utilisation.mean,
        queuedAtEnd: l.queuedAtEnd.mean,
        overNorm: sat.get(id)?.has(y.year) ? 'yes' : 'no',
      });
    }
  }
  return rows;
}

export function saturationRows(t: Trajectory): Row[] {
  const names = new Map(t.years[0]?.aggregate.locks.map((l) => [l.id, l.name]));
  return t.saturation.map((s) => ({ lock: s.lock, name_en: names.get(s.lock)?.en ?? '', name_zh: names.get(s.lock)?.zh ?? '', saturationYear: s.firstYear ?? '', overFromYear: s.fromYear ?? '', reason: s.reason, yearsOverNorm: s.years.join(' ') }));
}

/** demand-fit.csv: per year, every figure the demand stands on and what the fit gives for it. */
export function demandFitRows(t: Trajectory): Row[] {
  return t.years.flatMap((y) => [
    ...y.demand.figures.map((f) => ({
      year: y.year,
      kind: f.kind,
      subject: f.subject,
      given: f.kind === 'port-teu' ? f.target : mt(f.target),
      fitted: f.kind === 'port-teu' ? f.fitted : mt(f.fitted),
      unit: f.kind === 'port-teu' ? 'TEU/yr' : 'Mt/yr',
      basis: f.basis,
    })),
    ...y.demand.unrecorded.map((u) => ({ year: y.year, kind: 'unrecorded', subject: u.id, given: '', fitted: mt(u.tonnes), unit: 'Mt/yr', basis: 'sized by the lock counts' })),
  ]);
}

export function trajectoryReport(t: Trajectory): string {
  const lines: string[] = [];
  lines.push(plain(`${t.base.name}: ${t.years[0]!.year}–${t.years[t.years.length - 1]!.year}, demand from the record to ${t.lastRecordYear}, then the ${t.path} growth path; ${t.replications} replication${t.replications === 1 ? '' : 's'} a year, seed ${t.seed}`));
  lines.push('');
  const busiest = busiestLocks(t, 6);
  const header = ['year', 'main-line Mt', 'M TEU', ...busiest.map((id) => `${id} Mt · wait h`), 'demand'];
  const rows = t.years.map((y) => [
    String(y.year),
    pm(y.aggregate.mainLine.tonnes, 1e-6, 1),
    pm(y.aggregate.mainLine.teu, 1e-6, 2),
    ...busiest.map((id) => {
      const l = y.aggregate.locks.find((x) => x.id === id)!;
      const over = t.saturation.find((s) => s.lock === id)!.years.includes(y.year);
      return `${mt(lockTonnes(t, y.year, id).mean).toFixed(1)} · ${lockWait(l, t.criteria).mean.toFixed(1)}${over ? ' *' : ''}`;
    }),
    demandBasisText(t, y.year),
  ]);
  lines.push(table([header, ...rows], [false, true, true, ...busiest.map(() => true), false]));
  lines.push(`* over the norm: mean wait ≥ ${t.criteria.waitThresholdH} h (${t.criteria.waitBasis === 'open' ? 'in normal operation' : 'every wait'}), or a queue growing without bound`);
  lines.push('');
  lines.push('Saturation year of each lock (first year over the norm)');
  const sat = t.saturation.filter((s) => s.firstYear !== null);
  if (sat.length === 0) lines.push('  none within the years run');
  const first = t.years[0]!.year, last = t.years[t.years.length - 1]!.year;
  for (const s of [...sat].sort((a, b) => a.firstYear! - b.firstYear!)) {
    const when = s.firstYear === first ? `already in ${first}, the first year run` : String(s.firstYear);
    const since = s.fromYear === null ? `; within the norm again by ${last}` : s.fromYear !== s.firstYear ? `; over it without a break from ${s.fromYear}` : '';
    lines.push(plain(`  ${s.lock}: ${when} — ${s.reason}${since}; over the norm in ${s.years.join(', ')}`));
  }
  lines.push('');
  lines.push(targetsReachedText(t));
  return lines.join('\n');
}

/** The locks whose mean wait (the criterion's) tops 0.05 h in some year, highest peak first, at most `limit`. */
export function busiestLocks(t: Trajectory, limit: number): string[] {
  return [...t.saturation]
    .map((s) => ({ s, peak: Math.max(...t.years.map((y) => lockWait(y.aggregate.locks.find((l) => l.id === s.lock)!, t.criteria).mean)) }))
    .filter((x) => x.peak > 0.05)
    .sort((a, b) => b.peak - a.peak)
    .slice(0, limit)
    .map((x) => x.s.lock);
}

/** The first year run in which the main-line ports reach each target, in a sentence. */
export function targetsReachedText(t: Trajectory): string {
  const m = t.years.map((y) => ({ y: y.year, mt: mt(y.aggregate.mainLine.tonnes.mean), teu: y.aggregate.mainLine.teu.mean / 1e6 }));
  const firstOf = (f: (x: { mt: number; teu: number }) => boolean) => m.find(f)?.y;
  const target = t.years[0]!.aggregate.mainLine;
  return `Main-line ports reach ${mt(target.targetTonnes)} Mt in ${firstOf((x) => x.mt >= mt(target.targetTonnes)) ?? 'no year run'} and ${target.targetTeu / 1e6} M TEU in ${firstOf((x) => x.teu >= target.targetTeu / 1e6) ?? 'no year run'} (served, mean of the replications)`;
}

export function hindcastCsvRows(rows: readonly HindcastRow[]): Row[] {
  return rows.map((r) => ({
    year: r.year,
    kind: r.kind,
    subject: r.subject,
    use: r.use,
    observed: scaleOf(r) === 1 ? r.observed : r.observed / 1e6,
    model: scaleOf(r) === 1 ? r.model.mean : r.model.mean / 1e6,
    modelLow: scaleOf(r) === 1 ? r.model.low : r.model.low / 1e6,
    modelHigh: scaleOf(r) === 1 ? r.model.high : r.model.high / 1e6,
    unit: hindcastUnit(r),
    ratio: r.ratio,
    band: r.band,
    withinBand: r.ok ? 'yes' : 'no',
    source: r.source,
  }));
}

function scaleOf(r: HindcastRow): number {
  return r.kind === 'port tonnes' || r.kind === 'region tonnes' || r.kind.startsWith('lock cargo') ? 1e6 : 1;
}
/** The unit a hindcast row's figures are shown in: Mt/yr, TEU/yr, t a ship passage or count/yr. */
export function hindcastUnit(r: HindcastRow): string {
  return scaleOf(r) === 1e6 ? 'Mt/yr' : r.kind === 'port TEU' ? 'TEU/yr' : r.kind === 'lock t/ship' ? 't/passage' : 'count/yr';
}
/** A figure of a hindcast row in its unit: Mt to two decimals, counts whole. */
export function hindcastFigure(r: HindcastRow, v: number): string {
  return scaleOf(r) === 1e6 ? (v / 1e6).toFixed(2) : Math.round(v).toLocaleString('en');
}
/** The model's figure of a hindcast row: mean ± CI half-width where there is one. */
export function hindcastModelText(r: HindcastRow): string {
  return `${hindcastFigure(r, r.model.mean)}${r.model.n > 1 && Number.isFinite(r.model.halfWidth) ? ` ± ${hindcastFigure(r, r.model.halfWidth)}` : ''}`;
}
/** The observations kept out of the demand fit, as "kind subject year". */
export function heldBackObservations(rows: readonly HindcastRow[]): string[] {
  return rows.filter((r) => r.use === 'held back').map((r) => `${r.kind} ${r.subject} ${r.year}`);
}

export function hindcastReport(t: Trajectory, rows: readonly HindcastRow[]): string {
  const lines: string[] = [];
  lines.push(plain(`Hindcast ${t.years[0]!.year}–${t.years[t.years.length - 1]!.year}: the model on the record's demand and each year's network, ${t.replications} replication${t.replications === 1 ? '' : 's'} a year, seed ${t.seed}`));
  lines.push('');
  const body = rows.map((r) => [
    String(r.year),
    `${r.kind} ${r.subject}`,
    r.use,
    `${hindcastFigure(r, r.observed)} ${hindcastUnit(r)}`,
    hindcastModelText(r),
    `×${r.ratio.toFixed(2)}`,
    `±${Math.round(r.band * 100)}%`,
    r.ok ? 'ok' : 'MISS',
  ]);
  lines.push(table([['year', 'observation', 'use', 'observed', 'model', 'ratio', 'band', ''], ...body], [false, false, false, true, true, true, true, false]));
  lines.push('');
  lines.push('Fit summary');
  for (const s of hindcastSummary(rows)) {
    if (s.rows === 0) continue;
    const w = s.worst!;
    lines.push(`  ${s.use.padEnd(10)} ${s.within}/${s.rows} within ±${Math.round(s.band * 100)}%, mean |error| ${(s.meanAbsError * 100).toFixed(1)}%; worst ${w.kind} ${w.subject} ${w.year} ×${w.ratio.toFixed(2)}`);
  }
  const held = heldBackObservations(rows);
  lines.push(`  held back from the fit: ${held.join(', ') || 'none'}`);
  const fit = t.years.filter((y) => !y.demand.converged);
  for (const y of fit) lines.push(plain(`  ${y.year}: the fit did not converge — ${y.demand.conflicts.join('; ')}`));
  return lines.join('\n');
}

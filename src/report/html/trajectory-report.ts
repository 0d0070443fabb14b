import { HINDCAST_BANDS, hindcastSummary, lockWait, type HindcastRow, type Trajectory } from '../../capacity/index.js';
import type { Stat } from '../../run/index.js';
import { fmtH } from '../capacity.js';
import { pm } from '../terminal.js';
import { busiestLocks, demandBasisText, heldBackObservations, hindcastFigure, hindcastModelText, hindcastUnit, targetsReachedText } from '../trajectory.js';
import { esc, htmlPage, type Section, type Trace } from './page.js';
import { renderSvg, type TopLevelSpec } from './vega.js';

/**
 * report.html of `trajectory` (rows null) and `hindcast` (rows: the comparison
 * with the record): the main line against the plan's targets year by year, lock
 * waits and saturation years, where each year's demand comes from, and in a
 * hindcast the model beside every observation.
 */
export async function trajectoryReportHtml(t: Trajectory, rows: HindcastRow[] | null, version: string): Promise<string> {
  const b = t.base;
  const first = t.years[0]!.year, last = t.years[t.years.length - 1]!.year;
  const sections: Section[] = [
    { id: 'targets', title: 'Main line against the targets', body: await targetsHtml(t) },
    { id: 'locks', title: 'Locks', body: await locksHtml(t) },
    { id: 'demand', title: 'Demand', body: demandHtml(t) },
  ];
  if (rows) sections.push({ id: 'hindcast', title: 'Hindcast', body: hindcastHtml(rows) });
  const trace: Trace = {
    version,
    seed: t.seed,
    replications: t.replications,
    scenarios: [{ name: b.name, files: b.files, texts: b.texts }],
    settings: [
      ['network', `${b.networkLabel}, each year's network ${first}–${last}`],
      ['years', `${first}–${last} (${t.years.length}), ${t.replications} replication${t.replications === 1 ? '' : 's'} each`],
      ['demand', `the record to ${t.lastRecordYear}, then the ${t.path} growth path`],
      ['measured span', `${b.horizonS / 86400} days after ${b.warmupS / 86400} days' warm-up, each year`],
      ['criteria', `over the norm: ${normText(t)}`],
      ...(rows ? [['hindcast bands', Object.entries(HINDCAST_BANDS).map(([use, band]) => `${use} ±${Math.round(band * 100)}%`).join(', ')] as [string, string]] : []),
      ...t.incidents.map((i) => ['incident', i] as [string, string]),
    ],
  };
  const subtitle = `${b.description ? `${b.description} · ` : ''}${b.networkLabel}, ${first}–${last}: demand from the record to ${t.lastRecordYear}, then the ${t.path} growth path · ${t.replications} replication${t.replications === 1 ? '' : 's'} a year · seed ${t.seed} · means ± 95% CI`;
  return htmlPage(`waterway-sim: ${b.name}, ${rows ? 'hindcast' : 'trajectory'}`, subtitle, sections, trace);
}

type Name = { en: string; zh: string };
const finite = (x: number, fallback: number) => (Number.isFinite(x) ? x : fallback);

function normText(t: Trajectory): string {
  const c = t.criteria;
  return `mean wait ≥ ${fmtH(c.waitThresholdH)} (${c.waitBasis === 'open' ? 'in normal operation' : 'every wait'}), or a queue growing without bound`;
}

const yearAxis = { field: 'year', type: 'quantitative', title: 'year', axis: { format: 'd', tickMinStep: 1 }, scale: { zero: false, nice: false } } as const;

/** The last recorded year, where it falls within the years run: a rule, "record" left of it and the growth path right. */
function recordLayers(t: Trajectory, labels: boolean): object[] {
  const first = t.years[0]!.year, last = t.years[t.years.length - 1]!.year;
  if (t.lastRecordYear < first || t.lastRecordYear > last) return [];
  const x = { datum: t.lastRecordYear, type: 'quantitative' } as const;
  const label = (text: string, align: 'left' | 'right') => ({
    mark: { type: 'text', text, align, baseline: 'top', dx: align === 'left' ? 4 : -4, dy: 2, fontSize: 10.5, color: '#5b6776', aria: false },
    encoding: { x, y: { value: 0 } },
  });
  return [
    { mark: { type: 'rule', color: '#5b6776', strokeDash: [2, 3], ariaRoleDescription: 'last recorded year' }, encoding: { x, description: { value: `record | growth path (${t.path}): the record to ${t.lastRecordYear}` } } },
    ...(labels ? [...(t.lastRecordYear > first ? [label('record', 'right')] : []), ...(t.lastRecordYear < last ? [label(`growth path (${t.path})`, 'left')] : [])] : []),
  ];
}

type MainLine = Trajectory['years'][number]['aggregate']['mainLine'];
interface Measure {
  title: string;
  unit: string;
  scale: number;
  digits: number;
  pick: (m: MainLine) => { st: Stat; target: number };
}
const TONNES: Measure = { title: 'Main-line port throughput', unit: 'Mt', scale: 1e-6, digits: 1, pick: (m) => ({ st: m.tonnes, target: m.targetTonnes }) };
const TEU: Measure = { title: 'Main-line containers', unit: 'M TEU', scale: 1e-6, digits: 2, pick: (m) => ({ st: m.teu, target: m.targetTeu }) };

/** The report's charts as Vega-Lite specs: main-line Mt, main-line M TEU, and lock waits where a lock waits at all. */
function mainLineSpec(t: Trajectory, what: Measure): TopLevelSpec {
  const target = what.pick(t.years[0]!.aggregate.mainLine).target * what.scale;
  const targetText = `target ${Number(target.toFixed(2))} ${what.unit}`;
  const values = t.years.map((y) => {
    const { st } = what.pick(y.aggregate.mainLine);
    const mean = st.mean * what.scale;
    return {
      year: y.year,
      mean,
      low: finite(st.low * what.scale, mean),
      high: finite(st.high * what.scale, mean),
      tip: `${y.year}: ${pm(st, what.scale, what.digits)} ${what.unit} (${demandBasisText(t, y.year)}); ${targetText}`,
    };
  });
  const y = { type: 'quantitative', title: `${what.unit} a year, served` } as const;
  const width = 480;
  const spec = {
    title: what.title,
    width,
    height: 220,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.22, color: '#4a78a6' }, encoding: { x: yearAxis, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      { mark: { type: 'line', color: '#2f6690', point: { filled: true, size: 30 }, ariaRoleDescription: 'main line' }, encoding: { x: yearAxis, y: { ...y, field: 'mean' }, description: { field: 'tip' } } },
      { mark: { type: 'rule', color: '#b42318', strokeDash: [4, 3], ariaRoleDescription: 'target' }, encoding: { y: { datum: target }, description: { value: targetText } } },
      { mark: { type: 'text', text: targetText, align: 'right', baseline: 'bottom', dy: -3, fontSize: 10.5, color: '#b42318', aria: false }, encoding: { x: { value: width }, y: { datum: target } } },
      ...recordLayers(t, true),
    ],
  } as TopLevelSpec;
  return spec;
}

async function targetsHtml(t: Trajectory): Promise<string> {
  const pct = (p: number) => `${(100 * p).toFixed(0)}%`;
  const rows = t.years.map((y) => {
    const m = y.aggregate.mainLine;
    return `<tr data-year="${y.year}"><td>${y.year}</td><td data-sort="${m.tonnes.mean}">${esc(pm(m.tonnes, 1e-6, 1))}</td><td>${pct(m.pTonnesReached)}</td><td data-sort="${m.teu.mean}">${esc(pm(m.teu, 1e-6, TEU.digits))}</td><td>${pct(m.pTeuReached)}</td><td class="name">${esc(demandBasisText(t, y.year))}</td></tr>`;
  });
  const first = t.years[0]!.year, last = t.years[t.years.length - 1]!.year;
  const split =
    t.lastRecordYear < first ? `Every year run lies after the record (which ends in ${t.lastRecordYear}): demand grown along the ${t.path} path.`
    : t.lastRecordYear >= last ? `Every year run lies within the record (to ${t.lastRecordYear}): demand fitted to each year's figures.`
    : `Dotted line: ${t.lastRecordYear}, the last recorded year; demand is fitted to the record up to it and grown along the ${t.path} growth path after.`;
  return `<p>${esc(targetsReachedText(t))}.</p>
<div class="cards"><div>${await renderSvg(mainLineSpec(t, TONNES))}</div><div>${await renderSvg(mainLineSpec(t, TEU))}</div></div>
<p class="note">Cargo handled a year at the main-line inland ports (served: what the network delivered, not what was offered), mean of the replications with its 95% CI band; dashed red line: the plan's target. ${esc(split)}</p>
<table class="sortable" id="main-line-table"><thead><tr><th>year</th><th>main line, Mt</th><th>P(≥ target)</th><th>M TEU</th><th>P(≥ target)</th><th class="name">demand</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p class="note">P(≥ target) is the share of a year's replications that reach the target.</p>`;
}

function lockNames(t: Trajectory): Map<string, Name> {
  const names = new Map<string, Name>();
  for (const y of t.years) for (const l of y.aggregate.locks) if (!names.has(l.id)) names.set(l.id, l.name);
  return names;
}

/** Mean wait by year at the locks that wait at all (over 0.05 h in some year, at most 8); null where none does. */
function lockWaitSpec(t: Trajectory): { spec: TopLevelSpec; shown: string[] } | null {
  const shown = busiestLocks(t, 8);
  if (shown.length === 0) return null;
  const names = lockNames(t);
  const name = (id: string) => names.get(id)?.en ?? id;
  const over = new Map(t.saturation.map((s) => [s.lock, new Set(s.years)]));
  const values = shown.flatMap((id) =>
    t.years.flatMap((y) => {
      const l = y.aggregate.locks.find((x) => x.id === id);
      if (!l) return [];
      const w = lockWait(l, t.criteria);
      const isOver = over.get(id)?.has(y.year) ?? false;
      return [{ lock: name(id), year: y.year, wait: w.mean, over: isOver, tip: `${name(id)} ${names.get(id)?.zh ?? ''} ${y.year}: mean wait ${pm(w, 1, 2)} h${isOver ? ' (over the norm)' : ''}` }];
    }),
  );
  const c = t.criteria;
  const positive = values.map((v) => v.wait).filter((w) => w > 0);
  // A log scale once the waits shown and the norm span more than a decade.
  const log = Math.max(c.waitThresholdH, ...positive) / Math.min(c.waitThresholdH, ...positive) > 10;
  const y = { field: 'wait', type: 'quantitative', title: `mean wait, h${log ? ' (log scale)' : ''}`, ...(log ? { scale: { type: 'log' } } : {}) } as const;
  const color = { field: 'lock', type: 'nominal', title: 'lock', sort: shown.map(name) } as const;
  const spec = {
    title: `Mean wait at the locks, ${c.waitBasis === 'open' ? 'in normal operation' : 'every wait'}`,
    width: 640,
    height: 260,
    data: { values: log ? values.filter((v) => v.wait > 0) : values },
    layer: [
      { mark: { type: 'line', point: { filled: true, size: 26 }, ariaRoleDescription: 'lock wait' }, encoding: { x: yearAxis, y, color, description: { field: 'tip' } } },
      { transform: [{ filter: 'datum.over' }], mark: { type: 'point', shape: 'circle', filled: false, size: 150, color: '#b42318', strokeWidth: 1.5, ariaRoleDescription: 'over the norm' }, encoding: { x: yearAxis, y, description: { field: 'tip' } } },
      { mark: { type: 'rule', color: '#b42318', strokeDash: [4, 3], ariaRoleDescription: 'norm' }, encoding: { y: { datum: c.waitThresholdH }, description: { value: `norm: mean wait ${fmtH(c.waitThresholdH)}` } } },
      ...recordLayers(t, false),
    ],
  } as TopLevelSpec;
  return { spec, shown };
}

async function locksHtml(t: Trajectory): Promise<string> {
  const names = lockNames(t);
  const name = (id: string) => names.get(id)?.en ?? id;
  const c = t.criteria;
  const waits = lockWaitSpec(t);
  const shown = waits?.shown ?? [];
  const chart = waits ? await renderSvg(waits.spec) : '<p class="note">No lock waits more than 0.05 h on average in any year run.</p>';
  const saturated = t.saturation.filter((s) => s.firstYear !== null).sort((a, b) => a.firstYear! - b.firstYear!);
  const rows = [...saturated, ...t.saturation.filter((s) => s.firstYear === null)].map(
    (s) =>
      `<tr data-lock="${esc(s.lock)}"${s.firstYear !== null ? ' class="over"' : ''}><td class="name" data-sort="${esc(name(s.lock))}">${esc(name(s.lock))}<span class="zh">${esc(names.get(s.lock)?.zh ?? '')}</span></td>` +
      `<td data-sort="${s.firstYear ?? 1e9}"${s.firstYear !== null ? ' class="not-reached"' : ''}>${s.firstYear ?? '—'}</td><td data-sort="${s.fromYear ?? 1e9}">${s.fromYear ?? '—'}</td><td class="name">${esc(s.reason)}</td><td class="name">${esc(yearsText(s.years))}</td></tr>`,
  );
  return `${chart}
<p class="note">${shown.length > 0 ? `Mean wait a year at the ${shown.length === 1 ? 'lock' : `${shown.length} locks`} with the longest (those over 0.05 h at some point, at most 8), on the criterion's basis; red ring: a year over the norm; dashed red line: the norm, ${esc(fmtH(c.waitThresholdH))}${recordLayers(t, false).length > 0 ? `; dotted line: ${t.lastRecordYear}, the last recorded year` : ''}. Hover a point for its 95% CI. ` : ''}${esc(`A lock is over the norm in a year with a ${normText(t)}.`)}</p>
<h3>Saturation years</h3>
<table class="sortable" id="saturation-table"><thead><tr><th class="name">lock</th><th>first year over the norm</th><th>over without a break from</th><th class="name">reason</th><th class="name">years over the norm</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** 2021, 2023–2026. */
function yearsText(years: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const y of years) {
    const r = runs[runs.length - 1];
    if (r && y === r[1] + 1) r[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ') || '—';
}

function demandHtml(t: Trajectory): string {
  const droughts = t.years.some((y) => y.scenario.hydrology.id !== 'normal');
  const rows = t.years.map((y) => {
    const d = y.demand;
    const unrecorded = d.unrecorded.reduce((s, u) => s + u.tonnes, 0) / 1e6;
    const zones = d.unrecorded.map((u) => `${u.id} ${(u.tonnes / 1e6).toFixed(1)}`).join(', ');
    return (
      `<tr data-year="${y.year}"><td>${y.year}</td><td>${esc(pm(y.aggregate.mainLine.tonnes, 1e-6, 1))}</td><td class="name">${esc(demandBasisText(t, y.year))}</td>` +
      `<td data-sort="${unrecorded}">${d.unrecorded.length > 0 ? unrecorded.toFixed(1) : '—'}</td><td class="name">${esc(zones)}</td>` +
      `<td class="${d.converged ? 'reached' : 'not-reached'}">${d.converged ? 'yes' : `no (${d.conflicts.length} conflict${d.conflicts.length === 1 ? '' : 's'})`}</td>` +
      `${droughts ? `<td class="name">${esc(y.scenario.hydrology.id)}</td>` : ''}</tr>`
    );
  });
  const unconverged = t.years.filter((y) => !y.demand.converged);
  const conflicts = unconverged.length === 0 ? '' : `<p class="note">Fits that did not converge, the counts they could not meet worst first:</p><ul class="note">${unconverged.map((y) => `<li>${y.year}: ${esc(y.demand.conflicts.join('; ') || 'no conflict named')}</li>`).join('')}</ul>`;
  return `<table class="sortable" id="demand-table"><thead><tr><th>year</th><th>main line, Mt served</th><th class="name">demand offered</th><th>unrecorded traffic, Mt</th><th class="name">by zone, Mt</th><th>fit converged</th>${droughts ? '<th class="name">hydrology</th>' : ''}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${conflicts}
<p class="note">Within the record each year's origin–destination table is fitted to its port totals and lock counts; after it, the last fit is grown along the ${esc(t.path)} path. Unrecorded traffic is what the fit adds at wharves the port statistics miss, sized by the lock counts (loaded + unloaded, a year).</p>`;
}

function hindcastHtml(rows: readonly HindcastRow[]): string {
  const body = rows.map(
    (r) =>
      `<tr class="${r.ok ? 'ok' : 'miss'}"><td>${r.year}</td><td class="name">${esc(`${r.kind} ${r.subject}`)}</td><td class="name">${esc(r.use)}</td>` +
      `<td data-sort="${r.observed}" title="${esc(r.source)}">${esc(`${hindcastFigure(r, r.observed)} ${hindcastUnit(r)}`)}</td><td data-sort="${r.model.mean}">${esc(hindcastModelText(r))}</td>` +
      `<td data-sort="${r.ratio}">×${r.ratio.toFixed(2)}</td><td>±${Math.round(r.band * 100)}%</td><td class="${r.ok ? 'reached' : 'not-reached'}">${r.ok ? 'ok' : 'MISS'}</td></tr>`,
  );
  const summary = hindcastSummary(rows)
    .filter((s) => s.rows > 0)
    .map((s) => {
      const w = s.worst!;
      return `<tr><td class="name">${esc(s.use)}</td><td class="${s.within === s.rows ? 'reached' : 'not-reached'}">${s.within}/${s.rows}</td><td>±${Math.round(s.band * 100)}%</td><td>${(s.meanAbsError * 100).toFixed(1)}%</td><td class="name">${esc(`${w.kind} ${w.subject} ${w.year} ×${w.ratio.toFixed(2)}`)}</td></tr>`;
    });
  const held = heldBackObservations(rows);
  return `<table class="sortable" id="hindcast-table"><thead><tr><th>year</th><th class="name">observation</th><th class="name">use</th><th>observed</th><th>model</th><th>ratio</th><th>band</th><th></th></tr></thead><tbody>
${body.join('\n')}
</tbody></table>
<p class="note">Model: mean ± 95% CI half-width over the replications; ratio: model ÷ observed; ok where it lies within the band. Hover an observed figure for its source.</p>
<h3>Fit summary</h3>
${summary.length > 0 ? `<table id="hindcast-summary"><thead><tr><th class="name">use</th><th>within the band</th><th>band</th><th>mean |error|</th><th class="name">worst</th></tr></thead><tbody>
${summary.join('\n')}
</tbody></table>` : '<p class="note">No observation falls in the years run.</p>'}
<p class="note">fitted: figures the demand was fitted to (±${Math.round(HINDCAST_BANDS.fitted * 100)}%); held back: figures kept out of the fit (±${Math.round(HINDCAST_BANDS['held back'] * 100)}%); not fitted: the ships and lockages behind the tonnes, which the fit never sees (±${Math.round(HINDCAST_BANDS['not fitted'] * 100)}%).</p>
<h3>Held back from the fit</h3>
${held.length > 0 ? `<ul id="held-back">${held.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>` : '<p class="note">none</p>'}`;
}

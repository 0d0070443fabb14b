import type { BottleneckAnalysis, BottleneckStudy, DesignCheck, Reading, Sweep } from '../../capacity/index.js';
import { bottleneckFindings, criteriaText, fmtH, readingText, saturationText, sweepLine } from '../capacity.js';
import { esc, htmlPage, type Section, type Trace } from './page.js';
import { renderSvg, type TopLevelSpec } from './vega.js';

const last = (s: Sweep) => s.levels[s.levels.length - 1]!.multiplier;

/** report.html of `bottlenecks`: findings, delay curves with capacity markers, rankings, the design check. */
export async function bottlenecksReportHtml(study: BottleneckStudy, checks: DesignCheck[], version: string): Promise<string> {
  const { sweep, analysis, relief } = study;
  const s = sweep.scenario;
  const sections: Section[] = [
    { id: 'findings', title: 'Findings', body: `<ul>${bottleneckFindings(study).map((f) => `<li>${esc(f)}</li>`).join('')}</ul><p class="note">${esc(criteriaText(analysis))}</p>` },
    { id: 'curves', title: 'Delay curves: waiting against traffic at each lock', body: await curvesHtml(analysis) },
    { id: 'ranking', title: 'Locks ranked by the demand at which they saturate', body: rankingHtml(analysis, last(sweep), 'ranking-table') },
  ];
  if (relief) sections.push({ id: 'relief', title: `With ${relief.lock} relieved: the lock that takes over`, body: `<p class="note">The same sweep with ${esc(relief.lock)} passed as open river.</p>${rankingHtml(relief.analysis, last(relief.sweep), 'relief-table')}` });
  if (checks.length > 0) sections.push({ id: 'design', title: 'Design capacity check', body: designHtml(checks) });
  const trace: Trace = {
    version,
    seed: sweep.seed,
    replications: sweep.replications,
    scenarios: [{ name: s.name, files: s.files, texts: s.texts }],
    settings: [
      ['network', `${s.networkLabel}, year ${s.year}`],
      ['sweep', sweepLine(sweep)],
      ['levels', sweep.levels.map((l) => `×${l.multiplier}`).join(' ')],
      ['criteria', `mean wait ${fmtH(analysis.criteria.waitThresholdH)} (${analysis.criteria.waitBasis === 'open' ? 'normal operation' : 'all waits'}); ${(100 * analysis.criteria.utilisationLimit).toFixed(0)}% utilisation`],
    ],
  };
  return htmlPage(`waterway-sim: ${s.name}, bottleneck locks`, `${s.networkLabel}, network of ${s.year} · ${sweepLine(sweep)}`, sections, trace);
}

const capacityRow = (lock: string, kind: string, r: Reading, what: string) =>
  r.status === 'reached' ? [{ lock, kind, mt: r.tonnesPerYear / 1e6, tip: `${lock}: practical capacity by ${what} ${readingText(r)} Mt/yr at demand ×${r.multiplier.toFixed(2)}` }] : [];

async function curvesHtml(a: BottleneckAnalysis): Promise<string> {
  const c = a.criteria;
  const ranked = a.locks.filter((l) => l.rankBySaturation !== null);
  if (ranked.length === 0) return '<p class="note">No lock carries traffic at any level.</p>';
  const yMax = 4 * c.waitThresholdH;
  const values = ranked.flatMap((l) => {
    const curve = a.curves.find((x) => x.id === l.id)!;
    const lock = `${l.rankBySaturation}. ${l.name.en}`;
    const points = curve.points.map((p) => {
      const w = c.waitBasis === 'open' ? p.waitMeanOpenH : p.waitMeanH;
      const finite = (x: number) => (Number.isFinite(x) ? x : w.mean);
      return {
        lock,
        kind: 'point',
        mt: p.tonnesPerYear.mean / 1e6,
        wait: w.mean,
        low: Math.max(0, finite(w.low)),
        high: finite(w.high),
        tip: `${l.name.en} ${l.name.zh} at demand ×${p.multiplier}: ${(p.tonnesPerYear.mean / 1e6).toFixed(1)} Mt/yr, mean wait ${w.mean.toFixed(2)} h [${finite(w.low).toFixed(2)}–${finite(w.high).toFixed(2)}], ${(100 * p.utilisation.mean).toFixed(0)}% busy`,
      };
    });
    return [...points, ...capacityRow(lock, 'wait', l.byWait, `waiting`), ...capacityRow(lock, 'utilisation', l.byUtilisation, `utilisation`)];
  });
  const only = (kind: string) => ({ filter: `datum.kind === '${kind}'` });
  const x = { field: 'mt', type: 'quantitative', title: 'traffic through the lock, Mt a year (both ways)', scale: { zero: false } } as const;
  const y = { type: 'quantitative', title: 'mean wait, h', scale: { domain: [0, yMax] } } as const;
  const spec: TopLevelSpec = {
    data: { values },
    columns: 4,
    facet: { field: 'lock', type: 'nominal', title: null, sort: ranked.map((l) => `${l.rankBySaturation}. ${l.name.en}`) },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 220,
      height: 140,
      layer: [
        { transform: [only('point')], mark: { type: 'area', opacity: 0.22, color: '#4a78a6', clip: true }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
        { transform: [only('point')], mark: { type: 'line', color: '#2f6690', clip: true, point: { filled: true, size: 22 }, ariaRoleDescription: 'delay curve' }, encoding: { x, y: { ...y, field: 'wait' }, description: { field: 'tip' } } },
        { mark: { type: 'rule', color: '#b42318', strokeDash: [4, 3] }, encoding: { y: { datum: c.waitThresholdH } } },
        { transform: [only('wait')], mark: { type: 'rule', color: '#b42318', strokeWidth: 2, ariaRoleDescription: 'capacity by waiting' }, encoding: { x, description: { field: 'tip' } } },
        { transform: [only('utilisation')], mark: { type: 'rule', color: '#6a3d9a', strokeWidth: 2, strokeDash: [2, 2], ariaRoleDescription: 'capacity by utilisation' }, encoding: { x, description: { field: 'tip' } } },
      ],
    },
  } as TopLevelSpec;
  return `${await renderSvg(spec)}
<p class="note">One panel per lock with traffic, in order of saturation. Line: mean wait ${c.waitBasis === 'open' ? 'in normal operation (waits that saw a closure left out)' : '(all waits)'} at each demand level; band: its 95% CI. Dashed red line: the ${esc(fmtH(c.waitThresholdH))} threshold. Solid red marker: practical capacity by waiting; dashed purple marker: at ${(100 * c.utilisationLimit).toFixed(0)}% utilisation (shown where read within the levels). The wait axis stops at ${esc(fmtH(yMax))}.</p>`;
}

function rankingHtml(a: BottleneckAnalysis, lastLevel: number, id: string): string {
  const head = ['rank', 'lock', 'lines', 'saturates at', `capacity by wait, Mt/yr`, `capacity at ${(100 * a.criteria.utilisationLimit).toFixed(0)}% busy, Mt/yr`, 'at ×1: Mt/yr', 'busy %', 'wait h', 'share of waiting %'];
  const num = (v: number, d: number) => `<td data-sort="${v}">${v.toFixed(d)}</td>`;
  const sortOf = (r: Reading) => (r.status === 'reached' ? r.tonnesPerYear : r.status === 'below-range' ? r.tonnesPerYear - 1e12 : r.tonnesPerYear + 1e12);
  const rows = a.locks
    .filter((l) => l.rankBySaturation !== null)
    .map(
      (l) =>
        `<tr data-lock="${esc(l.id)}"><td data-sort="${l.rankBySaturation}">${l.rankBySaturation}</td><td class="name" data-sort="${esc(l.name.en)}">${esc(l.name.en)}<span class="zh">${esc(l.name.zh)}</span></td>${num(l.lines, 0)}` +
        `<td data-sort="${l.saturatesAt ?? 1e9}">${esc(saturationText(l, lastLevel))}</td><td data-sort="${sortOf(l.byWait)}">${esc(readingText(l.byWait))}</td><td data-sort="${sortOf(l.byUtilisation)}">${esc(readingText(l.byUtilisation))}</td>` +
        num(l.own.tonnesPerYear.mean / 1e6, 1) +
        num(100 * l.own.utilisation.mean, 0) +
        num(a.criteria.waitBasis === 'open' ? l.own.waitMeanOpenH.mean : l.own.waitMeanH.mean, 2) +
        num(100 * l.own.shareOfWaiting.mean, 1) +
        '</tr>',
    );
  return `<table class="sortable" id="${id}"><thead><tr>${head.map((h) => `<th${h === 'lock' ? ' class="name"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p class="note">Capacities are both directions, with the 95% interval in brackets; … where an interval bound lies outside the levels; ≤ met at the lowest level; ≥ not met at the highest.</p>`;
}

function designHtml(checks: DesignCheck[]): string {
  const mt = (t: number) => (t / 1e6).toFixed(1);
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '');
  const sim = (r: Reading | undefined, pub: number) =>
    r ? `<td>${r.status === 'below-range' ? '≤ ' : r.status === 'above-range' ? '≥ ' : ''}${mt(r.oneWayTonnesPerYear)}</td><td>${ratio(r.oneWayTonnesPerYear, pub)}</td>` : '<td></td><td></td>';
  const rows = checks.map(
    (c) =>
      `<tr><td class="name">${esc(c.name.en)}<span class="zh">${esc(c.name.zh)}</span></td><td>${esc(c.lines.join('+'))}</td><td title="${esc(c.source)}">${mt(c.publishedOneWayT)}</td><td>${mt(c.formulaOneWayT)}</td><td>${ratio(c.formulaOneWayT, c.publishedOneWayT)}</td>${sim(c.simulated?.byWait, c.publishedOneWayT)}${sim(c.simulated?.byUtilisation, c.publishedOneWayT)}<td class="name">${esc(c.note ?? '')}</td></tr>`,
  );
  return `<table id="design-table"><thead><tr><th class="name">lock</th><th>lines</th><th>published</th><th>JTS 305</th><th>ratio</th><th>simulated (wait)</th><th>ratio</th><th>simulated (busy)</th><th>ratio</th><th class="name">note</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p class="note">One-way Mt a year. JTS 305 formula P = ½(n − n0)·N·G·α/β from the seeds (α 0.55, β 1.15, n0 0); simulated = heavier direction at the practical capacity. Ratios are to the published figure; hover a published figure for its source.</p>`;
}

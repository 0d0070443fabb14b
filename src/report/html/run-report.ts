import type { CapacityVerdict } from '../../capacity/index.js';
import { WAIT_BANDS_H } from '../../model/index.js';
import { networkGeoJson, type NetworkMap, type SeedNetwork } from '../../network/index.js';
import { stat, type ScenarioRun, type Stat } from '../../run/index.js';
import { scenarioNetwork } from '../../scenario/network.js';
import { bindingLong, hingeText, noHingeText } from '../capacity.js';
import { pm, scaled, verdictWord } from '../terminal.js';
import { esc, htmlPage, verdictClass, type Section, type Trace } from './page.js';
import { renderSvg, type TopLevelSpec } from './vega.js';
import { networkMapHtml, type MapChannel, type MapLock, type MapPort } from './network-map.js';

type NetworkGeoJson = ReturnType<typeof networkGeoJson>;

interface RunReportInput {
  run: ScenarioRun;
  version: string;
  /** The scenario's network in its year, for the map. */
  geo: NetworkGeoJson;
  /** The seeds' courses and coastline, when they have them. */
  map: NetworkMap | undefined;
  /** Tonnes a TEU counts for in port tonnage, to split container tonnes from the rest. */
  tonnesPerTeu: number;
}

const pct = (p: number) => `${(100 * p).toFixed(0)}%`;

/** report.html of `run`: verdict, network map, lock table, port bars, trace; `seeds`: the run's network data. */
export async function runReportHtml(run: ScenarioRun, version: string, seeds: SeedNetwork, capacity?: CapacityVerdict | null): Promise<string> {
  // The network as the run ran it; the demand is not rebuilt: its one figure here, tonnes a TEU, is the seeds' (a run needs their demand.yaml).
  const input: RunReportInput = { run, version, geo: networkGeoJson(scenarioNetwork(run.scenario, seeds)), map: seeds.map, tonnesPerTeu: seeds.demand!.tonnesPerTeu };
  const s = run.scenario;
  const sections: Section[] = [
    ...(capacity ? [{ id: 'capacity', title: 'Capacity against the targets', body: capacityHtml(capacity) }] : []),
    { id: 'verdict', title: "At the scenario's own demand: served against the targets", body: await verdictHtml(run) },
    { id: 'map', title: 'Network map', body: mapHtml(input) },
    { id: 'locks', title: 'Locks', body: await locksHtml(run) },
    { id: 'ports', title: 'Port throughput against capacity', body: await portsHtml(input) },
  ];
  const subtitle = `${s.description ? `${s.description} · ` : ''}${s.networkLabel}, network of ${s.year} · ${run.results.length} replications of ${s.horizonS / 86400 / 365} year(s) · seed ${run.seed} · means ± 95% CI`;
  return htmlPage(`waterway-sim: ${s.name}`, subtitle, sections, runTrace(run, version));
}

/** The capacity verdict: each part's sustainable throughput against the targets, what binds it, what that rests on. */
function capacityHtml(v: CapacityVerdict): string {
  const margin = (st: Stat, target: number, scale: number, digits: number, unit: string) => {
    const d = (st.mean - target) * scale;
    return `${Math.abs(d).toFixed(digits)} ${unit} ${d >= 0 ? 'above' : 'short'}`;
  };
  const rows = v.parts.map((p) => {
    const binds = p.binding ? bindingLong(p.binding) : 'nothing up to the search limit';
    const cells = p.tonnes && p.teu
      ? `<td>${esc(pm(p.tonnes, 1e-6))}</td><td class="${verdictClass(p.verdictTonnes)}">${esc(margin(p.tonnes, v.targets.tonnes, 1e-6, 1, 'Mt'))}</td><td>${esc(pm(p.teu, 1e-6, 2))}</td><td class="${verdictClass(p.verdictTeu)}">${esc(margin(p.teu, v.targets.teu, 1e-6, 2, 'M TEU'))}</td><td>×${esc(p.multiplier!)}${p.atLimit ? ' or more' : ''}</td>`
      : '<td colspan="5">no demand level tried is sustained</td>';
    return `<tr data-part="${esc(p.part)}"><td class="name">${esc(p.part)}</td>${cells}<td class="name wrap">${esc(binds)}</td><td class="name wrap">${esc(p.basis || '—')}</td></tr>`;
  });
  const c = v.criteria;
  return `<p>The largest demand the network sustains, with every lock's mean ${c.waitBasis === 'open' ? 'waiting in normal operation' : 'waiting'} under ${esc(c.waitThresholdH)} h and no queue growing without bound, for the whole network, the locks alone (berths never make a vessel wait) and the berths alone (every lock passed as open river). Main-line throughput at that level, with its 95% CI and the margin to the targets (${esc(v.targets.tonnes / 1e6)} Mt, ${esc(v.targets.teu / 1e6)} M TEU).</p>
<table id="capacity-table"><thead><tr><th class="name">part</th><th>Mt</th><th>vs ${esc(v.targets.tonnes / 1e6)} Mt</th><th>M TEU</th><th>vs ${esc(v.targets.teu / 1e6)} M TEU</th><th>of the scenario's demand</th><th class="name">binds first</th><th class="name">its figures</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${v.hinges.length > 0 ? `<p>What the verdict hinges on, to first order (the sustainable level taken to scale with what binds; <code>waterway-sim sensitivity</code> measures it):</p>
<ul id="capacity-hinges">${v.hinges.map((h) => `<li>${esc(hingeText(h))}</li>`).join('')}</ul>` : `<p id="capacity-hinges">What the verdict hinges on: ${esc(noHingeText(v))}</p>`}
<p class="note">${esc(v.replications)} replications a level, bisected to ${esc(Math.round(v.tolerance * 100))}%; ${esc(v.wallS.toFixed(0))} s. The state at the scenario's own demand follows.</p>`;
}

function runTrace(run: ScenarioRun, version: string): Trace {
  const s = run.scenario;
  return {
    version,
    seed: run.seed,
    replications: run.results.length,
    scenarios: [{ name: s.name, hash: run.scenarioHash, files: s.files, texts: s.texts }],
    settings: [
      ['network', `${s.networkLabel}, year ${s.year}`],
      ['measured span', `${s.horizonS / 86400} days after ${s.warmupS / 86400} days' warm-up`],
    ],
  };
}

async function verdictHtml(run: ScenarioRun): Promise<string> {
  const m = run.aggregate.mainLine;
  const card = (id: string, what: string, st: Stat, scale: number, digits: number, unit: string, target: number, p: number) => {
    const v = verdictWord(p);
    return `<div class="card" id="${id}"><div class="what">${esc(what)}</div>
<div class="value"><span class="figure">${esc(pm(st, scale, digits))}</span> ${esc(unit)}</div>
<div>against the target of <span class="target">${esc(scaled(target, scale).toFixed(0))}</span> ${esc(unit)}: <span class="verdict ${v.cls}">${v.text}</span>, <span class="p">P(reached) = ${pct(p)}</span></div></div>`;
  };
  const rows = [
    { measure: 'Main-line port throughput', st: m.tonnes, target: m.targetTonnes, unit: 'Mt', scale: 1e-6 },
    { measure: 'Main-line containers', st: m.teu, target: m.targetTeu, unit: 'M TEU', scale: 1e-6 },
  ].map((r) => ({
    measure: r.measure,
    share: (100 * r.st.mean) / r.target,
    low: (100 * r.st.low) / r.target,
    high: (100 * r.st.high) / r.target,
    tip: `${r.measure}: ${pm(r.st, r.scale, 2)} ${r.unit} (95% CI ${(r.st.low * r.scale).toFixed(2)}–${(r.st.high * r.scale).toFixed(2)}) against ${(r.target * r.scale).toFixed(0)} ${r.unit}`,
  }));
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  // y only on the bars, so that the target rule spans the whole chart.
  const y = { field: 'measure', type: 'nominal', title: null, sort: null, axis: { labelLimit: 400 } } as const;
  const spec: TopLevelSpec = {
    width: 640,
    height: { step: 34 },
    data: { values: rows.map((r) => ({ ...r, low: finite(r.low) ?? r.share, high: finite(r.high) ?? r.share })) },
    layer: [
      { mark: { type: 'bar', color: '#4a78a6', height: 18 }, encoding: { y, x: { field: 'share', type: 'quantitative', title: 'share of the target, % (bar: mean; whisker: 95% CI; line: target)' }, description: { field: 'tip' } } },
      { mark: { type: 'rule', color: '#12344d', strokeWidth: 2 }, encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      { mark: { type: 'rule', color: '#b42318', strokeWidth: 2, strokeDash: [4, 2] }, encoding: { x: { datum: 100 } } },
    ],
  };
  return `<div class="cards">
${card('verdict-tonnes', 'Main-line port throughput (cargo handled at the main-line inland ports, a year)', m.tonnes, 1e-6, 1, 'Mt', m.targetTonnes, m.pTonnesReached)}
${card('verdict-teu', 'Main-line containers', m.teu, 1e-6, 2, 'M TEU', m.targetTeu, m.pTeuReached)}
</div>
${await renderSvg(spec)}
<p class="note">P(reached) is the share of replications whose year reaches the target. REACHED when at least 95% do, NOT reached when at most 5% do, uncertain between.</p>
${warningsHtml(run)}`;
}

function warningsHtml(run: ScenarioRun): string {
  const a = run.aggregate;
  const items = [
    ...a.warnings.map((w) => `warning: ${w}`),
    ...run.incidents.map((i) => `incident: ${i}`),
    ...a.backlogAt.filter((b) => b.place !== 'under way' && b.vessels >= 1).map((b) => `${Math.round(b.vessels).toLocaleString('en')} vessels still waiting at ${b.place} at the end of the year`),
  ];
  return items.length ? `<ul class="note">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '';
}

/** The map's markers and channels from the network's GeoJSON, with each one's figures from the run. */
function mapHtml({ run, geo, map }: RunReportInput): string {
  const points = new Map<string, { at: [number, number]; props: Record<string, unknown> }>();
  for (const f of geo.features) {
    if (f.geometry.type !== 'Point') continue;
    const at = f.geometry.coordinates as [number, number];
    const p = f.properties;
    if (typeof p.lock === 'string') points.set(`lock:${p.lock}`, { at, props: p });
    if (typeof p.port === 'string') points.set(`port:${p.port}`, { at, props: p });
  }
  const where = (key: string) => {
    const p = points.get(key);
    if (!p) throw new Error(`the map has no coordinates for ${key}`);
    return p;
  };
  const locks: MapLock[] = run.aggregate.locks.map((l) => {
    const { at, props } = where(`lock:${l.id}`);
    const name = l.name;
    return {
      id: l.id,
      name,
      at,
      utilisation: l.utilisation.mean,
      tip: [
        `${name.en} ${name.zh} (${String(props.kind)}, ${String(props.state)})`,
        `lines in service: ${l.lines.length}`,
        `utilisation: ${pm(l.utilisation, 100, 0)} %`,
        `mean wait: ${pm(l.waitMeanH, 1, 2)} h (p90 ${l.waitP90H.mean.toFixed(2)} h)`,
        `traffic: ${(l.tonnesUp.mean / 1e6).toFixed(1)} Mt up, ${(l.tonnesDown.mean / 1e6).toFixed(1)} Mt down`,
        `share of all lock waiting: ${(100 * l.shareOfWaiting.mean).toFixed(1)}%`,
      ].join('\n'),
    };
  });
  const ports: MapPort[] = run.aggregate.ports.map((p) => {
    const { at } = where(`port:${p.id}`);
    const name = p.name;
    return {
      id: p.id,
      name,
      at,
      mainLine: Boolean(p.mainLine),
      mt: p.throughputT.mean / 1e6,
      tip: [
        `${name.en} ${name.zh}${p.mainLine ? ' (main line)' : ''}`,
        `throughput: ${pm(p.throughputT, 1 / 1e6)} Mt`,
        `containers: ${pm(p.teu, 1 / 1e3, 0)} k TEU`,
        `loaded ${(p.loadedT.mean / 1e6).toFixed(1)} Mt, unloaded ${(p.unloadedT.mean / 1e6).toFixed(1)} Mt`,
      ].join('\n'),
    };
  });
  const channels: MapChannel[] = geo.features
    .filter((f) => f.geometry.type === 'LineString')
    .map((f) => {
      const p = f.properties;
      const id = String(p.id);
      const course = map?.courses.get(id);
      const drawn = !course ? 'drawn straight between its nodes (no course in the seeds)' : 'source' in course.provenance ? 'course from Natural Earth 1:10m' : 'course estimated (see courses.yaml)';
      return {
        id,
        river: { en: p.river as string, zh: p.river_zh as string },
        line: f.geometry.coordinates as [number, number][],
        fromCourse: Boolean(course),
        tip: `${p.river as string} ${p.river_zh as string}: ${id}\n${Number(p.lengthKm).toFixed(0)} km (the model's length), class ${p.class as string}\n${drawn}`,
      };
    });
  return networkMapHtml({ locks, ports, channels, coast: map?.coast.lines ?? [], coastSource: map?.coast.source ? `Coastline: ${map.coast.source}` : 'No coastline in the seeds' });
}

const bandLabel = (i: number) => {
  const h = (x: number) => (x < 1 ? `${x * 60}′` : `${x} h`);
  const lo = WAIT_BANDS_H[i]!, hi = WAIT_BANDS_H[i + 1];
  return hi === undefined ? `≥ ${h(lo)}` : `${h(lo)}–${h(hi)}`;
};

async function waitSparkline(shares: number[]): Promise<string> {
  const spec: TopLevelSpec = {
    width: 100,
    height: 34,
    padding: 2,
    data: { values: shares.map((s, i) => ({ band: bandLabel(i), order: i, share: s, tip: `wait ${bandLabel(i)}: ${(100 * s).toFixed(1)}% of vessels` })) },
    mark: { type: 'bar', color: '#4a78a6' },
    encoding: {
      x: { field: 'band', type: 'ordinal', sort: { field: 'order' }, axis: null },
      y: { field: 'share', type: 'quantitative', axis: null, scale: { domain: [0, 1] } },
      description: { field: 'tip' },
    },
  };
  return renderSvg(spec);
}

async function locksHtml(run: ScenarioRun): Promise<string> {
  const locks = [...run.aggregate.locks].sort((x, y) => y.waitMeanH.mean - x.waitMeanH.mean);
  const num = (v: number, digits: number) => `<td data-sort="${Number.isFinite(v) ? v : ''}">${Number.isFinite(v) ? v.toFixed(digits) : '—'}</td>`;
  const rows: string[] = [];
  for (const l of locks) {
    const name = l.name;
    const w = l.waitMeanH;
    rows.push(
      `<tr data-lock="${esc(l.id)}"><td class="name" data-sort="${esc(name.en)}">${esc(name.en)}<span class="zh">${esc(name.zh)}</span></td>` +
        num(l.lines.length, 0) +
        num(l.tonnesUp.mean / 1e6, 1) +
        num(l.tonnesDown.mean / 1e6, 1) +
        num(l.vesselsPerLockage.mean, 1) +
        num(l.tonnesPerLockage.mean, 0) +
        num(100 * l.utilisation.mean, 0) +
        `<td data-sort="${w.mean}">${esc(pm(w, 1, 2))}</td>` +
        num(l.waitP90H.mean, 2) +
        num(l.waitMaxH.mean, 1) +
        num(l.queueMean.mean, 1) +
        num(l.icRatio.mean, 2) +
        num(l.closureH.mean, 0) +
        num(100 * l.shareOfWaiting.mean, 1) +
        `<td class="no-sort">${await waitSparkline(l.waitShares as number[])}</td></tr>`,
    );
  }
  const head = ['lock', 'lines', 'Mt up', 'Mt down', 'ships a lockage', 't a lockage', 'busy %', 'mean wait h', 'p90 h', 'max h', 'queue', 'I/C', 'closed h', 'share of waiting %'];
  return `<table class="sortable" id="lock-table"><thead><tr>${head.map((h, i) => `<th${i === 0 ? ' class="name"' : ''}>${esc(h)}</th>`).join('')}<th class="no-sort">waits ${esc(bandLabel(0))} … ${esc(bandLabel(WAIT_BANDS_H.length - 1))}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
<p class="note">Click a column heading to sort. Sorted at first by mean wait, worst first. Ships and tonnes a lockage count the lockages that carried ships. "busy" is the share of their working hours (off-hours, maintenance, floods and low-water withdrawals left out) the lines are locking; mean wait with its 95% CI; p90 and max are waits too; queue is the mean number of vessels waiting; I/C is vessels passed over vessels the lines could pass with every lockage full. The small chart shows the share of vessels in each waiting band: ${WAIT_BANDS_H.map((_, i) => esc(bandLabel(i))).join(', ')} (mean over replications; hover a bar).</p>`;
}

async function portsHtml({ run, tonnesPerTeu }: RunReportInput): Promise<string> {
  const a = run.aggregate;
  // Non-container tonnes per replication, so its CI is the CI of the difference.
  const bulk = (id: string) => stat(run.results.map((r) => { const p = r.ports.find((x) => x.id === id)!; return p.throughputT - p.teu * tonnesPerTeu; }));
  const bulkRows = a.ports
    .filter((p) => p.capacityT.mean > 0)
    .map((p) => {
      const st = bulk(p.id);
      const cap = p.capacityT.mean / 1e6;
      const name = p.name;
      return { port: name.en, achieved: st.mean / 1e6, low: st.low / 1e6, high: st.high / 1e6, capacity: cap, tip: `${name.en} ${name.zh}: ${pm(st, 1 / 1e6)} Mt handled (non-container) of ${cap.toFixed(1)} Mt berth capacity (${((100 * st.mean) / 1e6 / cap).toFixed(0)}%)` };
    });
  const boxRows = a.ports
    .filter((p) => p.capacityTeu.mean > 0)
    .map((p) => {
      const st = p.teu;
      const cap = p.capacityTeu.mean / 1e3;
      const name = p.name;
      return { port: name.en, achieved: st.mean / 1e3, low: st.low / 1e3, high: st.high / 1e3, capacity: cap, tip: `${name.en} ${name.zh}: ${pm(st, 1 / 1e3, 0)} k TEU of ${cap.toFixed(0)} k TEU berth capacity (${((100 * st.mean) / 1e3 / cap).toFixed(0)}%)` };
    });
  const chart = (rows: typeof bulkRows, unit: string, title: string): TopLevelSpec => ({
    title,
    width: 520,
    height: { step: 20 },
    data: { values: rows.map((r) => ({ ...r, low: Number.isFinite(r.low) ? r.low : r.achieved, high: Number.isFinite(r.high) ? r.high : r.achieved })) },
    encoding: { y: { field: 'port', type: 'nominal', title: null, sort: [...rows].sort((a, b) => b.capacity - a.capacity).map((r) => r.port) } },
    layer: [
      { mark: { type: 'bar', color: '#dde3ea', height: 16 }, encoding: { x: { field: 'capacity', type: 'quantitative', title: `${unit} (grey: berth capacity; blue: handled, with 95% CI)` }, description: { field: 'tip' } } },
      { mark: { type: 'bar', color: '#2f6690', height: 9 }, encoding: { x: { field: 'achieved', type: 'quantitative' }, description: { field: 'tip' } } },
      { mark: { type: 'rule', color: '#12344d' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
  });
  const parts: string[] = [];
  if (bulkRows.length) parts.push(await renderSvg(chart(bulkRows, 'Mt a year', 'Bulk and general cargo')));
  if (boxRows.length) parts.push(await renderSvg(chart(boxRows, 'k TEU a year', 'Containers')));
  return `${parts.join('\n')}
<p class="note">Berth capacity is what the port's berths could handle in a year if always busy handling (count × handling rate × hours). Container tonnes (${tonnesPerTeu} t a TEU) are left out of the bulk chart so that each bar compares with its own berths.</p>`;
}

import { sustained, type CapacitySearch, type Sensitivity } from '../../capacity/index.js';
import { resolutionNote, withUnit } from '../sensitivity.js';
import { pm } from '../terminal.js';
import { esc, htmlPage, type Section, type Trace } from './page.js';
import { renderSvg, type TopLevelSpec } from './vega.js';

/** report.html of `sensitivity`: the tornado of sustainable main-line Mt, and what the verdict hinges on. */
export async function sensitivityReportHtml(s: Sensitivity, version: string): Promise<string> {
  const base = s.base.sustainable;
  const whole = s.rows.filter((r) => r.part === 'whole network');
  const sections: Section[] = [
    {
      id: 'tornado',
      title: 'What the sustainable throughput hinges on',
      body: `<p>Sustainable main-line throughput at the seeds' values: ${base ? esc(`${pm(base.mainLineTonnes, 1e-6)} Mt, ${pm(base.mainLineTeu, 1e-6, 2)} M TEU at ×${base.multiplier}`) : 'none found'}; binds first: ${esc(s.base.binding?.place ?? 'nothing')}. Each uncertain figure behind what binds is set to the low and the high end of its range in the seeds, one at a time, and the capacity search runs again.</p>
${await tornadoHtml(s, whole, s.base, 'sensitivity-table')}`,
    },
  ];
  if (s.next) {
    const n = s.next, e = n.base.sustainable;
    sections.push({
      id: 'tornado-next',
      title: `What binds next: the ${n.part}`,
      body: `<p>Once ${esc(s.base.binding!.place)} is relieved, the ${esc(n.part.replace(' alone', ''))} alone sustain ${e ? esc(`${pm(e.mainLineTonnes, 1e-6)} Mt, ${pm(e.mainLineTeu, 1e-6, 2)} M TEU at ×${e.multiplier}${n.base.unsustainable ? '' : ' or more'}`) : 'no level tried'}; binds first: ${esc(n.base.binding?.place ?? 'nothing up to the search limit')}. Its figures, one at a time, in the ${esc(n.part)} search:</p>
${await tornadoHtml(s, s.rows.filter((r) => r.part === n.part), n.base, 'sensitivity-next-table')}`,
    });
  }
  const j = s.joint;
  if (j) {
    const pct = (p: number) => `${Math.round(100 * p)}%`;
    sections.push({
      id: 'joint',
      title: 'All inputs together',
      body: `<p>${esc(j.samples.length)} Latin hypercube samples of the ${esc(s.inputs.length)} inputs, each uniform over its range, the whole network's capacity search run for each.</p>
<table id="joint-table"><tbody>
<tr><td class="name">P(${esc(s.base.targets.tonnes / 1e6)} Mt reachable)</td><td>${pct(j.pMeanReaches.tonnes)} by the sustainable mean; ${pct(j.pCiReaches.tonnes)} with the whole 95% CI above</td></tr>
<tr><td class="name">P(${esc(s.base.targets.teu / 1e6)} M TEU reachable)</td><td>${pct(j.pMeanReaches.teu)} by the mean; ${pct(j.pCiReaches.teu)} with the CI above</td></tr>
<tr><td class="name">the estimates' uncertainty (5% / 50% / 95% of the samples)</td><td>${esc(j.spreadMt.map((v) => v.toFixed(1)).join(' / '))} Mt; ${esc(j.spreadMTeu.map((v) => v.toFixed(2)).join(' / '))} M TEU</td></tr>
<tr><td class="name">the simulation's own noise (mean 95% half-width within a sample)</td><td>± ${esc(j.noiseMt.toFixed(1))} Mt; ± ${esc(j.noiseMTeu.toFixed(2))} M TEU</td></tr>
</tbody></table>`,
    });
  }
  const sc = s.scenario;
  const trace: Trace = {
    version,
    seed: sc.seed,
    replications: s.replications,
    scenarios: [{ name: sc.name, files: sc.files, texts: sc.texts }],
    settings: [['method', 'one input at a time over its seeds range (low, high); the capacity search from the seeds’ bracket at each end']],
  };
  return htmlPage(`waterway-sim: ${sc.name}, sensitivity`, `${sc.networkLabel}, network of ${sc.year} · ${s.inputs.length} uncertain inputs · ${s.wallS.toFixed(0)} s`, sections, trace);
}

/** One part's tornado: a bar from the seeds' answer to each end of each input's range, and its table. */
async function tornadoHtml(s: Sensitivity, rows: Sensitivity['rows'], from: CapacitySearch, id: string): Promise<string> {
  const baseMt = sustained(from, 'tonnes') / 1e6;
  const mt = (x: { search: CapacitySearch }) => sustained(x.search, 'tonnes') / 1e6;
  const bars = rows.flatMap((r) => [
    { input: r.label, end: 'at the low end', from: baseMt, to: mt(r.low), tip: `${r.label} at ${withUnit(r.low.value, r.unit)}: ${mt(r.low).toFixed(1)} Mt` },
    { input: r.label, end: 'at the high end', from: baseMt, to: mt(r.high), tip: `${r.label} at ${withUnit(r.high.value, r.unit)}: ${mt(r.high).toFixed(1)} Mt` },
  ]);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 520,
    height: { step: 26 },
    title: 'Sustainable main-line throughput, Mt a year, with each input at the ends of its range',
    data: { values: bars },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'input', type: 'nominal', sort: rows.map((r) => r.label), title: null, axis: { labelLimit: 320 } },
          x: { field: 'from', type: 'quantitative', title: 'Mt a year', scale: { zero: false } },
          x2: { field: 'to' },
          color: { field: 'end', type: 'nominal', title: null, scale: { domain: ['at the low end', 'at the high end'], range: ['#7aa6c2', '#12344d'] } },
          description: { field: 'tip' },
        },
      },
      { data: { values: [{ base: baseMt }] }, mark: { type: 'rule', color: '#1d2733' }, encoding: { x: { field: 'base', type: 'quantitative' } } },
      { data: { values: [{ target: s.base.targets.tonnes / 1e6 }] }, mark: { type: 'rule', color: '#b42318', strokeDash: [4, 3] }, encoding: { x: { field: 'target', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
  const chart = bars.length > 0 ? await renderSvg(spec) : '<p class="note">No uncertain input behind what binds.</p>';
  const trs = rows.map(
    (r) =>
      `<tr data-input="${esc(r.label)}"><td class="name">${esc(r.label)}</td><td>${esc(withUnit(r.figure.written!.value, r.unit))}</td><td>${esc(r.low.value)}</td><td>${esc(r.high.value)}</td><td>${esc(mt(r.low).toFixed(1))}</td><td>${esc(mt(r.high).toFixed(1))}</td><td data-sort="${r.swingMt}">${r.withinResolution ? '≈ ' : ''}${esc(r.swingMt.toFixed(1))}</td><td class="name">${esc(r.flips.map((f) => `${f.target}: ${f.low} → ${f.high}`).join('; ') || '—')}</td></tr>`,
  );
  return `${chart}
<p class="note">Black line: the seeds' values; dashed red line: the target, ${esc(s.base.targets.tonnes / 1e6)} Mt.${rows.some((r) => r.withinResolution) ? ` ${esc(resolutionNote(s))}` : ''}</p>
<table class="sortable" id="${id}"><thead><tr><th class="name">input</th><th>seeds</th><th>low</th><th>high</th><th>Mt at low</th><th>Mt at high</th><th>swing Mt</th><th class="name">verdict flips</th></tr></thead><tbody>
${trs.join('\n')}
</tbody></table>`;
}

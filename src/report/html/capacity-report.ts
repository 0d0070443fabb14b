import { searchVerdict, type CapacitySearch, type CapacityStudy } from '../../capacity/index.js';
import { bindingShort, fmtH } from '../capacity.js';
import { pm } from '../terminal.js';
import { esc, htmlPage, verdictClass, type Section, type Trace } from './page.js';
import { renderSvg, type TopLevelSpec } from './vega.js';

type Part = 'whole network' | 'locks alone' | 'berths alone';

function parts(st: CapacityStudy): [Part, CapacitySearch][] {
  const all: [Part, CapacitySearch | null][] = [
    [st.search.berthsUnconstrained ? 'locks alone' : 'whole network', st.search],
    ['locks alone', st.locksOnly],
    ['berths alone', st.berthsOnly],
  ];
  return all.filter((p): p is [Part, CapacitySearch] => p[1] !== null);
}


/**
 * report.html of `capacity`: per scenario, the largest demand the whole network, the locks
 * alone and the berths alone sustain, against the targets, what binds each, and every level tried.
 */
export async function capacityReportHtml(studies: CapacityStudy[], version: string): Promise<string> {
  const first = studies[0]!;
  const c = first.search.criteria;
  const criteria = `every lock's mean ${c.waitBasis === 'open' ? 'waiting in normal operation' : 'waiting'} under ${fmtH(c.waitThresholdH)}, and no queue ending the year with more than a day of its traffic waiting`;
  const sections: Section[] = [
    { id: 'sustainable', title: 'Maximum sustainable main-line throughput', body: await sustainableHtml(studies, criteria) },
    { id: 'levels', title: 'Every level tried', body: levelsHtml(studies) },
  ];
  const trace: Trace = {
    version,
    seed: first.scenario.seed,
    replications: first.search.replications,
    scenarios: studies.map((st) => ({ name: st.scenario.name, files: st.scenario.files, texts: st.scenario.texts })),
    settings: [
      ['criteria', criteria],
      ['search', 'steps of ×1.5 up or ×0.5 down from the scenario’s demand, then bisection to 2%; each level runs the replications with common random numbers'],
      ['parts', 'locks alone: berths never make a vessel wait; berths alone: every lock passed as open river'],
    ],
  };
  return htmlPage('waterway-sim: capacity', `${studies.map((st) => st.scenario.name).join(', ')} · sustainable main-line throughput against the targets · means ± 95% CI`, sections, trace);
}

async function sustainableHtml(studies: CapacityStudy[], criteria: string): Promise<string> {
  const rows: string[] = [];
  const bars: object[] = [];
  for (const st of studies) {
    for (const [part, s] of parts(st)) {
      const e = s.sustainable;
      const vt = searchVerdict(s, 'tonnes');
      const ve = searchVerdict(s, 'teu');
      const level = e ? `×${e.multiplier}${s.unsustainable ? '' : ' (search limit)'}` : `below ×${s.unsustainable!.multiplier}`;
      const binds = s.binding ? bindingShort(s.binding) : 'nothing up to the search limit';
      rows.push(
        `<tr data-scenario="${esc(st.scenario.name)}" data-part="${esc(part)}"><td class="name">${esc(st.scenario.name)}</td><td class="name">${esc(part)}</td><td>${esc(level)}</td>` +
          `<td data-sort="${e?.mainLineTonnes.mean ?? 0}">${e ? esc(pm(e.mainLineTonnes, 1e-6)) : '—'}</td><td class="${verdictClass(vt)}">${esc(vt)}</td>` +
          `<td data-sort="${e?.mainLineTeu.mean ?? 0}">${e ? esc(pm(e.mainLineTeu, 1e-6, 2)) : '—'}</td><td class="${verdictClass(ve)}">${esc(ve)}</td><td class="name">${esc(binds)}</td></tr>`,
      );
      if (e) bars.push({ scenario: st.scenario.name, part, mt: e.mainLineTonnes.mean / 1e6, low: Math.max(0, e.mainLineTonnes.low / 1e6), high: e.mainLineTonnes.high / 1e6, tip: `${st.scenario.name}, ${part}: ${pm(e.mainLineTonnes, 1e-6)} Mt at ${level}; binds: ${binds}` });
    }
  }
  const target = first(studies).search.targets.tonnes / 1e6;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 560,
    height: { step: 22 },
    title: 'Sustainable main-line throughput, Mt a year',
    data: { values: bars },
    layer: [
      {
        mark: { type: 'bar', tooltip: false },
        encoding: {
          y: { field: 'scenario', type: 'nominal', title: null },
          yOffset: { field: 'part', type: 'nominal', sort: ['whole network', 'locks alone', 'berths alone'] },
          x: { field: 'mt', type: 'quantitative', title: 'Mt a year (served at the sustainable level)' },
          color: { field: 'part', type: 'nominal', sort: ['whole network', 'locks alone', 'berths alone'], title: null },
          description: { field: 'tip' },
        },
      },
      {
        mark: { type: 'rule' },
        encoding: { y: { field: 'scenario', type: 'nominal' }, yOffset: { field: 'part', type: 'nominal', sort: ['whole network', 'locks alone', 'berths alone'] }, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
      { data: { values: [{ target }] }, mark: { type: 'rule', color: '#b42318', strokeDash: [4, 3] }, encoding: { x: { field: 'target', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
  const chart = bars.length > 0 ? await renderSvg(spec) : '';
  return `<p>The largest demand multiplier each part sustains: ${esc(criteria)}. The whole network is held back by whatever binds first; the locks alone let the berths never make a vessel wait; the berths alone pass every lock as open river. "reachable" when the 95% CI lies above the target, "not reachable" below it, "undecided" when it straddles it.</p>
${chart}
<p class="note">Bars: main-line throughput served at the sustainable level, with its 95% CI; dashed red line: the target, ${esc(target)} Mt.</p>
<table class="sortable" id="capacity-table"><thead><tr><th class="name">scenario</th><th class="name">part</th><th>sustainable level</th><th>Mt</th><th>vs ${esc(target)} Mt</th><th>M TEU</th><th>vs ${esc(first(studies).search.targets.teu / 1e6)} M TEU</th><th class="name">binds first above it</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function first(studies: CapacityStudy[]): CapacityStudy {
  return studies[0]!;
}

function levelsHtml(studies: CapacityStudy[]): string {
  const rows = studies.flatMap((st) =>
    parts(st).flatMap(([part, s]) =>
      s.evaluations.map(
        (e) =>
          `<tr><td class="name">${esc(st.scenario.name)}</td><td class="name">${esc(part)}</td><td data-sort="${e.multiplier}">×${esc(e.multiplier)}</td><td class="${e.sustainable ? 'reached' : 'not-reached'}">${e.sustainable ? 'sustained' : 'not sustained'}</td>` +
          `<td data-sort="${e.mainLineTonnes.mean}">${esc(pm(e.mainLineTonnes, 1e-6))}</td><td class="name">${esc(e.violations.map((v) => `${v.place}: ${v.criterion} ${v.value.toFixed(2)}${v.criterion === 'wait' ? ' h' : ' d'}`).join('; ') || '—')}</td></tr>`,
      ),
    ),
  );
  return `<table class="sortable" id="levels-table"><thead><tr><th class="name">scenario</th><th class="name">part</th><th>demand</th><th>judged</th><th>main line Mt</th><th class="name">what failed</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

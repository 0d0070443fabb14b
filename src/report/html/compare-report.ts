import type { Stat } from '../../run/index.js';
import { esc, htmlPage, type Section, type Trace } from './page.js';
import { pm, targetLabel, verdictWord } from '../terminal.js';
import { renderSvg, type TopLevelSpec } from './vega.js';

type Name = { en: string; zh: string };

/** What a comparison needs of one scenario's results, from a fresh run or an earlier summary.json. */
export interface CompareColumn {
  name: string;
  source: string;
  seed: number | string;
  replications: number;
  tonnes: Stat;
  teu: Stat;
  targetTonnes: number;
  targetTeu: number;
  pTonnes: number;
  pTeu: number;
  waits: Map<string, { name: Name; wait: Stat }>;
  ports: { id: string; name: Name; mainLine: boolean; throughputT: Stat }[];
  worst: string | null;
  trace: Trace['scenarios'][number];
}

const ci = (s: Stat, k: number) => ({ low: Number.isFinite(s.low) ? s.low * k : s.mean * k, high: Number.isFinite(s.high) ? s.high * k : s.mean * k });

/** report.html of `compare`: verdicts side by side, throughput bars, the lock-wait heat map. */
export async function compareReportHtml(cols: CompareColumn[], version: string): Promise<string> {
  const sections: Section[] = [
    { id: 'verdict', title: "Verdicts: the plan's targets", body: await verdictsHtml(cols) },
    { id: 'ports', title: 'Main-line port throughput by scenario', body: await portsHtml(cols) },
    { id: 'waits', title: 'Mean wait at each lock, by scenario', body: await heatmapHtml(cols) },
  ];
  const trace: Trace = {
    version,
    seed: [...new Set(cols.map((c) => String(c.seed)))].join(', '),
    replications: Math.min(...cols.map((c) => c.replications)),
    scenarios: cols.map((c) => c.trace),
    settings: cols.map((c) => [c.name, c.source]),
  };
  return htmlPage(`waterway-sim: ${cols.map((c) => c.name).join(' vs ')}`, `${cols.length} scenarios compared · means ± 95% CI`, sections, trace);
}

async function verdictsHtml(cols: CompareColumn[]): Promise<string> {
  // Every P(reached) column in percent; against each scenario's own target when they differ.
  const tt = targetLabel(cols, (c) => c.targetTonnes, 'Mt'), te = targetLabel(cols, (c) => c.targetTeu, 'M TEU');
  const head = ['scenario', 'main line Mt', `P(${tt.label}), %`, 'verdict', 'main line M TEU', `P(${te.label}), %`, 'verdict', 'worst lock'];
  const p = (x: number, target: number, unit: string, shared: boolean) => `${(100 * x).toFixed(0)}%${shared ? '' : ` of ${target / 1e6} ${unit}`}`;
  const rows = cols.map((c) => {
    const vt = verdictWord(c.pTonnes), ve = verdictWord(c.pTeu);
    const worst = c.worst ? c.waits.get(c.worst)?.name : undefined;
    return `<tr data-scenario="${esc(c.name)}"><td class="name">${esc(c.name)}</td><td data-sort="${c.tonnes.mean}">${esc(pm(c.tonnes, 1 / 1e6))}</td><td data-sort="${100 * c.pTonnes}">${esc(p(c.pTonnes, c.targetTonnes, 'Mt', tt.shared))}</td><td class="${vt.cls}">${vt.text}</td><td data-sort="${c.teu.mean}">${esc(pm(c.teu, 1 / 1e6, 2))}</td><td data-sort="${100 * c.pTeu}">${esc(p(c.pTeu, c.targetTeu, 'M TEU', te.shared))}</td><td class="${ve.cls}">${ve.text}</td><td class="name">${worst ? `${esc(worst.en)}<span class="zh">${esc(worst.zh)}</span>` : '—'}</td></tr>`;
  });
  const values = cols.flatMap((c) => [
    { scenario: c.name, measure: 'Main-line throughput, Mt', value: c.tonnes.mean / 1e6, ...ci(c.tonnes, 1e-6), target: c.targetTonnes / 1e6, tip: `${c.name}: ${pm(c.tonnes, 1 / 1e6)} Mt, P(reached) ${(100 * c.pTonnes).toFixed(0)}%` },
    { scenario: c.name, measure: 'Main-line containers, M TEU', value: c.teu.mean / 1e6, ...ci(c.teu, 1e-6), target: c.targetTeu / 1e6, tip: `${c.name}: ${pm(c.teu, 1 / 1e6, 2)} M TEU, P(reached) ${(100 * c.pTeu).toFixed(0)}%` },
  ]);
  const y = { field: 'scenario', type: 'nominal', sort: cols.map((c) => c.name), title: null, axis: { labelLimit: 200 } } as const;
  const panel = (measure: string): TopLevelSpec => ({
    title: measure,
    width: 380,
    height: { step: 24 },
    data: { values: values.filter((v) => v.measure === measure) },
    layer: [
      { mark: { type: 'bar', color: '#4a78a6', height: 14 }, encoding: { y, x: { field: 'value', type: 'quantitative', title: 'mean, 95% CI; dashed: target' }, description: { field: 'tip' } } },
      { mark: { type: 'rule', color: '#12344d', strokeWidth: 2 }, encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      // Each scenario's own target, a dashed tick on its bar's row.
      { mark: { type: 'tick', color: '#b42318', strokeDash: [4, 2], thickness: 2 }, encoding: { y, x: { field: 'target', type: 'quantitative' } } },
    ],
  });
  return `<table class="sortable" id="verdict-table"><thead><tr>${head.map((h) => `<th${h === 'scenario' || h === 'worst lock' ? ' class="name"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<div class="cards">${await renderSvg(panel('Main-line throughput, Mt'))}${await renderSvg(panel('Main-line containers, M TEU'))}</div>`;
}

async function portsHtml(cols: CompareColumn[]): Promise<string> {
  const values = cols.flatMap((c) =>
    c.ports
      .filter((p) => p.mainLine)
      .map((p) => ({
        scenario: c.name,
        port: p.name.en,
        mt: p.throughputT.mean / 1e6,
        ...ci(p.throughputT, 1e-6),
        tip: `${p.name.en} ${p.name.zh}, ${c.name}: ${pm(p.throughputT, 1 / 1e6)} Mt`,
      })),
  );
  if (values.length === 0) return '<p class="note">No main-line ports in these scenarios.</p>';
  // Busiest first, by the most any scenario carries there.
  const most = new Map<string, number>();
  for (const v of values) most.set(v.port, Math.max(most.get(v.port) ?? 0, v.mt));
  const portOrder = [...most.keys()].sort((a, b) => most.get(b)! - most.get(a)!);
  const spec: TopLevelSpec = {
    width: { step: 14 * cols.length + 10 },
    height: 300,
    data: { values },
    encoding: {
      x: { field: 'port', type: 'nominal', title: null, sort: portOrder, axis: { labelAngle: -35 } },
      xOffset: { field: 'scenario', sort: cols.map((c) => c.name) },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'mt', type: 'quantitative', title: 'throughput, Mt a year' },
          color: { field: 'scenario', type: 'nominal', sort: cols.map((c) => c.name), title: 'scenario', scale: { scheme: 'tableau10' } },
          description: { field: 'tip' },
        },
      },
      { mark: { type: 'rule', color: '#12344d' }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
    ],
  };
  return `${await renderSvg(spec)}<p class="note">Each group is a main-line port; each bar a scenario, with its 95% CI. Hover a bar for its figure.</p>`;
}

async function heatmapHtml(cols: CompareColumn[]): Promise<string> {
  const base = cols[0]!;
  const ids = [...new Set(cols.flatMap((c) => [...c.waits.keys()]))];
  // The locks most waited at in the first scenario at the top.
  ids.sort((a, b) => (base.waits.get(b)?.wait.mean ?? 0) - (base.waits.get(a)?.wait.mean ?? 0));
  const nameOf = (id: string) => cols.map((c) => c.waits.get(id)?.name).find(Boolean) ?? { en: id, zh: '' };
  const values = ids.flatMap((id) =>
    cols.flatMap((c) => {
      const w = c.waits.get(id);
      if (!w) return [];
      const n = nameOf(id);
      return [{ lock: n.en, scenario: c.name, wait: w.wait.mean, label: w.wait.mean.toFixed(2), tip: `${n.en} ${n.zh}, ${c.name}: mean wait ${pm(w.wait, 1, 2)} h` }];
    }),
  );
  const spec: TopLevelSpec = {
    width: { step: 70 },
    height: { step: 18 },
    data: { values },
    encoding: {
      x: { field: 'scenario', type: 'nominal', sort: cols.map((c) => c.name), title: null, axis: { orient: 'top', labelAngle: -25, labelLimit: 160 } },
      y: { field: 'lock', type: 'nominal', sort: ids.map((id) => nameOf(id).en), title: null },
    },
    layer: [
      { mark: { type: 'rect', stroke: '#fff', ariaRoleDescription: 'heat-map cell' }, encoding: { color: { field: 'wait', type: 'quantitative', title: 'mean wait, h', scale: { scheme: 'orangered', type: 'sqrt' } }, description: { field: 'tip' } } },
      { mark: { type: 'text', fontSize: 10, aria: false }, encoding: { text: { field: 'label' }, color: { condition: { test: `datum.wait > ${0.6 * Math.max(...values.map((v) => v.wait))}`, value: '#fff' }, value: '#1d2733' } } },
    ],
  };
  return `${await renderSvg(spec)}<p class="note">Mean wait per vessel, hours, mean over replications. Locks ordered by their wait in ${esc(base.name)}; a lock missing from a scenario's network has no cell.</p>`;
}

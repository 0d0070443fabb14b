import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CRITERIA, HINDCAST_BANDS, type HindcastRow, type Trajectory, type TrajectoryYear } from '../../src/capacity/index.js';
import type { LockKpi, RecordDemand, ReplicationResult } from '../../src/model/index.js';
import { trajectoryReportHtml } from '../../src/report/html/trajectory-report.js';
import { aggregate, stat } from '../../src/run/index.js';
import type { ResolvedScenario } from '../../src/scenario/load.js';

/** A lock's KPIs of one replication: what the report reads, the rest plausible. */
function lock(id: string, en: string, zh: string, waitH: number, mt: number): LockKpi {
  return {
    id, name: { en, zh }, lines: [],
    lockages: 9000, vesselsUp: 20000, vesselsDown: 20000, tonnesUp: (mt / 2) * 1e6, tonnesDown: (mt / 2) * 1e6,
    utilisation: 0.6, workingH: 8000, vesselsPerLockage: 4, tonnesPerLockage: 6000, meanAreaFill: 0.7, closureH: 100, icRatio: 0.5,
    waitMeanH: waitH * 1.1, waitP90H: waitH * 2, waitMaxH: waitH * 5, waitMeanUpH: waitH, waitMeanDownH: waitH, waitMeanOpenH: waitH, waitP90OpenH: waitH * 2,
    waitShares: [0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0], queueMean: 3, queueMax: 20, shareOfWaiting: 0.5, queuedAtEnd: 2,
  };
}

/** One replication of a year: main-line figures and two locks, jittered by replication so the CIs are finite. */
function result(year: number, replication: number, mainMt: number, changzhouH: number): ReplicationResult {
  const j = 1 + (replication - 1) * 0.02;
  return {
    network: 'xijiang', year, seed: 7, replication, measuredDays: 365, warmupDays: 30,
    mainLine: { tonnes: mainMt * 1e6 * j, teu: mainMt * 1e4 * j, targetTonnes: 300e6, targetTeu: 4e6, tonnesReached: mainMt * j >= 300, teuReached: false },
    ports: [],
    locks: [lock('changzhou', 'Changzhou', '长洲', changzhouH * j, 140), lock('guigang', 'Guigang', '贵港', 0.4 * j, 60)],
    net: { voyagesStarted: 100, voyagesCompleted: 99, offeredT: 1e8, servedT: 1e8, backlogT: 0, backlogVessels: 0, backlogAt: [], meanTransitH: 30, totalLockWaitH: 1000 },
    conservation: { ok: true, vesselsGenerated: 100, vesselsFinished: 99, vesselsSailing: 1, vesselsAtLocks: 0, vesselsAtPorts: 0, tonnesLoaded: 1, tonnesUnloaded: 1, tonnesAfloat: 0, problems: [] },
    warnings: [], events: 1000,
  };
}

const base = {
  name: 'plan-2020', description: 'lock programme & <growth>', files: ['scenarios/plan-2020.yaml'], texts: [{ file: 'scenarios/plan-2020.yaml', text: 'name: plan-2020\n' }],
  networkLabel: 'xijiang (embedded)', year: 2023, horizonS: 365 * 86400, warmupS: 30 * 86400, hydrology: { id: 'normal' },
} as unknown as ResolvedScenario;

function year(y: number, mainMt: number, changzhouH: number, demand: Partial<RecordDemand>): TrajectoryYear {
  const results = [0, 1, 2].map((r) => result(y, r, mainMt, changzhouH));
  return {
    year: y,
    scenario: { ...base, year: y, hydrology: { id: y === 2023 ? 'drought-2023' : 'normal' } } as unknown as ResolvedScenario,
    results,
    aggregate: aggregate(results),
    demand: { year: y, fitYear: 2023, unrecorded: [{ id: 'xun-wharves', tonnes: 12.5e6 }], converged: true, conflicts: [], ...demand } as RecordDemand,
  };
}

const trajectory: Trajectory = {
  base, path: 'central', seed: 7, replications: 3, criteria: DEFAULT_CRITERIA, lastRecordYear: 2024,
  years: [
    year(2023, 180, 2.5, { converged: false, conflicts: ['lock cargo of Guigang: the fit reaches 55 of the 60 Mt given'] }),
    year(2024, 210, 5, { fitYear: 2024 }),
    year(2025, 240, 9, { fitYear: 2024 }),
  ],
  saturation: [
    { lock: 'changzhou', firstYear: 2025, fromYear: 2025, reason: 'mean wait 9.0 h ≥ 6 h', years: [2025] },
    { lock: 'guigang', firstYear: null, fromYear: null, reason: 'within the norm in every year run', years: [] },
  ],
  wallS: 1, workers: 1, incidents: [],
};

function row(kind: HindcastRow['kind'], subject: string, use: HindcastRow['use'], observed: number, values: number[]): HindcastRow {
  const model = stat(values);
  const ratio = model.mean / observed;
  return { year: 2023, kind, subject, use, observed, model, ratio, band: HINDCAST_BANDS[use], ok: Math.abs(ratio - 1) <= HINDCAST_BANDS[use], source: 'Guangxi yearbook 2024' };
}
const rows: HindcastRow[] = [
  row('lock cargo', 'changzhou', 'fitted', 140e6, [139e6, 141e6, 140e6]),
  row('lock ships', 'changzhou', 'not fitted', 40000, [60000, 61000, 59000]),
  row('port tonnes', 'guigang', 'held back', 80e6, [78e6, 79e6, 80e6]),
];

/** Text between a section's opening tag and the next section's. */
const section = (html: string, id: string) => html.slice(html.indexOf(`<section id="${id}">`), html.indexOf('</section>', html.indexOf(`<section id="${id}">`)));

describe('trajectory report.html', async () => {
  const warn = vi.spyOn(console, 'warn');
  const html = await trajectoryReportHtml(trajectory, null, '0.1.0-test');
  const hind = await trajectoryReportHtml(trajectory, rows, '0.1.0-test');
  warn.mockRestore();

  it('is built without a warning from the chart compiler', () => {
    expect(warn).not.toHaveBeenCalled();
  });

  it('draws the main line against its targets, each year, with the last recorded year marked', () => {
    const s = section(html, 'targets');
    expect(s).toContain('target 300 Mt');
    expect(s).toContain('target 4 M TEU');
    for (const y of ['2023', '2024', '2025']) expect(s).toContain(`<td>${y}</td>`);
    expect(s).toContain('record | growth path (central)');
    expect(s).toMatch(/<text[^>]*>record<\/text>/);
    expect(s).toMatch(/<text[^>]*>growth path \(central\)<\/text>/);
    expect(s.match(/<svg /g)).toHaveLength(2);
    // No year reaches 300 Mt: the sentence of the terminal report says so.
    expect(s).toContain('Main-line ports reach 300 Mt in no year run');
  });

  it('plots the lock waits with the norm and names the saturation year of the saturated lock', () => {
    const s = section(html, 'locks');
    expect(s.match(/aria-roledescription="lock wait"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(s).toContain('norm: mean wait 6 h');
    const tr = s.match(/<tr data-lock="changzhou"[^]*?<\/tr>/)![0];
    expect(tr).toContain('>2025</td>');
    expect(tr).toContain('mean wait 9.0 h ≥ 6 h');
    expect(s.match(/<tr data-lock="guigang"[^]*?<\/tr>/)![0]).toContain('>—</td>');
  });

  it('lists each year\'s demand basis, unrecorded traffic and whether the fit converged', () => {
    const s = section(html, 'demand');
    expect(s.match(/<tr data-year="2023">[^]*?<\/tr>/)![0]).toMatch(/fitted to the record.*12\.5.*no \(1 conflict\).*drought-2023/);
    expect(s.match(/<tr data-year="2025">[^]*?<\/tr>/)![0]).toContain('2024 fit grown along the central path');
    expect(s).toContain('the fit reaches 55 of the 60 Mt given');
  });

  it('has a hindcast section only in a hindcast: rows marked ok or MISS, the summary per use, the held-back list', () => {
    expect(html).not.toContain('id="hindcast"');
    const s = section(hind, 'hindcast');
    const tr = s.match(/<tr class="(ok|miss)">[^]*?<\/tr>/g)!;
    expect(tr).toHaveLength(3);
    expect(tr[0]).toMatch(/lock cargo changzhou.*140\.00 Mt\/yr.*140\.00 ± .*×1\.00.*±15%.*class="reached">ok</);
    expect(tr[1]).toMatch(/^<tr class="miss">.*lock ships changzhou.*40,000 count\/yr.*60,000 ± .*×1\.50.*±25%.*class="not-reached">MISS</);
    expect(s).toContain('title="Guangxi yearbook 2024"');
    expect(s).toMatch(/not fitted<\/td><td class="not-reached">0\/1<\/td>/);
    expect(s).toMatch(/fitted<\/td><td class="reached">1\/1<\/td>/);
    expect(s).toContain('<ul id="held-back"><li>port tonnes guigang 2023</li></ul>');
  });

  it('escapes the scenario\'s text and traces version, seed and scenario files', () => {
    expect(html).toContain('lock programme &amp; &lt;growth&gt;');
    expect(html).not.toContain('<growth>');
    const s = section(html, 'trace');
    expect(s).toContain('0.1.0-test');
    expect(s).toContain('<dt>seed</dt><dd>7</dd>');
    expect(s).toContain('scenarios/plan-2020.yaml');
  });

  it('works offline: nothing loaded from elsewhere, no URL but the SVG namespace', () => {
    for (const page of [html, hind]) {
      expect(page).not.toMatch(/<script[^>]*\ssrc=/i);
      expect(page).not.toMatch(/<link\b/i);
      expect(page).not.toMatch(/url\(/i);
      // htmlPage inlines its two scripts (table sorter, tooltips); the only URLs are XML namespace names, never fetched.
      const urls = new Set(page.match(/https?:\/\/[^\s"'<>)]*/g) ?? []);
      expect([...urls].filter((u) => u !== 'http://www.w3.org/2000/svg' && u !== 'http://www.w3.org/1999/xlink')).toEqual([]);
    }
  });
});

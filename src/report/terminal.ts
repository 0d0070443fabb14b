import { WORST_LOCK_RULE, type Stat } from '../run/aggregate.js';
import type { ScenarioRun } from '../run/index.js';

export { plain } from './plain.js';
import { plain } from './plain.js';

/** Left-aligned text columns; CJK characters count two. Every cell goes through plain(). */
export function table(rows: (string | number)[][], rightAlign: boolean[] = []): string {
  const widths: number[] = [];
  const cells = rows.map((r) => r.map((c) => plain(String(c)).replace(/\n/g, ' ')));
  for (const r of cells) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return cells
    .map((r) =>
      r
        .map((s, i) => {
          const pad = ' '.repeat(widths[i]! - displayWidth(s));
          return rightAlign[i] ? pad + s : s + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

export function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

/**
 * "12.3 ± 0.4" with the half-width of the 95% CI (± ∞ with one replication); where the
 * interval is cut at zero (a quantity that cannot be negative, see stat), "4.4 (0.0–55.2)".
 */
export function pm(s: Stat, scale = 1, digits = 1): string {
  const symmetric = !Number.isFinite(s.halfWidth) || Math.abs(s.mean - s.halfWidth - s.low) <= 1e-9 * Math.max(1, Math.abs(s.mean));
  if (!symmetric) return `${scaled(s.mean, scale).toFixed(digits)} (${scaled(s.low, scale).toFixed(digits)}–${scaled(s.high, scale).toFixed(digits)})`;
  return pmText(scaled(s.mean, scale), scaled(s.halfWidth, scale), digits);
}

/** "12.3 ± 0.4"; "± ∞" where the half-width is not finite (one replication). */
export function pmText(mean: number, halfWidth: number, digits = 1): string {
  return `${mean.toFixed(digits)} ± ${Number.isFinite(halfWidth) ? halfWidth.toFixed(digits) : '∞'}`;
}

/**
 * x · scale, dividing by 1/scale when that is a whole number: 1e-6 is not exact in
 * binary, and 10_050_000 * 1e-6 rounds to "10.0" where 10_050_000 / 1e6 gives "10.1".
 */
export function scaled(x: number, scale: number): number {
  const divisor = Math.round(1 / scale);
  return scale < 1 && Math.abs(1 / scale - divisor) < 1e-9 * divisor ? x / divisor : x * scale;
}

/** REACHED when at least 95% of replications reach a target, NOT reached when at most 5% do, uncertain between. */
export function verdictWord(p: number): { text: string; cls: 'reached' | 'not-reached' | 'uncertain' } {
  return p >= 0.95 ? { text: 'REACHED', cls: 'reached' } : p <= 0.05 ? { text: 'NOT reached', cls: 'not-reached' } : { text: 'uncertain', cls: 'uncertain' };
}

/** The verdict line: main-line throughput against each target, with CI and P(reached). */
export function verdictLines(run: ScenarioRun): string[] {
  const m = run.aggregate.mainLine;
  const pct = (p: number) => `${(100 * p).toFixed(0)}%`;
  const word = (p: number) => verdictWord(p).text;
  return [
    `Main-line port throughput ${pm(m.tonnes, 1e-6)} Mt against ${(m.targetTonnes / 1e6).toFixed(0)} Mt: ${word(m.pTonnesReached)}, P(reached) = ${pct(m.pTonnesReached)}`,
    `Main-line containers      ${pm(m.teu, 1e-6, 2)} M TEU against ${(m.targetTeu / 1e6).toFixed(0)} M TEU: ${word(m.pTeuReached)}, P(reached) = ${pct(m.pTeuReached)}`,
  ];
}

export function runReport(run: ScenarioRun): string {
  const a = run.aggregate;
  const s = run.scenario;
  const out: string[] = [];
  out.push(`${s.name}: ${s.description}`);
  out.push(`${s.networkLabel}, network of ${s.year}; ${run.results.length} replications of ${s.horizonS / 86400 / 365} year(s) after ${s.warmupS / 86400} days' warm-up; seed ${run.seed}; means ± 95% CI`);
  out.push(...verdictLines(run));
  const n = a.net;
  out.push(
    `Network: ${pm(n.voyagesCompleted!, 1e-3)} k round trips; ${pm(n.servedT!, 1e-6)} Mt delivered of ${pm(n.offeredT!, 1e-6)} Mt offered; backlog at the end ${pm(n.backlogT!, 1e-6)} Mt; mean transit ${pm(n.meanTransitH!)} h`,
  );
  const worst = a.locks.find((l) => l.id === a.worstLock);
  if (worst) {
    out.push(`Worst lock (${WORST_LOCK_RULE}): ${worst.name.en}, ${(100 * worst.shareOfWaiting.mean).toFixed(1)}% of it; wait mean ${pm(worst.waitMeanH)} h, p90 ${worst.waitP90H.mean.toFixed(1)} h`);
  }
  const stuck = a.backlogAt.filter((b) => b.place !== 'under way' && b.vessels >= 1);
  if (stuck.length > 0) out.push(`Still waiting at the end: ${stuck.map((b) => `${Math.round(b.vessels).toLocaleString('en')} vessels at ${b.place}`).join('; ')}`);
  for (const w of a.warnings) out.push(`warning: ${w}`);
  for (const i of run.incidents) out.push(`incident: ${i}`);
  out.push('', 'Ports');
  const portRows: (string | number)[][] = [['port', '', 'throughput Mt', 'TEU (k)', 'loaded Mt', 'unloaded Mt', 'capacity Mt']];
  for (const p of [...a.ports].sort((x, y) => y.throughputT.mean - x.throughputT.mean)) {
    portRows.push([p.name.en, p.name.zh, pm(p.throughputT, 1e-6), pm(p.teu, 1e-3, 0), pm(p.loadedT, 1e-6), pm(p.unloadedT, 1e-6), (p.capacityT.mean / 1e6).toFixed(0)]);
  }
  out.push(indent(table(portRows, [false, false, true, true, true, true, true])));
  out.push('', 'Locks, by mean wait');
  const lockRows: (string | number)[][] = [['lock', '', 'lines', 'Mt up / down', 'ships/lockage', 't/lockage', 'busy % of working h', 'wait h mean', 'p90', 'max', 'queue', 'I/C', 'closed h', 'share of wait %']];
  for (const l of [...a.locks].sort((x, y) => y.waitMeanH.mean - x.waitMeanH.mean)) {
    lockRows.push([
      l.name.en,
      l.name.zh,
      l.lines.length,
      `${(l.tonnesUp.mean / 1e6).toFixed(1)} / ${(l.tonnesDown.mean / 1e6).toFixed(1)}`,
      l.vesselsPerLockage.mean.toFixed(1),
      l.tonnesPerLockage.mean.toFixed(0),
      pm(l.utilisation, 100, 0),
      pm(l.waitMeanH, 1, 2),
      l.waitP90H.mean.toFixed(2),
      l.waitMaxH.mean.toFixed(1),
      l.queueMean.mean.toFixed(1),
      l.icRatio.mean.toFixed(2),
      l.closureH.mean.toFixed(0),
      (100 * l.shareOfWaiting.mean).toFixed(1),
    ]);
  }
  out.push(indent(table(lockRows, [false, false, true, true, true, true, true, true, true, true, true, true, true, true])));
  return plain(out.join('\n'));
}

/** "300 Mt" when every column has that target; "target" (each cell then names its own) when they differ. */
export function targetLabel<C>(cols: readonly C[], target: (c: C) => number, unit: string): { label: string; shared: boolean } {
  const ts = [...new Set(cols.map(target))];
  return ts.length === 1 ? { label: `${ts[0]! / 1e6} ${unit}`, shared: true } : { label: 'target', shared: false };
}

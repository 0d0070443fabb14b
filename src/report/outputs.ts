import { createHash } from 'node:crypto';
import { worstLock, type ScenarioRun, type Stat } from '../run/index.js';
import type { Row } from './tables.js';

/** @3: lock utilisation is over the hours a line works (it was calendar time); per-lockage figures and working hours added. */
export const SUMMARY_SCHEMA = 'waterway-sim/summary@3';

/** Longest scenario text kept whole in summary.json and report.html, in bytes (64 KiB). */
export const MAX_KEPT_TEXT_BYTES = 64 * 1024;

/** A scenario file's text as kept in the outputs: whole up to the limit, else its size and sha256 (and a note in `text`). */
export interface KeptText {
  file: string;
  text: string;
  bytes?: number;
  sha256?: string;
}

/** The scenario texts for summary.json and report.html, each bounded by MAX_KEPT_TEXT_BYTES. */
export function keptTexts(texts: readonly { file: string; text: string }[], limit = MAX_KEPT_TEXT_BYTES): KeptText[] {
  return texts.map((t) => {
    if ('sha256' in t) return t as KeptText; // kept already (read back from a summary)
    const bytes = Buffer.byteLength(t.text, 'utf8');
    if (bytes <= limit) return { file: t.file, text: t.text };
    const sha256 = createHash('sha256').update(t.text, 'utf8').digest('hex');
    return { file: t.file, text: `# not kept: ${bytes.toLocaleString('en')} bytes, more than ${limit.toLocaleString('en')}; sha256 ${sha256}`, bytes, sha256 };
  });
}

/** summary.json: the scenario, how it was run, and every KPI as mean and 95% CI. */
export function summaryJson(run: ScenarioRun, version: string): object {
  const s = run.scenario;
  return {
    schema: SUMMARY_SCHEMA,
    version,
    scenario: { name: s.name, description: s.description, files: s.files, network: s.networkLabel, year: s.year, hash: run.scenarioHash, texts: keptTexts(s.texts), warnings: s.warnings },
    seed: run.seed,
    horizonDays: s.horizonS / 86400,
    warmupDays: s.warmupS / 86400,
    incidents: run.incidents,
    ...run.aggregate,
    wallS: run.wallS,
  };
}

const f = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : '');
const statCols = (name: string, st: Stat | undefined, d = 3) => (st ? { [name]: f(st.mean, d), [`${name}_ci95`]: f(st.halfWidth, d) } : {});

/** The ports table: one row per port, names in English and Chinese, means with their CI half-widths. */
export function portsRows(run: ScenarioRun): Row[] {
  const rows = run.aggregate.ports.map((p) => {
    return {
      port: p.id,
      name_en: p.name.en,
      name_zh: p.name.zh,
      main_line: p.mainLine ? 1 : 0,
      ...statCols('loaded_mt', scale(p.loadedT, 1e-6)),
      ...statCols('unloaded_mt', scale(p.unloadedT, 1e-6)),
      ...statCols('throughput_mt', scale(p.throughputT, 1e-6)),
      ...statCols('teu', p.teu, 0),
      ...statCols('capacity_mt', scale(p.capacityT, 1e-6)),
    };
  });
  return rows;
}

/** The locks table: one row per lock. */
export function locksRows(run: ScenarioRun): Row[] {
  const rows = run.aggregate.locks.map((l) => {
    return {
      lock: l.id,
      name_en: l.name.en,
      name_zh: l.name.zh,
      lines: l.lines.length,
      ...statCols('lockages', l.lockages, 0),
      ...statCols('vessels_up', l.vesselsUp, 0),
      ...statCols('vessels_down', l.vesselsDown, 0),
      ...statCols('mt_up', scale(l.tonnesUp, 1e-6)),
      ...statCols('mt_down', scale(l.tonnesDown, 1e-6)),
      ...statCols('vessels_per_lockage', l.vesselsPerLockage),
      ...statCols('tonnes_per_lockage', l.tonnesPerLockage, 0),
      ...statCols('utilisation', l.utilisation),
      ...statCols('working_h', l.workingH, 0),
      ...statCols('area_fill', l.meanAreaFill),
      ...statCols('wait_mean_h', l.waitMeanH),
      ...statCols('wait_p90_h', l.waitP90H),
      ...statCols('wait_max_h', l.waitMaxH),
      ...statCols('queue_mean', l.queueMean),
      ...statCols('queue_max', l.queueMax, 1),
      ...statCols('ic_ratio', l.icRatio),
      ...statCols('closure_h', l.closureH, 1),
      ...statCols('share_of_waiting', l.shareOfWaiting),
    };
  });
  return rows;
}

/** The replications table: the headline KPIs of every replication, for one's own statistics. */
export function replicationsRows(run: ScenarioRun): Row[] {
  const rows = run.results.map((r) => {
    const worst = worstLock(r.locks, (l) => l.shareOfWaiting, (l) => l.waitMeanH);
    return {
      scenario: run.scenario.name,
      replication: r.replication,
      seed: String(r.seed),
      main_line_mt: f(r.mainLine.tonnes / 1e6),
      main_line_teu: Math.round(r.mainLine.teu),
      tonnes_reached: r.mainLine.tonnesReached ? 1 : 0,
      teu_reached: r.mainLine.teuReached ? 1 : 0,
      voyages_completed: Math.round(r.net.voyagesCompleted),
      served_mt: f(r.net.servedT / 1e6),
      backlog_mt: f(r.net.backlogT / 1e6),
      mean_transit_h: f(r.net.meanTransitH),
      worst_lock: worst?.id ?? '',
      worst_lock_wait_h: worst ? f(worst.waitMeanH) : '',
      events: r.events,
    };
  });
  return rows;
}

function scale(s: Stat | undefined, k: number): Stat | undefined {
  return s && { mean: s.mean * k, halfWidth: s.halfWidth * k, low: s.low * k, high: s.high * k, n: s.n };
}

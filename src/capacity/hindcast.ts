import { inlandScope } from '../model/index.js';
import type { SeedNetwork } from '../network/index.js';
import { stat, type Stat } from '../run/index.js';
import type { Trajectory, TrajectoryYear } from './trajectory.js';

/**
 * The trajectory over the recorded years beside the record: every observation
 * of a year run, the model's figure, their ratio and whether it falls in its band.
 * - fitted: figures the demand was fitted to (port totals, lock counts): ±15%;
 * - held back: figures kept out of the fit (`use: holdout`): ±25%;
 * - not fitted: what the fit never sees, the ships and lockages behind the
 *   tonnes and the cargo a ship carries through a lock (fleet, loading and
 *   lock model; the lock records' months set beside the model's year): ±25%.
 * Region totals (Guangxi's inland ports) are held back: the sum of the model's
 * ports they cover.
 */
export const HINDCAST_BANDS = { fitted: 0.15, 'held back': 0.25, 'not fitted': 0.25 } as const;
export type HindcastUse = keyof typeof HINDCAST_BANDS;

export interface HindcastRow {
  year: number;
  kind: 'port tonnes' | 'port TEU' | 'region tonnes' | 'lock cargo' | 'lock cargo down' | 'lock ships' | 'lock lockages' | 'lock t/ship';
  subject: string;
  use: HindcastUse;
  observed: number;
  model: Stat;
  ratio: number;
  band: number;
  ok: boolean;
  source: string;
}

export interface HindcastSummary {
  use: HindcastUse;
  band: number;
  rows: number;
  within: number;
  /** Mean of |model / observed − 1|. */
  meanAbsError: number;
  worst: HindcastRow | null;
}

export function hindcastRows(t: Trajectory, seeds: SeedNetwork): HindcastRow[] {
  const rows: HindcastRow[] = [];
  const byYear = new Map(t.years.map((y) => [y.year, y]));
  const row = (y: TrajectoryYear, kind: HindcastRow['kind'], subject: string, use: HindcastUse, observed: number, values: number[], source: string) => {
    const model = stat(values);
    const ratio = model.mean / observed;
    rows.push({ year: y.year, kind, subject, use, observed, model, ratio, band: HINDCAST_BANDS[use], ok: Math.abs(ratio - 1) <= HINDCAST_BANDS[use], source });
  };
  const sourceOf = (p: { source?: string; estimate?: string }) => p.source ?? `estimate: ${p.estimate}`;
  for (const port of seeds.ports) {
    for (const f of port.throughput) {
      const y = byYear.get(f.year);
      // Observations only: a published figure of the port as the model sees it (inland scope).
      if (!y || f.provenance.source === undefined || !inlandScope(f.scope)) continue;
      const use: HindcastUse = f.use === 'holdout' ? 'held back' : 'fitted';
      const per = y.results.map((r) => r.ports.find((p) => p.id === port.id)!);
      if (f.tonnes !== undefined) row(y, 'port tonnes', port.id, use, f.tonnes, per.map((p) => p.throughputT), sourceOf(f.provenance));
      if (f.teu !== undefined) row(y, 'port TEU', port.id, use, f.teu, per.map((p) => p.teu), sourceOf(f.provenance));
    }
  }
  for (const g of seeds.regionThroughput) {
    const y = byYear.get(g.year);
    if (!y) continue;
    row(y, 'region tonnes', g.id, 'held back', g.tonnes, y.results.map((r) => r.ports.filter((p) => g.ports.includes(p.id)).reduce((s, p) => s + p.throughputT, 0)), sourceOf(g.provenance));
  }
  // A record's cargo per ship passage (a month's or a season's), beside the lock's over the model's year.
  for (const rec of seeds.lockRecords) {
    const y = byYear.get(rec.year);
    if (!y) continue;
    const per = y.results.map((r) => r.locks.find((l) => l.id === rec.lock)!);
    row(y, 'lock t/ship', rec.lock, 'not fitted', rec.cargoT / rec.ships, per.map((l) => (l.tonnesUp + l.tonnesDown) / Math.max(1, l.vesselsUp + l.vesselsDown)), `${rec.id}: ${sourceOf(rec.provenance)}`);
  }
  for (const p of seeds.lockPassages) {
    const y = byYear.get(p.year);
    if (!y) continue;
    const per = y.results.map((r) => r.locks.find((l) => l.id === p.lock)!);
    const use: HindcastUse = p.use === 'holdout' ? 'held back' : 'fitted';
    row(y, 'lock cargo', p.lock, use, p.cargoT, per.map((l) => l.tonnesUp + l.tonnesDown), sourceOf(p.provenance));
    if (p.cargoDownT !== undefined) row(y, 'lock cargo down', p.lock, use, p.cargoDownT, per.map((l) => l.tonnesDown), sourceOf(p.provenance));
    if (p.ships !== undefined) row(y, 'lock ships', p.lock, 'not fitted', p.ships, per.map((l) => l.vesselsUp + l.vesselsDown), sourceOf(p.provenance));
    if (p.lockages !== undefined) row(y, 'lock lockages', p.lock, 'not fitted', p.lockages, per.map((l) => l.lockages), sourceOf(p.provenance));
  }
  return rows.sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind) || a.subject.localeCompare(b.subject));
}

export function hindcastSummary(rows: readonly HindcastRow[]): HindcastSummary[] {
  return (Object.keys(HINDCAST_BANDS) as HindcastUse[]).map((use) => {
    const of = rows.filter((r) => r.use === use);
    const err = (r: HindcastRow) => Math.abs(r.ratio - 1);
    return {
      use,
      band: HINDCAST_BANDS[use],
      rows: of.length,
      within: of.filter((r) => r.ok).length,
      meanAbsError: of.length > 0 ? of.reduce((s, r) => s + err(r), 0) / of.length : 0,
      worst: of.length > 0 ? of.reduce((w, r) => (err(r) > err(w) ? r : w)) : null,
    };
  });
}

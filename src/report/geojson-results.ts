/**
 * network.geojson with results: the network's GeoJSON (src/network knows nothing of results)
 * with each lock's and port's figures added to its point as flat properties, numbers with
 * units in their names, so QGIS can style locks by wait or ports by throughput as they come.
 */
import type { BottleneckStudy, LockBottleneck, Reading } from '../capacity/index.js';
import type { ReplicationResult } from '../model/index.js';
import type { networkGeoJson } from '../network/index.js';
import { stat, type Aggregate, type ScenarioRun, type Stat } from '../run/index.js';

/** Format id of the collection's `properties`, and of the per-feature results listed in the README. */
export const RESULTS_GEOJSON_SCHEMA = 'waterway-sim/network-results@1';

type NetworkGeoJson = ReturnType<typeof networkGeoJson>;
type Value = string | number | boolean | null;
type Props = Record<string, Value>;

/** A number as GeoJSON can hold it: NaN and ±Infinity become null. */
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A statistic as four flat properties: mean, 95% CI low and high, and the t half-width, each × k. */
function statProps(name: string, s: Stat, k = 1): Props {
  return { [name]: num(s.mean * k), [`${name}_lo`]: num(s.low * k), [`${name}_hi`]: num(s.high * k), [`${name}_ci95`]: num(s.halfWidth * k) };
}

/** A lock's or port's own names (the point's `name` stays the node's). */
const names = (n: { en: string; zh: string }): Props => ({ name_en: n.en, name_zh: n.zh });

const mean = (s: Stat, k = 1) => num(s.mean * k);

/** Each lock's and port's results at one demand (a run, or a sweep's own level), by id. */
function resultsAt(agg: Aggregate, results: readonly ReplicationResult[]): { locks: Map<string, Props>; ports: Map<string, Props> } {
  const locks = new Map<string, Props>();
  for (const l of agg.locks) {
    const id = l.id;
    const own = results.map((r) => r.locks.find((x) => x.id === id)!);
    locks.set(id, {
      ...names(l.name),
      ...statProps('throughput_mt', stat(own.map((x) => x.tonnesUp + x.tonnesDown)), 1e-6),
      mt_up: mean(l.tonnesUp, 1e-6),
      mt_down: mean(l.tonnesDown, 1e-6),
      vessels: num(l.vesselsUp.mean + l.vesselsDown.mean),
      lockages: mean(l.lockages),
      vessels_per_lockage: mean(l.vesselsPerLockage),
      ...statProps('utilisation', l.utilisation),
      ...statProps('wait_mean_h', l.waitMeanH),
      ...statProps('wait_open_mean_h', l.waitMeanOpenH),
      wait_p90_h: mean(l.waitP90H),
      wait_max_h: mean(l.waitMaxH),
      queue_mean: mean(l.queueMean),
      queued_at_end: mean(l.queuedAtEnd),
      ic_ratio: mean(l.icRatio),
      closure_h: mean(l.closureH),
      share_of_waiting: mean(l.shareOfWaiting),
      worst_lock: agg.worstLock === id,
    });
  }
  const ports = new Map<string, Props>();
  for (const p of agg.ports) {
    const berths = p.berths;
    const busiest = [...berths].sort((a, b) => b.utilisation.mean - a.utilisation.mean)[0];
    ports.set(p.id, {
      ...names(p.name),
      ...statProps('throughput_mt', p.throughputT, 1e-6),
      loaded_mt: mean(p.loadedT, 1e-6),
      unloaded_mt: mean(p.unloadedT, 1e-6),
      ...statProps('teu', p.teu),
      capacity_mt: mean(p.capacityT, 1e-6),
      capacity_teu: mean(p.capacityTeu),
      utilisation: busiest ? mean(busiest.utilisation) : null,
      utilisation_by: busiest ? String(busiest.cargo) : null,
      ...Object.assign(
        {},
        ...berths.map((b) => {
          const k = `berths_${String(b.cargo).replace(/[^a-z0-9]+/gi, '_')}`;
          return { [`${k}_utilisation`]: mean(b.utilisation), [`${k}_wait_mean_h`]: mean(b.meanWaitH), [`${k}_queued_at_end`]: mean(b.queuedAtEnd) };
        }),
      ),
    });
  }
  return { locks, ports };
}

/**
 * The network's features with the results added: a lock's to the point whose `lock` is its
 * id, a port's to the point whose `port` is its id (prefixed `port_` should a lock stand on
 * the same point). Segments and other points stay as they are.
 */
function withResults(geo: NetworkGeoJson, results: { locks: Map<string, Props>; ports: Map<string, Props> }, about: Props): NetworkGeoJson {
  const features = geo.features.map((f) => {
    const p = f.properties;
    const lock = typeof p.lock === 'string' ? results.locks.get(p.lock) : undefined;
    const port = typeof p.port === 'string' ? results.ports.get(p.port) : undefined;
    if (!lock && !port) return f;
    const portProps = port && lock ? Object.fromEntries(Object.entries(port).map(([k, v]) => [`port_${k}`, v])) : port;
    return { ...f, properties: { ...p, ...lock, ...portProps } };
  });
  return { ...geo, features, properties: { ...geo.properties, schema: RESULTS_GEOJSON_SCHEMA, ...about } };
}

/** network.geojson of `run`: every lock's and port's results over the run's replications. */
export function runResultsGeoJson(geo: NetworkGeoJson, run: ScenarioRun, version: string): NetworkGeoJson {
  return withResults(geo, resultsAt(run.aggregate, run.results), {
    command: 'run',
    scenario: run.scenario.name,
    seed: String(run.seed),
    replications: run.results.length,
    version,
  });
}

/** network.geojson of `bottlenecks`: the results at the scenario's own demand (×1), and each lock's saturation and practical capacities. */
export function bottlenecksResultsGeoJson(geo: NetworkGeoJson, study: BottleneckStudy, version: string): NetworkGeoJson {
  const own = study.sweep.levels.find((l) => Math.abs(l.multiplier - 1) < 1e-9)!;
  const results = resultsAt(own.aggregate, own.results);
  for (const l of study.analysis.locks) Object.assign(results.locks.get(l.id) ?? {}, bottleneckProps(l));
  const c = study.analysis.criteria;
  return withResults(geo, results, {
    command: 'bottlenecks',
    scenario: study.sweep.scenario.name,
    seed: String(study.sweep.seed),
    replications: study.sweep.replications,
    version,
    levels: study.sweep.levels.map((l) => l.multiplier).join(' '),
    wait_threshold_h: c.waitThresholdH,
    wait_basis: c.waitBasis,
    utilisation_limit: c.utilisationLimit,
  });
}

function bottleneckProps(l: LockBottleneck): Props {
  return {
    saturation_multiplier: l.saturatesAt,
    saturates_by: l.saturatesBy,
    rank_by_saturation: l.rankBySaturation,
    rank_by_share_of_waiting: l.rankByShare,
    ...readingProps('capacity_wait', l.byWait),
    ...readingProps('capacity_utilisation', l.byUtilisation),
    unbounded_from_multiplier: l.unboundedFrom,
  };
}

/** A practical capacity: traffic (Mt/yr, both ways) where the criterion is met, its CI when read inside the levels, and how it was read. */
function readingProps(name: string, r: Reading): Props {
  const ci = r.status === 'reached' ? r : null;
  return {
    [`${name}_mt`]: num(r.tonnesPerYear / 1e6),
    [`${name}_mt_lo`]: ci?.low != null ? num(ci.low / 1e6) : null,
    [`${name}_mt_hi`]: ci?.high != null ? num(ci.high / 1e6) : null,
    [`${name}_multiplier`]: num(r.multiplier),
    [`${name}_status`]: r.status,
  };
}

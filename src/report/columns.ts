/**
 * Readable column headings, with their units, for the tables' column keys (`wait_mean_h` →
 * "mean wait (h)"), and what each table holds: the workbook's headers and its About sheet.
 * Flows and counts are per year, as the model reports them; a key the list does not know
 * keeps its words and has its unit suffix read (`_h`, `_mt`, `_mteu`, `_pct`).
 */
import { FIXED_COLUMNS } from './compare.js';
import type { Row } from './tables.js';

/** Headings by column key (snake_case; camelCase keys are looked up as snake_case). */
const HEADINGS: Record<string, string> = {
  // names and ids
  port: 'port id',
  lock: 'lock id',
  name_en: 'name (English)',
  name_zh: 'name (Chinese 中文)',
  scenario: 'scenario',
  sweep: 'sweep',
  item: 'item (id)',
  subject: 'subject (id)',
  // ports
  main_line: 'main-line port (1 = yes)',
  loaded_mt: 'loaded (Mt/yr)',
  unloaded_mt: 'unloaded (Mt/yr)',
  throughput_mt: 'throughput (Mt/yr)',
  teu: 'containers (TEU/yr)',
  capacity_mt: 'berth capacity (Mt/yr)',
  // locks
  lines: 'lines',
  lockages: 'lockages (/yr)',
  vessels_up: 'vessels up (/yr)',
  vessels_down: 'vessels down (/yr)',
  mt_up: 'tonnes up (Mt/yr)',
  mt_down: 'tonnes down (Mt/yr)',
  vessels_per_lockage: 'vessels per lockage',
  tonnes_per_lockage: 'tonnes per lockage (t)',
  utilisation: 'utilisation (share of working hours)',
  working_h: 'working hours in the measured span (h)',
  area_fill: 'chamber area filled (share)',
  wait_mean_h: 'mean wait (h)',
  wait_p90_h: 'p90 wait (h)',
  wait_max_h: 'longest wait (h)',
  queue_mean: 'mean queue (vessels)',
  queue_max: 'longest queue (vessels)',
  ic_ratio: 'I/C ratio (traffic / capacity)',
  closure_h: 'closed (h/yr)',
  share_of_waiting: 'share of all lock waiting',
  queued_at_end: 'waiting at the end (vessels)',
  // replications
  replication: 'replication',
  seed: 'seed',
  main_line_mt: 'main-line throughput (Mt/yr)',
  main_line_teu: 'main-line containers (TEU/yr)',
  main_line_mteu: 'main-line containers (M TEU/yr)',
  tonnes_reached: 'tonnes target reached (1 = yes)',
  teu_reached: 'TEU target reached (1 = yes)',
  voyages_completed: 'voyages completed (/yr)',
  served_mt: 'cargo served (Mt/yr)',
  backlog_mt: 'cargo undelivered at the end (Mt)',
  mean_transit_h: 'mean transit (h)',
  worst_lock: 'worst lock (largest share of waiting)',
  worst_lock_wait_h: "worst lock's mean wait (h)",
  events: 'events simulated',
  // compare
  kpi: 'KPI (id, unit in its suffix)',
  // bottlenecks and curves
  rank_by_saturation: 'rank by saturation',
  rank_by_share_of_waiting: 'rank by share of waiting',
  saturates_at_multiplier: 'saturates at (× demand)',
  saturates_by: 'saturates by (criterion)',
  wait_threshold_h: 'wait threshold (h)',
  wait_basis: 'wait basis (open: normal operation)',
  utilisation_limit: 'utilisation limit (share)',
  own_demand_mt_per_year: "tonnes at the scenario's demand (Mt/yr)",
  own_demand_utilisation: "utilisation at the scenario's demand (share)",
  own_demand_wait_mean_h: "mean wait at the scenario's demand (h)",
  own_demand_wait_open_h: "mean wait in normal operation at the scenario's demand (h)",
  own_demand_share_of_waiting: "share of waiting at the scenario's demand",
  unbounded_from_multiplier: 'queue unbounded from (× demand)',
  multiplier: 'demand multiplier (×)',
  replications: 'replications',
  tonnes_mt_per_year: 'tonnes (Mt/yr)',
  tonnes_mt: 'tonnes (Mt/yr)',
  tonnes_up_mt: 'tonnes up (Mt/yr)',
  tonnes_down_mt: 'tonnes down (Mt/yr)',
  vessels_per_year: 'vessels (/yr)',
  wait_open_mean_h: 'mean wait in normal operation (h)',
  wait_open_h: 'mean wait in normal operation (h)',
  wait_open_p90_h: 'p90 wait in normal operation (h)',
  // design check
  published_one_way_mt: 'published capacity, one way (Mt/yr)',
  source: 'source',
  jts305_one_way_mt: 'JTS 305 formula, one way (Mt/yr)',
  jts305_ratio: 'JTS 305 / published (ratio)',
  simulated_wait_one_way_mt: 'simulated at the wait threshold, one way (Mt/yr)',
  simulated_wait_status: 'simulated at the wait threshold: status',
  simulated_utilisation_one_way_mt: 'simulated at the utilisation limit, one way (Mt/yr)',
  simulated_utilisation_status: 'simulated at the utilisation limit: status',
  note: 'note',
  // capacity
  part: 'part',
  berths_unconstrained: 'berths unconstrained',
  sustainable: 'sustainable',
  violations: 'what fails (h: mean wait; d: days of traffic left waiting)',
  // trajectory, saturation, demand fit, hindcast
  year: 'year',
  teu_m: 'containers (M TEU/yr)',
  target_tonnes_mt: 'target (Mt/yr)',
  target_teu_m: 'target (M TEU/yr)',
  demand: 'demand basis',
  vessels: 'vessels (/yr)',
  over_norm: 'over the norm',
  saturation_year: 'saturation year (first over the norm)',
  over_from_year: 'over the norm without a break from (year)',
  reason: 'reason',
  years_over_norm: 'years over the norm',
  kind: 'kind',
  given: 'given (see unit)',
  fitted: 'fitted (see unit)',
  unit: 'unit',
  basis: 'basis',
  use: 'use',
  observed: 'observed (see unit)',
  model: 'model (see unit)',
  ratio: 'model / observed (ratio)',
  band: 'band',
  within_band: 'within its band',
  // sensitivity and the joint sample
  input: 'input',
  file: 'file',
  path: 'path in the file',
  seed_value: "seeds' value (see unit)",
  low: 'low end of the range (see unit)',
  high: 'high end of the range (see unit)',
  mt_at_low: 'sustainable at low (Mt/yr)',
  mt_at_high: 'sustainable at high (Mt/yr)',
  swing_mt: 'swing (Mt/yr)',
  mteu_at_low: 'sustainable at low (M TEU/yr)',
  mteu_at_high: 'sustainable at high (M TEU/yr)',
  swing_mteu: 'swing (M TEU/yr)',
  within_resolution: "within the search's resolution (1 = yes)",
  flips: 'verdicts it flips',
  sample: 'sample',
  mt: 'sustainable main-line throughput (Mt/yr)',
  mteu: 'sustainable main-line containers (M TEU/yr)',
  binds: 'binds first',
};

/** Qualifiers a key carries beside its base (`_ci95`, `_low`, `_high`), as words set before the unit. */
const QUALIFIERS: Record<string, string> = { ci95: '± 95% CI half-width', low: '95% CI low', high: '95% CI high' };

/** Unit suffixes read off a key the list does not know. */
const SUFFIX_UNITS: [string, string][] = [
  ['_mt_per_year', 'Mt/yr'],
  ['_per_year', '/yr'],
  ['_mteu', 'M TEU/yr'],
  ['_mt', 'Mt/yr'],
  ['_teu', 'TEU/yr'],
  ['_pct', '%'],
  ['_km', 'km'],
  ['_h', 'h'],
  ['_t', 't'],
];

/** `waitMeanHLow` → `wait_mean_h_low`; snake_case stays. */
export function snakeKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/**
 * The heading of a column: its words, then its unit in brackets. A key with a CI qualifier
 * (`throughput_mt_ci95`, `tonnes_low_mt`, `waitMeanHHigh`) takes its base's heading with the
 * qualifier before the unit: "throughput ± 95% CI half-width (Mt/yr)".
 */
export function columnHeading(key: string): string {
  const snake = snakeKey(key);
  const known = HEADINGS[snake] ?? readingHeading(snake);
  if (known) return known;
  const parts = snake.split('_');
  const q = parts.findIndex((p) => p in QUALIFIERS);
  if (q > 0) {
    const base = [...parts.slice(0, q), ...parts.slice(q + 1)].join('_');
    const heading = HEADINGS[base] ?? suffixHeading(base);
    const at = heading.lastIndexOf(' (');
    const words = `${QUALIFIERS[parts[q]!]}`;
    return at > 0 ? `${heading.slice(0, at)}, ${words}${heading.slice(at)}` : `${heading}, ${words}`;
  }
  return suffixHeading(snake);
}

/** The bottleneck table's practical-capacity readings: `wait_capacity_low_mt`, `wait_12h_capacity_multiplier`, … */
function readingHeading(snake: string): string | undefined {
  const m = /^(wait|utilisation|wait_([\d.]+)h)_capacity_(status|mt_per_year|low_mt|high_mt|one_way_mt|multiplier)$/.exec(snake);
  if (!m) return undefined;
  const what = m[2] !== undefined ? `capacity at a mean wait of ${m[2]} h` : m[1] === 'wait' ? 'capacity at the wait threshold' : 'capacity at the utilisation limit';
  const field: Record<string, string> = {
    status: `${what}: status`,
    mt_per_year: `${what} (Mt/yr)`,
    low_mt: `${what}, 95% CI low (Mt/yr)`,
    high_mt: `${what}, 95% CI high (Mt/yr)`,
    one_way_mt: `${what}, one way (Mt/yr)`,
    multiplier: `${what} (× demand)`,
  };
  return field[m[3]!];
}

/** A heading from the key alone: words from its parts, the unit from its suffix. */
function suffixHeading(snake: string): string {
  for (const [suffix, unit] of SUFFIX_UNITS) {
    if (snake.endsWith(suffix) && snake.length > suffix.length) return `${snake.slice(0, -suffix.length).replace(/_/g, ' ')} (${unit})`;
  }
  return snake.replace(/_/g, ' ');
}

/**
 * The headings of a table's columns. Two tables have columns named by the user's data:
 * compare.csv a column per scenario (its label), then for each later one its Δ and whether
 * the Δ is significant; joint.csv a column per input (its label, with the unit sensitivity.csv
 * gives the input among `others`). Those keep their label.
 */
export function tableHeadings(table: string, keys: readonly string[], others: Record<string, readonly Row[]> = {}): string[] {
  if (table === 'compare') {
    const start = keys.findIndex((k) => !FIXED_COLUMNS.includes(k));
    return keys.map((k, i) => {
      if (start < 0 || i < start) return columnHeading(k);
      const j = i - start;
      if (j === 0) return `${k} (unit of the kpi)`;
      const label = keys[start + 1 + 3 * Math.floor((j - 1) / 3)]!;
      return [`${label} (unit of the kpi)`, `${label} Δ against ${keys[start]} (unit of the kpi)`, `${label} Δ significant (Welch's t at 5%)`][(j - 1) % 3]!;
    });
  }
  if (table === 'joint') {
    const units = new Map((others.sensitivity ?? []).map((r) => [String(r.input), String(r.unit)]));
    return keys.map((k) => (JOINT_COLUMNS.includes(k) ? columnHeading(k) : units.has(k) && units.get(k) !== '1' ? `${k} (${units.get(k)})` : k));
  }
  return keys.map(columnHeading);
}

const JOINT_COLUMNS = ['sample', 'mt', 'mteu', 'binds'];

/** What each table holds, for the workbook's About sheet. */
export const TABLE_NOTES: Record<string, string> = {
  ports: 'A row per port: cargo loaded, unloaded and handled a year, containers and berth capacity; means over the replications with their 95% CI half-widths.',
  locks: "A row per lock: lockages, vessels and cargo each way, utilisation of the working hours, waits (mean, p90, longest), queues, I/C and the lock's share of all lock waiting; means with 95% CI half-widths.",
  replications: "A row per replication: the headline figures of each simulated year, for one's own statistics.",
  compare: 'A row per figure (main-line throughput, P(reached), the mean wait at every lock): a column per scenario, and each later scenario\'s difference from the first with whether Welch\'s t-test at 5% tells it from noise.',
  bottlenecks: "A row per lock and sweep: practical capacities by the wait threshold and the utilisation limit (with their CIs), the demand multiplier at which the lock saturates, ranks, and its figures at the scenario's own demand.",
  curves: "A row per lock, demand level and sweep: each lock's delay curve (traffic, I/C, utilisation, mean and p90 waits with their CIs), ready for plotting.",
  'design-check': 'A row per lock line set with a published design capacity: the published figure, the JTS 305 formula from the seeds and the simulated practical capacity, one way.',
  capacity: 'A row per demand level tried in each part of the capacity search (whole network, locks alone, berths alone): main-line throughput with its CI, whether it is sustainable, and what fails.',
  trajectory: 'A row per year for the main line, then per year and lock: throughput with its 95% CI, and for locks vessels, waits, utilisation and whether the lock is over the norm.',
  saturation: "A row per lock: its saturation year (the first over the norm), the year from which it stays over, and why.",
  'demand-fit': 'Per year, every figure the demand stands on: the given value and what the fit gives for it.',
  hindcast: 'A row per observation of the record: the observed figure, the model beside it with its CI, their ratio and whether it falls in its band.',
  sensitivity: 'A row per uncertain input: its range, what the network sustains at each end and the swing, and any verdict it flips.',
  joint: "A row per Latin hypercube sample: every input's value drawn and what the network sustains with them.",
};

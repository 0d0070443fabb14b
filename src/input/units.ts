/**
 * Units a seed or scenario file may use, by dimension, with the factor that
 * converts to the internal unit: SI (m, s, t, m/s), plus per-year flows kept
 * in tonnes (or TEU) per year because that is how planners state them.
 */
export const UNITS = {
  length: { m: 1, km: 1000 },
  time: { s: 1, min: 60, h: 3600, d: 86400 },
  mass: { t: 1, kt: 1e3, Mt: 1e6 },
  speed: { 'm/s': 1, 'km/h': 1 / 3.6, kn: 1852 / 3600 },
  annualMass: { 't/yr': 1, 'kt/yr': 1e3, 'Mt/yr': 1e6 },
  teu: { TEU: 1 },
  annualTeu: { 'TEU/yr': 1, 'kTEU/yr': 1e3, 'MTEU/yr': 1e6 },
  massRate: { 't/h': 1 / 3600 },
  teuRate: { 'TEU/h': 1 / 3600 },
  count: { '1': 1 },
} as const satisfies Record<string, Record<string, number>>;

export type Dimension = keyof typeof UNITS;

/** A figure as read from a file: its value in internal units, and where it comes from. */
export interface Quantity {
  value: number;
  unit: string;
  source?: string;
  estimate?: string;
}

/** A quantity as written: value and unit as given, plus its provenance. */
export interface RawQuantity {
  value: number;
  unit: string;
  source?: string;
  estimate?: string;
}

/** Converts a raw quantity (already schema-checked) to internal units. */
export function toInternal(q: RawQuantity, dimension: Dimension): Quantity {
  const table = UNITS[dimension] as Record<string, number>;
  const factor = table[q.unit];
  if (factor === undefined) throw new Error(`unit '${q.unit}' is not a ${dimension} unit`);
  const out: Quantity = { value: q.value * factor, unit: q.unit };
  if (q.source !== undefined) out.source = q.source;
  if (q.estimate !== undefined) out.estimate = q.estimate;
  return out;
}

/**
 * Demand multipliers from "from:to:step" (both ends included) or a comma list
 * ("0.8,1,1.2"). Returns an error text instead of throwing, for the CLI to place.
 */
export function parseLevels(spec: string): number[] | string {
  const s = spec.trim();
  let levels: number[];
  if (s.includes(':')) {
    const parts = s.split(':').map(Number);
    if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) return `'${spec}' is not from:to:step (e.g. 0.5:2.0:0.1)`;
    const [from, to, step] = parts as [number, number, number];
    if (!(step > 0)) return `the step of '${spec}' must be positive`;
    if (!(to >= from)) return `'${spec}' runs backwards: 'to' must be at least 'from'`;
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > 200) return `'${spec}' gives ${count} levels; at most 200`;
    levels = Array.from({ length: count }, (_, i) => round(from + i * step));
  } else {
    levels = s.split(',').map((p) => Number(p.trim()));
    if (levels.some((l) => !Number.isFinite(l))) return `'${spec}' is not a list of numbers`;
  }
  if (levels.length === 0) return `'${spec}' gives no levels`;
  const bad = levels.find((l) => !(l > 0));
  if (bad !== undefined) return `demand multiplier ${bad} in '${spec}' must be positive`;
  return [...new Set(levels.map(round))].sort((a, b) => a - b);
}

/** Multipliers to 1e-9, so 0.1 steps print and compare as written. */
export function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

import { exponential, poisson, uniform, type Rng, type Streams } from '../engine/index.js';
import type { Lock, LockLine } from '../network/index.js';

export const DAY_S = 86400;
export const YEAR_S = 365 * DAY_S;

/** A spell when one line (or, with line = null, the whole lock) takes no vessels. Times are calendar seconds from 1 January. */
export interface Closure {
  lock: string;
  /** Line id, or null for the whole lock. */
  line: string | null;
  fromS: number;
  toS: number;
  reason: 'maintenance' | 'flood' | 'off-hours' | 'scenario' | 'low-water';
}

export interface ClosureParams {
  /** Mean length of one flood-closure spell (estimate: floods close a lock for days, not hours). */
  floodSpellMeanS: number;
  /** Daily operation starts at this time of day when a lock does not run round the clock. */
  operatingStartS: number;
  /** Maintenance windows start between these calendar days (dry season). */
  maintenanceWindowDays: [number, number];
}

export const DEFAULT_CLOSURE_PARAMS: ClosureParams = {
  floodSpellMeanS: 2 * DAY_S,
  operatingStartS: 6 * 3600,
  maintenanceWindowDays: [0, 90],
};

/**
 * Closures of one lock over the calendar span [fromS, toS):
 * - off-hours, every day, when the lock runs less than 24 h;
 * - one maintenance window per line per year, of the seed's length, starting
 *   at a random day in the dry season, the lines of a lock one after another
 *   so that the lock never stops whole for maintenance;
 * - flood spells for the whole lock: a Poisson number with mean
 *   (closure days per year ÷ mean spell), each of exponential length, starting
 *   uniformly within the flood-season months.
 */
export function lockClosures(lock: Lock, lines: readonly LockLine[], streams: Streams, fromS: number, toS: number, p: ClosureParams = DEFAULT_CLOSURE_PARAMS): Closure[] {
  const out: Closure[] = [];
  for (const y of closureYears(fromS, toS)) out.push(...lockClosuresOfYear(lock, lines, streams, y, fromS, toS, p));
  return out;
}

/** The calendar years whose closures can touch [fromS, toS): from the year of the night before fromS. */
export function closureYears(fromS: number, toS: number): number[] {
  const years: number[] = [];
  for (let y = Math.floor((Math.floor(fromS / DAY_S) - 1) / 365); y <= Math.floor((toS - 1) / YEAR_S); y++) years.push(y);
  return years;
}

/**
 * The closures of calendar year y (those that start in it; the maintenance and
 * flood draws come from the year's own stream), clipped to [fromS, toS). Years
 * are independent, so a long run can make them one year at a time.
 */
export function lockClosuresOfYear(lock: Lock, lines: readonly LockLine[], streams: Streams, y: number, fromS: number, toS: number, p: ClosureParams = DEFAULT_CLOSURE_PARAMS): Closure[] {
  const out: Closure[] = [];
  if (lock.operatingSPerDay < DAY_S - 1) {
    for (let day = y * 365; day < (y + 1) * 365; day++) {
      const close = day * DAY_S + p.operatingStartS + lock.operatingSPerDay;
      const open = (day + 1) * DAY_S + p.operatingStartS;
      out.push({ lock: lock.id, line: null, fromS: close, toS: open, reason: 'off-hours' });
    }
  }
  if (y >= Math.floor(fromS / YEAR_S)) {
    const rng = streams.stream(`closures:${lock.id}:${y}`);
    if (lock.maintenanceSPerYear > 0) {
      let start = y * YEAR_S + uniform(rng, p.maintenanceWindowDays[0], p.maintenanceWindowDays[1]) * DAY_S;
      for (const line of lines) {
        out.push({ lock: lock.id, line: line.id, fromS: start, toS: start + lock.maintenanceSPerYear, reason: 'maintenance' });
        start += lock.maintenanceSPerYear + DAY_S;
      }
    }
    if (lock.floodClosureSPerYear > 0 && lock.floodSeason.length > 0) out.push(...floodSpells(lock, rng, y, p));
  }
  return out.filter((c) => c.toS > fromS && c.fromS < toS).map((c) => ({ ...c, fromS: Math.max(c.fromS, fromS), toS: Math.min(c.toS, toS) }));
}

function floodSpells(lock: Lock, rng: Rng, year: number, p: ClosureParams): Closure[] {
  const months = [...new Set(lock.floodSeason)].sort((a, b) => a - b);
  const spells = poisson(rng, lock.floodClosureSPerYear / p.floodSpellMeanS);
  const out: Closure[] = [];
  for (let k = 0; k < spells; k++) {
    const month = months[Math.floor(rng() * months.length)]!;
    const start = year * YEAR_S + (MONTH_START_DAY[month - 1]! + rng() * MONTH_DAYS[month - 1]!) * DAY_S;
    out.push({ lock: lock.id, line: null, fromS: start, toS: start + exponential(rng, p.floodSpellMeanS), reason: 'flood' });
  }
  return out;
}

/** Days in each month of a 365-day year, January first. */
export const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Calendar day (from 0 on 1 January) on which each month starts. */
export const MONTH_START_DAY: readonly number[] = MONTH_DAYS.map((_, i) => MONTH_DAYS.slice(0, i).reduce((s, d) => s + d, 0));

/**
 * A hydrological year (seeds' hydrology.yaml) as the freight model sees it:
 * depth lost by segment and month, and lock lines withdrawn because the head
 * is out of range. Pure functions of calendar time; 365-day years repeat.
 */
import type { Hydrology } from '../network/index.js';
import { DAY_S, MONTH_START_DAY, YEAR_S } from './closures.js';

/** The month index 0–11 of a calendar time (seconds from 1 January of year 0; years of 365 days repeat). */
export function monthOf(calendarS: number): number {
  const inYear = ((calendarS % YEAR_S) + YEAR_S) % YEAR_S;
  const day = Math.floor(inYear / DAY_S);
  let m = 11;
  while (m > 0 && MONTH_START_DAY[m]! > day) m--;
  return m;
}

/**
 * Depth lost on a segment at a calendar time, in metres (0 where the year says
 * nothing about the segment). The seeds' checks allow a segment in one group
 * only, so the first group that names it is the one.
 */
export function depthReductionM(h: Hydrology, segmentId: string, calendarS: number): number {
  const group = h.depthReductions.find((g) => g.segments.includes(segmentId));
  return group ? group.byMonthM[monthOf(calendarS)]! : 0;
}

/**
 * The withdrawals of this lock's lines in calendar year y, as closures with
 * reason 'low-water', in seconds from 1 January of year 0. Only lines in
 * `lineIds` (those in service) are closed. A spell belongs to the year it starts
 * in and may run on past 31 December, as the seeds' maintenance windows do.
 */
export function withdrawalClosures(
  h: Hydrology,
  lockId: string,
  lineIds: readonly string[],
  y: number,
): { lock: string; line: string; fromS: number; toS: number; reason: 'low-water' }[] {
  const out: { lock: string; line: string; fromS: number; toS: number; reason: 'low-water' }[] = [];
  for (const w of h.lineWithdrawals) {
    if (w.lock !== lockId) continue;
    const fromS = y * YEAR_S + w.fromDay * DAY_S;
    const toS = fromS + w.days * DAY_S;
    for (const line of w.lines) if (lineIds.includes(line)) out.push({ lock: lockId, line, fromS, toS, reason: 'low-water' });
  }
  return out;
}

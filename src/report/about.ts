/** What a workbook says about itself on its first sheet: kept apart from workbook.ts, which loads exceljs. */
import type { Criteria } from '../capacity/index.js';
import type { ResolvedScenario } from '../scenario/load.js';

export type Fact = readonly [label: string, value: string | number];

export interface WorkbookAbout {
  /** The workbook's file name, without `.xlsx`. */
  file: string;
  /** What made it, e.g. "waterway-sim run: plan-2020". */
  title: string;
  /** The About sheet's lines: scenario, seed, replications, version, … */
  facts: readonly Fact[];
}

/** The About sheet's lines about one scenario, as every command gives them. */
export function scenarioFacts(s: ResolvedScenario, label = 'scenario'): Fact[] {
  return [
    [label, s.name],
    ...(s.description ? [[`${label}: description`, s.description] as const] : []),
    [`${label}: files`, s.files.join(', ')],
    [`${label}: network and year`, `${s.networkLabel}, ${s.year}`],
  ];
}

/** The About sheet's lines about a study's capacity criteria. */
export function criteriaFacts(c: Criteria, withUtilisation = false): Fact[] {
  return [
    ['wait threshold (h)', c.waitThresholdH],
    ['wait basis', c.waitBasis === 'open' ? 'open: waits in normal operation' : 'all waits'],
    ...(withUtilisation ? [['utilisation limit (share of working hours)', c.utilisationLimit] as const] : []),
  ];
}

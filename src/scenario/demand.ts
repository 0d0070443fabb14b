import type { CargoKind } from '../network/index.js';

/**
 * The demand a scenario asks for, every default applied: what the model takes
 * whole (prepareFreightInput). Tonnes and TEU a year; ids, not names.
 */
export interface Demand {
  /** Year of the demand. */
  year: number;
  /** record: the year's port totals and lock counts fitted together; plan: grown from the base year to the plan's targets. */
  basis: 'record' | 'plan';
  /** Growth path after the record (a demand.yaml growth path id). */
  path: string;
  /** Every flow and total × this. */
  demandScale: number;
  gravityExponent: number;
  /** The plan's path: geometric growth from baseYear's published totals to the targets in targetYear. */
  baseYear: number;
  targetYear: number;
  targetTonnes: number;
  targetTeu: number;
  /** Monthly factors that replace the seeds' seasonality. */
  seasonality?: number[];
  /** Port totals given outright replace the published ones grown to the year. */
  totals?: { port: string; tonnes: number; teu: number; basis: string }[];
  /** Flows given outright replace the gravity model. */
  flows?: { origin: string; destination: string; commodity: string; cargo: CargoKind; tonnes: number; teu: number }[];
}

/** The one place demand's defaults are set. The plan's targets: more than 300 Mt and 10 M TEU in 2020. */
const DEMAND_DEFAULTS = { path: 'central', demandScale: 1, gravityExponent: 1, targetYear: 2020, targetTonnes: 300e6, targetTeu: 10e6 } as const;

/** The keys that set the plan's path: given any, the basis is the plan unless stated. */
const PLAN_KEYS = ['baseYear', 'targetYear', 'targetTonnes', 'targetTeu'] as const;

/** A demand with the defaults filled in; the base year defaults to the seeds'. */
export function withDemandDefaults(given: Partial<Demand> & { year: number }, seedsBaseYear: number): Demand {
  const planKeys = PLAN_KEYS.filter((k) => given[k] !== undefined);
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Demand> & { year: number };
  return {
    ...DEMAND_DEFAULTS,
    basis: planKeys.length > 0 ? 'plan' : 'record',
    baseYear: seedsBaseYear,
    ...defined,
  };
}

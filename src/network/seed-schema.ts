/**
 * JSON Schemas of the seed files (format in seeds/FORMAT.md). Structure, units
 * and signs are checked here; references between files, connectivity and lock
 * admittance are checked in validate.ts.
 */
import { UNITS, type Dimension } from '../input/units.js';

const PROVENANCE =
  'needs exactly one of source: "<publisher, date>" or estimate: "<reasoning>"';

/** An uncertain figure's plausible range, in the figure's own unit (low ≤ value ≤ high; the reasoning says why). */
const RANGE = {
  low: { type: 'number', minimum: 0, description: "the lowest plausible value, in the figure's unit" },
  high: { type: 'number', minimum: 0, description: "the highest plausible value, in the figure's unit" },
};

/** A quantity in one of the units of the given dimensions; `value` takes extra bounds. */
function quantity(dimensions: Dimension | Dimension[], value: object = { minimum: 0 }): object {
  return {
    type: 'object',
    required: ['value', 'unit'],
    additionalProperties: false,
    properties: {
      value: { type: 'number', ...value },
      unit: { enum: [dimensions].flat().flatMap((d) => Object.keys(UNITS[d])) },
      source: { type: 'string', minLength: 1 },
      estimate: { type: 'string', minLength: 1 },
      ...RANGE,
    },
    oneOf: [{ required: ['source'] }, { required: ['estimate'] }],
    description: PROVENANCE,
  };
}

/** A published annual figure (tonnes or TEU per year) with fields of its own. */
function annualQuantity(extra: Record<string, object>, required: string[]): object {
  return {
    type: 'object',
    required: ['value', 'unit', ...required],
    additionalProperties: false,
    properties: {
      value: { type: 'number', minimum: 0 },
      unit: { enum: [...Object.keys(UNITS.annualMass), ...Object.keys(UNITS.annualTeu)] },
      source: { type: 'string', minLength: 1 },
      estimate: { type: 'string', minLength: 1 },
      ...RANGE,
      note: { type: 'string' },
      ...extra,
    },
    oneOf: [{ required: ['source'] }, { required: ['estimate'] }],
    description: PROVENANCE,
  };
}

const name = {
  type: 'object',
  required: ['en', 'zh'],
  additionalProperties: false,
  properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } },
};
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' };
const year = { type: 'integer', minimum: 1900, maximum: 2100 };
const note = { type: 'string' };

const $defs = {
  lengthQuantity: quantity('length'),
  timeQuantity: quantity('time'),
  massQuantity: quantity('mass'),
  speedQuantity: quantity('speed'),
  countQuantity: quantity('count'),
  fractionQuantity: quantity('count', { minimum: 0, maximum: 1 }),
  teuQuantity: quantity('teu'),
  rateQuantity: quantity(['massRate', 'teuRate'], { exclusiveMinimum: 0 }),
  cycle: {
    type: 'object',
    additionalProperties: false,
    properties: {
      gateOpen: { $ref: '#/$defs/timeQuantity' },
      gateClose: { $ref: '#/$defs/timeQuantity' },
      levelling: { $ref: '#/$defs/timeQuantity' },
      entryPerVessel: { $ref: '#/$defs/timeQuantity' },
      exitPerVessel: { $ref: '#/$defs/timeQuantity' },
      note,
    },
  },
};

export const networkSchema = {
  type: 'object',
  required: ['id', 'name', 'baseYear'],
  additionalProperties: false,
  properties: { id, name, description: { type: 'string' }, baseYear: year, years: { type: 'array', items: year } },
};

export const classesSchema = {
  $defs,
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['id', 'vessel', 'depth'],
    additionalProperties: false,
    properties: {
      id: { enum: ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] },
      vessel: {
        type: 'object',
        required: ['deadweight', 'length', 'beam', 'draught'],
        additionalProperties: false,
        properties: {
          deadweight: { $ref: '#/$defs/massQuantity' },
          length: { $ref: '#/$defs/lengthQuantity' },
          beam: { $ref: '#/$defs/lengthQuantity' },
          draught: { $ref: '#/$defs/lengthQuantity' },
        },
      },
      depth: { $ref: '#/$defs/lengthQuantity' },
      note,
    },
  },
};

export const nodesSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['id', 'name', 'kind', 'lat', 'lon', 'coordSource'],
    additionalProperties: false,
    properties: {
      id,
      name,
      kind: { enum: ['port-site', 'junction', 'lock-site', 'gateway'] },
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lon: { type: 'number', minimum: -180, maximum: 180 },
      coordSource: { type: 'string', minLength: 1 },
      note,
    },
  },
};

export const segmentsSchema = {
  $defs,
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['id', 'river', 'from', 'to', 'length', 'class', 'classSource', 'current'],
    additionalProperties: false,
    properties: {
      id,
      river: name,
      from: id,
      to: id,
      length: { $ref: '#/$defs/lengthQuantity' },
      class: {
        type: 'object',
        minProperties: 1,
        propertyNames: { pattern: '^(19|20|21)[0-9]{2}$' },
        additionalProperties: { enum: ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] },
      },
      classSource: { type: 'string', minLength: 1 },
      depth: { $ref: '#/$defs/lengthQuantity' },
      current: { $ref: '#/$defs/speedQuantity' },
      oneWay: { type: 'boolean' },
      note,
    },
  },
};

const lockLine = {
  type: 'object',
  required: ['id', 'name', 'length', 'width', 'sillDepth', 'designVessel', 'opened', 'openedSource'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    name,
    length: { $ref: '#/$defs/lengthQuantity' },
    width: { $ref: '#/$defs/lengthQuantity' },
    sillDepth: { $ref: '#/$defs/lengthQuantity' },
    designVessel: { $ref: '#/$defs/massQuantity' },
    opened: year,
    openedSource: { type: 'string', minLength: 1 },
    planned: { type: 'boolean' },
    cycle: { $ref: '#/$defs/cycle' },
    note,
  },
};

const lockage = {
  type: 'object',
  required: ['rule'],
  additionalProperties: false,
  description: 'How the lock assembles a lockage: rule immediate | fill | timetable, priority fcfs | points',
  properties: {
    rule: { enum: ['immediate', 'fill', 'timetable'] },
    priority: { enum: ['fcfs', 'points'] },
    fillShare: { $ref: '#/$defs/fractionQuantity' },
    maxHold: { $ref: '#/$defs/timeQuantity' },
    interval: quantity('time', { exclusiveMinimum: 0 }),
    offset: { $ref: '#/$defs/timeQuantity' },
    pointsEntryExit: quantity('count', { exclusiveMinimum: 0, maximum: 1 }),
    pointsJumpShare: { $ref: '#/$defs/fractionQuantity' },
    pointsFrom: year,
    note,
  },
};

export const locksSchema = {
  $defs: { ...$defs, lockLine },
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['id', 'name', 'node', 'kind', 'head', 'operatingHours', 'maintenanceDays', 'floodClosureDays', 'cycle', 'lines'],
    additionalProperties: false,
    properties: {
      id,
      name,
      node: id,
      kind: { enum: ['lock', 'lift'] },
      note,
      damClosed: year,
      head: { $ref: '#/$defs/lengthQuantity' },
      operatingHours: { $ref: '#/$defs/timeQuantity' },
      maintenanceDays: { $ref: '#/$defs/timeQuantity' },
      floodClosureDays: { $ref: '#/$defs/timeQuantity' },
      floodSeason: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 12 } },
      cycle: { $ref: '#/$defs/cycle' },
      lockage,
      designCapacity: {
        type: 'array',
        items: annualQuantity({ lines: { type: 'array', items: { type: 'string' }, minItems: 1 }, year }, ['lines']),
      },
      lines: { type: 'array', items: { $ref: '#/$defs/lockLine' } },
    },
  },
};

export const portsSchema = {
  $defs,
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['id', 'name', 'node', 'tier', 'mainLine', 'berths'],
    additionalProperties: false,
    properties: {
      id,
      name,
      node: id,
      tier: { enum: ['major', 'important', 'other'] },
      mainLine: { type: 'boolean' },
      note,
      areas: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['node', 'share'],
          additionalProperties: false,
          properties: { node: id, share: { $ref: '#/$defs/fractionQuantity' }, note },
        },
      },
      berths: {
        type: 'array',
        items: {
          type: 'object',
          required: ['cargo', 'count', 'rate'],
          additionalProperties: false,
          properties: {
            cargo: { enum: ['dry-bulk', 'general', 'container'] },
            count: { $ref: '#/$defs/countQuantity' },
            rate: { $ref: '#/$defs/rateQuantity' },
            note,
          },
        },
      },
      throughput: {
        type: 'array',
        items: annualQuantity({ year, scope: { type: 'string' } }, ['year']),
      },
    },
  },
};

export const fleetSchema = {
  $defs,
  type: 'object',
  required: ['vesselClasses'],
  additionalProperties: false,
  properties: {
    note,
    vesselClasses: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'cargo', 'deadweight', 'length', 'beam', 'draught', 'speedLoaded', 'speedEmpty', 'loadFactor', 'share'],
        additionalProperties: false,
        properties: {
          id,
          cargo: { type: 'array', minItems: 1, items: { enum: ['dry-bulk', 'general', 'container'] } },
          deadweight: { $ref: '#/$defs/massQuantity' },
          teu: { $ref: '#/$defs/teuQuantity' },
          length: { $ref: '#/$defs/lengthQuantity' },
          beam: { $ref: '#/$defs/lengthQuantity' },
          draught: { $ref: '#/$defs/lengthQuantity' },
          speedLoaded: { $ref: '#/$defs/speedQuantity' },
          speedEmpty: { $ref: '#/$defs/speedQuantity' },
          loadFactor: { $ref: '#/$defs/fractionQuantity' },
          share: { $ref: '#/$defs/fractionQuantity' },
          share2020: { $ref: '#/$defs/fractionQuantity' },
          share2025: { $ref: '#/$defs/fractionQuantity' },
          note,
        },
      },
    },
  },
};

export const demandSchema = {
  $defs: { ...$defs, annualMassQuantity: quantity('annualMass'), growthQuantity: quantity('count', { minimum: -0.5, maximum: 0.5 }) },
  type: 'object',
  required: ['tonnesPerTeu', 'commodities', 'containerShare', 'containers', 'seasonality'],
  additionalProperties: false,
  properties: {
    note,
    tonnesPerTeu: { $ref: '#/$defs/massQuantity' },
    commodities: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'name', 'cargo', 'share', 'downstream'],
        additionalProperties: false,
        properties: {
          id,
          name,
          cargo: { enum: ['dry-bulk', 'general'] },
          share: { $ref: '#/$defs/fractionQuantity' },
          downstream: { $ref: '#/$defs/fractionQuantity' },
          sea: { $ref: '#/$defs/fractionQuantity' },
          note,
        },
      },
    },
    containerShare: { $ref: '#/$defs/fractionQuantity' },
    unrecorded: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'node', 'commodity', 'prior'],
        additionalProperties: false,
        properties: { id, name, node: id, commodity: id, prior: { $ref: '#/$defs/annualMassQuantity' }, note },
      },
    },
    growthPaths: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'tonnes', 'teu'],
        additionalProperties: false,
        properties: { id, tonnes: { $ref: '#/$defs/growthQuantity' }, teu: { $ref: '#/$defs/growthQuantity' }, note },
      },
    },
    containers: {
      type: 'object',
      required: ['downstream'],
      additionalProperties: false,
      properties: { downstream: { $ref: '#/$defs/fractionQuantity' }, sea: { $ref: '#/$defs/fractionQuantity' }, note },
    },
    seasonality: {
      type: 'array',
      minItems: 12,
      maxItems: 12,
      items: {
        type: 'object',
        required: ['month', 'value', 'unit'],
        additionalProperties: false,
        properties: {
          month: { type: 'integer', minimum: 1, maximum: 12 },
          value: { type: 'number', minimum: 0 },
          unit: { enum: ['1'] },
          source: { type: 'string', minLength: 1 },
          estimate: { type: 'string', minLength: 1 },
          note,
        },
        oneOf: [{ required: ['source'] }, { required: ['estimate'] }],
        description: PROVENANCE,
      },
    },
  },
};

/** hydrology.yaml: hydrological years (normal, dry, drought …), each with its depth reductions and line withdrawals. */
export const hydrologySchema = {
  $defs: {
    ...$defs,
    monthlyLengthQuantity: {
      type: 'object',
      required: ['value', 'unit'],
      additionalProperties: false,
      properties: {
        value: { type: 'array', items: { type: 'number', minimum: 0 }, description: 'twelve values, January first' },
        unit: { enum: Object.keys(UNITS.length) },
        source: { type: 'string', minLength: 1 },
        estimate: { type: 'string', minLength: 1 },
      },
      oneOf: [{ required: ['source'] }, { required: ['estimate'] }],
      description: PROVENANCE,
    },
  },
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['id', 'name'],
    additionalProperties: false,
    properties: {
      id,
      name,
      source: { type: 'string', minLength: 1 },
      estimate: { type: 'string', minLength: 1 },
      note,
      depthReductions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['segments', 'byMonth'],
          additionalProperties: false,
          properties: {
            segments: { type: 'array', minItems: 1, items: id },
            byMonth: { $ref: '#/$defs/monthlyLengthQuantity' },
            note,
          },
        },
      },
      lineWithdrawals: {
        type: 'array',
        items: {
          type: 'object',
          required: ['lock', 'lines', 'fromDay', 'days'],
          additionalProperties: false,
          properties: {
            lock: id,
            lines: { type: 'array', minItems: 1, items: { type: ['string', 'integer'] } },
            fromDay: { type: 'integer' },
            days: { $ref: '#/$defs/timeQuantity' },
            note,
          },
        },
      },
    },
    oneOf: [{ required: ['source'] }, { required: ['estimate'] }],
    description: `a hydrological year ${PROVENANCE}`,
  },
};

/** observed.yaml: what the locks did (records to calibrate and validate the lock model on) and the most they passed. */
const observedLines = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };
/** Whether a figure enters the demand fit or is held back to validate it. */
const use = { enum: ['fit', 'holdout'] };
export const observedSchema = {
  $defs: { ...$defs, annualMassQuantity: quantity('annualMass') },
  type: 'object',
  additionalProperties: false,
  properties: {
    lockRecords: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'lock', 'year', 'days', 'use', 'ships', 'cargo'],
        additionalProperties: false,
        properties: {
          id,
          lock: id,
          year,
          days: { $ref: '#/$defs/timeQuantity' },
          lines: observedLines,
          use: { enum: ['calibration', 'validation'] },
          ships: { $ref: '#/$defs/countQuantity' },
          shipsDown: { $ref: '#/$defs/countQuantity' },
          cargo: { $ref: '#/$defs/massQuantity' },
          cargoDown: { $ref: '#/$defs/massQuantity' },
          lockages: { $ref: '#/$defs/countQuantity' },
          waitMean: { $ref: '#/$defs/timeQuantity' },
          waitWithin: { $ref: '#/$defs/timeQuantity' },
          operatingHours: { $ref: '#/$defs/timeQuantity' },
          note,
        },
      },
    },
    portThroughput: {
      type: 'array',
      items: annualQuantity({ port: id, year, scope: { type: 'string' }, use }, ['port', 'year']),
    },
    regionThroughput: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'ports', 'year', 'use', 'tonnes'],
        additionalProperties: false,
        properties: {
          id,
          name,
          ports: { type: 'array', minItems: 1, items: id },
          year,
          use: { enum: ['holdout'], description: 'region totals only check the model (the fit takes ports and locks)' },
          tonnes: { $ref: '#/$defs/annualMassQuantity' },
          note,
        },
      },
    },
    lockPassages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['lock', 'year', 'cargo'],
        additionalProperties: false,
        properties: {
          lock: id,
          year,
          use,
          cargo: { $ref: '#/$defs/annualMassQuantity' },
          cargoDown: { $ref: '#/$defs/annualMassQuantity' },
          ships: { $ref: '#/$defs/countQuantity' },
          shipsDown: { $ref: '#/$defs/countQuantity' },
          lockages: { $ref: '#/$defs/countQuantity' },
          rated: { $ref: '#/$defs/annualMassQuantity' },
          waitMean: { $ref: '#/$defs/timeQuantity' },
          note,
        },
      },
    },
    lockMaxima: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'lock', 'year', 'tonnes', 'basis'],
        additionalProperties: false,
        properties: {
          id,
          lock: id,
          year,
          lines: observedLines,
          tonnes: { $ref: '#/$defs/annualMassQuantity' },
          basis: { enum: ['cargo', 'rated'] },
          operatingHours: { $ref: '#/$defs/timeQuantity' },
          note,
        },
      },
    },
  },
};

/**
 * JSON Schema of scenario files. scenarios/scenario.schema.json is this object
 * written out (a test keeps the two identical), so editors can autocomplete
 * and check scenario files with `# yaml-language-server: $schema=scenario.schema.json`.
 */

const positive = { type: 'number', exclusiveMinimum: 0 };
const nonNegative = { type: 'number', minimum: 0 };
const fraction = { type: 'number', minimum: 0, maximum: 1 };
const year = { type: 'integer', minimum: 1900, maximum: 2100 };
const id = { type: 'string', minLength: 1 };
/** A lock or port as people write it: its id, English or Chinese name, in any case ('guigang', 'Guigang', '贵港'; 'Guigang lock', '贵港港'). */
const lockName = { ...id, description: "A lock: its id, English or Chinese name, any case (e.g. changzhou, Changzhou, 长洲)." };
const portName = { ...id, description: "A port: its id, English or Chinese name, any case (e.g. guigang, Guigang, 贵港)." };
const zoneName = { ...id, description: 'A port or a sea gateway: its id, English or Chinese name, any case (e.g. guigang, Guigang, 贵港, hk-macau).' };
/** A scenario name's pattern (the CLI checks it again where the name becomes out/<name>). */
export const SCENARIO_NAME_PATTERN = '^(?!.*\\.\\.)[A-Za-z0-9_\\u3400-\\u9fff\\uf900-\\ufaff][A-Za-z0-9_.\\u3400-\\u9fff\\uf900-\\ufaff-]*$';

/** A scenario's name: it names the output folder and a column of compare.csv, so an identifier. */
const scenarioName = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: SCENARIO_NAME_PATTERN,
  description: "An identifier of 1–100 characters: letters, digits, '-', '_', '.' and Chinese characters, starting with a letter, a digit or a Chinese character; no spaces, slashes or '..'.",
};
const classId = { enum: ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] };
const cargo = { enum: ['dry-bulk', 'general', 'container'] };

const cycle = {
  type: 'object',
  additionalProperties: false,
  description: 'Lockage-cycle components in minutes; any left out keep the seed value.',
  properties: {
    gateOpenMin: nonNegative,
    gateCloseMin: nonNegative,
    levellingMin: nonNegative,
    entryPerVesselMin: nonNegative,
    exitPerVesselMin: nonNegative,
  },
};

const lineFields = {
  lengthM: positive,
  widthM: positive,
  sillDepthM: positive,
  designVesselT: positive,
  opened: year,
  cycle,
};

const change = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  description: 'Exactly one of addLockLine, removeLockLine, modifyLockLine, upgradeSegment, setBerths.',
  additionalProperties: false,
  properties: {
    addLockLine: {
      type: 'object',
      required: ['lock', 'id', 'lengthM', 'widthM', 'sillDepthM', 'designVesselT', 'opened'],
      additionalProperties: false,
      properties: { lock: lockName, id, name: { type: 'string' }, ...lineFields },
    },
    removeLockLine: { type: 'object', required: ['lock', 'line'], additionalProperties: false, properties: { lock: lockName, line: id } },
    modifyLockLine: {
      type: 'object',
      required: ['lock', 'line'],
      additionalProperties: false,
      properties: { lock: lockName, line: id, ...lineFields },
    },
    upgradeSegment: {
      type: 'object',
      required: ['segments', 'class', 'from'],
      additionalProperties: false,
      properties: { segments: { type: 'array', minItems: 1, items: id }, class: classId, from: year },
    },
    setBerths: {
      type: 'object',
      required: ['port', 'berths'],
      additionalProperties: false,
      description: "Merges into the port's berths: each cargo kind named here replaces that kind's berths; kinds not named keep the seeds' berths.",
      properties: {
        port: portName,
        berths: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['cargo', 'count'],
            additionalProperties: false,
            properties: {
              cargo,
              count: { type: 'integer', minimum: 1 },
              tonnesPerH: { ...positive, description: 'Handling rate a berth, tonnes an hour (dry-bulk and general berths; default: the seeds’).' },
              teuPerH: { ...positive, description: 'Handling rate a berth, TEU an hour (container berths; default: the seeds’).' },
            },
          },
        },
      },
    },
  },
};

export const scenarioSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://waterway-sim/scenario.schema.json',
  title: 'waterway-sim scenario',
  description: 'A lock-expansion or demand case for waterway-sim. Units are in the key names (M metres, T tonnes, Mt million tonnes, Min minutes).',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: scenarioName,
    description: { type: 'string' },
    extends: { type: 'string', minLength: 1, description: 'Another scenario file, relative to this one, whose settings this file starts from.' },
    network: { type: 'string', minLength: 1, description: "'xijiang' (embedded) or a path to a seed folder, relative to this file." },
    year: { ...year, description: 'The year the network is stated in: lines opened by then are in service.' },
    hydrology: {
      ...id,
      description: "A hydrological year of the network's hydrology.yaml (e.g. normal, dry, drought-2021, drought-2023): depth lost by reach and month, lock lines withdrawn. Default: normal.",
    },
    changes: { type: 'array', items: change, description: 'Applied in order, after those of the scenario extended.' },
    demand: {
      type: 'object',
      additionalProperties: false,
      properties: {
        year: { ...year, description: 'Demand year (default: the network year).' },
        basis: {
          enum: ['record', 'plan'],
          description:
            "record (default without plan keys): the year's port totals and lock counts fitted together, grown along `path` after the record; plan: the base year's port totals grown to targetMt and targetMTeu in targetYear.",
        },
        path: { ...id, description: "Growth path after the last recorded year, from the network's demand.yaml: low, central (default) or high." },
        baseYear: year,
        targetYear: year,
        targetMt: positive,
        targetMTeu: positive,
        demandScale: { ...positive, maximum: 1000, description: 'Multiplies all demand; at most 1000.' },
        gravityExponent: { ...nonNegative, maximum: 5, description: 'Distance-decay exponent of the gravity model, 0 to 5 (more leaves no demand between distant ports).' },
        seasonality: { type: 'array', minItems: 12, maxItems: 12, items: { ...nonNegative, maximum: 10 }, description: 'Twelve monthly factors, each 0 to 10.' },
        portTotals: {
          type: 'array',
          items: {
            type: 'object',
            required: ['port', 'tonnesMt'],
            additionalProperties: false,
            properties: { port: portName, tonnesMt: nonNegative, teu: nonNegative },
          },
        },
        flows: {
          type: 'array',
          items: {
            type: 'object',
            required: ['from', 'to', 'commodity'],
            additionalProperties: false,
            properties: { from: zoneName, to: zoneName, commodity: id, tonnesMt: nonNegative, teu: nonNegative },
          },
        },
      },
    },
    fleet: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mixYear: { ...year, description: 'Year whose fleet mix applies (default: the network year).' },
        shares: { type: 'object', additionalProperties: fraction, description: 'Share of voyages by vessel class id, within its cargo kind; overrides the mix.' },
      },
    },
    closures: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maintenanceDaysPerLine: { type: 'object', additionalProperties: nonNegative, description: 'By lock: id, English or Chinese name.' },
        floodClosureDays: { type: 'object', additionalProperties: nonNegative, description: 'By lock (id, English or Chinese name), whole-lock days a year.' },
        floodSpellMeanDays: { type: 'number', minimum: 0.1, maximum: 365, description: 'Mean length of a flood closure spell, 0.1 to 365 days.' },
        extra: {
          type: 'array',
          items: {
            type: 'object',
            required: ['lock', 'fromDay', 'toDay'],
            additionalProperties: false,
            properties: { lock: lockName, line: id, fromDay: { type: 'number' }, toDay: { type: 'number' } },
          },
        },
      },
    },
    lockage: {
      type: 'object',
      description: "By lock (id, English or Chinese name): how the lock assembles a lockage; what is left out keeps the seed's rule.",
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          rule: { enum: ['immediate', 'fill', 'timetable'] },
          priority: { enum: ['fcfs', 'points'] },
          fillShare: { ...fraction, description: 'Share of the chamber area the packed vessels must cover before a fill lockage starts.' },
          maxHoldMin: { ...nonNegative, description: 'Longest the first vessel aboard waits for the chamber to fill, minutes.' },
          intervalMin: { ...positive, description: 'Timetable: minutes between lockage slots.' },
          offsetMin: { ...nonNegative, description: 'Timetable: minutes after midnight of the first slot.' },
          pointsEntryExit: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: "Points: per-vessel entry and exit time as a share of the seed's." },
          pointsJumpShare: { ...fraction, description: 'Points: share of vessels that redeem points for a place up the queue.' },
        },
      },
    },
    admission: {
      type: 'object',
      additionalProperties: false,
      properties: {
        classTonnageCap: { type: 'boolean', description: "Refuse vessels heavier than a reach's class design vessel (default false: only depth and chamber size limit)." },
      },
    },
    horizon: {
      type: 'object',
      additionalProperties: false,
      properties: { years: { type: 'number', exclusiveMinimum: 0, maximum: 50 }, warmupDays: { type: 'number', minimum: 0, maximum: 3650 } },
    },
    replications: { type: 'integer', minimum: 1, maximum: 10000 },
    seed: {
      type: ['integer', 'string'],
      minimum: -9007199254740991,
      maximum: 9007199254740991,
      maxLength: 200,
      description: 'A whole number within ±(2^53 − 1), larger ones cannot be kept exactly (quote it to make it a word), or a word.',
    },
    targets: {
      type: 'object',
      additionalProperties: false,
      properties: { tonnesMt: positive, teuM: positive },
    },
  },
  required: ['name'],
};

/** The seed network in internal units (SI: m, s, t, m/s; flows per year). */

export type ClassId = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI' | 'VII';
export const CLASS_IDS: readonly ClassId[] = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
export type CargoKind = 'dry-bulk' | 'general' | 'container';
export const CARGO_KINDS: readonly CargoKind[] = ['dry-bulk', 'general', 'container'];

export interface Named {
  en: string;
  zh: string;
}

/** Where a figure comes from: exactly one of the two. */
export interface Provenance {
  source?: string;
  estimate?: string;
}

/** The size of a vessel, as far as channels and chambers care. */
export interface VesselSize {
  deadweightT: number;
  lengthM: number;
  beamM: number;
  draughtM: number;
}

export interface ChannelClass {
  id: ClassId;
  /** The largest vessel the class admits. */
  vessel: VesselSize;
  depthM: number;
}

export type NodeKind = 'port-site' | 'junction' | 'lock-site' | 'gateway';

export interface WaterwayNode {
  id: string;
  name: Named;
  kind: NodeKind;
  lat: number;
  lon: number;
}

export interface Segment {
  id: string;
  river: Named;
  /** Upstream end. */
  from: string;
  /** Downstream end. */
  to: string;
  lengthM: number;
  /** Class by year, ascending; the latest year ≤ Y applies. */
  classByYear: { year: number; class: ClassId }[];
  /** Stated depth; the class's depth applies when absent. */
  depthM?: number;
  /** Mean downstream current. */
  currentMps: number;
  oneWay: boolean;
}

/** The parts of one lockage cycle. */
export interface CycleComponents {
  gateOpenS: number;
  gateCloseS: number;
  /** One fill or one empty. */
  levellingS: number;
  entryPerVesselS: number;
  exitPerVesselS: number;
}

export interface LockLine {
  id: string;
  name: Named;
  lengthM: number;
  widthM: number;
  sillDepthM: number;
  designVesselT: number;
  /** Year in service (or planned). */
  opened: number;
  planned: boolean;
  cycle: CycleComponents;
}

/**
 * How a lock assembles a lockage (the lock master's rule):
 * - immediate: a chamber starts as soon as one vessel waits on its side;
 * - fill: it waits until the packed vessels cover fillShare of the chamber's area, or no
 *   waiting vessel fits any more, or the first aboard has waited maxHoldS, or the far side
 *   has vessels waiting that no other chamber is coming for;
 * - timetable: lockages start only at offsetS + k × intervalS in the day.
 * Priority orders the waiting vessels: first come first served, or points (see model/lockage.ts).
 */
export interface LockagePolicy {
  rule: 'immediate' | 'fill' | 'timetable';
  fillShare: number;
  maxHoldS: number;
  intervalS: number;
  offsetS: number;
  priority: 'fcfs' | 'points';
  /** Under points: per-vessel entry and exit times as a share of the seed's (the scheme rewards quick passage). */
  pointsEntryExit: number;
  /** Under points: share of vessels that spend points to jump the queue. */
  pointsJumpShare: number;
  /** The first network year the points priority applies (earlier years run first come first served). */
  pointsFromYear: number;
}

export interface Lock {
  id: string;
  name: Named;
  node: string;
  kind: 'lock' | 'lift';
  /** Year the dam closed the river; before it, the site is open river. */
  damClosed?: number;
  headM: number;
  operatingSPerDay: number;
  maintenanceSPerYear: number;
  floodClosureSPerYear: number;
  floodSeason: number[];
  cycle: CycleComponents;
  lockage: LockagePolicy;
  lines: LockLine[];
  designCapacity: { lines: string[]; tonnesPerYear: number; year?: number; provenance: Provenance }[];
}

export interface Berth {
  cargo: CargoKind;
  count: number;
  /** Handling rate per berth, per second, in tonnes or TEU. */
  ratePerS: number;
  rateUnit: 't' | 'TEU';
}

export interface Port {
  id: string;
  name: Named;
  node: string;
  /** Where its traffic is handled: the port's node alone, or port areas with their shares. */
  areas: { node: string; share: number }[];
  tier: 'major' | 'important' | 'other';
  mainLine: boolean;
  berths: Berth[];
  /** Annual throughput figures: ports.yaml's own and observed.yaml's portThroughput. */
  throughput: PortFigure[];
}

/** One annual port figure. `holdout` figures are kept out of the demand fit, to validate it. */
export interface PortFigure {
  year: number;
  tonnes?: number;
  teu?: number;
  scope?: string;
  use: 'fit' | 'holdout';
  provenance: Provenance;
}

/** A region's port throughput in a year, for the ports of the model it covers (it may cover others too). */
export interface RegionFigure {
  id: string;
  name: Named;
  ports: string[];
  year: number;
  use: 'fit' | 'holdout';
  tonnes: number;
  provenance: Provenance;
}

/**
 * What passed a lock in one year (observed.yaml lockPassages), both directions unless said;
 * cargo in tonnes, waits in seconds. `holdout` entries are kept out of the demand fit.
 */
export interface LockPassage {
  lock: string;
  year: number;
  use: 'fit' | 'holdout';
  cargoT: number;
  cargoDownT?: number;
  ships?: number;
  shipsDown?: number;
  lockages?: number;
  /** Rated deadweight of the ships passed (核载吨位), tonnes. */
  ratedT?: number;
  waitMeanS?: number;
  provenance: Provenance;
}

export interface VesselClass extends VesselSize {
  id: string;
  cargo: CargoKind[];
  teu: number;
  speedLoadedMps: number;
  speedEmptyMps: number;
  loadFactor: number;
  share: number;
  share2020?: number;
  /** The mix of the mid-2020s (extension): shares move linearly from share2020 to it by 2025. */
  share2025?: number;
}

export interface SeedNetwork {
  /** Folder it was read from. */
  dir: string;
  id: string;
  name: Named;
  baseYear: number;
  years: number[];
  classes: Map<ClassId, ChannelClass>;
  nodes: WaterwayNode[];
  segments: Segment[];
  locks: Lock[];
  ports: Port[];
  fleet: VesselClass[];
  /** The shape of demand, when the folder has a demand.yaml. */
  demand?: DemandShape;
  /** Hydrological years by id (hydrology.yaml); 'normal', with no reductions, is always there. */
  hydrology: Map<string, Hydrology>;
  /** The seeds' observed.yaml: lock records and maxima (empty without the file). */
  lockRecords: LockRecord[];
  lockMaxima: LockMaximum[];
  /** The seeds' observed.yaml: each lock's passages by year. */
  lockPassages: LockPassage[];
  /** The seeds' observed.yaml: throughput of a group of ports (a province's inland ports) by year. */
  regionThroughput: RegionFigure[];
  /** Every figure read, with where it comes from (for SOURCES.md checks and reports). */
  figures: SeedFigure[];
  /** The seeds' courses.yaml: where the channels run, for maps only. */
  map?: NetworkMap;
}

/** A channel's course: [lon, lat] points from its upstream node to its downstream node. */
export interface ChannelCourse {
  line: [number, number][];
  provenance: Provenance;
}

/** What a map of the network draws besides its nodes: the channels' courses by segment id, and the coastline. */
export interface NetworkMap {
  courses: Map<string, ChannelCourse>;
  coast: { lines: [number, number][][]; source: string };
}

/** A figure read from the seeds: where it is, where it comes from, its value and, when uncertain, its range (internal units). */
export interface SeedFigure {
  file: string;
  path: string;
  /** The path as keys and indices, for setting the figure (loadSeeds overrides). */
  at: (string | number)[];
  /** As written in the file: value, unit and, when uncertain, the range. */
  written?: { value: number; unit: string; low?: number; high?: number };
  provenance: Provenance;
  value?: number;
  range?: { low: number; high: number };
}

/** A commodity group of the demand model (seeds' demand.yaml). */
export interface Commodity {
  id: string;
  name: Named;
  cargo: 'dry-bulk' | 'general';
  /** Share of non-container tonnage. */
  share: number;
  /** Share of its tonnes that move downstream, toward the delta. */
  downstream: number;
  /** Share of the ports' throughput of it that moves to or from the sea gateway. */
  sea: number;
}

/** The shape of demand: what moves, which way, and when in the year. */
export interface DemandShape {
  tonnesPerTeu: number;
  commodities: Commodity[];
  containerShare: number;
  containersDownstream: number;
  containersSea: number;
  /** Monthly factors, January first, mean 1. */
  seasonality: number[];
  /** Traffic that port statistics miss, as zones of their own (sized by the fit to lock counts). */
  unrecorded: UnrecordedTraffic[];
  /** Named growth paths after the record (low / central / high). */
  growthPaths: GrowthPath[];
}

/** Loading that no port counts (private wharves, river sand and stone): a zone at a node. */
export interface UnrecordedTraffic {
  id: string;
  name: Named;
  node: string;
  commodity: string;
  /** The prior size, tonnes a year, before the fit to lock counts scales it. */
  priorT: number;
  provenance: Provenance;
}

/** Growth a year after the last recorded year, as a fraction (0.04 = 4%/yr). */
export interface GrowthPath {
  id: string;
  tonnesPerYear: number;
  teuPerYear: number;
  provenance: Provenance;
}

/**
 * What a lock did over a period, from its operator's bulletins: the traffic (ships, cargo, by
 * direction where known) and how it was locked through (lockages, waits). Calibration records
 * set the lock model's estimates; validation records are held out to test it.
 */
export interface LockRecord {
  id: string;
  lock: string;
  year: number;
  /** Length of the period, days (a month, a year). */
  days: number;
  /** Lines in service over the period; all lines open in the year when absent. */
  lines?: string[];
  use: 'calibration' | 'validation';
  ships: number;
  /** Ships going downstream; half when absent. */
  shipsDown?: number;
  /** Cargo carried, tonnes, both ways. */
  cargoT: number;
  cargoDownT?: number;
  lockages?: number;
  /** Mean wait reported, s; or the most a wait took, when the record says 'within'. */
  waitMeanS?: number;
  waitWithinS?: number;
  /** Hours a day the lock worked in the period, where it differs from the seeds. */
  operatingSPerDay?: number;
  provenance: Provenance;
}

/** The most a lock (or some of its lines) passed in a year: the model's maximum must not fall below it. */
export interface LockMaximum {
  id: string;
  lock: string;
  year: number;
  lines?: string[];
  /** Tonnes a year, both ways: cargo, or the ships' rated deadweight where the record counts that. */
  tonnesPerYear: number;
  basis: 'cargo' | 'rated';
  /** Hours a day the lock worked that year, where it differs from the seeds. */
  operatingSPerDay?: number;
  provenance: Provenance;
}

/** A hydrological year: water below normal by reach and month, and lock lines the head puts out of range. */
export interface Hydrology {
  id: string; // e.g. 'normal', 'dry', 'drought-2021', 'drought-2023'
  name: Named;
  /** Depth below the normal navigable depth, m, by month (January first, 12 values), per group of segments. */
  depthReductions: { segments: string[]; byMonthM: number[]; provenance: Provenance }[];
  /** Spells (calendar days from 1 January, fromDay inclusive) in which these lines of a lock are withdrawn: head out of range. */
  lineWithdrawals: { lock: string; lines: string[]; fromDay: number; days: number; provenance: Provenance }[];
  provenance: Provenance;
}

/** The year with no reductions and no withdrawals, there whether or not hydrology.yaml defines it. */
export const NORMAL_HYDROLOGY: Hydrology = {
  id: 'normal',
  name: { en: 'Normal year', zh: '平水年' },
  depthReductions: [],
  lineWithdrawals: [],
  provenance: { estimate: 'the seeds as they stand: channel depths of the class, every line in service' },
};

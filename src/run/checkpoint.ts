import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplicationResult } from '../model/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import type { Task } from './pool.js';

/** Hash of everything that shapes the results (not the texts' comments, not the file names). */
export function scenarioHash(s: ResolvedScenario): string {
  const { texts: _t, files: _f, description: _d, warnings: _w, ...content } = s;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

/**
 * Finished replications on disk, one file each, keyed by everything that
 * decides the result: the scenario's hash, the variant, the seed, the stream
 * key, the replication and the package version. A long sweep that is stopped
 * loses nothing: run again with the same store and only the missing ones run.
 */
export class ResultStore {
  constructor(
    readonly dir: string,
    private readonly version: string,
    /** Where a stored replication that cannot be used is reported (one line). */
    private readonly notice: (line: string) => void = (line) => process.stderr.write(`waterway-sim: ${line}\n`),
  ) {}

  key(task: Task): string {
    const { scenario, variant, seed, streamKey, scenarioKey, replication } = task;
    return createHash('sha256')
      .update(JSON.stringify({ v: this.version, scenario: scenarioHash(scenario), variant: variant ?? null, seed, streamKey: streamKey ?? scenarioKey, replication }))
      .digest('hex')
      .slice(0, 32);
  }

  /**
   * The stored result of a task, or undefined to run it (again). The file must
   * be for this very task (scenario hash, variant, seed, stream, replication,
   * version), its content must match its sha256 digest and have the shape of a
   * result; anything else is set aside with a notice and run again.
   */
  load(task: Task): ReplicationResult | undefined {
    const file = join(this.dir, `${this.key(task)}.json`);
    if (!existsSync(file)) return undefined;
    let why: string;
    try {
      const text = readFileSync(file, 'utf8');
      const cut = text.indexOf('\n');
      const header = JSON.parse(cut < 0 ? text : text.slice(0, cut)) as Record<string, unknown>;
      const content = cut < 0 ? '' : text.slice(cut + 1);
      const want = this.header(task, content);
      const ok = header !== null && typeof header === 'object' && header.format === FORMAT;
      const wrong = ok ? Object.keys(want).find((k) => JSON.stringify(header[k]) !== JSON.stringify(want[k as keyof typeof want])) : undefined;
      if (!ok) why = 'not a stored replication of this format';
      else if (wrong === 'digest') why = 'its content does not match its sha256 digest';
      else if (wrong) why = `it is for another ${wrong === 'scenario' ? 'scenario' : wrong === 'v' ? 'package version' : wrong}`;
      else {
        const result = JSON.parse(content, revive) as unknown;
        const bad = shapeProblem(result, RESULT, 'result');
        if (bad) why = `bad shape: ${bad}`;
        else if ((result as ReplicationResult).seed !== task.seed || (result as ReplicationResult).replication !== task.replication) why = 'its seed or replication is not the one asked for';
        else return result as ReplicationResult;
      }
    } catch (err) {
      why = err instanceof SyntaxError ? 'not valid JSON' : `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
    }
    this.notice(`ignored stored replication ${file}: ${why}; running it again`);
    return undefined;
  }

  /** What a stored replication of `task` must say about itself. */
  private header(task: Task, content: string) {
    const { scenario, variant, seed, streamKey, scenarioKey, replication } = task;
    return { format: FORMAT, v: this.version, scenario: scenarioHash(scenario), variant: variant ?? null, seed, streamKey: streamKey ?? scenarioKey, replication, digest: sha256(content) };
  }

  /** Written whole or not at all, so a stop mid-write leaves no half file. */
  save(task: Task, result: ReplicationResult): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${this.key(task)}.json`);
    const tmp = `${file}.partial-${process.pid}`;
    const content = JSON.stringify(result, replace);
    writeFileSync(tmp, `${JSON.stringify(this.header(task, content))}\n${content}`);
    renameSync(tmp, file);
  }

  count(): number {
    return existsSync(this.dir) ? readdirSync(this.dir).filter((f) => f.endsWith('.json')).length : 0;
  }

  /** Removes the stored replications, and the folder if nothing else is in it: files it did not write are left alone. */
  clear(): void {
    if (!existsSync(this.dir)) return;
    for (const e of readdirSync(this.dir, { withFileTypes: true })) if (e.isFile() && STORED.test(e.name)) rmSync(join(this.dir, e.name), { force: true });
    try {
      rmdirSync(this.dir);
    } catch {
      // not empty: someone else's files
    }
  }
}

const FORMAT = 'waterway-sim/replication@2';
/** The files a store writes: `<key>.json`, and `<key>.json.partial-<pid>` while writing. */
const STORED = /^[0-9a-f]{32}\.json(\.partial-\d+)?$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The shape of a ReplicationResult (src/model/kpis.ts), checked before a stored one is used. */
type Shape = 'number' | 'string' | 'boolean' | 'number|string' | readonly [Shape] | { readonly [k: string]: Shape };
const NAME: Shape = { en: 'string', zh: 'string' };
const TRAFFIC = { lockages: 'number', vesselsUp: 'number', vesselsDown: 'number', tonnesUp: 'number', tonnesDown: 'number', utilisation: 'number', workingH: 'number', vesselsPerLockage: 'number', tonnesPerLockage: 'number', meanAreaFill: 'number', closureH: 'number', icRatio: 'number' } as const;
const RESULT: Shape = {
  network: 'string',
  year: 'number',
  seed: 'number|string',
  replication: 'number',
  measuredDays: 'number',
  warmupDays: 'number',
  mainLine: { tonnes: 'number', teu: 'number', targetTonnes: 'number', targetTeu: 'number', tonnesReached: 'boolean', teuReached: 'boolean' },
  ports: [{ id: 'string', name: NAME, mainLine: 'boolean', loadedT: 'number', unloadedT: 'number', throughputT: 'number', teu: 'number', capacityT: 'number', capacityTeu: 'number', berths: [{ cargo: 'string', berths: 'number', ratePerH: 'number', rateUnit: 'string', utilisation: 'number', meanWaitH: 'number', calls: 'number', capacity: 'number', queuedAtEnd: 'number' }] }],
  locks: [{ ...TRAFFIC, id: 'string', name: NAME, lines: [{ ...TRAFFIC, id: 'string', emptyLockages: 'number' }], waitMeanH: 'number', waitP90H: 'number', waitMaxH: 'number', waitMeanUpH: 'number', waitMeanDownH: 'number', waitMeanOpenH: 'number', waitP90OpenH: 'number', waitShares: ['number'], queueMean: 'number', queueMax: 'number', shareOfWaiting: 'number', queuedAtEnd: 'number' }],
  net: { voyagesStarted: 'number', voyagesCompleted: 'number', offeredT: 'number', servedT: 'number', backlogT: 'number', backlogVessels: 'number', backlogAt: [{ place: 'string', vessels: 'number', tonnes: 'number' }], meanTransitH: 'number', totalLockWaitH: 'number' },
  conservation: { ok: 'boolean', vesselsGenerated: 'number', vesselsFinished: 'number', vesselsSailing: 'number', vesselsAtLocks: 'number', vesselsAtPorts: 'number', tonnesLoaded: 'number', tonnesUnloaded: 'number', tonnesAfloat: 'number', problems: ['string'] },
  warnings: ['string'],
  events: 'number',
};

/** Where a value departs from a shape (`result.locks[2].waitMeanH: expected a number`), or null. */
export function shapeProblem(v: unknown, shape: Shape, path: string): string | null {
  if (typeof shape === 'string') return shape.split('|').includes(typeof v) ? null : `${path}: expected a ${shape.replace('|', ' or ')}`;
  if (Array.isArray(shape)) {
    if (!Array.isArray(v)) return `${path}: expected a list`;
    for (let i = 0; i < v.length; i++) {
      const p = shapeProblem(v[i], shape[0] as Shape, `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return `${path}: expected an object`;
  for (const [k, s] of Object.entries(shape as Record<string, Shape>)) {
    const p = shapeProblem((v as Record<string, unknown>)[k], s, `${path}.${k}`);
    if (p) return p;
  }
  return null;
}

/** Results as JSON text that keeps NaN, ±Infinity and −0: a result sent over a queue equals the one computed. */
export function serializeResults(results: readonly ReplicationResult[]): string {
  return JSON.stringify(results, replace);
}

export function parseResults(text: string): ReplicationResult[] {
  return JSON.parse(text, revive) as ReplicationResult[];
}

// JSON has no NaN, ±Infinity or −0; results hold them (a mean of nothing), and a resumed run must equal a fresh one.
const NUM = '$number';
function replace(_k: string, v: unknown): unknown {
  return typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { [NUM]: Object.is(v, -0) ? '-0' : String(v) } : v;
}
function revive(_k: string, v: unknown): unknown {
  return v !== null && typeof v === 'object' && NUM in v && Object.keys(v).length === 1 ? Number((v as Record<string, string>)[NUM]) : v;
}

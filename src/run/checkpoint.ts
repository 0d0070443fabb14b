import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplicationResult } from '../model/index.js';
import type { ResolvedScenario } from '../scenario/load.js';
import type { Task } from './pool.js';

/** Hash of everything that shapes the results (not the texts' comments, not the file names). */
export function scenarioHash(s: ResolvedScenario): string {
  const { texts: _t, files: _f, description: _d, ...content } = s;
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
  ) {}

  key(task: Task): string {
    const { scenario, variant, seed, streamKey, scenarioKey, replication } = task;
    return createHash('sha256')
      .update(JSON.stringify({ v: this.version, scenario: scenarioHash(scenario), variant: variant ?? null, seed, streamKey: streamKey ?? scenarioKey, replication }))
      .digest('hex')
      .slice(0, 32);
  }

  load(task: Task): ReplicationResult | undefined {
    const file = join(this.dir, `${this.key(task)}.json`);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8'), revive) as ReplicationResult;
    } catch {
      return undefined; // a damaged file is run again
    }
  }

  /** Written whole or not at all, so a stop mid-write leaves no half file. */
  save(task: Task, result: ReplicationResult): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${this.key(task)}.json`);
    const tmp = `${file}.partial-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(result, replace));
    renameSync(tmp, file);
  }

  count(): number {
    return existsSync(this.dir) ? readdirSync(this.dir).filter((f) => f.endsWith('.json')).length : 0;
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// JSON has no NaN, ±Infinity or −0; results hold them (a mean of nothing), and a resumed run must equal a fresh one.
const NUM = '$number';
function replace(_k: string, v: unknown): unknown {
  return typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { [NUM]: Object.is(v, -0) ? '-0' : String(v) } : v;
}
function revive(_k: string, v: unknown): unknown {
  return v !== null && typeof v === 'object' && NUM in v && Object.keys(v).length === 1 ? Number((v as Record<string, string>)[NUM]) : v;
}

/**
 * Loaded seed folders kept on disk between runs: reading, checking and converting the
 * Xijiang seeds takes about half a second, and every command does it. An entry is keyed by
 * the folder's files' content and by the code that reads them, so an edited seed file, or a
 * new build, is never served an old network. Best effort: any failure reads the folder afresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { SeedNetwork } from './types.js';

const CACHE_DIR = join(tmpdir(), `waterway-sim-${process.getuid?.() ?? 'user'}`, 'seeds');

let codeHash: string | undefined;
/** The reading code's own content: this folder's and input/'s modules. */
function readerHash(): string {
  if (codeHash) return codeHash;
  const h = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..', 'input')]) {
    for (const f of readdirSync(dir).sort()) if (/\.(js|ts|cjs)$/.test(f)) h.update(f).update(readFileSync(join(dir, f)));
  }
  return (codeHash = h.digest('hex'));
}

/** The key of a folder's current content, or null when caching is off. */
export function seedCacheKey(dir: string, fileNames: readonly string[]): string | null {
  if (process.env.WATERWAY_SIM_NO_SEED_CACHE) return null;
  try {
    const h = createHash('sha256').update(readerHash());
    for (const name of fileNames) {
      const path = join(dir, name);
      h.update(name).update('\0');
      if (existsSync(path)) h.update(readFileSync(path));
      else h.update('(absent)');
    }
    return h.digest('hex').slice(0, 40);
  } catch {
    return null;
  }
}

export function readCachedSeeds(key: string, dir: string): SeedNetwork | undefined {
  try {
    const file = join(CACHE_DIR, `${key}.bin`);
    if (!existsSync(file)) return undefined;
    const seeds = deserialize(readFileSync(file)) as SeedNetwork;
    // The same content in another folder is the same network, read from there.
    return { ...seeds, dir };
  } catch {
    return undefined;
  }
}

export function writeCachedSeeds(key: string, seeds: SeedNetwork): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
    const file = join(CACHE_DIR, `${key}.bin`);
    const tmp = `${file}.${process.pid}.partial`;
    writeFileSync(tmp, serialize(seeds));
    renameSync(tmp, file);
  } catch {
    // a cache that cannot be written is only slower
  }
}

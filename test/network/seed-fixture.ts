import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadSeeds } from '../../src/network/index.js';
import { refusals } from '../helpers.js';

export const SEEDS = join(process.cwd(), 'seeds', 'xijiang');

/** A copy of the embedded seeds with edits applied, for testing what broken data does. */
export function brokenSeeds(edit: (files: { get(name: string): ReturnType<typeof parseDocument>; raw(name: string, f: (text: string) => string): void }) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'waterway-seeds-'));
  cpSync(SEEDS, dir, { recursive: true });
  const docs = new Map<string, ReturnType<typeof parseDocument>>();
  edit({
    get(name) {
      let d = docs.get(name);
      if (!d) docs.set(name, (d = parseDocument(readFileSync(join(dir, `${name}.yaml`), 'utf8'))));
      return d;
    },
    raw(name, f) {
      const p = join(dir, `${name}.yaml`);
      writeFileSync(p, f(readFileSync(p, 'utf8')));
    },
  });
  for (const [name, d] of docs) writeFileSync(join(dir, `${name}.yaml`), d.toString());
  return dir;
}

/** What the loader says of a broken seed copy (it must refuse it). */
export function seedProblems(dir: string): string[] {
  return refusals(() => loadSeeds(dir, 'seeds/broken'), 'the broken seeds');
}

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.js';

/**
 * Writes a set of files into a folder all or nothing: into a fresh sibling
 * temporary folder first, then each is renamed into place. A failure before
 * the renames leaves the folder as it was.
 */
export function writeOutputs(dir: string, files: Record<string, string>): string[] {
  const tmp = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(tmp, name), content);
    mkdirSync(dir, { recursive: true });
    for (const name of Object.keys(files)) renameSync(join(tmp, name), join(dir, name));
    return Object.keys(files).map((n) => join(dir, n));
  } catch (err) {
    throw new UserError(`cannot write the outputs to ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.js';
import { noteWritten } from './interrupt.js';

/** Marks a folder as waterway-sim's output, so that a later run may replace it whole. */
const MARKER = '.waterway-sim';
/** What earlier versions wrote, before the marker: such a folder is ours too. */
const OURS = /^(summary\.json|report\.html|[a-z0-9-]+\.(csv|json))$/;

/**
 * Writes a set of files as one folder, all or nothing: into a fresh sibling
 * temporary folder first, which then takes the place of the old folder, so the
 * folder never mixes two runs' files. The function is synchronous, so Ctrl-C
 * (handled in main) cannot land in the middle: the folder is the old one, the
 * new one, or (for an instant between two renames) absent.
 */
export function writeOutputs(dir: string, files: Record<string, string>): string[] {
  const tmp = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  const old = join(dirname(dir), `.${basename(dir)}.old-${process.pid}`);
  if (existsSync(dir)) {
    const foreign = readdirSync(dir).filter((f) => f !== MARKER && !OURS.test(f));
    if (foreign.length > 0 && !existsSync(join(dir, MARKER)))
      throw new UserError(`${dir} holds files waterway-sim did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); give another --out, or empty it`);
  }
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(tmp, name), content);
    writeFileSync(join(tmp, MARKER), `${JSON.stringify({ files: Object.keys(files) })}\n`);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    noteWritten(dir);
    return Object.keys(files).map((n) => join(dir, n));
  } catch (err) {
    // Put the old folder back if the new one did not take its place.
    if (existsSync(old) && !existsSync(dir)) renameSync(old, dir);
    throw new UserError(`cannot write the outputs to ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

/** One file written whole or not at all: a temporary sibling renamed into place. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    throw new UserError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

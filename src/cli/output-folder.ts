import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { SCENARIO_NAME_PATTERN } from '../scenario/schema.js';
import { UserError } from './errors.js';
import { noteWritten } from './interrupt.js';

/** Lists the files of a waterway-sim output folder with their sha256, so that a later run may replace it whole. */
const MARKER = '.waterway-sim';
const MARKER_FORMAT = 'waterway-sim/output@2';

/** Longest scenario name, in characters, and in bytes as a folder name (with room for `-bottlenecks` and the temporary siblings). */
export const NAME_MAX_CHARS = 100;
const NAME_MAX_BYTES = 200;
/** The scenario schema's rule: ASCII letters, digits, '_', '-', '.', Chinese characters; no leading '.' or '-', no '..'. */
const NAME = new RegExp(SCENARIO_NAME_PATTERN);

/** Why a scenario name cannot be an output folder's name, or null when it can. */
export function scenarioNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'it is empty';
  if ([...name].length > NAME_MAX_CHARS) return `it is longer than ${NAME_MAX_CHARS} characters`;
  if (Buffer.byteLength(name) > NAME_MAX_BYTES) return `it is longer than a folder name may be (${NAME_MAX_BYTES} bytes in UTF-8, e.g. 66 Chinese characters)`;
  if (!NAME.test(name)) return "use letters, digits, '-', '_', '.' and Chinese characters only, starting with a letter, a digit or a Chinese character (no '/', '\\', '..', spaces or control characters)";
  return null;
}

/** The default output folder out/<scenario name><suffix>; an unsafe name is refused before anything runs. */
export function defaultOutFolder(scenarioName: string, suffix = ''): string {
  const why = scenarioNameProblem(scenarioName);
  if (why) throw new UserError(`scenario name ${show(String(scenarioName))} cannot name its output folder: ${why}; rename the scenario or give --out`);
  return join('out', `${scenarioName}${suffix}`);
}

/** A path as the user gave it, on one line and not too long. */
function show(text: string): string {
  const cut = [...text].length > 80 ? `${[...text].slice(0, 60).join('')}…` : text;
  return /[\x00-\x1f\x7f]/.test(cut) || cut !== text ? JSON.stringify(cut) : cut;
}

/** Filesystems that hold no user files (proc, sysfs, devpts, debugfs, tracefs, securityfs, cgroup, cgroup2, bpf, pstore, configfs). */
const SYSTEM_FS = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x64626720, 0x74726163, 0x73636673, 0x27e0eb, 0x63677270, 0xcafe4a11, 0x6165676c, 0x62656570]);
const SYSTEM_PREFIXES = ['/proc', '/sys', '/dev'];
/** Room left in a name for the siblings written beside it (`.<name>.partial-<pid>`). */
const SIBLING_BYTES = 24;

function what(st: Stats): string {
  return st.isFile() ? 'a file' : st.isDirectory() ? 'a folder' : 'a device or other special file';
}

/**
 * Checks an output path before anything runs, and returns its real absolute
 * path: not empty, no NUL byte, names short enough, nothing but folders on the
 * way, not on a system filesystem (/proc, /sys, /dev), and a writable nearest
 * existing folder. `kind` is what the path itself must be if it exists.
 */
export function checkOutputPath(given: string, flag: string, kind: 'folder' | 'file'): string {
  try {
    return checkPath(given, flag, kind);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${flag} ${show(String(given))}: cannot check the path (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function checkPath(given: string, flag: string, kind: 'folder' | 'file'): string {
  const fail = (why: string) => new UserError(`${flag} ${show(given)}: ${why}`);
  if (typeof given !== 'string') throw fail('not a path');
  if (given === '') throw fail('an empty path');
  if (given.includes('\0')) throw fail('the path holds a NUL byte');
  const abs = resolve(given);
  if (Buffer.byteLength(abs) > 4000) throw fail('the path is too long');
  const parts = abs.split(sep).filter(Boolean);
  if (parts.length === 0) throw fail('the root folder cannot be an output');
  const long = parts.find((p) => Buffer.byteLength(p) > 255);
  if (long) throw fail(`the name ${show(long)} is too long (more than 255 bytes)`);
  if (Buffer.byteLength(basename(abs)) > 255 - SIBLING_BYTES) throw fail(`the name is too long (at most ${255 - SIBLING_BYTES} bytes)`);
  // The nearest existing folder on the way.
  let anc = dirname(abs);
  for (;;) {
    let st: Stats;
    try {
      st = statSync(anc);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fail(`cannot look at ${show(anc)} (${code})`);
      if (code === 'ENOENT' && lstatOrNull(anc)) throw fail(`${show(anc)} is a broken symbolic link`);
      anc = dirname(anc);
      continue;
    }
    if (!st.isDirectory()) throw fail(`${show(anc)} is ${what(st)}, not a folder`);
    break;
  }
  const real = realpathSync(anc);
  const prefix = SYSTEM_PREFIXES.find((p) => real === p || real.startsWith(`${p}/`));
  if (prefix) throw fail(`${prefix} is a system filesystem, not a place for outputs`);
  try {
    if (SYSTEM_FS.has(Number(statfsSync(real).type))) throw fail(`${show(real)} is on a system filesystem, not a place for outputs`);
  } catch (err) {
    if (err instanceof UserError) throw err;
  }
  try {
    accessSync(real, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(`cannot write in ${show(real)} (${code === 'EROFS' ? 'a read-only filesystem' : code === 'EACCES' ? 'permission denied' : code})`);
  }
  const target = join(real, relative(anc, abs));
  if (anc !== dirname(abs)) return target;
  const lst = lstatOrNull(target);
  if (!lst) return target;
  if (lst.isSymbolicLink()) {
    let to: string;
    try {
      to = realpathSync(target);
    } catch {
      throw fail('a broken symbolic link');
    }
    return checkPath(to, flag, kind);
  }
  if (kind === 'folder' && !lst.isDirectory()) throw fail(`it is ${what(lst)}, not a folder`);
  if (kind === 'file' && !lst.isFile()) throw fail(`it is ${what(lst)}, not a file to replace`);
  return target;
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Why an existing folder may not be replaced, or null when it may: it is empty,
 * or it holds nothing but the files its marker lists, each as written (sha256).
 */
export function replaceProblem(dir: string): string | null {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.length === 0) return null;
  const list = (names: string[]) => `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
  if (!entries.some((e) => e.name === MARKER && e.isFile()))
    return `it holds files waterway-sim did not write (${list(entries.map((e) => e.name))}) and no ${MARKER} marker`;
  let files: Record<string, unknown> = {};
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { format?: unknown; files?: unknown };
    if (marker.format !== MARKER_FORMAT || typeof marker.files !== 'object' || marker.files === null || Array.isArray(marker.files)) throw new Error();
    files = marker.files as Record<string, unknown>;
  } catch {
    return `its ${MARKER} marker is damaged or from an older waterway-sim (no file hashes)`;
  }
  for (const e of entries) {
    if (e.name === MARKER) continue;
    if (!e.isFile()) return `${e.name} is ${e.isDirectory() ? 'a sub-folder' : 'a link or special file'} waterway-sim did not write`;
    const want = Object.hasOwn(files, e.name) ? files[e.name] : undefined;
    if (typeof want !== 'string') return `${e.name} is not a file waterway-sim wrote`;
    if (sha256(readFileSync(join(dir, e.name))) !== want) return `${e.name} was changed since waterway-sim wrote it`;
  }
  return null;
}

function refuseForeign(given: string, real: string): void {
  let why: string | null;
  try {
    why = replaceProblem(real);
  } catch (err) {
    why = `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
  if (why) throw new UserError(`--out ${show(given)}: will not replace this folder: ${why}; give another --out, or move those files away`);
}

// ---- the lock: `.<name>.lock` beside the folder, holding the writer's PID ----

const held = new Map<string, string>();
let exitHook = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockPid(lock: string): number | null {
  try {
    const text = readFileSync(lock, 'utf8').trim();
    return /^\d{1,10}$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** Locks an output folder (its real path) for this process, or refuses with the PID of the run that holds it. A lock left by a dead process is taken over. */
export function lockOutput(real: string, given = real): void {
  if (held.has(real)) return;
  const lock = join(dirname(real), `.${basename(real)}.lock`);
  const mine = `${lock}.${process.pid}`;
  try {
    writeFileSync(mine, `${process.pid}\n`);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, lock); // atomic: fails if the lock is there, and it is never seen half-written
        held.set(real, lock);
        if (!exitHook) {
          exitHook = true;
          process.on('exit', () => {
            for (const l of held.values()) if (lockPid(l) === process.pid) rmSync(l, { force: true });
          });
        }
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const pid = lockPid(lock);
      if (pid !== null && pid !== process.pid && alive(pid))
        throw new UserError(`--out ${show(given)}: another waterway-sim run (PID ${pid}) is writing this folder; wait for it, or give another --out (if no such run is going on, remove ${lock})`);
      rmSync(lock, { force: true }); // stale: its process is gone
    }
    throw new UserError(`--out ${show(given)}: cannot take the lock ${lock}`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`--out ${show(given)}: cannot lock the folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    rmSync(mine, { force: true });
  }
}

export function unlockOutput(real: string): void {
  const lock = held.get(real);
  if (!lock) return;
  held.delete(real);
  if (lockPid(lock) === process.pid) rmSync(lock, { force: true });
}

/** Removes what a dead run left beside the folder: `.<name>.partial-PID`, `.<name>.old-PID` (put back if the folder is gone), `.<name>.lock.PID`. */
function cleanStale(real: string): void {
  const parent = dirname(real);
  const base = basename(real);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(`.${base}.`)) continue;
    const m = /^(partial|old|lock)[.-](\d{1,10})$/.exec(n.slice(base.length + 2));
    if (!m || Number(m[2]) === process.pid || alive(Number(m[2]))) continue;
    const p = join(parent, n);
    const st = lstatOrNull(p);
    if (!st) continue;
    try {
      if (m[1] === 'old' && st.isDirectory()) {
        if (replaceProblem(p) !== null) continue; // not purely ours: leave it be
        if (!existsSync(real)) renameSync(p, real); // the run died between its two renames: the old output comes back
        else rmSync(p, { recursive: true, force: true });
      } else if (m[1] === 'partial' && st.isDirectory()) {
        if (readdirSync(p, { withFileTypes: true }).every((e) => e.isFile())) rmSync(p, { recursive: true, force: true });
      } else if (st.isFile()) rmSync(p, { force: true });
    } catch {
      // best effort
    }
  }
}

/**
 * Everything about an output folder that can be known before a run: a sound
 * path, a folder that may be replaced, no other run writing it. Call it before
 * the simulation; the folder stays locked until the process ends (with
 * `lock: false`, only the checks: no folder made, no lock taken).
 */
export function prepareOutputFolder(given: string, flag = '--out', { lock = true }: { lock?: boolean } = {}): string {
  const real = checkOutputPath(given, flag, 'folder');
  if (!lock) {
    if (existsSync(real)) refuseForeign(given, real);
    return real;
  }
  try {
    mkdirSync(dirname(real), { recursive: true });
  } catch (err) {
    throw new UserError(`${flag} ${show(given)}: cannot make its parent folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const wasHeld = held.has(real);
  lockOutput(real, given);
  try {
    cleanStale(real);
    if (existsSync(real)) refuseForeign(given, real);
  } catch (err) {
    if (!wasHeld) unlockOutput(real);
    throw err;
  }
  return real;
}

/**
 * Writes a set of files as one folder, all or nothing: into a fresh sibling
 * temporary folder first, which then takes the place of the old folder, so the
 * folder never mixes two runs' files. The function is synchronous, so Ctrl-C
 * (handled in main) cannot land in the middle: the folder is the old one, the
 * new one, or (for an instant between two renames) absent. An existing folder
 * is replaced only if it holds nothing but the files its marker lists, unchanged.
 * Every file's content is made before the call (a workbook is packed asynchronously
 * beforehand), so nothing is written until all of it exists.
 */
export function writeOutputs(dir: string, files: Record<string, string | Uint8Array>): string[] {
  const real = checkOutputPath(dir, '--out', 'folder');
  const ownLock = !held.has(real);
  if (ownLock) prepareOutputFolder(dir);
  const tmp = join(dirname(real), `.${basename(real)}.partial-${process.pid}`);
  const old = join(dirname(real), `.${basename(real)}.old-${process.pid}`);
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const hashes: Record<string, string> = {};
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(tmp, name), content);
      hashes[name] = sha256(content);
    }
    writeFileSync(join(tmp, MARKER), `${JSON.stringify({ format: MARKER_FORMAT, files: hashes }, null, 1)}\n`);
    if (existsSync(real)) {
      refuseForeign(dir, real); // again: files may have come since the run began
      renameSync(real, old);
    }
    renameSync(tmp, real);
    noteWritten(dir);
    return Object.keys(files).map((n) => join(dir, n));
  } catch (err) {
    // Put the old folder back if the new one did not take its place.
    if (existsSync(old) && !existsSync(real)) renameSync(old, real);
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot write the outputs to ${show(dir)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
    if (ownLock) unlockOutput(real);
  }
}

/** Checks a single output file's path before anything runs (see checkOutputPath) and returns its real path. */
export function prepareOutputFile(file: string, flag: string): string {
  return checkOutputPath(file, flag, 'file');
}

/** One file written whole or not at all: a temporary sibling renamed into place. */
export function writeFileAtomic(file: string, content: string, flag = '--out'): void {
  const real = prepareOutputFile(file, flag);
  const tmp = join(dirname(real), `.${basename(real)}.partial-${process.pid}`);
  try {
    mkdirSync(dirname(real), { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, real);
  } catch (err) {
    throw new UserError(`cannot write ${show(file)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

import { dirname, relative, resolve } from 'node:path';
import { InputError, type Problem } from '../input/problems.js';
import { checkSchema } from '../input/schema.js';
import { YamlFile } from '../input/yaml-file.js';
import { cutUnreadable, type Cut } from './readable.js';
import { scenarioSchema } from './schema.js';

type Raw = Record<string, any>;

/** One file of a scenario's extends chain, as read. */
export interface Layer {
  file: YamlFile;
  text: string;
  /** What the schema accepts of the file (readable.ts): the rest is cut, and reported. */
  data: Raw;
  cuts: Cut[];
}

/**
 * Reads a file and what it extends, nearest first; a cycle or a broken file becomes a problem.
 * What a file's schema check refuses is cut out of its data (readable.ts) and the chain goes
 * on; it is incomplete (nothing more can be checked) when a file cannot be read, or its
 * `extends` or `network` is refused.
 */
export function readChain(file: string, problems: Problem[]): { layers: Layer[]; complete: boolean } {
  const layers: Layer[] = [];
  const seen: string[] = [];
  let current: string | undefined = file;
  let display = file;
  while (current !== undefined) {
    const abs = resolve(current);
    if (seen.includes(abs)) {
      const last = layers[layers.length - 1]!;
      problems.push(last.file.problem(['extends'], `cyclic extends: ${[...seen, abs].map((f) => relative(process.cwd(), f)).join(' → ')}`));
      return { layers, complete: false };
    }
    seen.push(abs);
    let yf: YamlFile;
    try {
      yf = YamlFile.read(abs, display);
    } catch (err) {
      if (err instanceof InputError) {
        const last = layers[layers.length - 1];
        // A missing extended file is the extending file's problem, at its `extends` line.
        if (last && err.problems.some((p) => p.problem === 'file not found')) problems.push(last.file.problem(['extends'], `extends '${last.data.extends}': file not found (${display})`));
        else problems.push(...err.problems);
        return { layers, complete: false };
      }
      throw err;
    }
    if (yf.data === null || typeof yf.data !== 'object' || Array.isArray(yf.data)) {
      problems.push(yf.problem([], 'a scenario file must be a mapping of keys (name, year, changes, …)'));
      return { layers, complete: false };
    }
    const schemaProblems = checkSchema(yf, scenarioSchema);
    problems.push(...schemaProblems);
    const { data, cuts, readable } = schemaProblems.length > 0 ? cutUnreadable(yf.data as Raw, scenarioSchema) : { data: yf.data as Raw, cuts: [], readable: true };
    layers.push({ file: yf, text: yf.text, data, cuts });
    if (!readable || cuts.some((c) => c.path[0] === 'extends' || c.path[0] === 'network')) return { layers, complete: false };
    const ext = data.extends as string | undefined;
    if (ext === undefined) break;
    current = resolve(dirname(abs), ext);
    display = relative(process.cwd(), current) || current;
  }
  return { layers, complete: true };
}

/** Merges a file over the one it extends: mappings key by key, anything else replaced. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (base && over && typeof base === 'object' && typeof over === 'object' && !Array.isArray(base) && !Array.isArray(over)) {
    const out: Raw = { ...(base as Raw) };
    for (const [k, v] of Object.entries(over as Raw)) out[k] = deepMerge(out[k], v);
    return out;
  }
  return over;
}

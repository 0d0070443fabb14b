import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { closest, distance as levenshteinDistance } from 'fastest-levenshtein';
import type { YamlFile } from './yaml-file.js';
import type { Problem } from './problems.js';

export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };
let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** A schema's name in the build's precompiled validators: a hash of its content, so a changed schema is never checked by a stale one. */
export function schemaKey(schema: object): string {
  return `s${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 24)}`;
}

/** The file the build writes beside this module (`npm run build`): Ajv's standalone code, no compiling at start-up. */
export const PRECOMPILED_FILE = 'validators.cjs';
let precompiled: Record<string, ValidateFunction> | null | undefined;
function precompiledValidators(): Record<string, ValidateFunction> | null {
  if (precompiled !== undefined) return precompiled;
  const file = new URL(`./${PRECOMPILED_FILE}`, import.meta.url);
  precompiled = file.protocol === 'file:' && existsSync(file) ? (createRequire(import.meta.url)(`./${PRECOMPILED_FILE}`) as Record<string, ValidateFunction>) : null;
  return precompiled;
}

/** The schema's validator: the build's precompiled one when it matches, else compiled now (about half a second for all of them). */
function validatorOf(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (v) return v;
  // Ajv itself loads only when a schema has no precompiled validator (under tsx, or a schema the build did not see).
  v = precompiledValidators()?.[schemaKey(schema)] ?? (ajv ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv(AJV_OPTIONS)).compile(schema);
  compiled.set(schema, v);
  return v;
}

/**
 * Checks a parsed file against a JSON Schema and turns Ajv's errors into
 * problems a planner can act on: the line, the path, and for unknown keys or
 * values the closest valid one.
 */
export function checkSchema(file: YamlFile, schema: object): Problem[] {
  const validate = validatorOf(schema);
  if (validate(file.data)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const translated = translate(e);
    if (!translated) continue;
    const path = [...pointerToPath(e.instancePath), ...translated.extraPath];
    const key = `${path.join('/')}|${translated.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(file.problem(path, translated.text));
  }
  return problems;
}

/** A place where a value breaks a schema: the path of the value at fault (an unknown key's ends in the key) and Ajv's keyword. */
export interface SchemaFault {
  path: (string | number)[];
  keyword: string;
}

/** Every place `data` breaks the schema, untranslated; none when it is valid. */
export function schemaFaults(data: unknown, schema: object): SchemaFault[] {
  const validate = validatorOf(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.keyword === 'additionalProperties' ? [...pointerToPath(e.instancePath), String((e.params as { additionalProperty: string }).additionalProperty)] : pointerToPath(e.instancePath),
    keyword: e.keyword,
  }));
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

/** Quantities are schema definitions whose name ends in "Quantity" or is "quantity". */
function isQuantity(e: ErrorObject): boolean {
  return /\$defs\/[A-Za-z]*[qQ]uantity\//.test(e.schemaPath);
}

function translate(e: ErrorObject): { text: string; extraPath: (string | number)[] } | null {
  // A failed branch of oneOf/anyOf is explained by the oneOf/anyOf error itself.
  if (/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath)) return null;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const guess = allowed.length ? closest(key, allowed) : undefined;
      const hint = guess && similar(key, guess) ? ` (did you mean '${guess}'?)` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
      return { text: `unknown key '${key}'${hint}`, extraPath: [key] };
    }
    case 'required':
      return { text: `missing '${String(p.missingProperty)}'`, extraPath: [] };
    case 'type': {
      if (isQuantity(e) && typeof e.data === 'number') {
        return { text: `missing unit: write { value: ${e.data}, unit: …, source: "…" } (or estimate: "…")`, extraPath: [] };
      }
      return { text: `expected ${String(p.type).replace(',', ' or ')}, got ${describe(e.data)}`, extraPath: [] };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      const hint = guess && typeof e.data === 'string' && similar(e.data, guess) ? ` (did you mean '${guess}'?)` : '';
      const what = /\/unit\//.test(e.schemaPath) || e.instancePath.endsWith('/unit') ? 'unit' : 'value';
      return { text: `unknown ${what} ${describe(e.data)}${hint}; expected one of ${allowed.join(', ')}`, extraPath: [] };
    }
    case 'minimum':
    case 'exclusiveMinimum': {
      const neg = typeof e.data === 'number' && e.data < 0;
      return { text: `${neg ? 'negative value' : 'value too small'} ${describe(e.data)}: must be ${e.keyword === 'minimum' ? '≥' : '>'} ${String(p.limit)}`, extraPath: [] };
    }
    case 'maximum':
    case 'exclusiveMaximum':
      return { text: `value ${describe(e.data)} too large: must be ${e.keyword === 'maximum' ? '≤' : '<'} ${String(p.limit)}`, extraPath: [] };
    case 'minItems':
      return { text: `needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`, extraPath: [] };
    case 'minLength':
      return { text: 'must not be empty', extraPath: [] };
    case 'pattern': {
      const form = (e.parentSchema as { description?: string }).description;
      return { text: form ? `${describe(e.data)} is not allowed: ${form}` : `${describe(e.data)} does not match the expected form ${String(p.pattern)}`, extraPath: [] };
    }
    case 'maxLength':
      return { text: `too long: at most ${String(p.limit)} characters`, extraPath: [] };
    case 'not':
    case 'oneOf':
    case 'anyOf':
      // Quantities: exactly one of source / estimate; explained by the schema's description.
      return { text: (e.parentSchema as { description?: string }).description ?? `is not valid (${e.keyword})`, extraPath: [] };
    case 'if':
      return null; // the 'then' branch's own error says what is wrong
    default:
      return { text: e.message ?? `is not valid (${e.keyword})`, extraPath: [] };
  }
}

/** Close enough to suggest: edit distance at most a third of the longer word. */
function similar(a: string, b: string): boolean {
  const d = levenshteinDistance(a.toLowerCase(), b.toLowerCase());
  return d <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}


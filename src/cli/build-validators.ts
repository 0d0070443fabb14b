/**
 * Build step (`npm run build`): every input schema compiled once by Ajv into standalone code,
 * written beside the compiled src/input/schema.js, so that no command compiles schemas at
 * start-up. Each validator is named by its schema's content hash; a schema changed since the
 * build is compiled at run time instead.
 */
import { writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, PRECOMPILED_FILE, schemaKey } from '../input/schema.js';
import { OPTIONAL_SEED_FILES, SEED_FILES } from '../network/seeds.js';
import { scenarioSchema } from '../scenario/schema.js';

const schemas = [scenarioSchema, ...Object.values(SEED_FILES), ...Object.values(OPTIONAL_SEED_FILES)];
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const names: Record<string, string> = {};
for (const s of schemas) {
  const key = schemaKey(s);
  if (names[key]) continue;
  ajv.addSchema(s, key);
  names[key] = key;
}
const out = new URL(`../input/${PRECOMPILED_FILE}`, import.meta.url);
writeFileSync(out, standaloneCode.default(ajv, names));
console.log(`precompiled ${Object.keys(names).length} schemas into ${out.pathname}`);

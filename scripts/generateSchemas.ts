// Writes schemas/scim-*.schema.json from src/core/scim, scim-registry.schema.json from src/core/registry and
// sandbox-config.schema.json from src/sandbox. Run: node --import tsx scripts/generateSchemas.ts
// (add --check to fail instead of writing when a file is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateJsonSchemas, serializeJsonSchema } from '../src/core/scim/jsonSchemaGen';
import { registrySchemaText } from '../src/core/registry/jsonSchema';
import { sandboxConfigSchema } from '../src/sandbox/configSchema';

const dir = join(import.meta.dirname ?? process.cwd(), '..', 'schemas');
const check = process.argv.includes('--check');
let stale = 0;
const outputs: [string, string][] = [
  ...Object.entries(generateJsonSchemas()).map(([name, schema]): [string, string] => [name, serializeJsonSchema(schema)]),
  ['scim-registry.schema.json', registrySchemaText()],
  ['sandbox-config.schema.json', JSON.stringify(sandboxConfigSchema(), null, 2) + '\n'],
];
for (const [name, text] of outputs) {
  const path = join(dir, name);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) {
    console.error(`${name} is out of date; run node --import tsx scripts/generateSchemas.ts`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`wrote schemas/${name}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;

// Fuzzing the registry parser and rules (issue 15); the scheme and the long mode are in harness.ts.
import { join } from 'node:path';
import { fuzzTests } from './harness';
import { properties } from './registryProperties';

fuzzTests(join(import.meta.dirname, 'registryProperties.ts'), properties);

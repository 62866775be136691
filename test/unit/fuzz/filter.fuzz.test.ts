// Fuzzing the filter and PATCH-path parsers (issue 15); the scheme and the long mode are in harness.ts.
import { join } from 'node:path';
import { fuzzTests } from './harness';
import { properties } from './filterProperties';

fuzzTests(join(import.meta.dirname, 'filterProperties.ts'), properties);

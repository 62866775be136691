// Fuzzing request files (issue 15); the scheme and the long mode are in harness.ts.
import { join } from 'node:path';
import { fuzzTests } from './harness';
import { properties } from './requestFileProperties';

fuzzTests(join(import.meta.dirname, 'requestFileProperties.ts'), properties);

// README's "Probe codes" table is the user's copy of src/core/probes/codes.ts: every code's row says exactly the
// severity, meaning and fix the probes use (diagnostics and reports link to these rows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBE_CODES } from '../../../src/core/probes';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

test('every probe code has its README row, in step with codes.ts', () => {
  const wrong: string[] = [];
  for (const [code, info] of Object.entries(PROBE_CODES)) {
    const row = `| <a id="${code.toLowerCase()}"></a>\`${code}\` | ${info.severity} | ${info.meaning} | ${info.fix} |`;
    if (!readme.includes(row)) wrong.push(`${code}:\n  expected ${row}\n  found    ${readme.split('\n').find((l) => l.includes(`<a id="${code.toLowerCase()}">`)) ?? '(no row)'}`);
  }
  assert.deepEqual(wrong, []);
});

// README's "Probe codes" table is written from src/core/probes/codes.ts: every code has its row with the same
// severity, meaning and fix, so the table users read is the list the probes report from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBE_CODES } from '../../../src/core/probes';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

test('every probe code has its README row, word for word', () => {
  for (const [code, info] of Object.entries(PROBE_CODES)) {
    const row = `| <a id="${code.toLowerCase()}"></a>\`${code}\` | ${info.severity} | ${info.meaning} | ${info.fix} |`;
    assert.ok(readme.includes(row), `README row for ${code} differs from codes.ts:\n${row}`);
  }
});

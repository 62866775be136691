// The README is where diagnostics link: every finding code must have its anchor there, and the set-up commands
// and every contributed command and setting must be documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownFindingCodes } from '../../src/core/registry/findingCodes';
import { SANDBOX_CODES } from '../../src/sandbox';
import { REQUEST_FILE_CODES } from '../../src/core/requestFile';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string; category?: string }[]; configuration: { properties: Record<string, unknown> }[] };
};

test('every finding code has a README anchor (diagnostics link to README.md#<code>)', () => {
  const codes = [...knownFindingCodes, ...Object.values(SANDBOX_CODES), ...Object.keys(REQUEST_FILE_CODES)];
  const missing = codes.filter((c) => !readme.includes(`<a id="${c.toLowerCase()}"></a>`));
  assert.deepEqual(missing, []);
});

test('the README shows the two set-up commands', () => {
  assert.ok(readme.includes('npm ci && npm run demo'));
  assert.ok(readme.includes('npm test'));
});

test('every contributed command and setting is documented', () => {
  for (const c of pkg.contributes.commands) {
    if (c.category !== 'SCIM') continue;
    assert.ok(readme.includes(`SCIM: ${c.title}`), `README misses the command "SCIM: ${c.title}"`);
  }
  for (const section of pkg.contributes.configuration) {
    for (const key of Object.keys(section.properties)) assert.ok(readme.includes(`\`${key}\``), `README misses the setting ${key}`);
  }
});

test('every image the README shows exists', () => {
  for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
    const file = m[1] ?? '';
    assert.doesNotThrow(() => readFileSync(join(root, file)), `missing ${file}`);
  }
});
